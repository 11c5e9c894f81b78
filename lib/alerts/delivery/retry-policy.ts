// When to try again, and when to give up. Exponential backoff with "equal jitter" (half the
// step fixed, half random) so a receiver that comes back is not hit by every queued message in
// the same second; a receiver's Retry-After (seconds or an HTTP date) is honoured as the wait,
// within RETRY_AFTER_MAX_MS. A message is given up (dead) after MAX_ATTEMPTS attempts in a run,
// or once it has waited MAX_AGE_MS since it was due.

export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 10;
export const MAX_AGE_MS = 24 * 60 * 60_000;
export const RETRY_AFTER_MAX_MS = 6 * 60 * 60_000;

/** The wait after failed attempt number `attempt` (1-based). `random` is injectable for tests. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Retry-After as milliseconds from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_MAX_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now.getTime()), RETRY_AFTER_MAX_MS);
}

export function nextAttemptDelay(attempt: number, retryAfterMs: number | null, random?: () => number): number {
  return retryAfterMs !== null ? Math.max(retryAfterMs, 1000) : backoffMs(attempt, random);
}

/** Give up instead of retrying? */
export function shouldGiveUp(attempts: number, dueSince: Date, nextAt: Date): boolean {
  return attempts >= MAX_ATTEMPTS || nextAt.getTime() - dueSince.getTime() > MAX_AGE_MS;
}
