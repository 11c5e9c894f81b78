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
    data: {
      systemId,
      periodStart: sample.periodStart,
      periodEnd: sample.periodEnd,
      collectedAt: input.at,
      source: input.source === "push" ? "push" : "pull",
      totalAutomations: sample.total,
      successfulAutomations: sample.successful,
      failedAutomations: sample.failed,
      totalProcessingTime: formatScaled(sample.processingMilli, 3),
      costSavingsCents: sample.costCents,
      timeSavedHours: sample.timeSavedMilli === null ? null : formatScaled(sample.timeSavedMilli, 3),
      errorReductionPct: sample.errorReductionPct,
      processImprovement: sample.processImprovement,
    },
    select: { id: true },
  });
  await addToRollups(tx, systemId, system.time_zone, sample);
  await tx.$executeRaw`
    UPDATE systems SET
      metrics_cursor = GREATEST(COALESCE(metrics_cursor, ${sample.periodEnd}::timestamptz), ${sample.periodEnd}::timestamptz),
      metrics_failures = CASE WHEN ${input.source !== "push"} THEN 0 ELSE metrics_failures END
    WHERE id = ${systemId}::uuid`;
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

/** The milliseconds of [start, end) in each hour and day of the zone, computed by the database's own date_trunc (as every reader buckets). */
async function bucketOverlaps(tx: Tx, timeZone: string, start: Date, end: Date): Promise<{ hour: BucketOverlap[]; day: BucketOverlap[] }> {
  const rows = await tx.$queryRaw<{ hour: Date; day: Date; ms: bigint | number | string }[]>`
    SELECT date_trunc('hour', g, ${timeZone}) AS hour, date_trunc('day', g, ${timeZone}) AS day,
      round(EXTRACT(EPOCH FROM (LEAST(g + ${GRID}::interval, ${end}::timestamptz) - GREATEST(g, ${start}::timestamptz))) * 1000)::bigint AS ms
    FROM generate_series(
      to_timestamp(floor(EXTRACT(EPOCH FROM ${start}::timestamptz) / 900) * 900),
      ${end}::timestamptz - interval '1 millisecond',
      ${GRID}::interval) AS g`;
  const sum = (key: "hour" | "day") => {
    const by = new Map<number, bigint>();
    for (const r of rows) {
      const t = new Date(r[key]).getTime();
      const ms = BigInt(r.ms);
      if (ms > 0n) by.set(t, (by.get(t) ?? 0n) + ms);
    }
    return [...by].map(([t, coveredMs]) => ({ bucketStart: new Date(t), coveredMs }));
  };
  return { hour: sum("hour"), day: sum("day") };
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

async function addToRollups(tx: Tx, systemId: string, timeZone: string, sample: SampleValues): Promise<void> {
  const buckets = await bucketOverlaps(tx, timeZone, sample.periodStart, sample.periodEnd);
  const quantities = quantitiesOf(sample);
  const rows = (["hour", "day"] as const).flatMap((period) => splitSample(quantities, buckets[period]).map((share) => ({ period, share, samples: 1 })));
  await upsertRollups(tx, systemId, rows);
}

async function upsertRollups(tx: Tx, systemId: string, rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map(
      ({ period, share: b, samples }) => Prisma.sql`(${systemId}::uuid, ${period}::"RollupPeriod", ${b.bucketStart}::timestamptz, ${samples}::int, ${b.coveredMs}::bigint,
        ${b.total}::bigint, ${b.successful}::bigint, ${b.failed}::bigint, ${formatScaled(b.processingMilli, 3)}::numeric,
        ${b.costCents}::bigint, ${formatScaled(b.timeSavedMilli, 3)}::numeric)`,
    );
    await tx.$executeRaw`
      INSERT INTO metric_rollups AS r (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations,
        failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
      VALUES ${Prisma.join(values)}
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
    const ids = page.map((p) => p.id);
    const grid = await tx.$queryRaw<{ id: bigint | number | string; hour: Date; day: Date; ms: bigint | number | string }[]>`
      SELECT m.id, date_trunc('hour', g, ${timeZone}) AS hour, date_trunc('day', g, ${timeZone}) AS day,
        round(EXTRACT(EPOCH FROM (LEAST(g + ${GRID}::interval, m.period_end) - GREATEST(g, m.period_start))) * 1000)::bigint AS ms
      FROM metric_samples m
      CROSS JOIN LATERAL generate_series(
        to_timestamp(floor(EXTRACT(EPOCH FROM m.period_start) / 900) * 900), m.period_end - interval '1 millisecond', ${GRID}::interval) AS g
      WHERE m.id = ANY(${ids}::bigint[])`;
    const bySample = new Map<string, { hour: Map<number, bigint>; day: Map<number, bigint> }>();
    for (const r of grid) {
      const ms = BigInt(r.ms);
      if (ms <= 0n) continue;
      const key = String(r.id);
      const entry = bySample.get(key) ?? { hour: new Map(), day: new Map() };
      bySample.set(key, entry);
      for (const period of ["hour", "day"] as const) {
        const t = new Date(r[period]).getTime();
        entry[period].set(t, (entry[period].get(t) ?? 0n) + ms);
      }
    }
    for (const sample of page) {
      const overlaps = bySample.get(String(sample.id));
      if (!overlaps) continue;
      const quantities = quantitiesOf({
        total: sample.totalAutomations,
        successful: sample.successfulAutomations,
        failed: sample.failedAutomations,
        processingMilli: BigInt(sample.totalProcessingTime.toFixed(3).replace(".", "")),
        costCents: sample.costSavingsCents,
        timeSavedMilli: sample.timeSavedHours === null ? null : BigInt(sample.timeSavedHours.toFixed(3).replace(".", "")),
      });
      for (const period of ["hour", "day"] as const) {
        const buckets = [...overlaps[period]].map(([t, coveredMs]) => ({ bucketStart: new Date(t), coveredMs }));
        for (const share of splitSample(quantities, buckets)) {
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
  }
  await upsertRollups(tx, systemId, [...totals.values()]);
}
