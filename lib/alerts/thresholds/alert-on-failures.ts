// The seed's one-liner: alert_on_failures(client_id, metric_name, threshold, comparison,
// alert_type, destination?) creates a rule with sensible defaults (metric-rules.ts) that sends
// to a channel of alert_type:
// - without destination: the agency's default channel of that type (a client's own default of
//   that type, its override, then takes its place at send time: lib/alerts/outbox.ts), or, when
//   the agency has none, the client's own default;
// - with destination: a channel of that type with that destination (the client's own, or an
//   agency one), found or created (source "threshold", never a default).
// The channel and the rule are written in one transaction: a refused rule leaves no channel.
import { z } from "zod";
import { CHANNEL_TYPES, type ChannelCreatedOutput, type ChannelType, type ThresholdOutput } from "@/lib/alerts/contracts";
import { checkDestination } from "@/lib/alerts/channels/destination";
import { storeChannel } from "@/lib/alerts/channels/create-channel";
import { channelTypeSchema } from "@/lib/alerts/channels/schemas";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError, type FieldIssue } from "@/lib/errors";
import { strictObject, text, type VerbInput } from "@/lib/input";
import { createThreshold, requireRuleForAllClients } from "./create-threshold";
import { defaultWindow } from "./metric-rules";
import { resolveRuleClient, resolveSystem, type RuleClient } from "./rule-targets";
import { ALL_CLIENTS, comparisonSchema, createThresholdInputSchema, metricSchema, ruleClientSchema, ruleIssues, thresholdValueSchema } from "./schemas";

const { system, window_minutes, severity, for_count, notify_recovery, remind_every_minutes, enabled } = createThresholdInputSchema.shape;

export const alertOnFailuresInputSchema = strictObject({
  client_id: ruleClientSchema.describe('The client_id to watch, or "*" for every client'),
  metric_name: metricSchema.describe(
    "uptime (% over a window, default 24 h) | response_time (ms, p95 over 60 min) | success_rate (%) | error_rate (%) | daily_automations | cost_savings | status (1 degraded, 2 down) | flapping | stalled | sla (flags: 1 when set)",
  ),
  threshold: thresholdValueSchema.describe("The number to compare with, e.g. 95.0 for uptime in %, 5000 for response_time in ms, 2 for status down, 1 for a flag"),
  comparison: comparisonSchema.describe("greater_than | less_than | equals | greater_or_equal | less_or_equal (or >, <, =, >=, <=)"),
  alert_type: channelTypeSchema.describe(`Where to send: ${CHANNEL_TYPES.join(" | ")}; the configured default channel of that type unless destination is given`),
  destination: text()
    .trim()
    .min(1, "must not be empty")
    .max(4096, "must be at most 4096 characters")
    .optional()
    .describe("Optional: email address(es) for email, the incoming-webhook URL for slack, the http(s) URL for webhook; found or created as a channel"),
  system,
  window_minutes,
  severity,
  for_count,
  notify_recovery,
  remind_every_minutes,
  enabled,
});
export type AlertOnFailuresInput = z.input<typeof alertOnFailuresInputSchema>;

export interface AlertOnFailuresOutput extends ThresholdOutput {
  /** The channel made for `destination`, when one was created; a webhook's secret is in it, shown this once. */
  channel_created?: ChannelCreatedOutput;
}

const HOW_TO_CONFIGURE: Record<ChannelType, string> = {
  email: "set SMTP_URL and ALERT_EMAIL_TO and restart, or pass destination with the email address(es)",
  slack: "set SLACK_WEBHOOK_URL and restart, or pass destination with the Slack incoming-webhook URL",
  webhook: "set ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET and restart, or pass destination with the webhook URL",
};

/** The default channel this rule sends to, or a field issue saying how to configure one. */
async function defaultChannelFor(ctx: Context, client: RuleClient, type: ChannelType): Promise<{ id?: string; issue?: FieldIssue }> {
  const owners = client.ref ? [null, client.ref] : [null];
  const defaults = await ctx.db.alertChannel.findMany({ where: { type, isDefault: true, OR: owners.map((clientRef) => ({ clientRef })) }, select: { id: true, clientRef: true, enabled: true, name: true } });
  const pick = defaults.find((c) => c.clientRef === null) ?? defaults.find((c) => c.clientRef === client.ref);
  if (pick?.enabled) return { id: pick.id };
  const message = pick
    ? `the default ${type} channel "${pick.name}" is disabled: enable it in Settings → Channels, or pass destination`
    : `no ${type} channel is configured${client.ref ? ` for the agency or ${client.clientId}` : ""}: an admin can add one in Settings → Channels (POST /api/alert-channels); or ${HOW_TO_CONFIGURE[type]}`;
  return { issue: { path: "alert_type", message } };
}

export async function alertOnFailures({ ctx, input }: { ctx: Context; input: VerbInput<typeof alertOnFailuresInputSchema> }): Promise<AlertOnFailuresOutput> {
  requireScope(ctx, "write");
  const data = parseInput(alertOnFailuresInputSchema, input);
  if (data.client_id === ALL_CLIENTS) requireRuleForAllClients(ctx);
  const client = await resolveRuleClient(ctx, ctx.db, data.client_id);
  const windowMinutes = data.window_minutes ?? defaultWindow(data.metric_name);
  const issues: FieldIssue[] = ruleIssues({ client_id: data.client_id, system: data.system ?? null, metric: data.metric_name, comparison: data.comparison, threshold: data.threshold, window_minutes: windowMinutes });
  const sys = resolveSystem(client, data.system);
  if (sys.issue) issues.push(sys.issue);

  let channelId: string | undefined;
  let newChannel: { destination: string; warnings: string[] } | undefined;
  if (data.destination !== undefined) {
    const checked = await checkDestination(data.alert_type, data.destination);
    issues.push(...checked.issues);
    if (!checked.issues.length) {
      const owners = client.ref ? [client.ref, null] : [null];
      const same = await ctx.db.alertChannel.findMany({ where: { type: data.alert_type, destination: checked.destination, OR: owners.map((clientRef) => ({ clientRef })) }, select: { id: true, clientRef: true } });
      // The client's own channel first, then an agency one.
      channelId = (same.find((c) => c.clientRef === client.ref) ?? same[0])?.id;
      if (!channelId) newChannel = { destination: checked.destination, warnings: checked.warnings };
    }
  } else {
    const found = await defaultChannelFor(ctx, client, data.alert_type);
    if (found.issue) issues.push(found.issue);
    channelId = found.id;
  }
  if (issues.length) throw new ValidationError(issues);

  return ctx.db.$transaction(async (tx) => {
    const created = newChannel
      ? await storeChannel(ctx, tx, { type: data.alert_type, destination: newChannel.destination, clientRef: client.ref, isDefault: false, source: "threshold" }, newChannel.warnings)
      : undefined;
    const rule = await createThreshold({
      ctx,
      tx,
      input: {
        client_id: data.client_id,
        system: data.system,
        metric: data.metric_name,
        comparison: data.comparison,
        threshold: data.threshold,
        window_minutes: windowMinutes,
        severity: data.severity,
        for_count: data.for_count,
        notify_recovery: data.notify_recovery,
        remind_every_minutes: data.remind_every_minutes,
        enabled: data.enabled,
        channels: [created?.id ?? channelId!],
      },
    });
    return created ? { ...rule, channel_created: created } : rule;
  });
}
