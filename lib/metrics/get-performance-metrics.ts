// The seed's get_performance_metrics for one client: its automations over 24 h, 7 d, 30 d, 90 d
// or a custom range in its own time zone, money in its currency, ROI at its hourly rate, the
// trend against the previous equal period, each system's figures and what every figure covers.
// Read from metric_rollups only (read-rollups.ts).
import { findClientOrThrow } from "@/lib/clients/find-client";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { countFigures, coverageFigures, efficiencyImprovement, laborCents, moneyFigures, trendFigures } from "./figures";
import { resolvePeriod, type PeriodChoice, type Span, type Timeframe } from "./periods";
import { addTotals, emptyTotals, readRollupTotals } from "./read-rollups";
import { performanceMetricsInputSchema, type PerformanceMetrics } from "./schemas";
import { instantOfLocalDate } from "./zone-time";

/** A start/end value as an instant: a bare date is midnight in the zone. */
export function toInstant(zone: string, value: string): Date {
  return new Date(value.length === 10 ? instantOfLocalDate(zone, value) : Date.parse(value));
}

export function periodChoice(zone: string, input: { timeframe?: Timeframe; start?: string; end?: string }): PeriodChoice {
  return input.start && input.end ? { start: toInstant(zone, input.start), end: toInstant(zone, input.end) } : { timeframe: input.timeframe };
}

export const spanOutput = (s: Span) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), hours: (s.end - s.start) / 3_600_000 });

export async function getPerformanceMetrics({ ctx, input }: { ctx: Context; input: VerbInput<typeof performanceMetricsInputSchema> }): Promise<PerformanceMetrics> {
  requireScope(ctx, "read");
  const data = parseInput(performanceMetricsInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  const zone = client.timeZone;
  const period = resolvePeriod(zone, ctx.clock.now(), periodChoice(zone, data));
  const totals = await readRollupTotals(ctx, client.systems.map((s) => ({ id: s.id, zone })), [
    { key: 0, zone, ...period.current },
    { key: 1, zone, ...period.previous },
  ]);
  const current = totals.get(0)!;
  const previous = totals.get(1)!;
  const periodMs = period.current.end - period.current.start;

  const all = addTotals("client", current.values());
  const counts = countFigures(all);
  const money = moneyFigures(client.currency, all.costCents, all.timeSavedMilli, laborCents(all.timeSavedMilli, client.hourlyRateCents));
  const systems = client.systems.map((s) => ({ name: s.name, totals: current.get(s.id) ?? emptyTotals(s.id) }));
  const coverage = systems.map((s) => ({ system: s.name, ...coverageFigures(s.totals, periodMs) }));

  return {
    client_id: client.clientId,
    client_name: client.name,
    timeframe: period.timeframe,
    time_zone: zone,
    period: spanOutput(period.current),
    previous_period: spanOutput(period.previous),
    metrics: {
      ...counts,
      currency: client.currency,
      cost_savings: money.cost_savings,
      cost_savings_cents: money.cost_savings_cents,
      roi_metrics: {
        time_saved_hours: money.time_saved_hours,
        hourly_rate: client.hourlyRateCents / 100,
        labor_cost_savings: money.labor_cost_savings,
        labor_cost_savings_cents: money.labor_cost_savings_cents,
        efficiency_improvement: efficiencyImprovement(all),
      },
    },
    trends: trendFigures(counts, countFigures(addTotals("client", previous.values()))),
    coverage: {
      covered_share: coverage.length ? Math.round((coverage.reduce((a, c) => a + c.covered_share, 0) / coverage.length) * 10_000) / 10_000 : 0,
      systems_total: coverage.length,
      systems_reporting: coverage.filter((c) => c.covered_hours > 0 || c.first_covered !== null).length,
      systems: coverage,
    },
    systems: systems.map((s, i) => ({
      system: s.name,
      ...countFigures(s.totals),
      cost_savings: Number(s.totals.costCents) / 100,
      time_saved_hours: Number(s.totals.timeSavedMilli) / 1000,
      covered_share: coverage[i].covered_share,
    })),
  };
}
