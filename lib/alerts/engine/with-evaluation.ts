// The on-demand edges ("check now", "pull now", a metrics push) evaluate the client's alerts
// right after the monitoring or metrics verb, in the same request: lib/monitoring and
// lib/metrics never import alerts, so the composition is here and the edges call these.
// Evaluation never makes the verb fail (evaluateSafely logs and swallows).
import { systemContext, type Context } from "@/lib/context";
import type { VerbInput } from "@/lib/input";
import { collectMetrics } from "@/lib/metrics/collect-metrics";
import { ingestMetrics } from "@/lib/metrics/ingest-metrics";
import type { collectMetricsInputSchema, ingestMetricsInputSchema } from "@/lib/metrics/schemas";
import { runHealthCheck, type runHealthCheckInputSchema } from "@/lib/monitoring/run-health-check";
import { CHECK_DRIVEN, evaluateSafely, METRICS_DRIVEN } from "./evaluate";

async function evaluateClientBySlug(ctx: Context, clientId: string, metrics: typeof CHECK_DRIVEN, origin: "check" | "metrics") {
  const client = await ctx.db.client.findUnique({ where: { clientId }, select: { id: true } }).catch(() => null);
  // The system's own context: the caller's scope already allowed the verb; evaluation writes alerts for the whole installation's rules.
  if (client) await evaluateSafely(systemContext(ctx.db, ctx.clock), { clientRef: client.id, metrics, origin });
}

export async function runHealthCheckAndEvaluate({ ctx, input }: { ctx: Context; input: VerbInput<typeof runHealthCheckInputSchema> }) {
  const result = await runHealthCheck({ ctx, input });
  await evaluateClientBySlug(ctx, result.client_id, CHECK_DRIVEN, "check");
  return result;
}

export async function collectMetricsAndEvaluate({ ctx, input }: { ctx: Context; input: VerbInput<typeof collectMetricsInputSchema> }) {
  const result = await collectMetrics({ ctx, input });
  if (result.systems.some((s) => s.outcome === "accepted" || s.outcome === "partial")) await evaluateClientBySlug(ctx, result.client_id, METRICS_DRIVEN, "metrics");
  return result;
}

export async function ingestMetricsAndEvaluate({ ctx, input }: { ctx: Context; input: VerbInput<typeof ingestMetricsInputSchema> }) {
  const result = await ingestMetrics({ ctx, input });
  if (result.outcome === "accepted" || result.outcome === "partial") await evaluateClientBySlug(ctx, result.client_id, METRICS_DRIVEN, "metrics");
  return result;
}
