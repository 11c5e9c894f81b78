// Push: a system that cannot be polled sends its numbers to POST /api/ingest/metrics. The body
// is the seed's /metrics shape plus client_id and system. Idempotent on (system, period): the
// same numbers again are "already recorded" (nothing new), other numbers for an accepted period
// (or any overlap with one) are a 409. A bad payload is a 422 naming the field, and, when the
// system is known, a "rejected" line in its pull log saying why.
import { findClientOrThrow } from "@/lib/clients/find-client";
import { clientIdSchema } from "@/lib/clients/schemas";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, issuesFromZod, NotFoundError, ValidationError } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { getEnv } from "@/lib/env";
import { acceptMetricSample, logPull } from "./accept-metric-sample";
import { sampleRetentionHorizon } from "./metrics-collection";
import { ingestMetricsInputSchema, type IngestMetricsOutput } from "./schemas";
import { rejectionReason, validatePushedPayload } from "./validate-metrics";

export async function ingestMetrics({ ctx, input }: { ctx: Context; input: VerbInput<typeof ingestMetricsInputSchema> }): Promise<IngestMetricsOutput> {
  requireScope(ctx, "write");
  const at = ctx.clock.now();
  const parsed = ingestMetricsInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    const system = await knownSystem(ctx, input);
    if (system) await logPull(ctx.db, { systemId: system.id, source: "push", at }, "rejected", rejectionReason(issues), null);
    throw new ValidationError(issues);
  }
  const data = parsed.data;
  const client = await findClientOrThrow(ctx, data.client_id);
  const system = client.systems.find((s) => s.name.toLowerCase() === data.system.toLowerCase());
  if (!system) throw new NotFoundError(`Client "${client.clientId}" has no system called "${data.system}"`);

  const { client_id: _c, system: _s, ...payload } = data;
  const validation = validatePushedPayload(payload, at);
  if (!validation.ok) {
    await logPull(ctx.db, { systemId: system.id, source: "push", at }, "rejected", validation.reason, null, {
      start: new Date(payload.period.start),
      end: new Date(payload.period.end),
    });
    throw new ValidationError(validation.issues);
  }
  const horizon = sampleRetentionHorizon(at);
  if (validation.sample.periodStart < horizon) {
    // Raw samples older than the horizon are deleted (METRICS_RETENTION_DAYS) while their rollups
    // stay: an overlap with them could not be seen, and the period would be counted twice.
    const issues = [{ path: "period.start", message: `is before ${horizon.toISOString()}: samples older than ${getEnv().METRICS_RETENTION_DAYS} days are not kept, so this period cannot be checked for overlaps` }];
    await logPull(ctx.db, { systemId: system.id, source: "push", at }, "rejected", rejectionReason(issues), null, { start: validation.sample.periodStart, end: validation.sample.periodEnd });
    throw new ValidationError(issues);
  }
  const result = await acceptMetricSample(ctx.db, { systemId: system.id, source: "push", sample: validation.sample, at, dropped: validation.dropped });
  if (result.outcome === "conflict" || result.outcome === "overlap") {
    throw new ConflictError(result.message ?? "metrics rejected", [{ path: "period", message: result.message?.replace(/^metrics rejected: period /, "") ?? "overlaps an accepted sample" }]);
  }
  return {
    client_id: client.clientId,
    system: system.name,
    outcome: result.outcome === "superseded" ? "accepted" : result.outcome,
    message: result.message,
    span_start: validation.sample.periodStart.toISOString(),
    span_end: validation.sample.periodEnd.toISOString(),
    total_automations: validation.sample.total,
  };
}

/** The system a (partly invalid) push names, when its client_id and system are valid and in the caller's scope. */
async function knownSystem(ctx: Context, input: unknown): Promise<{ id: string } | undefined> {
  const raw = input as { client_id?: unknown; system?: unknown } | null;
  const clientId = clientIdSchema.safeParse(raw?.client_id);
  if (!clientId.success || typeof raw?.system !== "string") return undefined;
  try {
    const client = await findClientOrThrow(ctx, clientId.data);
    return client.systems.find((s) => s.name.toLowerCase() === (raw.system as string).trim().toLowerCase());
  } catch {
    return undefined;
  }
}
