// Input and output schemas of the metrics write path, shared by every edge: the seed's
// `/metrics` payload (pulled or pushed), the push body, and collect_metrics.
import { z } from "zod";
import { clientIdSchema, systemNameSchema } from "@/lib/clients/schemas";
import { strictObject, text } from "@/lib/input";

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

const instant = () =>
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
      start: instant().describe("Start of the period the numbers cover (inclusive), ISO 8601 with zone"),
      end: instant().describe("End of the period (exclusive), ISO 8601 with zone"),
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
