// MCP tools of the alerts domain (the engine's verbs): list_alerts and acknowledge_alert. Thin
// edges: the verbs validate, check scopes and scope client-bound keys to their client.
import type { z } from "zod";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { acknowledgeAlertInputSchema, acknowledgeAlertOutputSchema, listAlertsInputSchema, listAlertsOutputSchema } from "@/lib/alerts/alert-schemas";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { readable, writable, type ToolDefinition } from "./tool-definition";

export const ALERT_TOOLS: readonly ToolDefinition[] = [
  {
    name: "list_alerts",
    title: "Alerts",
    description:
      "Use this when asked what is alerting, what fired overnight, or whether a client has open alerts. " +
      "Alerts come firing first, then newest. Each has client_id, system (null = client-wide), metric, the threshold and the observed value, " +
      "severity (critical | warning), state (firing | resolved), message (the reason in words), started_at, resolved_at, " +
      "flapping (held firing instead of sending a storm), muted (fired in a maintenance window: not notified), " +
      "acknowledged_at / acknowledged_by and reminders sent. Filter by client_id, severity, state (firing | resolved | all) and acknowledged. " +
      "firing_count counts the firing alerts matching the filters on every page; pass next_cursor back as cursor for the next page. " +
      "acknowledge_alert stops an alert's reminders.",
    inputSchema: listAlertsInputSchema,
    outputSchema: listAlertsOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: async (ctx, args) => ({ ...(await listAlerts({ ctx, input: args as z.input<typeof listAlertsInputSchema> })) }),
  },
  {
    name: "acknowledge_alert",
    title: "Acknowledge an alert",
    description:
      "Use this when someone is handling a firing alert: records who (this key) and when on the alert's timeline and stops its reminders. " +
      "It does not resolve the alert (it resolves on its own when the metric is back within the threshold). " +
      "Get alert_id from list_alerts. Acknowledging twice is harmless (already_acknowledged: true); a resolved alert cannot be acknowledged.",
    inputSchema: acknowledgeAlertInputSchema,
    outputSchema: acknowledgeAlertOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => ({ ...(await acknowledgeAlert({ ctx, input: args as z.input<typeof acknowledgeAlertInputSchema> })) }),
  },
];
