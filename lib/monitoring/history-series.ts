// Pure: a system's history shaped for the client page — 90 daily uptime bars from the
// confirmed state intervals, latency points and statistics from hourly/daily rollups or raw
// checks. No I/O and no clock: the verb (get-system-history.ts) reads the rows and passes "now".
import { computeUptime, latencyStats, type StateInterval } from "./compute-uptime";
import { histogramPercentile, mergeHistograms } from "./latency-histogram";
import type { ProbeStatus } from "./classify-probe";

// 1h and 6h are for young systems: an hour of checks fills the chart instead of a sliver of a day.
export const HISTORY_TIMEFRAMES = ["1h", "6h", "24h", "7d", "30d", "90d"] as const;
export type HistoryTimeframe = (typeof HISTORY_TIMEFRAMES)[number];

/** Where each timeframe's latency series comes from: raw checks, or one rollup period. */
export const TIMEFRAME_GRANULARITY = { "1h": "check", "6h": "check", "24h": "check", "7d": "hour", "30d": "hour", "90d": "day" } as const satisfies Record<
  HistoryTimeframe,
  "check" | "hour" | "day"
>;

const UPTIME_BAR_DAYS = 90;
/** How many state changes per system the history lists (and the client page shows in all). */
export const RECENT_STATE_CHANGES = 20;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const TIMEFRAME_MS: Record<HistoryTimeframe, number> = {
  "1h": HOUR_MS,
  "6h": 6 * HOUR_MS,
  "24h": DAY_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
  "90d": 90 * DAY_MS,
};

/** A timeframe's window ending at `now`: an exact duration, like compute-uptime's rolling windows. */
export function historyWindow(timeframe: HistoryTimeframe, now: Date): { start: Date; end: Date } {
  return { start: new Date(now.getTime() - TIMEFRAME_MS[timeframe]), end: new Date(now.getTime()) };
}

export const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;

export type BarStatus = ProbeStatus | "no_data";

export interface UptimeBar {
  /** UTC day, "YYYY-MM-DD". */
  date: string;
  /** The worst confirmed state the day saw (down > degraded > healthy); no_data when none is known. */
  status: BarStatus;
  /** Time-weighted, degraded counts as up; null when the day holds no known time. */
  uptime_pct: number | null;
  down_minutes: number;
  degraded_minutes: number;
  /** Checks stored that day (from the daily rollup). */
  checks: number;
}

/** The first instant of the oldest bar: UTC midnight `days − 1` days before today. */
export function barsStart(now: Date, days = UPTIME_BAR_DAYS): Date {
  return new Date(floorTo(now.getTime(), DAY_MS) - (days - 1) * DAY_MS);
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Whole minutes, but any downtime at all shows as at least 1: a red bar must never say "0 min".
function minutes(ms: number): number {
  if (ms <= 0) return 0;
  return Math.max(1, Math.round(ms / 60_000));
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Uptime to 2 decimals, except that it never rounds up to 100 when there was downtime: a day
 * with 3 s down reads 99.99, not a perfect 100 next to a red bar.
 */
export function roundUptime(pct: number): number {
  const r = round(pct, 2);
  return r === 100 && pct < 100 ? 99.99 : r;
}

/**
 * Exactly `days` UTC days ending with today (today's bar covers midnight → now). Each day's
 * figures come from computeUptime over that day alone, so the bars and the uptime windows
 * follow the same rules. Intervals are split to the days they touch first (one pass), so a
 * flapping system with thousands of intervals costs O(intervals + days), not their product.
 * `checksByDay` maps "YYYY-MM-DD" to that day's check count (missing = 0).
 */
export function uptimeBars(
  intervals: readonly StateInterval[],
  checksByDay: ReadonlyMap<string, number>,
  now: Date,
  days = UPTIME_BAR_DAYS,
): UptimeBar[] {
  const first = barsStart(now, days).getTime();
  const nowMs = now.getTime();
  const perDay: StateInterval[][] = Array.from({ length: days }, () => []);
  for (const iv of intervals) {
    const start = Math.max(iv.start.getTime(), first);
    const end = Math.min(iv.end.getTime(), nowMs);
    if (end <= start) continue;
    const last = Math.min(days - 1, Math.floor((end - 1 - first) / DAY_MS));
    // Input order is kept per day: computeUptime breaks ties between overlaps by it.
    for (let d = Math.floor((start - first) / DAY_MS); d <= last; d++) perDay[d]!.push(iv);
  }
  return perDay.map((dayIntervals, d) => {
    const start = first + d * DAY_MS;
    const end = Math.min(start + DAY_MS, nowMs);
    const u = computeUptime(dayIntervals, { start: new Date(start), end: new Date(Math.max(start, end)) });
    const status: BarStatus = u.downMs > 0 ? "down" : u.degradedMs > 0 ? "degraded" : u.healthyMs > 0 ? "healthy" : "no_data";
    const date = isoDay(start);
    return {
      date,
      status,
      uptime_pct: u.uptimePct === null ? null : roundUptime(u.uptimePct),
      down_minutes: minutes(u.downMs),
      degraded_minutes: minutes(u.degradedMs),
      checks: checksByDay.get(date) ?? 0,
    };
  });
}

/** The columns of a check_rollups row that the series need. */
export interface RollupRow {
  bucketStart: Date;
  checks: number;
  latencyCount: number;
  latencySum: number;
  latencyMax: number | null;
  latencyHist: readonly number[];
}

export interface RollupPoint {
  /** Bucket start, ISO. */
  t: string;
  /** null when no check of the bucket had a response time (all failed). */
  avg_ms: number | null;
  p95_ms: number | null;
  checks: number;
}

export interface LatencySummary {
  avg_ms: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  /** How many response times the figures are made of. */
  count: number;
}

/** One point per stored bucket, oldest first; a missing bucket is a gap (no point), not a zero. */
export function rollupPoints(rows: readonly RollupRow[]): RollupPoint[] {
  return [...rows]
    .sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime())
    .map((r) => ({
      t: r.bucketStart.toISOString(),
      avg_ms: r.latencyCount > 0 ? round(r.latencySum / r.latencyCount, 1) : null,
      p95_ms: histogramPercentile(r.latencyHist, 95, r.latencyMax),
      checks: r.checks,
    }));
}

/**
 * Statistics over many buckets: the average from the exact sums, percentiles from the summed
 * histograms (±9 %, see latency-histogram.ts), clamped to the slowest real check.
 */
export function rollupSummary(rows: readonly RollupRow[]): LatencySummary {
  const count = rows.reduce((n, r) => n + r.latencyCount, 0);
  if (count === 0) return { avg_ms: null, p50_ms: null, p95_ms: null, p99_ms: null, count: 0 };
  const sum = rows.reduce((s, r) => s + r.latencySum, 0);
  const max = rows.reduce<number | null>((m, r) => (r.latencyMax !== null && (m === null || r.latencyMax > m) ? r.latencyMax : m), null);
  const hist = mergeHistograms(rows.map((r) => r.latencyHist));
  return {
    avg_ms: round(sum / count, 1),
    p50_ms: histogramPercentile(hist, 50, max),
    p95_ms: histogramPercentile(hist, 95, max),
    p99_ms: histogramPercentile(hist, 99, max),
    count,
  };
}

export interface RawCheckRow {
  checkedAt: Date;
  status: ProbeStatus;
  responseTimeMs: number | null;
  /** Made inside a maintenance window: plotted (marked), never counted. */
  maintenance?: boolean;
}

export interface RawPoint {
  t: string;
  /** null for a probe that got no response (connection error, timeout). */
  ms: number | null;
  status: ProbeStatus;
  /** Present (true) only for a check made inside a maintenance window. */
  maintenance?: true;
}

export function rawPoints(rows: readonly RawCheckRow[]): RawPoint[] {
  return [...rows]
    .sort((a, b) => a.checkedAt.getTime() - b.checkedAt.getTime())
    .map((r) => ({ t: r.checkedAt.toISOString(), ms: r.responseTimeMs === null ? null : round(r.responseTimeMs, 1), status: r.status, ...(r.maintenance ? { maintenance: true as const } : {}) }));
}

/** Exact statistics over raw checks (nearest-rank percentiles, see latencyStats); maintenance checks are left out. */
export function rawSummary(rows: readonly RawCheckRow[]): LatencySummary {
  const s = latencyStats(rows.filter((r) => !r.maintenance).map((r) => r.responseTimeMs ?? Number.NaN));
  const r1 = (v: number | null) => (v === null ? null : round(v, 1));
  return { avg_ms: r1(s.avg), p50_ms: r1(s.p50), p95_ms: r1(s.p95), p99_ms: r1(s.p99), count: s.count };
}

/** Rollup buckets that overlap [windowStart, …): a bucket starting up to one bucket before it counts. */
export function overlapsWindow(bucketStart: Date, bucketMs: number, windowStart: Date): boolean {
  return bucketStart.getTime() + bucketMs > windowStart.getTime();
}

/** The newest `limit` state changes across systems, newest first, each with its system's name. */
export function mergeStateChanges<C extends { started_at: string }>(
  systems: readonly { system_name: string; state_changes: readonly C[] }[],
  limit = RECENT_STATE_CHANGES,
): (C & { system_name: string })[] {
  return systems
    .flatMap((s) => s.state_changes.map((c) => ({ ...c, system_name: s.system_name })))
    .sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at))
    .slice(0, limit);
}
