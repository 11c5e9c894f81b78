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
 * Sums of `clientRefs`' systems (within the caller's scope) for each window. Result: window key
 * → system id → totals; systems with no bucket in a window are absent.
 */
export async function readRollupTotals(ctx: Context, clientRefs: string[], windows: RollupWindow[]): Promise<Map<number, Map<string, SystemTotals>>> {
  const out = new Map<number, Map<string, SystemTotals>>(windows.map((w) => [w.key, new Map()]));
  if (clientRefs.length === 0 || windows.length === 0) return out;
  const keys: number[] = [];
  const zones: string[] = [];
  const hs: string[] = [];
  const he: string[] = [];
  const ds: string[] = [];
  const de: string[] = [];
  for (const w of windows) {
    const days = wholeDaysWithin(w.zone, w.start, w.end);
    keys.push(w.key);
    zones.push(w.zone);
    hs.push(new Date(w.start).toISOString());
    he.push(new Date(w.end).toISOString());
    ds.push(new Date(days.dayStart).toISOString());
    de.push(new Date(days.dayEnd).toISOString());
  }
  // A day bucket ends at the next local midnight (23 or 25 hours later across DST).
  const bucketEnd = Prisma.sql`CASE WHEN r.period = 'hour' THEN r.bucket_start + interval '1 hour' ELSE ((r.bucket_start AT TIME ZONE c.time_zone) + interval '1 day') AT TIME ZONE c.time_zone END`;
  const coveredFor = Prisma.sql`(r.covered_ms * interval '1 millisecond')`;
  const rows = await ctx.db.$queryRaw<Row[]>`
    WITH w AS (
      SELECT * FROM unnest(${keys}::int[], ${zones}::text[], ${hs}::text[]::timestamptz[], ${he}::text[]::timestamptz[], ${ds}::text[]::timestamptz[], ${de}::text[]::timestamptz[])
        AS w(key, zone, hs, he, ds, de)
    )
    SELECT w.key, r.system_id,
      SUM(r.total_automations)::text AS total,
      SUM(r.successful_automations)::text AS successful,
      SUM(r.failed_automations)::text AS failed,
      SUM(r.total_processing_time)::text AS processing,
      SUM(r.cost_savings_cents)::text AS cost_cents,
      SUM(r.time_saved_hours)::text AS time_saved,
      SUM(r.covered_ms)::text AS covered_ms,
      MIN(${bucketEnd} - ${coveredFor}) FILTER (WHERE r.covered_ms > 0) AS first_covered,
      MAX(r.bucket_start + ${coveredFor}) FILTER (WHERE r.covered_ms > 0) AS last_covered
    FROM w
    JOIN clients c ON c.time_zone = w.zone
    JOIN systems s ON s.client_ref = c.id
    JOIN metric_rollups r ON r.system_id = s.id AND (
      (r.period = 'day' AND r.bucket_start >= w.ds AND r.bucket_start < w.de)
      OR (r.period = 'hour' AND r.bucket_start >= w.hs AND r.bucket_start < w.he AND (r.bucket_start < w.ds OR r.bucket_start >= w.de))
    )
    WHERE c.id = ANY(${clientRefs}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
    GROUP BY w.key, r.system_id`;
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
