// Input and output schemas of report schedules, shared by REST, MCP and the server actions.
// The cron and the recipients are checked further by the verbs (croner, the client's zone and
// contact email), which name the field in their errors like the schemas do.
import { z } from "zod";
import { idSchema } from "@/lib/alerts/thresholds/schemas";
import { clientIdSchema } from "@/lib/clients/schemas";
import { strictObject, text } from "@/lib/input";
import { DEFAULT_SCHEDULE_CRON, MAX_SCHEDULE_RECIPIENTS, REPORT_TYPES } from "../contracts";

const boolSchema = z.boolean({ error: "must be true or false" });
const reportTypeSchema = z.enum(REPORT_TYPES, { error: `must be one of ${REPORT_TYPES.join(", ")}` });
const cronSchema = text("must be a cron expression (a string)").trim().min(1, "is empty").max(100, "must be at most 100 characters");
const recipientsSchema = z
  .array(text("must be an email address").trim().max(254, "must be at most 254 characters"), { error: "must be a list of email addresses" })
  .max(MAX_SCHEDULE_RECIPIENTS * 2, `at most ${MAX_SCHEDULE_RECIPIENTS} addresses`);

const defaults = Object.entries(DEFAULT_SCHEDULE_CRON).map(([t, c]) => `${t} "${c}"`).join(", ");

export const createReportScheduleInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client whose reports are sent"),
  report_type: reportTypeSchema.describe("daily | weekly | monthly | quarterly: each run reports the last complete period of this kind"),
  cron: cronSchema
    .optional()
    .describe(`When to send: a five-field cron (minute hour day-of-month month day-of-week) in the CLIENT's time zone, at most hourly. Default per type: ${defaults}`),
  include_recommendations: boolSchema.optional().describe("Include the recommendations section (default true)"),
  recipients: recipientsSchema
    .optional()
    .describe(`Email addresses the PDF goes to (1–${MAX_SCHEDULE_RECIPIENTS}); default: the client's contact email`),
  enabled: boolSchema.optional().describe("false keeps the schedule but sends nothing (default true)"),
});
export type CreateReportScheduleInput = z.input<typeof createReportScheduleInputSchema>;

export const updateReportScheduleInputSchema = strictObject(
  {
    id: idSchema("a report schedule"),
    report_type: reportTypeSchema.optional(),
    cron: cronSchema.optional(),
    include_recommendations: boolSchema.optional(),
    recipients: recipientsSchema.optional(),
    enabled: boolSchema.optional(),
  },
  "a schedule's client cannot be changed; the settings are report_type, cron, include_recommendations, recipients, enabled",
);
export type UpdateReportScheduleInput = z.input<typeof updateReportScheduleInputSchema>;

export const reportScheduleRefInputSchema = strictObject({ id: idSchema("a report schedule").describe("The schedule's id (from list_report_schedules)") });

export const listReportSchedulesInputSchema = strictObject({
  client_id: clientIdSchema.optional().describe("Only this client's schedules (default: every client you may see)"),
});

export const reportScheduleOutputSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  report_type: z.enum(REPORT_TYPES),
  cron: z.string(),
  description: z.string(),
  time_zone: z.string(),
  include_recommendations: z.boolean(),
  recipients: z.array(z.string()),
  enabled: z.boolean(),
  next_run_at: z.string().nullable(),
  last_run_at: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
});
