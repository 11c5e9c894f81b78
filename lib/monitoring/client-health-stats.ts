// Uptime (24 h, 30 d) and p95 latency (24 h) for many clients at once, for the dashboard table.
// Budget: 1,000 systems with 30 days of one-minute history in well under 100 ms, so:
// - uptime is summed per client from the state-change history (state-history.ts: a few rows per
//   system per incident, loaded once and shared with the attention rules): the same rule as
//   computeUptime (degraded counts as up, unknown time is left out), exact because a system's
//   confirmed states never overlap (each change closes the last);
// - p95 latency comes from hourly rollup histograms of the last 24 complete hours. Closed hours
//   never change, so each is read once per process (a minute after it ends, when no in-flight
//   write can still land in it) and kept: a request reads no latency data at all, except for
//   systems younger than their first complete hour, whose open hour is read instead.
import type { ClientHealthStats } from "@/lib/clients/client-output";
import { clientInScope, scopeSystemRows } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import { windowFor, type TimeWindow } from "./compute-uptime";
import { uptimeFigure, windowCoverage } from "./coverage";
import { HISTOGRAM_BUCKETS, histogramPercentile } from "./latency-histogram";
import { loadStateHistory, type StateHistory } from "./state-history";
import { withoutMaintenance, type TimeSpan } from "./maintenance-time";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SETTLE_MS = 60_000;

interface HourRollup {
  hist: number[];
  max: number | null;
}
type HourCache = Map<number, Map<string, HourRollup>>; // hour start → system id → rollup

const caches = new WeakMap<Db, HourCache>();
type MergedClosed = { closed: Map<string, LatencyAcc>; young: Map<string, string> };
// A few entries: the dashboard, the clients list and one-client callers each keep theirs.
const mergedClosed = new WeakMap<Db, Map<string, MergedClosed>>();
const MERGED_ENTRIES = 8;

function cacheFor(db: Db): HourCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

interface LatencyAcc {
  hist: number[];
  max: number | null;
}
const newAcc = (): LatencyAcc => ({ hist: new Array<number>(HISTOGRAM_BUCKETS).fill(0), max: null });
function add(acc: LatencyAcc, hist: readonly number[], max: number | null) {
  for (let i = 0; i < hist.length && i < HISTOGRAM_BUCKETS; i++) acc.hist[i]! += hist[i] ?? 0;
  if (max !== null && (acc.max === null || max > acc.max)) acc.max = max;
}

/** Latency histograms of the last 24 complete hours, summed per client ref. */
async function latencyByClient(ctx: Context, systems: { id: string; clientRef: string }[], refs: string[], now: Date): Promise<Map<string, LatencyAcc>> {
  const out = new Map<string, LatencyAcc>(refs.map((r) => [r, newAcc()]));
  const openFrom = Math.floor((now.getTime() - SETTLE_MS) / HOUR_MS) * HOUR_MS; // hours from here may still change
  const firstHour = openFrom - DAY_MS;
  const db = ctx.db;
  const cache = cacheFor(db);
  for (const hour of cache.keys()) if (hour < firstHour) cache.delete(hour);

  const missing: number[] = [];
  for (let h = firstHour; h < openFrom; h += HOUR_MS) if (!cache.has(h)) missing.push(h);
  if (missing.length) {
    // Closed hours are cached for every system, so a closed hour is read once per process. Not
    // client-scoped on purpose: the cache is shared by every caller, and only the systems of
    // the (already scoped) clients handed in are read out of it.
    const rows = await db.checkRollup.findMany({
      where: { period: "hour", bucketStart: { in: missing.map((h) => new Date(h)) } },
      select: { systemId: true, bucketStart: true, latencyHist: true, latencyMax: true },
    });
    for (const h of missing) cache.set(h, new Map());
    for (const r of rows) cache.get(r.bucketStart.getTime())!.set(r.systemId, { hist: r.latencyHist, max: r.latencyMax });
  }
  // The closed hours' sums per client only change when the hour moves on or the set of
  // systems does: computed once per (hour, systems) and reused by every request in between.
  const key = `${openFrom}|${systems.map((s) => `${s.id}:${s.clientRef}`).join(",")}`;
  let memo = mergedClosed.get(db);
  if (!memo) mergedClosed.set(db, (memo = new Map()));
  let merged = memo.get(key);
  if (!merged) {
    const closed = new Map<string, LatencyAcc>(refs.map((r) => [r, newAcc()]));
    const young = new Map<string, string>(); // systems with no complete hour yet → their client
    for (const s of systems) {
      let seen = false;
      for (let h = firstHour; h < openFrom; h += HOUR_MS) {
        const r = cache.get(h)!.get(s.id);
        if (r) {
          add(closed.get(s.clientRef)!, r.hist, r.max);
          seen = true;
        }
      }
      if (!seen) young.set(s.id, s.clientRef);
    }
    merged = { closed, young };
    memo.set(key, merged);
    if (memo.size > MERGED_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  for (const [ref, acc] of merged.closed) add(out.get(ref)!, acc.hist, acc.max);
  const young = merged.young;
  if (young.size > 0) {
    const rows = await db.checkRollup.findMany({
      where: scopeSystemRows(ctx, { period: "hour", systemId: { in: [...young.keys()] }, bucketStart: { gte: new Date(openFrom) } }),
      select: { systemId: true, latencyHist: true, latencyMax: true },
    });
    for (const r of rows) add(out.get(young.get(r.systemId)!)!, r.latencyHist, r.latencyMax);
  }
  return out;
}

interface UptimeSums {
  up24: number;
  known24: number;
  up30: number;
  known30: number;
  first24: number;
  first30: number;
}

/**
 * Time-weighted uptime sums per client ref over the last 24 h and 30 d (ms of up and of known
 * time), and the first known instant inside each window (where its coverage begins), from the
 * state history the attention rules read too. Exact because a system's confirmed states never
 * overlap (each change closes the last).
 */
function uptimeByClient(
  systems: { id: string; clientRef: string }[],
  history: StateHistory,
  day: TimeWindow,
  month: TimeWindow,
  maintenance: ReadonlyMap<string, readonly TimeSpan[]>,
): Map<string, UptimeSums> {
  const out = new Map<string, UptimeSums>();
  const dayStart = day.start.getTime();
  const monthStart = month.start.getTime();
  for (const s of systems) {
    const intervals = history.intervals.get(s.id);
    if (!intervals) continue;
    let sums = out.get(s.clientRef);
    if (!sums) out.set(s.clientRef, (sums = { up24: 0, known24: 0, up30: 0, known30: 0, first24: Infinity, first30: Infinity }));
    // Coverage begins at the first known instant, maintenance or not (a window watched through
    // maintenance is covered); the figure leaves the client's maintenance time out.
    for (const iv of intervals) {
      if (iv.status === "unknown") continue;
      const a = iv.start.getTime();
      const b = iv.end.getTime(); // clipped to now already
      if (b - Math.max(a, dayStart) > 0) sums.first24 = Math.min(sums.first24, Math.max(a, dayStart));
      if (b - Math.max(a, monthStart) > 0) sums.first30 = Math.min(sums.first30, Math.max(a, monthStart));
    }
    for (const iv of withoutMaintenance(intervals, maintenance.get(s.clientRef))) {
      if (iv.status === "unknown") continue;
      const a = iv.start.getTime();
      const b = iv.end.getTime();
      const up = iv.status === "healthy" || iv.status === "degraded";
      const d24 = Math.max(0, b - Math.max(a, dayStart));
      const d30 = Math.max(0, b - Math.max(a, monthStart));
      sums.known24 += d24;
      if (up) sums.up24 += d24;
      sums.known30 += d30;
      if (up) sums.up30 += d30;
    }
  }
  return out;
}

/**
 * Stats per client ref for the given clients' enabled systems, at the context's clock. Clients
 * outside the caller's scope are left out (no entry) even when handed in.
 */
export async function clientHealthStats(
  ctx: Context,
  given: { id: string; clientId: string; systems: { id: string; enabled: boolean }[] }[],
  history?: StateHistory | Promise<StateHistory>,
): Promise<Map<string, ClientHealthStats>> {
  const clients = given.filter((c) => clientInScope(ctx, c.clientId));
  const result = new Map<string, ClientHealthStats>();
  const systems = clients.flatMap((c) => c.systems.filter((s) => s.enabled).map((s) => ({ id: s.id, clientRef: c.id })));
  const refs = [...new Set(systems.map((s) => s.clientRef))];
  if (refs.length === 0) {
    for (const c of clients) result.set(c.id, { uptime24h: null, uptime30d: null, p95ResponseMs24h: null });
    return result;
  }
  const statesPromise = Promise.resolve(history ?? loadStateHistory(ctx, systems.map((s) => ({ id: s.id }))));
  const [states, latency, maintenance] = await Promise.all([
    statesPromise,
    statesPromise.then((h) => latencyByClient(ctx, systems, refs, h.now)),
    // Maintenance time is out of the uptime figures (one indexed query for all the clients).
    statesPromise.then((h) => maintenanceIntervals(ctx.db, refs, windowFor("30d", h.now).start, h.now)),
  ]);
  const now = states.now;
  const day = windowFor("24h", now);
  const month = windowFor("30d", now);
  const uptime = uptimeByClient(systems, states, day, month, maintenance);
  for (const c of clients) {
    const u = uptime.get(c.id);
    const l = latency.get(c.id);
    const figure = (up: number, known: number, first: number, window: TimeWindow) =>
      known > 0 ? uptimeFigure((up / known) * 100, windowCoverage(window, first === Infinity ? null : new Date(first))) : null;
    result.set(c.id, {
      // Time-weighted across the client's systems (each system-minute counts once), with the span covered.
      uptime24h: u ? figure(u.up24, u.known24, u.first24, day) : null,
      uptime30d: u ? figure(u.up30, u.known30, u.first30, month) : null,
      p95ResponseMs24h: l ? histogramPercentile(l.hist, 95, l.max) : null,
    });
  }
  return result;
}
