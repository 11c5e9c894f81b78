// Uptime (24 h, 30 d) and p95 latency (24 h) for many clients at once, for the dashboard table:
// uptime from the state-change history (a few rows per system), latency from hourly rollup
// histograms, never from raw checks. Closed hours never change, so their rollups are read once
// per process and kept (a minute after the hour ends, when no in-flight write can still land in
// it); each request reads only the open hour's rollups. 1,000 systems × 24 h stays a small read.
import type { Db } from "@/lib/db/client";
import { computeUptime, windowFor, type StateInterval } from "./compute-uptime";
import { roundUptime } from "./history-series";
import { histogramPercentile, mergeHistograms } from "./latency-histogram";

export interface ClientHealthStats {
  uptime24h: number | null;
  uptime30d: number | null;
  p95ResponseMs24h: number | null;
}

const HOUR_MS = 3_600_000;
const SETTLE_MS = 60_000;

interface HourRollup {
  hist: number[];
  max: number | null;
}
type HourCache = Map<number, Map<string, HourRollup>>; // hour start → system id → rollup

const caches = new WeakMap<Db, HourCache>();

function cacheFor(db: Db): HourCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

async function readHours(db: Db, systemIds: string[], from: Date, to: Date | null) {
  return db.checkRollup.findMany({
    where: { period: "hour", systemId: { in: systemIds }, bucketStart: { gte: from, ...(to ? { lt: to } : {}) } },
    select: { systemId: true, bucketStart: true, latencyHist: true, latencyMax: true },
  });
}

/** Hourly histograms of the 24 h window ending now, per system: cached closed hours + the open ones. */
async function hourlyHistograms(db: Db, systems: { id: string }[], now: Date): Promise<Map<string, HourRollup[]>> {
  const ids = systems.map((s) => s.id);
  const out = new Map<string, HourRollup[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const firstHour = Math.floor((now.getTime() - 24 * HOUR_MS) / HOUR_MS) * HOUR_MS + HOUR_MS;
  const openFrom = Math.floor((now.getTime() - SETTLE_MS) / HOUR_MS) * HOUR_MS; // hours from here may still change
  const cache = cacheFor(db);
  for (const hour of cache.keys()) if (hour < firstHour) cache.delete(hour);

  const missing: number[] = [];
  for (let h = firstHour; h < openFrom; h += HOUR_MS) if (!cache.has(h)) missing.push(h);
  if (missing.length) {
    // Closed hours are cached for every system, so a closed hour is read once per process.
    const rows = await db.checkRollup.findMany({
      where: { period: "hour", bucketStart: { in: missing.map((h) => new Date(h)) } },
      select: { systemId: true, bucketStart: true, latencyHist: true, latencyMax: true },
    });
    for (const h of missing) cache.set(h, new Map());
    for (const r of rows) cache.get(r.bucketStart.getTime())!.set(r.systemId, { hist: r.latencyHist, max: r.latencyMax });
  }
  for (let h = firstHour; h < openFrom; h += HOUR_MS) {
    const hour = cache.get(h)!;
    for (const id of ids) {
      const r = hour.get(id);
      if (r) out.get(id)!.push(r);
    }
  }
  for (const r of await readHours(db, ids, new Date(Math.max(openFrom, firstHour)), null)) {
    out.get(r.systemId)?.push({ hist: r.latencyHist, max: r.latencyMax });
  }
  return out;
}

/** Stats per client ref for the given clients' enabled systems. */
export async function clientHealthStats(
  db: Db,
  clients: { id: string; systems: { id: string; enabled: boolean }[] }[],
  now: Date,
): Promise<Map<string, ClientHealthStats>> {
  const systems = clients.flatMap((c) => c.systems.filter((s) => s.enabled).map((s) => ({ id: s.id, clientRef: c.id })));
  const result = new Map<string, ClientHealthStats>();
  if (systems.length === 0) {
    for (const c of clients) result.set(c.id, { uptime24h: null, uptime30d: null, p95ResponseMs24h: null });
    return result;
  }
  const month = windowFor("30d", now);
  const day = windowFor("24h", now);
  const [changes, hours] = await Promise.all([
    db.statusChange.findMany({
      where: { systemId: { in: systems.map((s) => s.id) }, OR: [{ endedAt: null }, { endedAt: { gt: month.start } }] },
      select: { systemId: true, toStatus: true, startedAt: true, endedAt: true },
    }),
    hourlyHistograms(db, systems, now),
  ]);
  const intervalsBySystem = new Map<string, StateInterval[]>();
  for (const c of changes) {
    const end = c.endedAt ?? now;
    if (end <= c.startedAt) continue;
    const list = intervalsBySystem.get(c.systemId) ?? [];
    list.push({ status: c.toStatus, start: c.startedAt, end });
    intervalsBySystem.set(c.systemId, list);
  }

  const byClient = new Map<string, { up24: number; known24: number; up30: number; known30: number; hours: HourRollup[] }>();
  for (const s of systems) {
    const acc = byClient.get(s.clientRef) ?? { up24: 0, known24: 0, up30: 0, known30: 0, hours: [] };
    const intervals = intervalsBySystem.get(s.id) ?? [];
    const d = computeUptime(intervals, day);
    const m = computeUptime(intervals, month);
    acc.up24 += d.healthyMs + d.degradedMs;
    acc.known24 += d.knownMs;
    acc.up30 += m.healthyMs + m.degradedMs;
    acc.known30 += m.knownMs;
    acc.hours.push(...(hours.get(s.id) ?? []));
    byClient.set(s.clientRef, acc);
  }
  for (const c of clients) {
    const acc = byClient.get(c.id);
    if (!acc) {
      result.set(c.id, { uptime24h: null, uptime30d: null, p95ResponseMs24h: null });
      continue;
    }
    const maxes = acc.hours.map((h) => h.max).filter((m): m is number => m !== null);
    result.set(c.id, {
      // Time-weighted across the client's systems: each system-minute counts once.
      uptime24h: acc.known24 > 0 ? roundUptime((acc.up24 / acc.known24) * 100) : null,
      uptime30d: acc.known30 > 0 ? roundUptime((acc.up30 / acc.known30) * 100) : null,
      p95ResponseMs24h: histogramPercentile(mergeHistograms(acc.hours.map((h) => h.hist)), 95, maxes.length ? Math.max(...maxes) : null),
    });
  }
  return result;
}
