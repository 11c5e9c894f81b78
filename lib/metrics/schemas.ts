// Input and output schemas of the metrics verbs, shared by every edge: the seed's `/metrics`
// payload (pulled or pushed), the push body and collect_metrics; then the read side
// (get_performance_metrics, portfolio, daily rows).
import { z } from "zod";
import { clientIdSchema, systemNameSchema } from "@/lib/clients/schemas";
import { strictObject, text } from "@/lib/input";
import { MAX_RANGE_DAYS, TIMEFRAMES } from "./periods";

/** Largest count a sample may carry (the column is a 32-bit integer). */
export const MAX_COUNT = 2_147_483_647;
/** Bounds that keep every sum inside its numeric column (and any amount a real system reports). */
export const MAX_COST_SAVINGS = 1_000_000_000_000; // 1e12 in the client's currency
export const MAX_PROCESSING_SECONDS = 1_000_000_000_000;
export const MAX_TIME_SAVED_HOURS = 1_000_000_000;
const MAX_PERCENT = 1_000_000;

/** A number that is present, a number, and finite: Infinity (e.g. 1e999 in JSON) and NaN are refused by name. */
const finite = () =>
  z.number({
    error: (issue) => (issue.input === undefined ? "is required" : typeof issue.input === "number" ? "must be a finite number" : "must be a number"),
  });

const count = () =>
  finite().int("must be a whole number").min(0, "must not be negative").max(MAX_COUNT, `must be at most ${MAX_COUNT}`);
const amount = (max: number) => finite().min(0, "must not be negative").max(max, `must be at most ${max}`);
const percent = () => finite().min(-MAX_PERCENT, `must be at least -${MAX_PERCENT}`).max(MAX_PERCENT, `must be at most ${MAX_PERCENT}`);

const payloadInstant = () =>
  z.iso.datetime({
    offset: true,
    error: (issue) => (issue.input === undefined ? "is required" : "must be an ISO 8601 date-time with a time zone, e.g. 2026-12-03T10:00:00Z"),
  });

export const efficiencyGainsSchema = z.strictObject({
  time_saved_hours: amount(MAX_TIME_SAVED_HOURS).optional().describe("Hours of manual work saved in the period"),
  error_reduction_percentage: percent().optional().describe("Errors avoided versus the manual process, %"),
  process_improvement: percent().optional().describe("Process improvement, %"),
}, { error: (issue) => (issue.code === "unrecognized_keys" ? undefined : "must be an object { time_saved_hours, error_reduction_percentage, process_improvement }") });

/** The seed's `/metrics` body (SPEC "Client endpoint contracts"): what a metrics URL answers and what a push carries. */
export const metricsPayloadShape = {
  period: z.strictObject(
    {
      start: payloadInstant().describe("Start of the period the numbers cover (inclusive), ISO 8601 with zone"),
      end: payloadInstant().describe("End of the period (exclusive), ISO 8601 with zone"),
    },
    { error: (issue) => (issue.input === undefined ? "is required" : issue.code === "unrecognized_keys" ? undefined : "must be an object { start, end }") },
  ),
  total_automations: count().describe("Automation runs in the period"),
  successful_automations: count().describe("Runs that succeeded (successful + failed ≤ total)"),
  failed_automations: count().describe("Runs that failed"),
  total_processing_time: amount(MAX_PROCESSING_SECONDS).describe("Seconds of processing across the period's runs"),
  cost_savings: amount(MAX_COST_SAVINGS).describe("Money saved in the period, in the client's currency (exact to the cent)"),
  efficiency_gains: efficiencyGainsSchema.optional(),
};
export const metricsPayloadSchema = strictObject(metricsPayloadShape);
export type MetricsPayload = z.output<typeof metricsPayloadSchema>;

/** POST /api/ingest/metrics: the seed's body plus whose numbers they are. */
export const ingestMetricsInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id"),
  system: systemNameSchema.describe("The system's name (case-insensitive)"),
  ...metricsPayloadShape,
});
export type IngestMetricsInput = z.input<typeof ingestMetricsInputSchema>;

export const collectMetricsInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id (from get_all_clients_status)"),
  system: text().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional().describe("One system's name; omit for every enabled system with a metrics URL"),
});
export type CollectMetricsInput = z.input<typeof collectMetricsInputSchema>;

export const PULL_OUTCOMES = ["accepted", "partial", "rejected", "error"] as const;
export type PullOutcome = (typeof PULL_OUTCOMES)[number];

const metricsOutcomeSchema = z.object({
  /** accepted | partial (the valid part kept) | rejected (nothing stored) | error (no usable answer) | already_recorded (the same numbers again: nothing new) | superseded (a concurrent pull collected this span first). */
  outcome: z.enum([...PULL_OUTCOMES, "already_recorded", "superseded", "nothing_due"]),
  message: z.string().nullable(),
  span_start: z.string().nullable(),
  span_end: z.string().nullable(),
  total_automations: z.number().nullable(),
});

export const ingestMetricsOutputSchema = metricsOutcomeSchema.extend({
  client_id: z.string(),
  system: z.string(),
});
export type IngestMetricsOutput = z.infer<typeof ingestMetricsOutputSchema>;

export const collectMetricsOutputSchema = z.object({
  client_id: z.string(),
  collected_at: z.string(),
  systems: z.array(metricsOutcomeSchema.extend({ system: z.string(), duration_ms: z.number().nullable() })),
});
export type CollectMetricsOutput = z.infer<typeof collectMetricsOutputSchema>;

// ---- read side ---------------------------------------------------------------------

const DAY_MS = 86_400_000;
const periodInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: "must be an ISO 8601 date-time with offset (2026-11-01T00:00:00Z) or a date (2026-11-01 = midnight in the client's time zone)",
});

/** A date-only value is local midnight, so its instant depends on the zone; this bound is checked before (±1 day). */
const roughMs = (v: string) => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);

/** timeframe, or start + end; shared by every period-taking metrics verb. */
export const periodFields = {
  timeframe: z
    .enum(TIMEFRAMES, { error: `must be one of ${TIMEFRAMES.join(", ")}` })
    .optional()
    .describe("Rolling period ending at the last complete hour: 24h | 7d | 30d | 90d (default 30d). Leave out when giving start and end"),
  start: periodInstant.optional().describe(`Custom range start, inclusive (ISO 8601 date-time, or YYYY-MM-DD = midnight in the client's time zone); with end, at most ${MAX_RANGE_DAYS} days`),
  end: periodInstant.optional().describe("Custom range end, exclusive (ISO 8601 date-time, or YYYY-MM-DD = midnight in the client's time zone)"),
};

type PeriodInput = { timeframe?: string; start?: string; end?: string };
export function refinePeriod(input: PeriodInput, ctx: z.RefinementCtx): void {
  if (input.start !== undefined && input.end === undefined) ctx.addIssue({ code: "custom", path: ["end"], message: "is required with start" });
  if (input.end !== undefined && input.start === undefined) ctx.addIssue({ code: "custom", path: ["start"], message: "is required with end" });
  if (input.timeframe !== undefined && (input.start !== undefined || input.end !== undefined)) {
    ctx.addIssue({ code: "custom", path: ["timeframe"], message: "give either timeframe or start and end, not both" });
  }
  if (input.start !== undefined && input.end !== undefined) {
    const span = roughMs(input.end) - roughMs(input.start);
    if (span <= 0) ctx.addIssue({ code: "custom", path: ["end"], message: "must be after start" });
    else if (span > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["end"], message: `the range must be at most ${MAX_RANGE_DAYS} days` });
  }
}

export const performanceMetricsInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id (from get_all_clients_status)"),
  ...periodFields,
}).superRefine(refinePeriod);

export const portfolioMetricsInputSchema = strictObject(periodFields).superRefine(refinePeriod);

export const dailyMetricsInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id"),
  start: periodInstant.describe("First day (YYYY-MM-DD in the client's time zone, or a date-time: days starting at or after it)"),
  end: periodInstant.describe("End, exclusive (YYYY-MM-DD in the client's time zone, or a date-time)"),
}).superRefine(refinePeriod);

// ---- outputs -------------------------------------------------------------------------------

const nullableNumber = z.number().nullable();
const countShape = {
  total_automations: z.number(),
  successful_automations: z.number(),
  failed_automations: z.number(),
  success_rate: nullableNumber.describe("successful / total × 100; null with no automations"),
  avg_processing_time: nullableNumber.describe("seconds per automation (total processing time / total automations)"),
};
const periodShape = z.object({ start: z.string(), end: z.string(), hours: z.number() });

const systemCoverage = z.object({
  system: z.string(),
  covered_share: z.number().describe("share of the period this system's reports cover, 0–1"),
  covered_hours: z.number(),
  first_covered: z.string().nullable(),
  last_covered: z.string().nullable(),
});
export const coverageOutputSchema = z.object({
  /** Mean of the systems' covered shares. */
  covered_share: z.number(),
  systems_total: z.number(),
  systems_reporting: z.number(),
  systems: z.array(systemCoverage),
});

export const trendsOutputSchema = z.object({
  automation_volume_trend: nullableNumber.describe("volume change against the previous equal period, %"),
  success_rate_trend: nullableNumber.describe("success-rate change against the previous equal period, points"),
  performance_direction: z.enum(["improving", "stable", "declining"]),
  previous: z.object({ total_automations: z.number(), success_rate: nullableNumber }),
});

export const performanceMetricsOutputSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  timeframe: z.string(),
  time_zone: z.string(),
  period: periodShape,
  previous_period: periodShape,
  metrics: z.object({
    ...countShape,
    currency: z.string(),
    cost_savings: z.number(),
    cost_savings_cents: z.number(),
    roi_metrics: z.object({
      time_saved_hours: z.number(),
      hourly_rate: z.number(),
      labor_cost_savings: z.number(),
      labor_cost_savings_cents: z.number(),
      efficiency_improvement: nullableNumber.describe("time saved / (time saved + processing time) × 100"),
    }),
  }),
  trends: trendsOutputSchema,
  coverage: coverageOutputSchema,
  systems: z.array(z.object({ system: z.string(), ...countShape, cost_savings: z.number(), time_saved_hours: z.number(), covered_share: z.number() })),
});
export type PerformanceMetrics = z.infer<typeof performanceMetricsOutputSchema>;

export const portfolioMetricsOutputSchema = z.object({
  timeframe: z.string(),
  /** In UTC hours; each client's own period is this span moved to its zone's hour boundaries. */
  period: periodShape,
  clients: z.number(),
  metrics: z.object(countShape),
  /** Money never adds across currencies: one entry per currency. */
  money: z.array(z.object({ currency: z.string(), clients: z.number(), cost_savings: z.number(), cost_savings_cents: z.number(), time_saved_hours: z.number(), labor_cost_savings: z.number(), labor_cost_savings_cents: z.number() })),
  trends: trendsOutputSchema,
  coverage: z.object({ covered_share: z.number(), systems_total: z.number(), systems_reporting: z.number() }),
  by_client: z.array(z.object({ client_id: z.string(), client_name: z.string(), currency: z.string(), ...countShape, cost_savings: z.number(), performance_direction: z.enum(["improving", "stable", "declining"]), covered_share: z.number() })),
});
export type PortfolioMetrics = z.infer<typeof portfolioMetricsOutputSchema>;
