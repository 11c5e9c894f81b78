// Input and output schemas of maintenance windows, shared by every edge (REST, MCP, the form).
// The output is lib/alerts/contracts.ts's MaintenanceWindowOutput, written here as zod (for the
// MCP outputSchema) because lib/alerts imports this domain (muting), never the other way round;
// maintenance.test.ts checks the two stay the same shape.
import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { strictObject, text } from "@/lib/input";
import { normalizeRecurrence, recurrenceProblem } from "./recurrence";

export const MAX_ONE_OFF_DAYS = 31;
export const MAX_DURATION_MINUTES = 1440;
/** Windows per client: a list that stays readable, and bounded work per check. */
export const MAX_WINDOWS_PER_CLIENT = 100;
export const LIST_LIMIT_MAX = 100;

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time with a zone, e.g. 2026-12-06T02:00:00Z" });

// Control characters (tabs, newlines, escapes…) have no place in a one-line title shown on
// pages, in notifications and to assistants.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
export const titleSchema = text()
  .trim()
  .min(1, { message: "is required", abort: true })
  .max(200, { message: "must be at most 200 characters", abort: true })
  .refine((v) => !CONTROL_CHARS.test(v), "must not contain control characters (tabs, line breaks…)");

export const recurrenceSchema = text()
  .trim()
  .max(100, { message: "must be at most 100 characters", abort: true })
  .superRefine((v, ctx) => {
    const problem = recurrenceProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(normalizeRecurrence);

export const durationSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1 minute")
  .max(MAX_DURATION_MINUTES, `must be at most ${MAX_DURATION_MINUTES} minutes (24 h)`);

const windowFields = {
  title: titleSchema.describe("What the maintenance is, e.g. Database upgrade (at most 200 characters)"),
  starts_at: isoDate.describe("One-off: when it starts. Recurring: from when the series applies (default now). ISO 8601 with a zone"),
  ends_at: isoDate
    .nullish()
    .describe(`One-off: when it ends (required, after starts_at, at most ${MAX_ONE_OFF_DAYS} days later). Recurring: optional end of the series`),
  recurrence: recurrenceSchema
    .nullish()
    .describe("Recurring only: a 5-field cron expression in the client's time zone, e.g. \"0 2 * * 0\" = Sundays 02:00; the minute is one number. Omit (or null) for a one-off window"),
  duration_minutes: durationSchema.nullish().describe(`Recurring only: how long each occurrence lasts, 1–${MAX_DURATION_MINUTES} minutes`),
};

export const createWindowInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id (from get_all_clients_status)"),
  ...windowFields,
  starts_at: windowFields.starts_at.optional(),
});
export type CreateWindowInput = z.input<typeof createWindowInputSchema>;

export const updateWindowInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id"),
  id: z.uuid({ error: "must be a maintenance window id (a UUID)" }).describe("The window's id (from list_maintenance_windows)"),
  title: windowFields.title.optional(),
  starts_at: windowFields.starts_at.optional(),
  ends_at: windowFields.ends_at,
  recurrence: windowFields.recurrence,
  duration_minutes: windowFields.duration_minutes,
});

export const windowRefInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id"),
  id: z.uuid({ error: "must be a maintenance window id (a UUID)" }).describe("The window's id"),
});

export const listWindowsInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id (from get_all_clients_status)"),
  include_past: z.boolean({ error: "must be true or false" }).default(false).describe("Also list windows that are over (default false: active and upcoming only)"),
  limit: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(LIST_LIMIT_MAX, `must be at most ${LIST_LIMIT_MAX}`)
    .default(50)
    .describe(`At most this many windows (1–${LIST_LIMIT_MAX}, default 50)`),
});

export const maintenanceWindowOutputSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  title: z.string(),
  starts_at: z.string(),
  ends_at: z.string().nullable(),
  recurrence: z.string().nullable().describe("Cron expression in the client's time zone; null = one-off"),
  duration_minutes: z.number().nullable(),
  time_zone: z.string(),
  description: z.string().describe('Plain words, e.g. "Sundays 02:00–04:00 (Europe/Berlin)"'),
  active_now: z.boolean(),
  next_start: z.string().nullable().describe("The current occurrence's start when active, else the next; null when over"),
  next_end: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string().optional(),
});
export type MaintenanceWindowOutputShape = z.infer<typeof maintenanceWindowOutputSchema>;

export const windowListOutputSchema = z.object({
  client_id: z.string(),
  time_zone: z.string(),
  active_now: z.boolean().describe("Whether the client is inside one of its windows now (checks are kept out of uptime, alerts muted)"),
  windows: z.array(maintenanceWindowOutputSchema).describe("Active first, then upcoming by next start, then (include_past) those that are over"),
  total: z.number(),
});
export type WindowListOutput = z.infer<typeof windowListOutputSchema>;
