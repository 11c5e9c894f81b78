import type { ThresholdOutput } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { closeOrphanedAlerts } from "@/lib/alerts/engine/evaluate";
import { auditSummary, requireRuleForAllClients } from "./create-threshold";
import { findThresholdOrThrow } from "./get-threshold";
import { ALL_CLIENTS, thresholdRefSchema } from "./schemas";
import { firingCounts, toThresholdOutput } from "./threshold-output";

/**
 * Deletes a rule and its live evaluations (cascade). Its past alerts stay in the history,
 * detached from it (threshold_id becomes null); its firing ones are closed at once ("closed: its
 * rule was deleted", no message). Returns the rule as it was.
 */
export async function deleteThreshold({ ctx, input }: { ctx: Context; input: VerbInput<typeof thresholdRefSchema> }): Promise<ThresholdOutput> {
  requireScope(ctx, "write");
  const { id } = parseInput(thresholdRefSchema, input);
  const row = await findThresholdOrThrow(ctx, id);
  const out = toThresholdOutput(row, (await firingCounts(ctx, [id])).get(id) ?? 0);
  if (out.client_id === ALL_CLIENTS) requireRuleForAllClients(ctx);
  await ctx.db.$transaction(async (t) => {
    await t.alertThreshold.delete({ where: { id } });
    await closeOrphanedAlerts(t, ctx.clock.now());
    await recordAudit(ctx, { action: "alert_threshold.delete", targetType: "alert_threshold", targetId: id, summary: auditSummary(out) }, t);
  });
  return out;
}
