// Pure: "stalled" — a system whose health is green but whose automation count has stopped
// growing for longer than its own usual quiet stretch (issue #10 item 5). Lives in monitoring,
// beside the other attention rules, and reads only plain numbers: the business-metrics domain
// is not imported, so metrics may import monitoring and never the reverse. No clock: `now` is
// always passed in, so every boundary is tested on a fake clock.
//
// The rule, in words (README "Stalled automations"):
// - Judged only when the system is enabled, confirmed healthy, and its metrics are being
//   collected: its last accepted sample ends within max(2 × its pull interval, 30 min) of now.
//   A system whose pulls fail stops advancing that cursor: a collection problem, not a stall.
// - Quiet time = from the end of the last sample that counted any automation to the end of the
//   last accepted sample (the silence we actually saw, never the unknown time after it).
// - Its usual gap is learned from its own hourly rollups of the last 28 days: the longest run
//   of consecutive quiet hours (covered ≥ half the hour, zero automations) that activity ended,
//   plus one hour (hour buckets cut the true gap's two ends). The run in progress is never
//   learned from, so a stall does not teach itself. A system that never runs at night has
//   learned its nights, so it is not flagged at 3 am.
// - Stalled when quiet time > max(floor, 2 × usual gap + 1 h). Floor default 2 h
//   (STALLED_MIN_GAP_MINUTES). Why twice: a low-volume system's quiet stretches are random, and
//   a new night sets a 28-day record now and then; on the demo fleet (18 systems, 92 days, judged
//   every 15 min) "longer than the longest" flagged healthy systems 150+ times, "more than twice
//   it plus an hour" never, while a busy system (usual gap 0) is still caught after the floor.
// - Not judged with less than 7 days of collected history in those 28 days
//   (STALLED_MIN_HISTORY_DAYS), nor when no automation was ever seen.
import type { SystemStatus } from "./confirm-state";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface StalledRules {
  /** Never stalled below this much quiet time, whatever the history says. */
  floorMs: number;
  /** Stalled beyond gapFactor × usual gap + gapSlackMs (and the floor). */
  gapFactor: number;
  gapSlackMs: number;
  /** How far back the usual gap is learned. */
  learnWindowMs: number;
  /** Collected time needed in the learning window before a system is judged at all. */
  minHistoryMs: number;
  /** Collection counts as current while the last sample ends within max(this × interval, minCollectionLagMs) of now. */
  collectionLagIntervals: number;
  minCollectionLagMs: number;
}

export const DEFAULT_STALLED_RULES: StalledRules = {
  floorMs: 2 * HOUR_MS,
  gapFactor: 2,
  gapSlackMs: HOUR_MS,
  learnWindowMs: 28 * DAY_MS,
  minHistoryMs: 7 * DAY_MS,
  collectionLagIntervals: 2,
  minCollectionLagMs: 30 * MINUTE_MS,
};

/**
 * What the rule needs of a system's hourly history in the learning window: how much of it was
 * collected, and the longest run of quiet hours that activity ended. learnQuietHistory computes
 * it from hourly buckets; load-stalled-facts.ts computes the same in SQL (tested against it).
 */
export interface QuietHistory {
  coveredMs: number;
  longestQuietRunHours: number;
}

/** One hourly rollup of the system (metric_rollups, period hour). */
export interface QuietHourBucket {
  start: Date;
  /** Milliseconds of the hour covered by accepted samples. */
  coveredMs: number;
  totalAutomations: number;
}

export interface StalledInput {
  enabled: boolean;
  /** Confirmed health status. */
  status: SystemStatus;
  /** End of the last accepted metrics sample (systems.metrics_cursor); null = never collected. */
  cursor: Date | null;
  /** The pull interval, for how stale the cursor may be. */
  intervalMs: number;
  /** End of the last sample that counted at least one automation; null = none seen. */
  lastActiveAt: Date | null;
  /** Its hourly history over the learning window (the last `learnWindowMs` before now). */
  history: QuietHistory;
}

export type NotJudgedWhy = "disabled" | "not_healthy" | "no_metrics" | "collection_behind" | "insufficient_history" | "never_active";

export type StalledVerdict =
  | { state: "stalled"; since: Date; quietMs: number; usualGapMs: number; thresholdMs: number; reason: string }
  | { state: "running"; quietMs: number; usualGapMs: number; thresholdMs: number }
  | { state: "not_judged"; why: NotJudgedWhy };

export function assessStalled(input: StalledInput, now: Date, rules: StalledRules = DEFAULT_STALLED_RULES): StalledVerdict {
  if (!input.enabled) return { state: "not_judged", why: "disabled" };
  if (input.status !== "healthy") return { state: "not_judged", why: "not_healthy" };
  if (!input.cursor) return { state: "not_judged", why: "no_metrics" };
  const nowMs = now.getTime();
  const cursorMs = Math.min(input.cursor.getTime(), nowMs);
  if (nowMs - cursorMs > collectionLagMs(input.intervalMs, rules)) return { state: "not_judged", why: "collection_behind" };

  if (input.history.coveredMs < rules.minHistoryMs) return { state: "not_judged", why: "insufficient_history" };
  if (!input.lastActiveAt) return { state: "not_judged", why: "never_active" };

  const usualGapMs = usualGapOf(input.history);
  const thresholdMs = stalledThresholdMs(usualGapMs, rules);
  const quietMs = Math.max(0, cursorMs - input.lastActiveAt.getTime());
  if (quietMs <= thresholdMs) return { state: "running", quietMs, usualGapMs, thresholdMs };
  return {
    state: "stalled",
    since: input.lastActiveAt,
    quietMs,
    usualGapMs,
    thresholdMs,
    reason: `no automations for ${formatQuiet(quietMs)}; ${usualGapMs > 0 ? `usually at most ${formatQuiet(usualGapMs)} apart` : "usually never quiet for a full hour"}`,
  };
}

/** The quiet time beyond which a system with this usual gap is stalled. */
export function stalledThresholdMs(usualGapMs: number, rules: StalledRules = DEFAULT_STALLED_RULES): number {
  return Math.max(rules.floorMs, usualGapMs > 0 ? rules.gapFactor * usualGapMs + rules.gapSlackMs : 0);
}

export function collectionLagMs(intervalMs: number, rules: StalledRules = DEFAULT_STALLED_RULES): number {
  return Math.max(rules.collectionLagIntervals * intervalMs, rules.minCollectionLagMs);
}

/** The usual gap: the longest quiet run that activity ended, plus one hour (hour buckets cut both ends of the true gap); 0 with none. */
export function usualGapOf(history: QuietHistory): number {
  return history.longestQuietRunHours > 0 ? (history.longestQuietRunHours + 1) * HOUR_MS : 0;
}

/**
 * From hourly buckets (any order; a missing hour is uncovered), within [window.from, window.to)
 * when given: the collected time, and the longest run of consecutive quiet hours that activity
 * ended. Quiet = at least half the hour collected and no automation counted. An hour collected
 * for less than half, or not at all, ends a run without teaching anything (we do not know); so
 * does the end of the history, so the silence in progress never teaches itself.
 */
export function learnQuietHistory(hours: readonly QuietHourBucket[], window?: { from: Date; to: Date }): QuietHistory {
  const byHour = new Map<number, QuietHourBucket>();
  let coveredMs = 0;
  for (const h of hours) {
    const t = h.start.getTime();
    if (window && (t < window.from.getTime() || t >= window.to.getTime())) continue;
    byHour.set(Math.floor(t / HOUR_MS), h);
  }
  for (const h of byHour.values()) coveredMs += Math.max(0, Math.min(HOUR_MS, h.coveredMs));
  const keys = [...byHour.keys()].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  let prev: number | null = null;
  for (const k of keys) {
    const h = byHour.get(k)!;
    if (prev !== null && k !== prev + 1) run = 0; // a missing hour: uncovered, breaks the run
    prev = k;
    if (h.totalAutomations > 0) {
      if (run > 0) longest = Math.max(longest, run);
      run = 0;
    } else if (h.coveredMs * 2 >= HOUR_MS) {
      run++;
    } else {
      run = 0;
    }
  }
  return { coveredMs, longestQuietRunHours: longest };
}

/** The usual gap learned from hourly buckets (see learnQuietHistory and usualGapOf). */
export function learnUsualGapMs(hours: readonly QuietHourBucket[]): number {
  return usualGapOf(learnQuietHistory(hours));
}

/** "45 min", "5 h 10 min", "2 h", "3 d 4 h" (rounded down to the minute: never overstated). */
export function formatQuiet(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h < 48) return m ? `${h} h ${m} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const rh = h % 24;
  return rh ? `${d} d ${rh} h` : `${d} d`;
}
