// Stores one validated sample of one system, in one transaction with the system's row locked
// (so a pull, a push and "pull now" of the same system, on any instance, never interleave):
// the overlap check, the metric_samples row, the hour and day rollups in the client's time
// zone (split-sample.ts), the system's cursor, and the metric_pulls line saying what happened.
// The same period with the same numbers again is a no-op ("already recorded"); with other
// numbers, or any overlap with an accepted sample, it is rejected and nothing is stored.
import type { Context } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/errors";
import { formatScaled } from "@/lib/decimal";
import { failureBackoffMs } from "./pull-schedule";
import { splitSample, type BucketOverlap, type BucketShare, type SampleQuantities } from "./split-sample";
import { rejectionReason, type SampleValues } from "./validate-metrics";

export type Tx = Parameters<Parameters<Context["db"]["$transaction"]>[0]>[0];
export type MetricSource = "pull" | "push" | "manual";

export interface AcceptSampleInput {
  systemId: string;
  source: MetricSource;
  sample: SampleValues;
  /** When it happened (the log line's time, the clock for backoff). */
  at: Date;
  /** What validation left out or rounded (a "partial" acceptance when something was left out). */
  dropped?: string[];
  partial?: boolean;
  /**
   * Pulls only: the cursor the span was computed from. When the system's cursor has moved since
   * (a concurrent "pull now" or another instance collected first), nothing is stored and the
   * outcome is "superseded": not a failure of the client's endpoint.
   */
  expectedCursor?: Date | null;
  durationMs?: number;
}

export type AcceptOutcome = "accepted" | "partial" | "already_recorded" | "superseded" | "conflict" | "overlap";

export interface AcceptResult {
  outcome: AcceptOutcome;
  /** The line stored in metric_pulls (null when nothing was logged: superseded). */
  message: string | null;
  sampleId: bigint | null;
}

// Bursts of accepted samples queue for the connection pool; each transaction is short.
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };
const GRID = "15 minutes"; // every zone's hour and day boundaries fall on a 15-minute UTC grid

/** Accepts a sample (in its own transaction, or inside the caller's `tx`). */
export async function acceptMetricSample(db: Db, input: AcceptSampleInput, tx?: Tx): Promise<AcceptResult> {
  if (tx) return acceptIn(tx, input);
  return db.$transaction((t) => acceptIn(t, input), TX_OPTIONS);
}


export interface AcceptSamplesInput {
  systemId: string;
  source: Extract<MetricSource, "pull" | "push">;
  /** Validated samples, in time order, none overlapping another (e.g. a history backfill). */
  samples: readonly SampleValues[];
  at: Date;
  /** The metric_pulls line's text before its span and counts, e.g. "demo backfill". */
  label: string;
}

export interface AcceptSamplesResult {
  outcome: "accepted" | "overlap";
  accepted: number;
  message: string;
}

/**
 * Accepts many samples of one system in one transaction, with every guarantee of
 * acceptMetricSample: the system's row locked, all or nothing when any sample overlaps an accepted
 * one (or another of the batch), the same rollups (one bucketing, split-sample.ts, summed per
 * bucket before one upsert), the cursor at the last sample's end, and one metric_pulls line for
 * the batch. ~1,400 hourly samples take one transaction instead of 1,400 (the demo's history).
 */
export async function acceptMetricSamples(db: Db, input: AcceptSamplesInput): Promise<AcceptSamplesResult> {
  const { samples, systemId } = input;
  if (samples.length === 0) return { outcome: "accepted", accepted: 0, message: `${input.label}: nothing to record` };
  for (let i = 1; i < samples.length; i++) {
    if (samples[i].periodStart.getTime() < samples[i - 1].periodEnd.getTime()) {
      throw new Error(`acceptMetricSamples: sample ${i} (${span(samples[i])}) is out of order or overlaps ${span(samples[i - 1])}`);
    }
  }
  const whole = { start: samples[0].periodStart, end: samples[samples.length - 1].periodEnd };
  const log = { systemId, source: input.source, at: input.at };
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ time_zone: string; metrics_failures: number }[]>`
      SELECT c.time_zone, s.metrics_failures FROM systems s JOIN clients c ON c.id = s.client_ref
      WHERE s.id = ${systemId}::uuid FOR UPDATE OF s`;
    const system = locked[0];
    if (!system) throw new NotFoundError("The system no longer exists");
    const overlapping = await tx.$queryRaw<{ period_start: Date; period_end: Date }[]>`
      SELECT m.period_start, m.period_end FROM metric_samples m
      JOIN unnest(${samples.map((x) => x.periodStart)}::timestamptz[], ${samples.map((x) => x.periodEnd)}::timestamptz[]) AS b(s, e)
        ON m.period_start < b.e AND m.period_end > b.s
      WHERE m.system_id = ${systemId}::uuid
      ORDER BY m.period_start LIMIT 1`;
    if (overlapping.length) {
      const o = { periodStart: new Date(overlapping[0].period_start), periodEnd: new Date(overlapping[0].period_end) };
      const message = rejectionReason([{ path: "period", message: `${input.label} ${whole.start.toISOString()} – ${whole.end.toISOString()} overlaps the accepted sample ${span(o)}` }]);
      await logPull(tx, log, "rejected", message, null, whole);
      await countFailure(tx, log, system.metrics_failures);
      return { outcome: "overlap" as const, accepted: 0, message };
    }

    await rebuildRollupsIfZoneChanged(tx, systemId, system.time_zone);
    await insertSamples(tx, systemId, input.source, input.at, samples);
    await addToRollups(tx, systemId, system.time_zone, samples);
    await moveCursor(tx, systemId, whole.end, input.source);
    const total = samples.reduce((a, s) => a + s.total, 0);
    const successful = samples.reduce((a, s) => a + s.successful, 0);
    const message = clip(`${input.label}: ${samples.length} samples, ${total} automations (${successful} successful, ${total - successful} failed) for ${whole.start.toISOString()} – ${whole.end.toISOString()}`);
    await logPull(tx, log, "accepted", message, null, whole);
    return { outcome: "accepted" as const, accepted: samples.length, message };
  }, { maxWait: TX_OPTIONS.maxWait, timeout: 120_000 });
}

function sampleRow(systemId: string, source: MetricSource, at: Date, sample: SampleValues) {
  return {
    systemId,
    periodStart: sample.periodStart,
    periodEnd: sample.periodEnd,
    collectedAt: at,
    source: source === "push" ? "push" : "pull",
    totalAutomations: sample.total,
    successfulAutomations: sample.successful,
    failedAutomations: sample.failed,
    totalProcessingTime: formatScaled(sample.processingMilli, 3),
    costSavingsCents: sample.costCents,
    timeSavedHours: sample.timeSavedMilli === null ? null : formatScaled(sample.timeSavedMilli, 3),
    errorReductionPct: sample.errorReductionPct,
    processImprovement: sample.processImprovement,
  };
}

/** Many sample rows in one statement per 5,000 (column arrays: a prepared INSERT of thousands of value tuples is several times slower on PGlite). */
async function insertSamples(tx: Tx, systemId: string, source: MetricSource, at: Date, samples: readonly SampleValues[]): Promise<void> {
  for (let i = 0; i < samples.length; i += 5000) {
    const rows = samples.slice(i, i + 5000).map((s) => sampleRow(systemId, source, at, s));
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await tx.$executeRaw`
      INSERT INTO metric_samples (system_id, period_start, period_end, collected_at, source, total_automations, successful_automations,
        failed_automations, total_processing_time, cost_savings_cents, time_saved_hours, error_reduction_pct, process_improvement)
      SELECT ${systemId}::uuid, u.* FROM unnest(
        ${col((r) => r.periodStart)}::timestamptz[], ${col((r) => r.periodEnd)}::timestamptz[], ${col((r) => r.collectedAt)}::timestamptz[],
        ${col((r) => r.source)}::varchar[], ${col((r) => r.totalAutomations)}::int[], ${col((r) => r.successfulAutomations)}::int[],
        ${col((r) => r.failedAutomations)}::int[], ${col((r) => r.totalProcessingTime)}::numeric[], ${col((r) => r.costSavingsCents.toString())}::bigint[],
        ${col((r) => r.timeSavedHours)}::numeric[], ${col((r) => r.errorReductionPct)}::float8[], ${col((r) => r.processImprovement)}::float8[]) AS u`;
  }
}

/** The cursor never moves back; an accepted pull clears the failure count (a push says nothing about the URL). */
async function moveCursor(tx: Tx, systemId: string, end: Date, source: MetricSource): Promise<void> {
  await tx.$executeRaw`
    UPDATE systems SET
      metrics_cursor = GREATEST(COALESCE(metrics_cursor, ${end}::timestamptz), ${end}::timestamptz),
      metrics_failures = CASE WHEN ${source !== "push"} THEN 0 ELSE metrics_failures END
    WHERE id = ${systemId}::uuid`;
}

const iso = (d: Date) => d.toISOString();
const span = (s: { periodStart: Date; periodEnd: Date }) => `${iso(s.periodStart)} – ${iso(s.periodEnd)}`;

async function acceptIn(tx: Tx, input: AcceptSampleInput): Promise<AcceptResult> {
  const { sample, systemId } = input;
  const locked = await tx.$queryRaw<{ id: string; time_zone: string; metrics_cursor: Date | null; metrics_failures: number }[]>`
    SELECT s.id, c.time_zone, s.metrics_cursor, s.metrics_failures
    FROM systems s JOIN clients c ON c.id = s.client_ref
    WHERE s.id = ${systemId}::uuid FOR UPDATE OF s`;
  const system = locked[0];
  if (!system) throw new NotFoundError("The system no longer exists");
  const cursor = system.metrics_cursor ? new Date(system.metrics_cursor) : null;
  if (input.expectedCursor !== undefined && (cursor?.getTime() ?? null) !== (input.expectedCursor?.getTime() ?? null)) {
    return { outcome: "superseded", message: null, sampleId: null };
  }

  const overlapping = await tx.metricSample.findMany({
    where: { systemId, periodStart: { lt: sample.periodEnd }, periodEnd: { gt: sample.periodStart } },
    orderBy: { periodStart: "asc" },
    take: 2,
  });
  if (overlapping.length) {
    const same = overlapping.length === 1 && overlapping[0].periodStart.getTime() === sample.periodStart.getTime() && overlapping[0].periodEnd.getTime() === sample.periodEnd.getTime();
    if (same && sameNumbers(overlapping[0], sample)) {
      const message = `already recorded: the same numbers for ${span(sample)} were accepted before`;
      await logPull(tx, input, "accepted", message, overlapping[0].id);
      return { outcome: "already_recorded", message, sampleId: overlapping[0].id };
    }
    const message = same
      ? rejectionReason([{ path: "period", message: `${span(sample)} was already recorded with different numbers (total ${overlapping[0].totalAutomations}, now ${sample.total})` }])
      : rejectionReason([{ path: "period", message: `${span(sample)} overlaps the accepted sample ${span(overlapping[0])}` }]);
    await logPull(tx, input, "rejected", message, null);
    await countFailure(tx, input, system.metrics_failures);
    return { outcome: same ? "conflict" : "overlap", message, sampleId: null };
  }

  await rebuildRollupsIfZoneChanged(tx, systemId, system.time_zone);
  const created = await tx.metricSample.create({
    data: sampleRow(systemId, input.source, input.at, sample),
    select: { id: true },
  });
  await addToRollups(tx, systemId, system.time_zone, [sample]);
  await moveCursor(tx, systemId, sample.periodEnd, input.source);
  const kept = `${sample.total} automations (${sample.successful} successful, ${sample.failed} failed) for ${span(sample)}`;
  const partial = input.partial === true;
  const notes = input.dropped?.length ? `; ${input.dropped.join("; ")}` : "";
  const message = clip(`${partial ? "partly accepted: " : ""}${kept}${notes}`);
  await logPull(tx, input, partial ? "partial" : "accepted", message, created.id);
  return { outcome: partial ? "partial" : "accepted", message, sampleId: created.id };
}

function sameNumbers(stored: Prisma.MetricSampleGetPayload<object>, s: SampleValues): boolean {
  return (
    stored.totalAutomations === s.total &&
    stored.successfulAutomations === s.successful &&
    stored.failedAutomations === s.failed &&
    stored.costSavingsCents === s.costCents &&
    stored.totalProcessingTime.toFixed(3) === formatScaled(s.processingMilli, 3) &&
    (stored.timeSavedHours?.toFixed(3) ?? null) === (s.timeSavedMilli === null ? null : formatScaled(s.timeSavedMilli, 3)) &&
    stored.errorReductionPct === s.errorReductionPct &&
    stored.processImprovement === s.processImprovement
  );
}

const clip = (text: string) => (text.length > 500 ? `${text.slice(0, 499)}…` : text);

/** One line of the pull log (the client page's "last pulls", with the validation message). */
export async function logPull(
  tx: Tx | Db,
  input: { systemId: string; source: MetricSource; at: Date; durationMs?: number },
  outcome: "accepted" | "partial" | "rejected" | "error",
  message: string | null,
  sampleId: bigint | null,
  spanOf?: { start: Date; end: Date } | null,
): Promise<void> {
  const s = "sample" in input ? (input as AcceptSampleInput).sample : undefined;
  await tx.metricPull.create({
    data: {
      systemId: input.systemId,
      at: input.at,
      source: input.source,
      outcome,
      spanStart: spanOf?.start ?? s?.periodStart ?? null,
      spanEnd: spanOf?.end ?? s?.periodEnd ?? null,
      message: message === null ? null : clip(message),
      sampleId,
      durationMs: input.durationMs === undefined ? null : Math.round(input.durationMs),
    },
  });
}

/** A failed or rejected pull: count it and retry sooner than the interval (never later than already due). */
export async function countFailure(tx: Tx | Db, input: { systemId: string; source: MetricSource; at: Date }, failuresBefore: number): Promise<void> {
  if (input.source === "push") return; // a bad push says nothing about the metrics URL
  const retryAt = new Date(input.at.getTime() + failureBackoffMs(failuresBefore + 1));
  await tx.$executeRaw`
    UPDATE systems SET metrics_failures = metrics_failures + 1,
      next_metrics_at = CASE WHEN metrics_url IS NULL THEN NULL ELSE LEAST(COALESCE(next_metrics_at, ${retryAt}::timestamptz), ${retryAt}::timestamptz) END
    WHERE id = ${input.systemId}::uuid`;
}

/** The milliseconds of [start, end) in each hour and day of the zone. */
interface SpanOverlaps {
  hour: BucketOverlap[];
  day: BucketOverlap[];
}

/**
 * The milliseconds of each span in each hour and day of the zone, computed by the database's
 * own date_trunc (as every reader buckets), for many spans in one query (index i ↔ spans[i]).
 * The one bucketing of the write path: a single sample, a batch and a rebuild all use it.
 */
async function spanOverlaps(tx: Tx, timeZone: string, spans: readonly { start: Date; end: Date }[]): Promise<SpanOverlaps[]> {
  const out = spans.map(() => ({ hour: new Map<number, bigint>(), day: new Map<number, bigint>() }));
  // ≤ 7-day spans (MAX_SAMPLE_SPAN_MS) are ≤ 672 grid rows each: 500 spans bound one answer.
  for (let from = 0; from < spans.length; from += 500) {
    const page = spans.slice(from, from + 500);
    // Summed per (span, hour) and (span, day) in the database: half the rows of the grid itself.
    const rows = await tx.$queryRaw<{ i: number; hour: Date | null; day: Date | null; ms: bigint | number | string }[]>`
      SELECT i, hour, day, sum(ms)::bigint AS ms FROM (
        SELECT b.i::int AS i, date_trunc('hour', g, ${timeZone}) AS hour, date_trunc('day', g, ${timeZone}) AS day,
          round(EXTRACT(EPOCH FROM (LEAST(g + ${GRID}::interval, b.e) - GREATEST(g, b.s))) * 1000)::bigint AS ms
        FROM unnest(${page.map((s) => s.start)}::timestamptz[], ${page.map((s) => s.end)}::timestamptz[]) WITH ORDINALITY AS b(s, e, i)
        CROSS JOIN LATERAL generate_series(to_timestamp(floor(EXTRACT(EPOCH FROM b.s) / 900) * 900), b.e - interval '1 millisecond', ${GRID}::interval) AS g
      ) grid
      GROUP BY GROUPING SETS ((i, hour), (i, day))`;
    for (const r of rows) {
      const ms = BigInt(r.ms);
      if (ms <= 0n) continue;
      const entry = out[from + Number(r.i) - 1];
      if (r.hour !== null) entry.hour.set(new Date(r.hour).getTime(), ms);
      else if (r.day !== null) entry.day.set(new Date(r.day).getTime(), ms);
    }
  }
  const list = (m: Map<number, bigint>) => [...m].map(([t, coveredMs]) => ({ bucketStart: new Date(t), coveredMs }));
  return out.map((o) => ({ hour: list(o.hour), day: list(o.day) }));
}

interface RollupRow {
  period: "hour" | "day";
  share: BucketShare;
  samples: number;
}

function quantitiesOf(sample: Pick<SampleValues, "total" | "successful" | "failed" | "processingMilli" | "costCents" | "timeSavedMilli">): SampleQuantities {
  return {
    total: BigInt(sample.total),
    successful: BigInt(sample.successful),
    failed: BigInt(sample.failed),
    processingMilli: sample.processingMilli,
    costCents: sample.costCents,
    timeSavedMilli: sample.timeSavedMilli ?? 0n,
  };
}

async function addToRollups(tx: Tx, systemId: string, timeZone: string, samples: readonly SampleValues[]): Promise<void> {
  const overlaps = await spanOverlaps(tx, timeZone, samples.map((s) => ({ start: s.periodStart, end: s.periodEnd })));
  const totals = new Map<string, RollupRow>();
  samples.forEach((sample, i) => addShares(totals, quantitiesOf(sample), overlaps[i]));
  await upsertRollups(tx, systemId, [...totals.values()]);
}

/** Splits one sample over its buckets (split-sample.ts) and adds its shares to the running bucket sums. */
function addShares(totals: Map<string, RollupRow>, quantities: SampleQuantities, overlaps: SpanOverlaps): void {
  for (const period of ["hour", "day"] as const) {
    for (const share of splitSample(quantities, overlaps[period])) {
      const key = `${period}|${share.bucketStart.getTime()}`;
      const sum = totals.get(key);
      if (!sum) {
        totals.set(key, { period, share: { ...share }, samples: 1 });
        continue;
      }
      sum.samples += 1;
      for (const q of ["coveredMs", "total", "successful", "failed", "processingMilli", "costCents", "timeSavedMilli"] as const) sum.share[q] += share[q];
    }
  }
}

async function upsertRollups(tx: Tx, systemId: string, rows: readonly RollupRow[]): Promise<void> {
  // Column arrays, one statement per 5,000 buckets (see insertSamples).
  for (let i = 0; i < rows.length; i += 5000) {
    const page = rows.slice(i, i + 5000);
    const col = <T>(f: (r: RollupRow) => T) => page.map(f);
    await tx.$executeRaw`
      INSERT INTO metric_rollups AS r (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations,
        failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
      SELECT ${systemId}::uuid, u.period::"RollupPeriod", u.bucket_start, u.samples, u.covered_ms, u.total, u.successful, u.failed, u.processing, u.cents, u.saved
      FROM unnest(${col((r) => r.period)}::text[], ${col((r) => r.share.bucketStart)}::timestamptz[], ${col((r) => r.samples)}::int[],
        ${col((r) => r.share.coveredMs.toString())}::bigint[], ${col((r) => r.share.total.toString())}::bigint[], ${col((r) => r.share.successful.toString())}::bigint[],
        ${col((r) => r.share.failed.toString())}::bigint[], ${col((r) => formatScaled(r.share.processingMilli, 3))}::numeric[],
        ${col((r) => r.share.costCents.toString())}::bigint[], ${col((r) => formatScaled(r.share.timeSavedMilli, 3))}::numeric[])
        AS u(period, bucket_start, samples, covered_ms, total, successful, failed, processing, cents, saved)
      ON CONFLICT (system_id, period, bucket_start) DO UPDATE SET
        samples = r.samples + EXCLUDED.samples,
        covered_ms = r.covered_ms + EXCLUDED.covered_ms,
        total_automations = r.total_automations + EXCLUDED.total_automations,
        successful_automations = r.successful_automations + EXCLUDED.successful_automations,
        failed_automations = r.failed_automations + EXCLUDED.failed_automations,
        total_processing_time = r.total_processing_time + EXCLUDED.total_processing_time,
        cost_savings_cents = r.cost_savings_cents + EXCLUDED.cost_savings_cents,
        time_saved_hours = r.time_saved_hours + EXCLUDED.time_saved_hours`;
  }
}

/**
 * A client's time zone changed since these rollups were built (a day bucket that does not
 * begin at midnight in the current zone): rebuild them from the raw samples in the current
 * zone, so "today" and daily figures are the client's days again. Zones whose days began at the
 * same instants over the whole history need nothing rebuilt and are not. Runs in the accepting
 * transaction, before the new sample is added.
 */
async function rebuildRollupsIfZoneChanged(tx: Tx, systemId: string, timeZone: string): Promise<boolean> {
  const [{ stale }] = await tx.$queryRaw<{ stale: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM metric_rollups WHERE system_id = ${systemId}::uuid AND period = 'day'
      AND bucket_start <> date_trunc('day', bucket_start, ${timeZone})) AS stale`;
  if (!stale) return false;
  await rebuildMetricRollups(tx, systemId, timeZone);
  return true;
}

/** Recomputes a system's hour and day rollups from its accepted samples in `timeZone` (pages of 500 samples). */
export async function rebuildMetricRollups(tx: Tx, systemId: string, timeZone: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM metric_rollups WHERE system_id = ${systemId}::uuid`;
  const totals = new Map<string, RollupRow>();
  let after = -1n;
  for (;;) {
    const page = await tx.metricSample.findMany({ where: { systemId, id: { gt: after } }, orderBy: { id: "asc" }, take: 500 });
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const overlaps = await spanOverlaps(tx, timeZone, page.map((p) => ({ start: p.periodStart, end: p.periodEnd })));
    page.forEach((sample, i) => {
      const quantities = quantitiesOf({
        total: sample.totalAutomations,
        successful: sample.successfulAutomations,
        failed: sample.failedAutomations,
        processingMilli: BigInt(sample.totalProcessingTime.toFixed(3).replace(".", "")),
        costCents: sample.costSavingsCents,
        timeSavedMilli: sample.timeSavedHours === null ? null : BigInt(sample.timeSavedHours.toFixed(3).replace(".", "")),
      });
      addShares(totals, quantities, overlaps[i]);
    });
  }
  await upsertRollups(tx, systemId, [...totals.values()]);
}
