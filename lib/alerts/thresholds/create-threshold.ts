import type { ThresholdOutput } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { isClientBound } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { ForbiddenError, parseInput, ValidationError } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { defaultSeverity, defaultWindow } from "./metric-rules";
import { channelIssues, resolveRuleClient, resolveSystem } from "./rule-targets";
import { ALL_CLIENTS, createThresholdInputSchema, ruleIssues } from "./schemas";
import { thresholdInclude, toThresholdOutput } from "./threshold-output";

/** A "*" rule reaches every client: a key bound to one client may not create or change one. */
export function requireRuleForAllClients(ctx: Context): void {
  if (isClientBound(ctx)) throw new ForbiddenError('This key is bound to one client: it cannot create or change rules for every client ("*"); use its client_id');
}

/**
 * Creates an alert rule. Defaults that depend on the metric (window, severity) are filled in
 * here (metric-rules.ts). Nothing is stored unless every field is valid. `tx` joins a caller's
 * transaction (alert_on_failures creates a channel and the rule together).
 */
export async function createThreshold({ ctx, input, tx }: { ctx: Context; input: VerbInput<typeof createThresholdInputSchema>; tx?: Tx }): Promise<ThresholdOutput> {
  requireScope(ctx, "write");
  const data = parseInput(createThresholdInputSchema, input);
  if (data.client_id === ALL_CLIENTS) requireRuleForAllClients(ctx);
  const db = tx ?? ctx.db;
  const client = await resolveRuleClient(ctx, db, data.client_id);
  const windowMinutes = data.window_minutes ?? defaultWindow(data.metric);
  const system = resolveSystem(client, data.system);
  const channels = data.channels ?? [];
  const issues = [
    ...ruleIssues({ client_id: data.client_id, system: data.system ?? null, metric: data.metric, comparison: data.comparison, threshold: data.threshold, window_minutes: windowMinutes }),
    ...(system.issue ? [system.issue] : []),
    ...(await channelIssues(db, client, channels)),
  ];
  if (issues.length) throw new ValidationError(issues);

  const write = async (t: Tx) => {
    const row = await t.alertThreshold.create({
      data: {
        clientRef: client.ref,
        systemId: system.id,
        metric: data.metric,
        comparison: data.comparison,
        value: data.threshold,
        windowMinutes,
        severity: data.severity ?? defaultSeverity(data.metric, data.comparison, data.threshold),
        forCount: data.for_count ?? 1,
        notifyRecovery: data.notify_recovery ?? true,
        remindEveryMinutes: data.remind_every_minutes ?? null,
        enabled: data.enabled ?? true,
        createdBy: ctx.actor.label,
        channels: { create: channels.map((channelId) => ({ channelId })) },
      },
      include: thresholdInclude,
    });
    const out = toThresholdOutput(row, 0);
    await recordAudit(ctx, { action: "alert_threshold.create", targetType: "alert_threshold", targetId: row.id, summary: auditSummary(out) }, t);
    return out;
  };
  return tx ? write(tx) : ctx.db.$transaction(write);
}

/** What the audit log keeps of a rule: its words and where it sends, never a destination. */
export function auditSummary(out: ThresholdOutput) {
  return {
    client_id: out.client_id,
    system: out.system,
    rule: out.description,
    severity: out.severity,
    enabled: out.enabled,
    channels: out.channels.map((c) => `${c.type}: ${c.name}`),
  };
}
