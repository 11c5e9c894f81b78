// Sliding-window limits for sign-in attempts, per address and per account. In memory: one
// server process owns the embedded database; with several instances on PostgreSQL each
// enforces its own window, which still bounds guessing to a few attempts per minute each.
import type { Clock } from "@/lib/context";

class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string, clock: Clock): number {
    const now = clock.now().getTime();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, recent);
    if (recent.length < this.limit) return 0;
    return Math.ceil((recent[0] + this.windowMs - now) / 1000);
  }

  record(key: string, clock: Clock): void {
    const list = this.hits.get(key) ?? [];
    list.push(clock.now().getTime());
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.prune(clock);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(clock: Clock): void {
    const cutoff = clock.now().getTime() - this.windowMs;
    for (const [k, v] of this.hits) if (!v.some((t) => t > cutoff)) this.hits.delete(k);
  }
}

/** 10 failed attempts per account and 30 per address in 15 minutes. */
export const signInLimits = {
  perAccount: new SlidingWindowLimiter(10, 15 * 60_000),
  perAddress: new SlidingWindowLimiter(30, 15 * 60_000),
};
