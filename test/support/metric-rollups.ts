// Seeds metric_rollups directly (the contract between collection and analytics), so analytics
// tests do not depend on how samples are collected: hourly buckets with given figures, then
// daily buckets as the sums of the hourly ones by the client's day (date_trunc in its zone),
// exactly as the rollup contract keeps them.
import type { Db } from "@/lib/db/client";

export interface HourFigures {
  total: number;
  successful: number;
  failed?: number;
  /** Seconds of processing in the hour (decimal text for exact values). */
  processing?: string;
  costCents?: number;
  /** Hours saved in the hour (decimal text). */
  timeSaved?: string;
  /** Default: the whole hour. */
  coveredMs?: number;
}

/** `hours` hourly buckets from `from` (a local hour boundary of the client's zone). */
export async function seedHourlyRollups(db: Db, systemId: string, from: Date, hours: number, f: HourFigures): Promise<void> {
  await db.$executeRaw`
    INSERT INTO metric_rollups (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
    SELECT ${systemId}::uuid, 'hour', ${from}::timestamptz + g * interval '1 hour', 4, ${f.coveredMs ?? 3_600_000}, ${f.total}, ${f.successful}, ${f.failed ?? f.total - f.successful},
      ${f.processing ?? "0"}::numeric, ${f.costCents ?? 0}, ${f.timeSaved ?? "0"}::numeric
    FROM generate_series(0, ${hours - 1}::int) AS g
    ON CONFLICT (system_id, period, bucket_start) DO UPDATE SET covered_ms = EXCLUDED.covered_ms, total_automations = EXCLUDED.total_automations,
      successful_automations = EXCLUDED.successful_automations, failed_automations = EXCLUDED.failed_automations, total_processing_time = EXCLUDED.total_processing_time,
      cost_savings_cents = EXCLUDED.cost_savings_cents, time_saved_hours = EXCLUDED.time_saved_hours`;
}

/** (Re)builds a system's daily buckets from its hourly ones, by the client's day. */
export async function rollDaysUp(db: Db, systemId: string, zone: string): Promise<void> {
  await db.$executeRaw`DELETE FROM metric_rollups WHERE system_id = ${systemId}::uuid AND period = 'day'`;
  await db.$executeRaw`
    INSERT INTO metric_rollups (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
    SELECT system_id, 'day', date_trunc('day', bucket_start, ${zone}), SUM(samples), SUM(covered_ms), SUM(total_automations), SUM(successful_automations), SUM(failed_automations),
      SUM(total_processing_time), SUM(cost_savings_cents), SUM(time_saved_hours)
    FROM metric_rollups WHERE system_id = ${systemId}::uuid AND period = 'hour'
    GROUP BY 1, 3`;
}
