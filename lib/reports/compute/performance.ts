// The performance section of a report: automations, ROI and efficiency for the period and the
// previous one, per system, per local day, and what each system's metrics cover. Sums come from
// metric_rollups through readRollupTotals (exact: counts and cents as BigInt) and the figures
// from lib/metrics/figures.ts, so a report and get_performance_metrics agree to the cent.
import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { scaled } from "@/lib/metrics/decimal";
import { countFigures, coverageFigures, efficiencyImprovement, laborCents, trendFigures, type CountFigures } from "@/lib/metrics/figures";
import { addTotals, emptyTotals, readRollupTotals, type SystemTotals } from "@/lib/metrics/read-rollups";
import { localDate, wholeDaysWithin } from "@/lib/metrics/zone-time";
import type { AutomationFigures, DailyAutomationPoint, MetricsCoverage, MoneyAmount, PerformanceSection } from "../contracts";
import { localDays, type Span } from "./system-health";

const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (cents: bigint): MoneyAmount => ({ cents: Number(cents), amount: Number(cents) / 100 });
const changePct = (current: number | null, previous: number | null) => (current === null || previous === null || previous === 0 ? null : round2(((current - previous) / previous) * 100));

export interface PerformanceInput {
  zone: string;
  currency: string;
  hourlyRateCents: number;
  period: Span;
  previous: Span;
  systems: { id: string; name: string }[];
}

interface DayRow {
  system_id: string;
  bucket_start: Date | string;
  total: string | null;
  successful: string | null;
  failed: string | null;
  covered: string | null;
}

/** Per local day of the period: automations of all systems (day buckets; hour buckets for partial edge days). */
async function dailyTotals(ctx: Context, input: PerformanceInput): Promise<Map<string, { total: bigint; successful: bigint; failed: bigint; covered: bigint }>> {
  const out = new Map<string, { total: bigint; successful: bigint; failed: bigint; covered: bigint }>();
  if (input.systems.length === 0) return out;
  const { start, end } = input.period;
  const { dayStart, dayEnd } = wholeDaysWithin(input.zone, start, end);
  const rows = await ctx.db.$queryRaw<DayRow[]>`
    SELECT r.system_id, r.bucket_start, r.total_automations::text AS total, r.successful_automations::text AS successful,
      r.failed_automations::text AS failed, r.covered_ms::text AS covered
    FROM metric_rollups r
    WHERE r.system_id = ANY(${input.systems.map((s) => s.id)}::uuid[])
      AND ((r.period = 'day' AND r.bucket_start >= ${new Date(dayStart)} AND r.bucket_start < ${new Date(dayEnd)})
        OR (r.period = 'hour' AND ((r.bucket_start >= ${new Date(start)} AND r.bucket_start < ${new Date(dayStart)})
          OR (r.bucket_start >= ${new Date(Math.max(dayEnd, start))} AND r.bucket_start < ${new Date(end)}))))
      AND ${scopeSql(ctx, { systemId: "r.system_id" })}`;
  for (const r of rows) {
    const date = localDate(input.zone, new Date(r.bucket_start).getTime());
    const t = out.get(date) ?? { total: 0n, successful: 0n, failed: 0n, covered: 0n };
    t.total += scaled(r.total, 0);
    t.successful += scaled(r.successful, 0);
    t.failed += scaled(r.failed, 0);
    t.covered += scaled(r.covered, 0);
    out.set(date, t);
  }
  return out;
}

export async function buildPerformance(ctx: Context, input: PerformanceInput): Promise<PerformanceSection> {
  const { zone, period: P, previous: Q } = input;
  const [totals, daily] = await Promise.all([
    readRollupTotals(ctx, input.systems.map((s) => ({ id: s.id, zone })), [
      { key: 0, zone, ...P },
      { key: 1, zone, ...Q },
    ]),
    dailyTotals(ctx, input),
  ]);
  const current = totals.get(0)!;
  const previous = totals.get(1)!;
  const hasData = current.size > 0;
  const hasPrevious = previous.size > 0;

  const all = addTotals("client", current.values());
  const prevAll = addTotals("client", previous.values());
  const counts = countFigures(all);
  const prevCounts = countFigures(prevAll);
  const trend = trendFigures(counts, prevCounts);
  const labor = laborCents(all.timeSavedMilli, input.hourlyRateCents);

  const days = localDays(zone, P);
  const points: DailyAutomationPoint[] = days.map((d) => {
    const t = daily.get(d.date);
    return { date: d.date, total: Number(t?.total ?? 0n), successful: Number(t?.successful ?? 0n), failed: Number(t?.failed ?? 0n), reported: t !== undefined && t.covered > 0n };
  });
  const reportedDays = points.filter((p) => p.reported).length;
  const timeSavedHours = Number(all.timeSavedMilli) / 1000;
  const periodMs = P.end - P.start;

  const figures = (c: CountFigures): AutomationFigures => ({ ...c });
  const systemTotals = (id: string): SystemTotals => current.get(id) ?? emptyTotals(id);
  const coverage: MetricsCoverage[] = input.systems.map((s) => {
    const c = coverageFigures(systemTotals(s.id), periodMs);
    return { system: s.name, covered_share: c.covered_share, first_covered: c.first_covered, last_covered: c.last_covered };
  });

  return {
    has_data: hasData,
    automation_summary: {
      ...figures(counts),
      previous: hasPrevious ? figures(prevCounts) : null,
      volume_change_pct: hasData && hasPrevious ? trend.automation_volume_trend : null,
      success_rate_change: hasData && hasPrevious ? trend.success_rate_trend : null,
      processing_time_change_pct: hasData && hasPrevious ? changePct(counts.avg_processing_time, prevCounts.avg_processing_time) : null,
      performance_direction: hasData && hasPrevious ? trend.performance_direction : "stable",
    },
    roi_analysis: {
      currency: input.currency,
      cost_savings: money(all.costCents),
      previous_cost_savings: hasPrevious ? money(prevAll.costCents) : null,
      cost_savings_change_pct: hasData && hasPrevious && prevAll.costCents > 0n ? changePct(Number(all.costCents), Number(prevAll.costCents)) : null,
      time_saved_hours: timeSavedHours,
      hourly_rate: input.hourlyRateCents / 100,
      labor_cost_savings: money(labor),
      total_value: money(all.costCents + labor),
    },
    efficiency_gains: {
      efficiency_improvement: hasData ? efficiencyImprovement(all) : null,
      previous_efficiency_improvement: hasPrevious ? efficiencyImprovement(prevAll) : null,
      automations_per_day: reportedDays > 0 ? round2(counts.total_automations / reportedDays) : null,
      hours_saved_per_day: reportedDays > 0 ? round2(timeSavedHours / reportedDays) : null,
    },
    systems: input.systems
      .filter((s) => current.has(s.id))
      .map((s) => {
        const t = systemTotals(s.id);
        return {
          system: s.name,
          ...countFigures(t),
          cost_savings: money(t.costCents),
          time_saved_hours: Number(t.timeSavedMilli) / 1000,
          covered_share: coverage.find((c) => c.system === s.name)?.covered_share ?? 0,
        };
      }),
    daily_automations: hasData ? points : [],
    coverage,
  };
}
