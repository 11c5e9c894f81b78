// The last metric pulls and pushes of a client's systems, newest first, with what became of
// each ("metrics rejected: successful 430 > total 428"): the client page's "last pulls".
import { z } from "zod";
import { scopeSystemRows } from "@/lib/client-scope";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { clientIdSchema } from "@/lib/clients/schemas";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { strictObject, type VerbInput } from "@/lib/input";

export const MAX_PULLS = 100;
export const DEFAULT_PULLS = 20;

export const listMetricPullsInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id"),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_PULLS, `must be at most ${MAX_PULLS}`)
    .optional()
    .describe(`How many, newest first (default ${DEFAULT_PULLS}, at most ${MAX_PULLS})`),
});

export interface MetricPullEntry {
  system: string;
  at: string;
  source: string;
  outcome: string;
  span_start: string | null;
  span_end: string | null;
  message: string | null;
  duration_ms: number | null;
}

export async function listMetricPulls({ ctx, input }: { ctx: Context; input: VerbInput<typeof listMetricPullsInputSchema> }): Promise<{ client_id: string; pulls: MetricPullEntry[] }> {
  requireScope(ctx, "read");
  const data = parseInput(listMetricPullsInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  const names = new Map(client.systems.map((s) => [s.id, s.name]));
  // (system_id, at DESC) index: each system's newest rows, merged and cut.
  const rows = names.size
    ? await ctx.db.metricPull.findMany({
        where: scopeSystemRows(ctx, { systemId: { in: [...names.keys()] } }),
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: data.limit ?? DEFAULT_PULLS,
      })
    : [];
  return {
    client_id: client.clientId,
    pulls: rows.map((r) => ({
      system: names.get(r.systemId) ?? "",
      at: r.at.toISOString(),
      source: r.source,
      outcome: r.outcome,
      span_start: r.spanStart?.toISOString() ?? null,
      span_end: r.spanEnd?.toISOString() ?? null,
      message: r.message,
      duration_ms: r.durationMs,
    })),
  };
}
