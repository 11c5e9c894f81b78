import { closeOrphanedAlerts } from "@/lib/alerts/engine/evaluate";
import type { AlertMetric, Comparison, ThresholdOutput } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { auditSummary, requireRuleForAllClients } from "./create-threshold";
import { findThresholdOrThrow } from "./get-threshold";
import { defaultWindow } from "./metric-rules";
import { channelIssues, resolveRuleClient, resolveSystem } from "./rule-targets";
import { ALL_CLIENTS, ruleIssues, updateThresholdInputSchema } from "./schemas";
import { firingCounts, thresholdInclude, toThresholdOutput } from "./threshold-output";

/**
 * Changes a rule; fields left out stay as they are (`system: null` makes it client-wide,
 * `channels` replaces the list). The changed rule is checked as a whole, so a new metric with
 * the old threshold (uptime → status with 95) is refused on `threshold`. A new metric without a
 * window gets that metric's default window. Its live evaluations are left to the evaluator,
 * which judges them by the rule as it now is.
 */
export async function updateThreshold({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateThresholdInputSchema> }): Promise<ThresholdOutput> {
  requireScope(ctx, "write");
  const data = parseInput(updateThresholdInputSchema, input);
  const before = await findThresholdOrThrow(ctx, data.id);
  const beforeOut = toThresholdOutput(before, 0);
  if (beforeOut.client_id === ALL_CLIENTS) requireRuleForAllClients(ctx);
  const client = await resolveRuleClient(ctx, ctx.db, beforeOut.client_id);

  const metric: AlertMetric = data.metric ?? beforeOut.metric;
  const comparison: Comparison = data.comparison ?? beforeOut.comparison;
  const threshold = data.threshold ?? beforeOut.threshold;
  const windowMinutes = data.window_minutes ?? (data.metric && data.metric !== beforeOut.metric ? defaultWindow(metric) : beforeOut.window_minutes);
  const systemName = data.system === undefined ? beforeOut.system : data.system;
  const system = resolveSystem(client, systemName);
  const issues = [
    ...ruleIssues({ client_id: beforeOut.client_id, system: systemName, metric, comparison, threshold, window_minutes: windowMinutes }),
    ...(system.issue ? [system.issue] : []),
    ...(data.channels ? await channelIssues(ctx.db, client, data.channels) : []),
  ];
  if (issues.length) throw new ValidationError(issues);

  return ctx.db.$transaction(async (t) => {
    if (data.channels) {
      await t.alertThresholdChannel.deleteMany({ where: { thresholdId: before.id } });
      if (data.channels.length) await t.alertThresholdChannel.createMany({ data: data.channels.map((channelId) => ({ thresholdId: before.id, channelId })) });
    }
    const row = await t.alertThreshold.update({
      where: { id: before.id },
      data: {
        systemId: system.id,
        metric,
        comparison,
        value: threshold,
        windowMinutes,
        ...(data.severity !== undefined ? { severity: data.severity } : {}),
        ...(data.for_count !== undefined ? { forCount: data.for_count } : {}),
        ...(data.notify_recovery !== undefined ? { notifyRecovery: data.notify_recovery } : {}),
        ...(data.remind_every_minutes !== undefined ? { remindEveryMinutes: data.remind_every_minutes } : {}),
        ...(data.enabled !== undefined ? { enabled: data.enabled } : {}),
      },
      include: thresholdInclude,
    });
    // A disabled rule is never evaluated again: its firing alerts are closed now, not left firing.
    if (data.enabled === false) await closeOrphanedAlerts(t, ctx.clock.now());
    const out = toThresholdOutput(row, (await firingCounts(ctx, [row.id], t)).get(row.id) ?? 0);
    await recordAudit(ctx, { action: "alert_threshold.update", targetType: "alert_threshold", targetId: row.id, summary: { before: auditSummary(beforeOut), after: auditSummary(out) } }, t);
    return out;
  });
}
