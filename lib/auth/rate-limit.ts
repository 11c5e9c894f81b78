// Sliding-window limits: sign-in attempts (per address and per account) and on-demand checks
// (per API key or user). In memory: one server process owns the embedded database; with
// several instances on PostgreSQL each enforces its own window, which still bounds each.
import type { Clock, Context } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { TooManyRequestsError } from "@/lib/errors";

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

let checkNow: SlidingWindowLimiter | undefined;

/**
 * "Check now" makes outbound requests on the caller's behalf, so each caller (an API key,
 * whichever edge it uses, or a user) may start CHECK_NOW_PER_MINUTE of them a minute. The one
 * place this limit lives: the verb calls it, so REST (429), MCP (isError) and the dashboard
 * all get the same answer. The scheduler and other system work are not limited.
 */
export function takeCheckNowSlot(ctx: Context): void {
  if (!ctx.actor.id || (ctx.actor.type !== "api_key" && ctx.actor.type !== "mcp" && ctx.actor.type !== "user")) return;
  const limit = getEnv().CHECK_NOW_PER_MINUTE;
  if (checkNow?.limit !== limit) checkNow = new SlidingWindowLimiter(limit, 60_000);
  // A key is the same caller over REST and MCP (actor types "api_key" and "mcp").
  const caller = ctx.actor.type === "user" ? `user:${ctx.actor.id}` : `key:${ctx.actor.id}`;
  const wait = checkNow.retryAfter(caller, ctx.clock);
  if (wait) {
    const who = ctx.actor.type === "user" ? "each user" : "each API key";
    throw new TooManyRequestsError(`Too many on-demand checks: ${who} may start ${limit} a minute; try again in ${wait} s.`, wait);
  }
  checkNow.record(caller, ctx.clock);
}
