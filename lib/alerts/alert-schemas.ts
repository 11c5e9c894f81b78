// Inputs of the alert verbs (list, detail, acknowledge), shared by REST, MCP and the UI; the
// output shapes are lib/alerts/contracts.ts's AlertOutput / AlertDetailOutput.
import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { strictObject, text } from "@/lib/input";
import { SEVERITIES } from "./contracts";

export const ALERT_PAGE_MAX = 100;
export const ALERT_STATE_FILTERS = ["firing", "resolved", "all"] as const;

const alertIdSchema = z.uuid({ error: "must be an alert id (a UUID, from list_alerts)" });

export const listAlertsInputSchema = strictObject({
  client_id: clientIdSchema.optional().describe("Only this client's alerts (a slug such as tnt-limousine-001, from get_all_clients_status)"),
  severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` }).optional().describe("Only alerts of this severity: critical or warning"),
  state: z
    .enum(ALERT_STATE_FILTERS, { error: `must be one of ${ALERT_STATE_FILTERS.join(", ")}` })
    .default("all")
    .describe("firing (still open), resolved, or all (default); firing ones always come first"),
  acknowledged: z.boolean({ error: "must be true or false" }).optional().describe("true: only acknowledged alerts; false: only unacknowledged ones; omit for both"),
  limit: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(ALERT_PAGE_MAX, `must be at most ${ALERT_PAGE_MAX}`)
    .default(50)
    .describe(`Alerts per page (1–${ALERT_PAGE_MAX}, default 50)`),
  cursor: text().max(200).optional().describe("next_cursor of the previous page, to read the next one; omit for the first page"),
});

export const alertIdInputSchema = strictObject({
  alert_id: alertIdSchema.describe("The alert's id, from list_alerts"),
});

export const acknowledgeAlertInputSchema = strictObject({
  alert_id: alertIdSchema.describe("The alert's id, from list_alerts (a firing alert)"),
  note: text().trim().max(500, "must be at most 500 characters").optional().describe("Optional note recorded on the alert's timeline, e.g. who is looking into it"),
});

const alertOutputShape = {
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  system: z.string().nullable(),
  threshold_id: z.string().nullable(),
  metric: z.string(),
  comparison: z.string(),
  threshold: z.number(),
  observed: z.number().nullable(),
  severity: z.string(),
  state: z.enum(["firing", "resolved"]),
  flapping: z.boolean(),
  muted: z.boolean(),
  message: z.string(),
  started_at: z.string(),
  resolved_at: z.string().nullable(),
  acknowledged_at: z.string().nullable(),
  acknowledged_by: z.string().nullable(),
  reminders: z.number(),
};
export const alertOutputSchema = z.object(alertOutputShape);

export const listAlertsOutputSchema = z.object({
  alerts: z.array(alertOutputSchema),
  /** Firing alerts matching the filters (all pages). */
  firing_count: z.number(),
  next_cursor: z.string().nullable(),
});

export const acknowledgeAlertOutputSchema = z.object({ alert: alertOutputSchema, already_acknowledged: z.boolean() });

export const clientAlertBadgeSchema = z.object({ firing: z.number(), critical: z.number(), unacknowledged: z.number() });
