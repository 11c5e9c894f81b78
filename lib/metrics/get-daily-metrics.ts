// A client's metrics day by day (its own days) for a range, per system and in total, from the
// daily rollups: the CSV export, and any chart that wants one point per day.
import { scopeSql } from "@/lib/client-scope";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { csvText } from "./csv";
import { scaled } from "./decimal";
import { countFigures } from "./figures";
import { toInstant } from "./get-performance-metrics";
import { addTotals, emptyTotals, type SystemTotals } from "./read-rollups";
import { dailyMetricsInputSchema } from "./schemas";
import { localDate, startOfLocalDay, nextLocalDay } from "./zone-time";

export interface DailyMetricsRow {
  date: string;
  /** null on the day's total line. */
  system: string | null;
  total_automations: number;
  successful_automations: number;
  failed_automations: number;
  success_rate: number | null;
  avg_processing_time: number | null;
  cost_savings: number;
  time_saved_hours: number;
  covered_hours: number;
}

export interface DailyMetrics {
  client_id: string;
  time_zone: string;
  currency: string;
  /** Local dates, first and last included. */
  first_day: string;
  last_day: string;
  rows: DailyMetricsRow[];
}

const MAX_DAYS = 400;

export async function getDailyMetrics({ ctx, input }: { ctx: Context; input: VerbInput<typeof dailyMetricsInputSchema> }): Promise<DailyMetrics> {
  requireScope(ctx, "read");
  const data = parseInput(dailyMetricsInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  const zone = client.timeZone;
  // Days that start inside [start, end).
  const s = toInstant(zone, data.start).getTime();
  const e = toInstant(zone, data.end).getTime();
  const first = startOfLocalDay(zone, s) === s ? s : nextLocalDay(zone, startOfLocalDay(zone, s));
  const days: number[] = [];
  for (let d = first; d < e && days.length <= MAX_DAYS; d = nextLocalDay(zone, d)) days.push(d);
  if (days.length === 0) throw new ValidationError([{ path: "end", message: "the range holds no whole day start of the client's time zone" }]);

  const ids = client.systems.map((x) => x.id);
  const rows = await ctx.db.$queryRaw<{ system_id: string; bucket_start: Date | string; total: string; successful: string; failed: string; processing: string; cost: string; saved: string; covered: string }[]>`
    SELECT r.system_id, r.bucket_start, r.total_automations::text AS total, r.successful_automations::text AS successful, r.failed_automations::text AS failed,
      r.total_processing_time::text AS processing, r.cost_savings_cents::text AS cost, r.time_saved_hours::text AS saved, r.covered_ms::text AS covered
    FROM metric_rollups r
    WHERE r.period = 'day' AND r.system_id = ANY(${ids}::uuid[]) AND r.bucket_start >= ${new Date(days[0])} AND r.bucket_start < ${new Date(e)}
      AND ${scopeSql(ctx, { systemId: "r.system_id" })}`;
  const byKey = new Map<string, SystemTotals>();
  for (const r of rows) {
    const t = new Date(r.bucket_start).getTime();
    byKey.set(`${r.system_id}|${t}`, {
      ...emptyTotals(r.system_id),
      total: scaled(r.total, 0),
      successful: scaled(r.successful, 0),
      failed: scaled(r.failed, 0),
      processingMilli: scaled(r.processing, 3),
      costCents: scaled(r.cost, 0),
      timeSavedMilli: scaled(r.saved, 3),
      coveredMs: scaled(r.covered, 0),
    });
  }
  const line = (date: string, system: string | null, t: SystemTotals): DailyMetricsRow => ({
    date,
    system,
    ...countFigures(t),
    cost_savings: Number(t.costCents) / 100,
    time_saved_hours: Number(t.timeSavedMilli) / 1000,
    covered_hours: Math.round((Number(t.coveredMs) / 3_600_000) * 100) / 100,
  });
  const out: DailyMetricsRow[] = [];
  for (const d of days) {
    const date = localDate(zone, d);
    const per = client.systems.map((x) => ({ name: x.name, t: byKey.get(`${x.id}|${d}`) ?? emptyTotals(x.id) }));
    out.push(line(date, null, addTotals("day", per.map((p) => p.t))));
    for (const p of per) out.push(line(date, p.name, p.t));
  }
  return { client_id: client.clientId, time_zone: zone, currency: client.currency, first_day: localDate(zone, days[0]), last_day: localDate(zone, days[days.length - 1]), rows: out };
}

/** The CSV download of getDailyMetrics: text and the file name for Content-Disposition. */
export function dailyMetricsCsv(m: DailyMetrics): { filename: string; text: string } {
  const header = ["date", "system", "total_automations", "successful_automations", "failed_automations", "success_rate_pct", "avg_processing_time_s", `cost_savings_${m.currency}`, "time_saved_hours", "covered_hours"];
  const rows = m.rows.map((r) => [r.date, r.system ?? "(all systems)", r.total_automations, r.successful_automations, r.failed_automations, r.success_rate, r.avg_processing_time, r.cost_savings, r.time_saved_hours, r.covered_hours]);
  return { filename: `clientpulse-${m.client_id}-metrics-${m.first_day}-to-${m.last_day}.csv`, text: csvText(header, rows) };
}
