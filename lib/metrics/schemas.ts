// Inputs and outputs of the metrics verbs, shared by REST, MCP and the pages.
import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { strictObject } from "@/lib/input";
import { MAX_RANGE_DAYS, TIMEFRAMES } from "./periods";

const DAY_MS = 86_400_000;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
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
  start: instant.optional().describe(`Custom range start, inclusive (ISO 8601 date-time, or YYYY-MM-DD = midnight in the client's time zone); with end, at most ${MAX_RANGE_DAYS} days`),
  end: instant.optional().describe("Custom range end, exclusive (ISO 8601 date-time, or YYYY-MM-DD = midnight in the client's time zone)"),
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
  start: instant.describe("First day (YYYY-MM-DD in the client's time zone, or a date-time: days starting at or after it)"),
  end: instant.describe("End, exclusive (YYYY-MM-DD in the client's time zone, or a date-time)"),
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
