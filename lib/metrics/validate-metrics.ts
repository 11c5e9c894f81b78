// Pure: the rules a `/metrics` payload must meet before any of it is stored (README "Business
// metrics: what is accepted"). Schema rules (types, required fields, ranges) come from
// schemas.ts; the rules across fields and against the clock are here. A rejection carries
// field issues (REST 422, MCP isError) and one line for the pull log:
// "metrics rejected: successful 430 > total 428".
import { z } from "zod";
import { issuesFromZod, type FieldIssue } from "@/lib/errors";
import { decimalPlaces, toCents, toThousandths } from "@/lib/decimal";
import { metricsPayloadSchema, metricsPayloadShape, type MetricsPayload } from "./schemas";

/** A sample may end at most this far after our clock (the sender's clock may run a little ahead). */
export const CLOCK_SKEW_MS = 60_000;
/** The longest period one sample may cover (bounds the rollup work of one sample to 168 hours). */
export const MAX_SAMPLE_SPAN_MS = 7 * 86_400_000;

/** A validated sample, in the units it is stored in. */
export interface SampleValues {
  periodStart: Date;
  periodEnd: Date;
  total: number;
  successful: number;
  failed: number;
  /** Thousandths of a second. */
  processingMilli: bigint;
  costCents: bigint;
  /** Thousandths of an hour; null when not reported. */
  timeSavedMilli: bigint | null;
  errorReductionPct: number | null;
  processImprovement: number | null;
}

export type Validation =
  | { ok: true; sample: SampleValues; /** What was left out (partial acceptance), empty when all was kept. */ dropped: string[] }
  | { ok: false; issues: FieldIssue[]; reason: string };

const REJECTED = "metrics rejected: ";
const REASON_MAX = 480; // metric_pulls.message is 500 characters

/** The one-line reason stored in metric_pulls. */
export function rejectionReason(issues: readonly FieldIssue[]): string {
  const text = REJECTED + issues.map((i) => (i.path && !SELF_CONTAINED.has(i) ? `${i.path} ${i.message}` : i.message)).join("; ");
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text;
}
// Issues whose message already names what is wrong ("successful 430 > total 428").
const SELF_CONTAINED = new WeakSet<FieldIssue>();
const selfContained = (path: string, message: string): FieldIssue => {
  const issue = { path, message };
  SELF_CONTAINED.add(issue);
  return issue;
};

const iso = (d: Date) => d.toISOString();

/** The rules across fields and against `now`, on a payload that passed the schema. */
export function sampleRuleIssues(payload: Pick<MetricsPayload, "period" | "total_automations" | "successful_automations" | "failed_automations">, now: Date, prefix = ""): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (field: string) => `${prefix}${field}`;
  const { total_automations: total, successful_automations: ok, failed_automations: failed } = payload;
  if (ok > total) issues.push(selfContained(at("successful_automations"), `successful ${ok} > total ${total}`));
  if (failed > total) issues.push(selfContained(at("failed_automations"), `failed ${failed} > total ${total}`));
  if (ok <= total && failed <= total && ok + failed > total) {
    issues.push(selfContained(at("failed_automations"), `successful ${ok} + failed ${failed} > total ${total}`));
  }
  const start = new Date(payload.period.start);
  const end = new Date(payload.period.end);
  if (end.getTime() < start.getTime()) {
    issues.push(selfContained(at("period.end"), `period reversed: end ${iso(end)} is before start ${iso(start)}`));
  } else if (end.getTime() === start.getTime()) {
    issues.push(selfContained(at("period.end"), `period is empty: end equals start ${iso(start)}`));
  } else if (end.getTime() - start.getTime() > MAX_SAMPLE_SPAN_MS) {
    issues.push(selfContained(at("period"), `period ${iso(start)} – ${iso(end)} is longer than 7 days; send shorter periods`));
  }
  if (end.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    issues.push(selfContained(at("period.end"), `period ends in the future (${iso(end)}, now ${iso(now)})`));
  }
  return issues;
}

/** A payload that passed the schema and the rules, in stored units. */
export function sampleValues(payload: MetricsPayload): SampleValues {
  const gains = payload.efficiency_gains;
  return {
    periodStart: new Date(payload.period.start),
    periodEnd: new Date(payload.period.end),
    total: payload.total_automations,
    successful: payload.successful_automations,
    failed: payload.failed_automations,
    processingMilli: toThousandths(payload.total_processing_time),
    costCents: toCents(payload.cost_savings),
    timeSavedMilli: gains?.time_saved_hours === undefined ? null : toThousandths(gains.time_saved_hours),
    errorReductionPct: gains?.error_reduction_percentage ?? null,
    processImprovement: gains?.process_improvement ?? null,
  };
}

/** Notes about rounding that changed what was sent (kept with the accepted sample's log line). */
function roundingNotes(payload: MetricsPayload): string[] {
  const notes: string[] = [];
  if (decimalPlaces(payload.cost_savings) > 2) notes.push(`cost_savings ${payload.cost_savings} rounded to the cent`);
  if (decimalPlaces(payload.total_processing_time) > 3) notes.push("total_processing_time rounded to the millisecond");
  const saved = payload.efficiency_gains?.time_saved_hours;
  if (saved !== undefined && decimalPlaces(saved) > 3) notes.push("efficiency_gains.time_saved_hours rounded to 3 decimals");
  return notes;
}

// For a pulled answer: the core fields alone, unknown fields ignored (the lenient second pass).
const { efficiency_gains: _gains, ...coreShape } = metricsPayloadShape;
const coreSchema = z.object(coreShape);

/** One line per zod issue, in the style of z.prettifyError: `successful_automations must not be negative`, `unknown field "foo"`. */
function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") return issue.keys.map((k) => `unknown field "${path ? `${path}.` : ""}${k}"`);
    return [path ? `${path} ${issue.message}` : issue.message];
  });
}
const REJECTED_PREFIX = "metrics rejected: ";
const clip = (text: string) => (text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text);

/**
 * Validates a payload. `mode: "push"` is all or nothing (the sender gets a 422 and can fix it).
 * `mode: "pull"` keeps the valid part where that is unambiguous: when every problem is in
 * `efficiency_gains` or is an unknown top-level field, the core numbers (period, counts,
 * processing time, cost savings) are kept, efficiency_gains is dropped if invalid, unknown
 * fields are ignored, and `dropped` says what was left out. Anything wrong in the core rejects
 * the whole sample: a count without its period, or a period without its counts, means nothing.
 */
export function validateMetricsPayload(body: unknown, options: { now: Date; mode: "pull" | "push" }): Validation {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const issues = [selfContained("", `expected a JSON object with the seed's /metrics fields, got ${Array.isArray(body) ? "an array" : body === null ? "null" : typeof body}`)];
    return { ok: false, issues, reason: rejectionReason(issues) };
  }
  const strict = metricsPayloadSchema.safeParse(body);
  let payload: MetricsPayload;
  const dropped: string[] = [];
  if (strict.success) {
    payload = strict.data;
  } else {
    const issues = issuesFromZod(strict.error);
    const lines = describeZodIssues(strict.error);
    const salvageable =
      options.mode === "pull" &&
      strict.error.issues.every((i) => i.path[0] === "efficiency_gains" || (i.code === "unrecognized_keys" && i.path.length === 0));
    const reason = clip(REJECTED_PREFIX + lines.join("; "));
    if (!salvageable) return { ok: false, issues, reason };
    const core = coreSchema.safeParse(body);
    if (!core.success) return { ok: false, issues, reason }; // cannot happen: the core passed above
    const gains = efficiencyGainsOf(body);
    payload = { ...core.data, ...(gains ? { efficiency_gains: gains } : {}) };
    if (!gains && (body as Record<string, unknown>).efficiency_gains !== undefined) dropped.push("efficiency_gains dropped");
    dropped.push(...lines.map((l) => (l.startsWith("unknown field") ? `${l} ignored` : l)));
  }
  const ruleIssues = sampleRuleIssues(payload, options.now);
  if (ruleIssues.length) return { ok: false, issues: ruleIssues, reason: rejectionReason(ruleIssues) };
  return { ok: true, sample: sampleValues(payload), dropped: [...dropped, ...roundingNotes(payload)] };
}

/** efficiency_gains when it is valid on its own, else undefined (dropped). */
function efficiencyGainsOf(body: object): z.output<typeof metricsPayloadShape.efficiency_gains> | undefined {
  const parsed = metricsPayloadShape.efficiency_gains.safeParse((body as Record<string, unknown>).efficiency_gains);
  return parsed.success ? parsed.data : undefined;
}

/** For a push, after the edge's schema: the rules and the stored values, or the issues (prefixed for nested edges). */
export function validatePushedPayload(payload: MetricsPayload, now: Date): Validation {
  const issues = sampleRuleIssues(payload, now);
  if (issues.length) return { ok: false, issues, reason: rejectionReason(issues) };
  return { ok: true, sample: sampleValues(payload), dropped: roundingNotes(payload) };
}
