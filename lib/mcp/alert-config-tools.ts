// MCP tools of the alert configuration: the seed's alert_on_failures, and list / update /
// delete of the rules. Thin edges over lib/alerts/thresholds; the verbs validate, check scopes
// and scope a client-bound key to its client (it cannot see or make "*" rules). Channels are
// configured by admins in Settings (never over MCP), and no signing secret is ever put in a
// tool result: a webhook channel created here for `destination` says where to get its secret.
import { z } from "zod";
import { channelOutputSchema } from "@/lib/alerts/channels/schemas";
import { alertOnFailures, alertOnFailuresInputSchema } from "@/lib/alerts/thresholds/alert-on-failures";
import { deleteThreshold } from "@/lib/alerts/thresholds/delete-threshold";
import { listThresholds } from "@/lib/alerts/thresholds/list-thresholds";
import { listThresholdsInputSchema, thresholdListOutputSchema, thresholdOutputSchema, thresholdRefSchema, updateThresholdInputSchema } from "@/lib/alerts/thresholds/schemas";
import { updateThreshold } from "@/lib/alerts/thresholds/update-threshold";
import { readable, writable, type ToolDefinition } from "./tool-definition";

const alertOnFailuresOutputSchema = thresholdOutputSchema.extend({
  channel_created: channelOutputSchema.optional(),
  note: z.string().optional(),
});
const deleteThresholdOutputSchema = thresholdOutputSchema.extend({ deleted: z.literal(true) });

const RULE_WORDS =
  "A rule has client_id (\"*\" = every client), system (null = every system of the client), metric, comparison, threshold, window_minutes, " +
  "severity, for_count (breaching evaluations in a row before it fires), notify_recovery, remind_every_minutes, enabled, channels, " +
  "a plain-words description and firing (alerts firing now). ";

export const ALERT_CONFIG_TOOLS: readonly ToolDefinition[] = [
  {
    name: "alert_on_failures",
    title: "Alert when a metric crosses a threshold",
    description:
      "Use this when asked to be alerted (on email, Slack or a webhook) if a client's metric crosses a value, e.g. " +
      "alert_on_failures(client_id \"*\", metric_name \"uptime\", threshold 95, comparison \"less_than\", alert_type \"slack\"). " +
      "Creates the rule with sensible defaults (uptime over 24 h, response_time p95 over 60 min; severity critical for uptime below a target and status down, else warning) " +
      "and sends to the configured default channel of alert_type, or with destination to that address/URL. " +
      "Fails with field errors naming what to fix (unknown metric or comparison, a threshold that makes no sense for the metric, no channel configured). " +
      "Get client_id from get_all_clients_status; list_thresholds shows existing rules.",
    inputSchema: alertOnFailuresInputSchema,
    outputSchema: alertOnFailuresOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => {
      const { channel_created, ...rule } = await alertOnFailures({ ctx, input: args as z.input<typeof alertOnFailuresInputSchema> });
      if (!channel_created) return { ...rule };
      // The signing secret never goes to a model: an admin reads it by rotating it in Settings.
      const { secret, ...channel } = channel_created;
      return {
        ...rule,
        channel_created: channel,
        ...(secret ? { note: `A webhook channel was created; its signing secret is not shown here: an admin gets it with "Rotate secret" in Settings → Channels.` } : {}),
      };
    },
  },
  {
    name: "list_thresholds",
    title: "List alert rules",
    description:
      "Use this to see which alert rules exist, for one client (its own and, by default, the \"*\" rules that apply to it) or for every client (client_id \"*\"). " +
      RULE_WORDS +
      "The id is what update_threshold and delete_threshold take.",
    inputSchema: listThresholdsInputSchema,
    outputSchema: thresholdListOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: (ctx, args) => listThresholds({ ctx, input: args as z.input<typeof listThresholdsInputSchema> }),
  },
  {
    name: "update_threshold",
    title: "Change an alert rule",
    description:
      "Use this to change an alert rule: its threshold, comparison, metric, system, window, severity, for_count, reminders, recovery notices, channels, or to disable it (enabled false). " +
      "Fields left out stay as they are; the rule's client cannot change. Get the id from list_thresholds.",
    inputSchema: updateThresholdInputSchema,
    outputSchema: thresholdOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => ({ ...(await updateThreshold({ ctx, input: args as z.input<typeof updateThresholdInputSchema> })) }),
  },
  {
    name: "delete_threshold",
    title: "Delete an alert rule",
    description:
      "Use this to delete an alert rule for good (to pause it instead, update_threshold with enabled false). Its past alerts stay in the history. " +
      "Returns the rule as it was. Get the id from list_thresholds.",
    inputSchema: thresholdRefSchema,
    outputSchema: deleteThresholdOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => ({ ...(await deleteThreshold({ ctx, input: args as z.input<typeof thresholdRefSchema> })), deleted: true as const }),
  },
];
