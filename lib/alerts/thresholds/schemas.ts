// Input and output schemas of alert thresholds (rules), shared by REST, MCP and the UI's
// server actions. Field rules that depend on each other (a threshold that makes sense for the
// metric, a window that applies to it, a system only on a named client) are in ruleIssues(),
// applied by create and update alike (update checks the stored rule with its changes).
import { z } from "zod";
import { ALERT_METRICS, CHANNEL_TYPES, COMPARISONS, MIN_REMIND_EVERY_MINUTES, SEVERITIES, type AlertMetric, type Comparison } from "@/lib/alerts/contracts";
import { systemNameSchema } from "@/lib/clients/schemas";
import type { FieldIssue } from "@/lib/errors";
import { strictObject, text } from "@/lib/input";
import { canonicalComparison, MAX_WINDOW_MINUTES, thresholdProblem, windowProblem } from "./metric-rules";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ALL_CLIENTS = "*";

/** "*" (every client) or a client's client_id. */
export const ruleClientSchema = text()
  .trim()
  .min(1, { message: "is required: a client_id, or \"*\" for every client", abort: true })
  .max(64, { message: "must be at most 64 characters", abort: true })
  .refine((v) => v === ALL_CLIENTS || SLUG.test(v), 'must be "*" (every client) or a client_id such as tnt-limousine-001');

export const metricSchema = text()
  .trim()
  .refine((v) => (ALERT_METRICS as readonly string[]).includes(v), `must be one of ${ALERT_METRICS.join(", ")}`)
  .transform((v) => v as AlertMetric);

export const comparisonSchema = text()
  .refine((v) => canonicalComparison(v) !== undefined, `must be one of ${COMPARISONS.join(", ")} (or >, <, =, >=, <=)`)
  .transform((v) => canonicalComparison(v)!);

export const thresholdValueSchema = z.number({
  error: (i) => (i.input === undefined ? "is required" : typeof i.input === "number" ? "must be a finite number" : "must be a number"),
});

export const idSchema = (what: string) => z.guid({ error: `must be the id of ${what} (a UUID)` });

const windowSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number of minutes")
  .min(0, "must be 0 or more")
  .max(MAX_WINDOW_MINUTES, `must be at most ${MAX_WINDOW_MINUTES} (90 days)`);
const forCountSchema = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100");
const remindSchema = z
  .number({ error: "must be a number or null" })
  .int("must be a whole number of minutes")
  .min(MIN_REMIND_EVERY_MINUTES, `must be at least ${MIN_REMIND_EVERY_MINUTES} minutes, or null for no reminders`)
  .max(7 * 24 * 60, "must be at most 10080 (a week)")
  .nullable();
const boolSchema = z.boolean({ error: "must be true or false" });
const severitySchema = z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` });
const channelsSchema = z
  .array(idSchema("a channel (see GET /api/alert-channels)"), { error: "must be a list of channel ids" })
  .max(10, "at most 10 channels");

const optionalFields = {
  system: systemNameSchema.nullish().describe("One system of the client, by name; omit (or null) for every system of the client"),
  window_minutes: windowSchema
    .optional()
    .describe("Window of windowed metrics in minutes (default: uptime 1440, response_time 60 (p95; 0 = the last check), success_rate/error_rate 60, daily_automations 1440 (0 = today), cost_savings 1440); not for status and flags"),
  severity: severitySchema.optional().describe("critical | warning (default: critical for uptime below a target and status down, else warning)"),
  for_count: forCountSchema.optional().describe("Fire only after this many breaching evaluations in a row (default 1)"),
  notify_recovery: boolSchema.optional().describe("Also notify when it resolves (default true)"),
  remind_every_minutes: remindSchema.optional().describe(`Remind while firing and unacknowledged, every N minutes (at least ${MIN_REMIND_EVERY_MINUTES}); null = no reminders (default)`),
  enabled: boolSchema.optional().describe("false keeps the rule but stops evaluating it (default true)"),
};

export const createThresholdInputSchema = strictObject({
  client_id: ruleClientSchema.describe('The client_id the rule watches, or "*" for every client'),
  metric: metricSchema.describe(`What to watch: ${ALERT_METRICS.join(", ")}`),
  comparison: comparisonSchema.describe("greater_than | less_than | equals | greater_or_equal | less_or_equal (or >, <, =, >=, <=)"),
  threshold: thresholdValueSchema.describe("The value to compare with: % for uptime/success_rate/error_rate, ms for response_time, 1|2 for status, 1 for flags"),
  ...optionalFields,
  channels: channelsSchema.optional().describe("Channel ids to notify (agency channels, or this client's own); empty = shown in ClientPulse only"),
});
export type CreateThresholdInput = z.input<typeof createThresholdInputSchema>;

export const thresholdRefSchema = strictObject({ id: idSchema("an alert rule").describe("The rule's id (from list_thresholds)") });

export const updateThresholdInputSchema = strictObject(
  {
    id: idSchema("an alert rule").describe("The rule's id (from list_thresholds)"),
    metric: metricSchema.optional().describe(`What to watch: ${ALERT_METRICS.join(", ")}`),
    comparison: comparisonSchema.optional().describe("greater_than | less_than | equals | greater_or_equal | less_or_equal (or >, <, =, >=, <=)"),
    threshold: thresholdValueSchema.optional().describe("The value to compare with"),
    ...optionalFields,
    channels: channelsSchema.optional().describe("Replaces the rule's channels with these ids"),
  },
  "a rule's client cannot be changed (delete it and create another); the settings are metric, comparison, threshold, system, window_minutes, severity, for_count, notify_recovery, remind_every_minutes, enabled, channels",
);
export type UpdateThresholdInput = z.input<typeof updateThresholdInputSchema>;

export const listThresholdsInputSchema = strictObject({
  client_id: ruleClientSchema.optional().describe('A client_id: its rules and the "*" rules that apply to it; "*": only the rules for every client; omitted: all rules'),
  include_global: boolSchema.default(true).describe('With a client_id: also the "*" rules that apply to it (default true)'),
  system: systemNameSchema.optional().describe("Only rules on this system (by name) and the client-wide ones; needs client_id"),
  metric: metricSchema.optional().describe("Only rules on this metric"),
  enabled: boolSchema.optional().describe("Only enabled (true) or disabled (false) rules"),
});
export type ListThresholdsInput = z.input<typeof listThresholdsInputSchema>;

/** The fields of a rule after its changes, for the cross-field checks. */
export interface RuleShape {
  client_id: string;
  system: string | null;
  metric: AlertMetric;
  comparison: Comparison;
  threshold: number;
  window_minutes: number;
}

/** Cross-field problems of a complete rule, each on its field. */
export function ruleIssues(rule: RuleShape): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const threshold = thresholdProblem(rule.metric, rule.threshold);
  if (threshold) issues.push({ path: "threshold", message: threshold });
  const window = windowProblem(rule.metric, rule.window_minutes);
  if (window) issues.push({ path: "window_minutes", message: window });
  if (rule.system && rule.client_id === ALL_CLIENTS) {
    issues.push({ path: "system", message: 'needs a client_id: a "*" rule watches every system of every client' });
  }
  return issues;
}

// ---- output --------------------------------------------------------------------------

export const channelRefSchema = z.object({ id: z.string(), type: z.enum(CHANNEL_TYPES), name: z.string() });

/** The zod form of contracts.ts' ThresholdOutput (MCP outputSchema). */
export const thresholdOutputSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  system: z.string().nullable(),
  metric: z.enum(ALERT_METRICS),
  comparison: z.enum(COMPARISONS),
  threshold: z.number(),
  window_minutes: z.number(),
  severity: z.enum(SEVERITIES),
  for_count: z.number(),
  notify_recovery: z.boolean(),
  remind_every_minutes: z.number().nullable(),
  enabled: z.boolean(),
  channels: z.array(channelRefSchema),
  description: z.string(),
  firing: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const thresholdListOutputSchema = z.object({ total: z.number(), thresholds: z.array(thresholdOutputSchema) });
