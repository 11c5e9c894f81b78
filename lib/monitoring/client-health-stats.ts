// Uptime (24 h, 30 d) and p95 latency (24 h) for many clients at once, for the dashboard table.
// Budget: 1,000 systems with 30 days of one-minute history in well under 100 ms, so:
// - uptime is summed per client in SQL from the state-change history (a few rows per system
//   per incident): the same rule as computeUptime (degraded counts as up, unknown time is left
//   out), exact because a system's confirmed states never overlap (each change closes the last);
// - p95 latency comes from hourly rollup histograms of the last 24 complete hours. Closed hours
//   never change, so each is read once per process (a minute after it ends, when no in-flight
//   write can still land in it) and kept: a request reads no latency data at all, except for
//   systems younger than their first complete hour, whose open hour is read instead.
import type { ClientHealthStats } from "@/lib/clients/client-output";
import { clientInScope, scopeSql, scopeSystemRows } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import { windowFor, type TimeWindow } from "./compute-uptime";
import { uptimeFigure, windowCoverage } from "./coverage";
import { HISTOGRAM_BUCKETS, histogramPercentile } from "./latency-histogram";

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

/**
 * Time-weighted uptime sums per client ref over the last 24 h and 30 d (seconds of up and of
 * known time), and the first known instant inside each window (where its coverage begins).
 */
async function uptimeByClient(ctx: Context, refs: string[], day: TimeWindow, month: TimeWindow) {
  const now = day.end;
  const rows = await ctx.db.$queryRaw<
    { client_ref: string; up24: number; known24: number; up30: number; known30: number; first24: Date | null; first30: Date | null }[]
  >`
    WITH iv AS (
      SELECT s.client_ref, sc.to_status AS status, sc.started_at AS a, LEAST(COALESCE(sc.ended_at, ${now}::timestamptz), ${now}::timestamptz) AS b
      FROM status_changes sc JOIN systems s ON s.id = sc.system_id
      WHERE s.enabled AND s.client_ref = ANY(${refs}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
        AND (sc.ended_at IS NULL OR sc.ended_at > ${month.start}::timestamptz) AND sc.started_at < ${now}::timestamptz
    ), clipped AS (
      SELECT client_ref, status, a,
        -- date_part is float8 (EXTRACT is numeric, several times slower over thousands of rows)
        GREATEST(0, date_part('epoch', b) - date_part('epoch', GREATEST(a, ${day.start}::timestamptz))) AS d24,
        GREATEST(0, date_part('epoch', b) - date_part('epoch', GREATEST(a, ${month.start}::timestamptz))) AS d30
      FROM iv
    )
    SELECT client_ref,
      COALESCE(SUM(d24) FILTER (WHERE status IN ('healthy', 'degraded')), 0)::float8 AS up24,
      COALESCE(SUM(d24) FILTER (WHERE status <> 'unknown'), 0)::float8 AS known24,
      COALESCE(SUM(d30) FILTER (WHERE status IN ('healthy', 'degraded')), 0)::float8 AS up30,
      COALESCE(SUM(d30) FILTER (WHERE status <> 'unknown'), 0)::float8 AS known30,
      -- Coverage begins at the earliest known instant of any of the client's systems in the window.
      MIN(GREATEST(a, ${day.start}::timestamptz)) FILTER (WHERE status <> 'unknown' AND d24 > 0) AS first24,
      MIN(GREATEST(a, ${month.start}::timestamptz)) FILTER (WHERE status <> 'unknown' AND d30 > 0) AS first30
    FROM clipped GROUP BY client_ref`;
  const byRef = new Map(rows.map((r) => [r.client_ref, r]));
  await leaveOutMaintenance(ctx, refs, day, month, byRef);
  return byRef;
}

/**
 * Takes the clients' maintenance time out of the sums (not out of first24/first30: a window
 * watched through maintenance is still covered). One indexed query for the windows; a second,
 * only when some client has maintenance in the last 30 days, sums the state time inside it.
 */
async function leaveOutMaintenance(
  ctx: Context,
  refs: string[],
  day: TimeWindow,
  month: TimeWindow,
  byRef: Map<string, { up24: number; known24: number; up30: number; known30: number }>,
): Promise<void> {
  const spans = await maintenanceIntervals(ctx.db, refs, month.start, month.end);
  if (spans.size === 0) return;
  const mRefs: string[] = [];
  const mStarts: string[] = [];
  const mEnds: string[] = [];
  for (const [ref, list] of spans) {
    for (const m of list) {
      mRefs.push(ref);
      mStarts.push(m.start.toISOString());
      mEnds.push(m.end.toISOString());
    }
  }
  const now = day.end;
  const rows = await ctx.db.$queryRaw<{ client_ref: string; up24: number; known24: number; up30: number; known30: number }[]>`
    WITH m AS (
      SELECT client_ref, ms::timestamptz AS ms, me::timestamptz AS me
      FROM unnest(${mRefs}::uuid[], ${mStarts}::text[], ${mEnds}::text[]) AS m(client_ref, ms, me)
    ), iv AS (
      SELECT s.client_ref, sc.to_status AS status, sc.started_at AS a, LEAST(COALESCE(sc.ended_at, ${now}::timestamptz), ${now}::timestamptz) AS b
      FROM status_changes sc JOIN systems s ON s.id = sc.system_id
      WHERE s.enabled AND s.client_ref = ANY(${[...spans.keys()]}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
        AND (sc.ended_at IS NULL OR sc.ended_at > ${month.start}::timestamptz) AND sc.started_at < ${now}::timestamptz
    ), ov AS (
      SELECT iv.client_ref, iv.status, GREATEST(iv.a, m.ms) AS a, LEAST(iv.b, m.me) AS b
      FROM iv JOIN m ON m.client_ref = iv.client_ref AND m.ms < iv.b AND m.me > iv.a
    ), clipped AS (
      SELECT client_ref, status,
        GREATEST(0, date_part('epoch', b) - date_part('epoch', GREATEST(a, ${day.start}::timestamptz))) AS d24,
        GREATEST(0, date_part('epoch', b) - date_part('epoch', GREATEST(a, ${month.start}::timestamptz))) AS d30
      FROM ov
    )
    SELECT client_ref::text AS client_ref,
      COALESCE(SUM(d24) FILTER (WHERE status IN ('healthy', 'degraded')), 0)::float8 AS up24,
      COALESCE(SUM(d24) FILTER (WHERE status <> 'unknown'), 0)::float8 AS known24,
      COALESCE(SUM(d30) FILTER (WHERE status IN ('healthy', 'degraded')), 0)::float8 AS up30,
      COALESCE(SUM(d30) FILTER (WHERE status <> 'unknown'), 0)::float8 AS known30
    FROM clipped GROUP BY client_ref`;
  for (const r of rows) {
    const u = byRef.get(r.client_ref);
    if (!u) continue;
    // Float sums: a remainder under a millisecond is nothing (not a figure from rounding dust).
    const left = (a: number, b: number) => (a - b < 0.001 ? 0 : a - b);
    u.up24 = left(u.up24, r.up24);
    u.known24 = left(u.known24, r.known24);
    u.up30 = left(u.up30, r.up30);
    u.known30 = left(u.known30, r.known30);
  }
}

/**
 * Stats per client ref for the given clients' enabled systems, at the context's clock. Clients
 * outside the caller's scope are left out (no entry) even when handed in.
 */
export async function clientHealthStats(
  ctx: Context,
  given: { id: string; clientId: string; systems: { id: string; enabled: boolean }[] }[],
): Promise<Map<string, ClientHealthStats>> {
  const now = ctx.clock.now();
  const clients = given.filter((c) => clientInScope(ctx, c.clientId));
  const result = new Map<string, ClientHealthStats>();
  const systems = clients.flatMap((c) => c.systems.filter((s) => s.enabled).map((s) => ({ id: s.id, clientRef: c.id })));
  const refs = [...new Set(systems.map((s) => s.clientRef))];
  if (refs.length === 0) {
    for (const c of clients) result.set(c.id, { uptime24h: null, uptime30d: null, p95ResponseMs24h: null });
    return result;
  }
  const day = windowFor("24h", now);
  const month = windowFor("30d", now);
  const [uptime, latency] = await Promise.all([uptimeByClient(ctx, refs, day, month), latencyByClient(ctx, systems, refs, now)]);
  for (const c of clients) {
    const u = uptime.get(c.id);
    const l = latency.get(c.id);
    const figure = (up: number, known: number, first: Date | null, window: TimeWindow) =>
      known > 0 ? uptimeFigure((up / known) * 100, windowCoverage(window, first === null ? null : new Date(first))) : null;
    result.set(c.id, {
      // Time-weighted across the client's systems (each system-minute counts once), with the span covered.
      uptime24h: u ? figure(u.up24, u.known24, u.first24, day) : null,
      uptime30d: u ? figure(u.up30, u.known30, u.first30, month) : null,
      p95ResponseMs24h: l ? histogramPercentile(l.hist, 95, l.max) : null,
    });
  }
  return result;
}
