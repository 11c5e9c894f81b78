// Inputs of the report verbs (generate, list, get, download), shared by REST, MCP, the server
// action and the UI, and the output schemas MCP promises in tools/list. The shapes themselves
// are lib/reports/contracts.ts; the output schemas type what a caller reads first and leave the
// document's deeper sections loose (they are frozen JSON, checked by their own tests).
import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { strictObject, text } from "@/lib/input";
import { ALL_REPORT_TYPES, REPORT_FORMATS, REPORT_TYPES } from "./contracts";
import { REPORT_CSV_SECTIONS } from "./render/csv";

export const REPORT_PAGE_MAX = 100;

const reportIdSchema = z.uuid({ error: "must be a report id (a UUID, from list_reports)" });

// A local date or an ISO instant with its offset: the forms and the period rules (empty,
// reversed, future, too long) are resolveReportPeriod's, which names these same fields.
const dateOrInstant = () => text().trim().max(40, { message: "must be at most 40 characters", abort: true });

/** ALL_REPORT_TYPES as a tuple (z.enum wants one). */
const TYPES = [...REPORT_TYPES, "custom"] as const;
const reportTypeSchema = z.enum(TYPES, { error: `must be one of ${ALL_REPORT_TYPES.join(", ")}` });

export const generateReportInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client (a slug such as tnt-limousine-001, from get_all_clients_status)"),
  report_type: reportTypeSchema.describe("daily, weekly (Monday–Sunday), monthly or quarterly: the last complete period in the client's time zone; custom: give start and end"),
  include_recommendations: z
    .boolean({ error: "must be true or false" })
    .default(true)
    .describe("Add recommendations, each from a documented rule citing the numbers that triggered it (default true)"),
  start: dateOrInstant()
    .optional()
    .describe("custom only: the range's start, a local date in the client's zone (2026-10-01) or an ISO instant with an offset"),
  end: dateOrInstant()
    .optional()
    .describe("custom only: the range's exclusive end (2026-11-01 ends with 31 October), same forms; at most 366 days after start, not in the future"),
  period_containing: text()
    .trim()
    .max(20, { message: "must be at most 20 characters", abort: true })
    .optional()
    .describe("daily/weekly/monthly/quarterly only: a local date inside the wanted period (which must be complete); default: the last complete one"),
});
// Which of start / end / period_containing a type takes, and every rule of the period itself,
// are resolveReportPeriod's (lib/reports/periods.ts): it names the same fields.
export type GenerateReportInput = z.output<typeof generateReportInputSchema>;

export const listReportsInputSchema = strictObject({
  client_id: clientIdSchema.optional().describe("Only this client's reports (a slug such as tnt-limousine-001)"),
  report_type: reportTypeSchema.optional().describe(`Only reports of this type: ${ALL_REPORT_TYPES.join(", ")}`),
  schedule_id: z.uuid({ error: "must be a schedule id (a UUID)" }).optional().describe("Only the reports this schedule made"),
  limit: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(REPORT_PAGE_MAX, `must be at most ${REPORT_PAGE_MAX}`)
    .default(50)
    .describe(`Reports per page (1–${REPORT_PAGE_MAX}, default 50), newest first`),
  cursor: text().max(200).optional().describe("next_cursor of the previous page, to read the next one; omit for the first page"),
});
export type ListReportsInput = z.output<typeof listReportsInputSchema>;

export const reportIdInputSchema = strictObject({
  id: reportIdSchema.describe("The report's id, from list_reports"),
});

export const downloadReportInputSchema = strictObject({
  id: reportIdSchema.describe("The report's id, from list_reports"),
  format: z.enum(REPORT_FORMATS, { error: `must be one of ${REPORT_FORMATS.join(", ")}` }).describe("pdf, csv, json or html (the printable view)"),
  section: z
    .enum(REPORT_CSV_SECTIONS, { error: `must be one of ${REPORT_CSV_SECTIONS.join(", ")}` })
    .optional()
    .describe("csv only: one table alone; omit for every table in one file"),
}).superRefine((v, issues) => {
  if (v.section !== undefined && v.format !== "csv") issues.addIssue({ code: "custom", path: ["section"], message: "is only for format=csv" });
});
export type DownloadReportInput = z.output<typeof downloadReportInputSchema>;

// ── Outputs (MCP outputSchema) ──────────────────────────────────────────────────────────────
const periodSchema = z.object({ start: z.string(), end: z.string(), label: z.string(), hours: z.number() });
const nullableNumber = z.number().nullable();

export const reportLinksSchema = z.object({ pdf: z.string(), csv: z.string(), json: z.string(), html: z.string(), resource: z.string() });

const reportSummaryShape = {
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  report_type: z.enum(TYPES),
  period_label: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  time_zone: z.string(),
  version: z.number(),
  overall_health: z.enum(["healthy", "degraded", "down", "no_data"]),
  generated_at: z.string(),
  generated_by: z.string(),
  include_recommendations: z.boolean(),
  schedule_id: z.string().nullable(),
  delivery_state: z.string().nullable(),
  links: reportLinksSchema,
};
export const reportSummarySchema = z.object(reportSummaryShape);

const reportMetadataSchema = z.looseObject({
  report_id: z.string(),
  version: z.number(),
  client_id: z.string(),
  client_name: z.string(),
  report_type: z.string(),
  period_label: z.string(),
  period: periodSchema,
  previous_period: periodSchema,
  time_zone: z.string(),
  generated_at: z.string(),
  generated_by: z.string(),
  include_recommendations: z.boolean(),
  sla_target: z.number(),
  currency: z.string(),
  agency_name: z.string(),
  format_version: z.number(),
});

const looseSection = z.record(z.string(), z.unknown());

/** The frozen document: what a reader looks at first is typed, the deeper parts are loose. */
export const reportDocumentSchema = z.looseObject({
  report_metadata: reportMetadataSchema,
  executive_summary: z.looseObject({
    overall_health: z.enum(["healthy", "degraded", "down", "no_data"]),
    headline: z.string(),
    key_achievements: z.array(z.string()),
    areas_for_improvement: z.array(z.string()),
  }),
  system_health: z.looseObject({
    uptime_summary: nullableNumber,
    sla_target: z.number(),
    sla_met: z.boolean().nullable(),
    error_budget: looseSection.nullable(),
    systems: z.array(looseSection),
    incidents: z.array(looseSection),
    incidents_total: z.number(),
    mttr_minutes: nullableNumber,
    critical_issues: z.array(z.string()),
    performance_highlights: z.array(z.string()),
    daily_uptime: z.array(z.object({ date: z.string(), uptime_pct: nullableNumber })),
  }),
  performance_metrics: z.looseObject({
    has_data: z.boolean(),
    automation_summary: looseSection,
    roi_analysis: looseSection,
    efficiency_gains: looseSection,
  }),
  recommendations: z.looseObject({
    included: z.boolean(),
    performance_optimizations: z.array(looseSection),
    cost_savings_opportunities: z.array(looseSection),
    strategic_initiatives: z.array(looseSection),
    note: z.string().nullable(),
  }),
  methodology: looseSection,
});

export const generatedReportOutputSchema = z.object({ ...reportSummaryShape, report: reportDocumentSchema });

export const listReportsOutputSchema = z.object({
  reports: z.array(reportSummarySchema),
  next_cursor: z.string().nullable(),
});
