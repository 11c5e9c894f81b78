// "Pull now": pulls a client's metrics URLs (or one system's) immediately, exactly as the
// scheduler would (the span since the last accepted sample), and returns what each pull did.
// Each pull is logged in metric_pulls like a scheduled one (source "manual").
import { takeCheckNowSlot } from "@/lib/auth/rate-limit";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { requireScope, type Context } from "@/lib/context";
import { NotFoundError, parseInput, UnavailableError, ValidationError } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { pullMetrics } from "./pull-metrics";
import { collectMetricsInputSchema, type CollectMetricsOutput } from "./schemas";

const CONCURRENCY = 8;

export async function collectMetrics({ ctx, input }: { ctx: Context; input: VerbInput<typeof collectMetricsInputSchema> }): Promise<CollectMetricsOutput> {
  requireScope(ctx, "write"); // it sends requests out on the client's behalf
  const data = parseInput(collectMetricsInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id); // another client's id is a 404, as for none
  let systems = client.systems.filter((s) => s.enabled && s.metricsUrl);
  if (data.system) {
    const named = client.systems.find((s) => s.name.toLowerCase() === data.system!.toLowerCase());
    if (!named) throw new NotFoundError(`Client "${client.clientId}" has no system called "${data.system}"`);
    if (!named.metricsUrl) throw new ValidationError([{ path: "system", message: `"${named.name}" has no metrics URL; set its metrics_url first` }]);
    if (!named.enabled) throw new ValidationError([{ path: "system", message: `"${named.name}" is paused; enable it to collect its metrics` }]);
    systems = [named];
  }
  if (systems.length === 0) {
    throw new ValidationError([{ path: "client_id", message: `no enabled system of "${client.clientId}" has a metrics URL` }]);
  }
  takeCheckNowSlot(ctx); // the same per-caller budget as "check now": both send requests out on demand

  const results: CollectMetricsOutput["systems"] = new Array(systems.length);
  let next = 0;
  const worker = async () => {
    while (next < systems.length) {
      const i = next++;
      const system = systems[i];
      // The cursor as it is now: the pull asks for exactly what is not collected yet.
      const fresh = await ctx.db.system.findUniqueOrThrow({ where: { id: system.id }, select: { metricsCursor: true, metricsFailures: true } });
      const result = await pullMetrics(
        ctx.db,
        {
          id: system.id,
          metricsUrl: system.metricsUrl!,
          timeoutMs: system.timeoutMs,
          intervalSec: system.metricsIntervalSec,
          allowPrivate: client.allowPrivateTargets,
          cursor: fresh.metricsCursor,
          failures: fresh.metricsFailures,
        },
        { now: () => ctx.clock.now(), source: "manual" },
      );
      if (!result) throw new UnavailableError("The pull was cancelled");
      results[i] = {
        system: system.name,
        outcome: result.outcome,
        message: result.outcome === "superseded" ? "another pull collected this span a moment ago" : result.message,
        span_start: result.spanStart?.toISOString() ?? null,
        span_end: result.spanEnd?.toISOString() ?? null,
        total_automations: result.totalAutomations,
        duration_ms: result.durationMs,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, systems.length) }, worker));
  return { client_id: client.clientId, collected_at: ctx.clock.now().toISOString(), systems: results };
}
