// The one reader of metric_rollups for analytics: sums per (window, system) in ONE query, the
// whole local days of each window from daily buckets and the hours around them from hourly
// buckets, so a 90-day portfolio view reads ~90 daily + ≤ 48 hourly rows per system and never
// a raw sample. Each window belongs to one time zone: a system is read with the window of its
// client's zone (a portfolio question carries one window per zone in use).
import { Prisma } from "@/lib/generated/prisma/client";
import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { scaled } from "./decimal";
import type { Span } from "./periods";
import { wholeDaysWithin } from "./zone-time";

export interface RollupWindow extends Span {
  /** Caller's key for this window (e.g. 0 = current period, 1 = previous). */
  key: number;
  zone: string;
}

/** Exact sums of one system over one window. */
export interface SystemTotals {
  systemId: string;
  total: bigint;
  successful: bigint;
  failed: bigint;
  /** Seconds × 1000. */
  processingMilli: bigint;
  costCents: bigint;
  /** Hours × 1000. */
  timeSavedMilli: bigint;
  coveredMs: bigint;
  /** Earliest / latest covered instant, at bucket precision (exact when reporting was continuous inside the edge buckets). */
  firstCovered: Date | null;
  lastCovered: Date | null;
}

export const emptyTotals = (systemId: string): SystemTotals => ({
  systemId,
  total: 0n,
  successful: 0n,
  failed: 0n,
  processingMilli: 0n,
  costCents: 0n,
  timeSavedMilli: 0n,
  coveredMs: 0n,
  firstCovered: null,
  lastCovered: null,
});

interface Row {
  key: number;
  system_id: string;
  total: string | null;
  successful: string | null;
  failed: string | null;
  processing: string | null;
  cost_cents: string | null;
  time_saved: string | null;
  covered_ms: string | null;
  first_covered: Date | string | null;
  last_covered: Date | string | null;
}

const asDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

/**
 * Sums of these systems (each read with the windows of its client's zone; rows outside the
 * caller's scope are never read) for each window. Result: window key → system id → totals;
 * systems with no bucket in a window are absent.
 */
export async function readRollupTotals(ctx: Context, systems: { id: string; zone: string }[], windows: RollupWindow[]): Promise<Map<number, Map<string, SystemTotals>>> {
  const out = new Map<number, Map<string, SystemTotals>>(windows.map((w) => [w.key, new Map()]));
  if (systems.length === 0 || windows.length === 0) return out;
  // Each window becomes up to three ranges of one bucket size, each an index range scan on the
  // primary key (system_id, period, bucket_start): hours before the first whole day, the whole
  // days, hours after the last whole day (or only hours when the window holds no whole day).
  const keys: number[] = [];
  const zones: string[] = [];
  const periods: string[] = [];
  const froms: string[] = [];
  const tos: string[] = [];
  const arm = (w: RollupWindow, period: "hour" | "day", from: number, to: number) => {
    if (to <= from) return;
    keys.push(w.key);
    zones.push(w.zone);
    periods.push(period);
    froms.push(new Date(from).toISOString());
    tos.push(new Date(to).toISOString());
  };
  for (const w of windows) {
    const { dayStart, dayEnd } = wholeDaysWithin(w.zone, w.start, w.end);
    if (dayEnd > dayStart) {
      arm(w, "hour", w.start, dayStart);
      arm(w, "day", dayStart, dayEnd);
      arm(w, "hour", dayEnd, w.end);
    } else arm(w, "hour", w.start, w.end);
  }
  if (keys.length === 0) return out;
  // A day bucket ends at the next local midnight (23 or 25 hours later across DST).
  const bucketEnd = Prisma.sql`CASE WHEN r.period = 'hour' THEN r.bucket_start + interval '1 hour' ELSE ((r.bucket_start AT TIME ZONE s.zone) + interval '1 day') AT TIME ZONE s.zone END`;
  const coveredFor = Prisma.sql`(r.covered_ms * interval '1 millisecond')`;
  const rows = await ctx.db.$queryRaw<Row[]>`
    WITH w AS (
      SELECT * FROM unnest(${keys}::int[], ${zones}::text[], ${periods}::text[]::"RollupPeriod"[], ${froms}::text[]::timestamptz[], ${tos}::text[]::timestamptz[]) AS w(key, zone, period, f, t)
    ), s AS (
      SELECT * FROM unnest(${systems.map((x) => x.id)}::uuid[], ${systems.map((x) => x.zone)}::text[]) AS s(id, zone)
    )
    SELECT w.key, s.id AS system_id,
      SUM(x.total)::text AS total,
      SUM(x.successful)::text AS successful,
      SUM(x.failed)::text AS failed,
      SUM(x.processing)::text AS processing,
      SUM(x.cost_cents)::text AS cost_cents,
      SUM(x.time_saved)::text AS time_saved,
      SUM(x.covered_ms)::text AS covered_ms,
      MIN(x.first_covered) AS first_covered,
      MAX(x.last_covered) AS last_covered
    FROM s
    JOIN w ON w.zone = s.zone
    -- LATERAL, so each range is an index range scan on (system_id, period, bucket_start): as a
    -- plain join the planner scans every bucket of the system and filters.
    CROSS JOIN LATERAL (
      SELECT SUM(r.total_automations) AS total, SUM(r.successful_automations) AS successful, SUM(r.failed_automations) AS failed,
        SUM(r.total_processing_time) AS processing, SUM(r.cost_savings_cents) AS cost_cents, SUM(r.time_saved_hours) AS time_saved,
        SUM(r.covered_ms) AS covered_ms,
        MIN(${bucketEnd} - ${coveredFor}) FILTER (WHERE r.covered_ms > 0) AS first_covered,
        MAX(r.bucket_start + ${coveredFor}) FILTER (WHERE r.covered_ms > 0) AS last_covered
      FROM metric_rollups r
      WHERE r.system_id = s.id AND r.period = w.period AND r.bucket_start >= w.f AND r.bucket_start < w.t
        AND ${scopeSql(ctx, { systemId: "r.system_id" })}
    ) AS x
    WHERE x.total IS NOT NULL
    GROUP BY w.key, s.id`;
  for (const r of rows) {
    out.get(Number(r.key))!.set(r.system_id, {
      systemId: r.system_id,
      total: scaled(r.total, 0),
      successful: scaled(r.successful, 0),
      failed: scaled(r.failed, 0),
      processingMilli: scaled(r.processing, 3),
      costCents: scaled(r.cost_cents, 0),
      timeSavedMilli: scaled(r.time_saved, 3),
      coveredMs: scaled(r.covered_ms, 0),
      firstCovered: asDate(r.first_covered),
      lastCovered: asDate(r.last_covered),
    });
  }
  return out;
}

/** Adds totals (systems of one client, or clients of one currency). */
export function addTotals(systemId: string, list: Iterable<SystemTotals>): SystemTotals {
  const sum = emptyTotals(systemId);
  for (const t of list) {
    sum.total += t.total;
    sum.successful += t.successful;
    sum.failed += t.failed;
    sum.processingMilli += t.processingMilli;
    sum.costCents += t.costCents;
    sum.timeSavedMilli += t.timeSavedMilli;
    sum.coveredMs += t.coveredMs;
    if (t.firstCovered && (!sum.firstCovered || t.firstCovered < sum.firstCovered)) sum.firstCovered = t.firstCovered;
    if (t.lastCovered && (!sum.lastCovered || t.lastCovered > sum.lastCovered)) sum.lastCovered = t.lastCovered;
  }
  return sum;
}
