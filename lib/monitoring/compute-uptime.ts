// Pure: uptime and latency statistics from ClientPulse's own checks (SPEC "Status semantics":
// time-weighted, any window, degraded counts as up, unknown time is left out). No clock: "now"
// is always passed in.
import { ValidationError } from "@/lib/errors";
import type { SystemStatus } from "./confirm-state";

export interface StateInterval {
  status: SystemStatus;
  start: Date;
  end: Date;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

export interface UptimeResult {
  /** 0–100, unrounded (display rounds); null when the window holds no known time. */
  uptimePct: number | null;
  healthyMs: number;
  degradedMs: number;
  downMs: number;
  /** Window time that is explicitly unknown or covered by no interval at all (a gap = no data). */
  unknownMs: number;
  /** healthyMs + degradedMs + downMs: the denominator of uptimePct. */
  knownMs: number;
}

/**
 * Time-weighted uptime of `window` from state intervals.
 * - Intervals are clipped to the window; time no interval covers counts as unknown, so
 *   healthyMs + degradedMs + downMs + unknownMs is always the window's length.
 * - Overlaps: the interval that starts later wins where they overlap (a newer state
 *   supersedes an older one, e.g. an open interval whose end was written as "now"); on equal
 *   starts the one later in the input wins. Input need not be sorted.
 * - An interval ending before it starts is a caller bug and throws a RangeError.
 */
export function computeUptime(intervals: readonly StateInterval[], window: TimeWindow): UptimeResult {
  const ws = window.start.getTime();
  const we = window.end.getTime();
  if (!(ws <= we)) throw new RangeError("window.start must not be after window.end");

  const clipped = intervals
    .map((iv, index) => {
      const start = iv.start.getTime();
      const end = iv.end.getTime();
      if (!(start <= end)) throw new RangeError(`interval ${index} ends before it starts (or has an invalid date)`);
      return { status: iv.status, start: Math.max(start, ws), end: Math.min(end, we), index };
    })
    .filter((iv) => iv.start < iv.end)
    .sort((a, b) => a.start - b.start || a.index - b.index);

  const totals = { healthy: 0, degraded: 0, down: 0, unknown: 0 };
  // Sweep the elementary segments between all boundaries; in each, the covering interval added
  // last (latest start, then latest input position) decides. Real input does not overlap, so
  // `active` holds one or two intervals and this is O(n log n).
  const bounds = [...new Set(clipped.flatMap((iv) => [iv.start, iv.end]))].sort((a, b) => a - b);
  const active: typeof clipped = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    while (next < clipped.length && clipped[next]!.start <= from) active.push(clipped[next++]!);
    for (let j = active.length - 1; j >= 0; j--) if (active[j]!.end <= from) active.splice(j, 1);
    const winner = active[active.length - 1];
    if (winner) totals[winner.status] += to - from;
  }

  const healthyMs = totals.healthy;
  const degradedMs = totals.degraded;
  const downMs = totals.down;
  const knownMs = healthyMs + degradedMs + downMs;
  const unknownMs = we - ws - knownMs;
  // Degraded counts as up: the system answered, only slower or partially.
  const uptimePct = knownMs === 0 ? null : ((healthyMs + degradedMs) / knownMs) * 100;
  return { uptimePct, healthyMs, degradedMs, downMs, unknownMs, knownMs };
}

export type WindowName = "24h" | "7d" | "30d" | "90d" | "quarter";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROLLING: Record<Exclude<WindowName, "quarter">, number> = { "24h": 24 * HOUR, "7d": 7 * DAY, "30d": 30 * DAY, "90d": 90 * DAY };

/**
 * A named window ending at `now`. Rolling windows are exact durations (30d = 720 h, not
 * "since the same date last month"); "quarter" is the current calendar quarter in UTC, from
 * its first instant to now (zero-length at that first instant).
 */
export function windowFor(name: WindowName, now: Date): TimeWindow {
  const end = new Date(now.getTime());
  if (name === "quarter") {
    const quarterMonth = Math.floor(now.getUTCMonth() / 3) * 3;
    return { start: new Date(Date.UTC(now.getUTCFullYear(), quarterMonth, 1)), end };
  }
  return { start: new Date(now.getTime() - ROLLING[name]), end };
}

const MAX_CUSTOM_WINDOW_DAYS = 366;

/**
 * A caller-chosen window: valid dates, start before end, at most 366 days (a leap year).
 * `fields` names the fields in the ValidationError, so an edge using `start_date`/`end_date`
 * gets its own names back. The length error is reported on the end field.
 */
export function customWindow(start: Date, end: Date, fields: { start: string; end: string } = { start: "start", end: "end" }): TimeWindow {
  const issues = [];
  if (Number.isNaN(start.getTime())) issues.push({ path: fields.start, message: "Must be a valid date" });
  if (Number.isNaN(end.getTime())) issues.push({ path: fields.end, message: "Must be a valid date" });
  if (issues.length) throw new ValidationError(issues);
  if (start.getTime() >= end.getTime()) throw new ValidationError([{ path: fields.end, message: `Must be after ${fields.start}` }]);
  if (end.getTime() - start.getTime() > MAX_CUSTOM_WINDOW_DAYS * DAY) {
    throw new ValidationError([{ path: fields.end, message: `The window must be at most ${MAX_CUSTOM_WINDOW_DAYS} days` }]);
  }
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

export interface LatencyStats {
  avg: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  count: number;
}

/**
 * Average and percentiles of response times. Percentiles use the nearest-rank definition:
 * the p-th percentile is the smallest sample such that at least p% of samples are ≤ it, i.e.
 * sorted[ceil(p/100 · n) − 1] — always a real sample, never interpolated (1..100 → p95 = 95).
 * Non-finite samples (a failed probe has no latency) are ignored and not counted.
 */
export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  const sorted = samplesMs.filter((s) => Number.isFinite(s)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { avg: null, p50: null, p95: null, p99: null, count: 0 };
  // p·n is an integer here, so the division is exact enough for ceil (no 0.29·100 = 28.999… trap).
  const rank = (p: number) => sorted[Math.max(1, Math.ceil((p * n) / 100)) - 1]!;
  const avg = sorted.reduce((sum, s) => sum + s, 0) / n;
  return { avg, p50: rank(50), p95: rank(95), p99: rank(99), count: n };
}
