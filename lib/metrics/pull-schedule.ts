// Pure: which span a pull asks for, and when a failed pull is retried.
import { MAX_SAMPLE_SPAN_MS } from "./validate-metrics";

const MINUTE_MS = 60_000;
/** A failed pull is retried after 1, 2, 4, 8, then every 15 minutes (never later than the system's own interval). */
const MAX_BACKOFF_MS = 15 * MINUTE_MS;

export function failureBackoffMs(consecutiveFailures: number): number {
  const n = Math.max(1, consecutiveFailures);
  return Math.min(MAX_BACKOFF_MS, MINUTE_MS * 2 ** Math.min(n - 1, 10));
}

export interface PullSpan {
  start: Date;
  end: Date;
  /** True when the span stops short of now (more than MAX_SAMPLE_SPAN_MS to catch up): pull again at once. */
  behind: boolean;
}

/**
 * [cursor, now): exactly the time since the last accepted sample, so nothing is counted twice
 * or lost across restarts, outages and retries. Before the first accepted sample: the last
 * interval. More than 7 days behind (a long outage): the next 7 days, then the rest in further
 * pulls. Null when there is nothing to ask for (the cursor is at or after now).
 */
export function pullSpan(cursor: Date | null, now: Date, intervalSec: number): PullSpan | null {
  const start = cursor ?? new Date(now.getTime() - intervalSec * 1000);
  if (start.getTime() >= now.getTime()) return null;
  const capped = start.getTime() + MAX_SAMPLE_SPAN_MS;
  return capped < now.getTime() ? { start, end: new Date(capped), behind: true } : { start, end: now, behind: false };
}
