// From exact sums to the figures every edge shows (pure): counts, success rate, average
// processing time, money in major units of one currency, ROI and the trend against the previous
// period. Definitions (README, "Business metrics"):
//   success_rate            successful / total × 100 (null with no automations)
//   avg_processing_time     total processing seconds / total automations
//   time_saved_hours        sum of what systems reported
//   labor_cost_savings      time_saved_hours × the client's hourly rate (exact, rounded to the cent once)
//   efficiency_improvement  share of the manual effort removed: time saved / (time saved + processing time) × 100
//   automation_volume_trend (total − previous total) / previous total × 100 (null when the previous period had none)
//   success_rate_trend      success_rate − previous success_rate, in points
import { centsToAmount, divRound, round2 } from "./decimal";
import { performanceDirection, type PerformanceDirection } from "./performance-direction";
import type { SystemTotals } from "./read-rollups";

export interface CountFigures {
  total_automations: number;
  successful_automations: number;
  failed_automations: number;
  success_rate: number | null;
  /** Seconds per automation. */
  avg_processing_time: number | null;
}

export function countFigures(t: SystemTotals): CountFigures {
  const total = Number(t.total);
  return {
    total_automations: total,
    successful_automations: Number(t.successful),
    failed_automations: Number(t.failed),
    success_rate: total > 0 ? round2((Number(t.successful) / total) * 100) : null,
    avg_processing_time: total > 0 ? Math.round(Number(t.processingMilli) / total) / 1000 : null,
  };
}

/** Labour cost of the time saved, in cents, rounded once: hours×1000 × cents/hour / 1000. */
export function laborCents(timeSavedMilli: bigint, hourlyRateCents: number): bigint {
  return divRound(timeSavedMilli * BigInt(hourlyRateCents), 1000n);
}

export function efficiencyImprovement(t: Pick<SystemTotals, "timeSavedMilli" | "processingMilli">): number | null {
  const saved = Number(t.timeSavedMilli) / 1000; // hours
  if (saved <= 0) return null;
  const processing = Number(t.processingMilli) / 1000 / 3600; // hours
  return round2((saved / (saved + processing)) * 100);
}

export interface MoneyFigures {
  currency: string;
  cost_savings: number;
  cost_savings_cents: number;
  time_saved_hours: number;
  labor_cost_savings: number;
  labor_cost_savings_cents: number;
}

export function moneyFigures(currency: string, costCents: bigint, timeSavedMilli: bigint, labor: bigint): MoneyFigures {
  return {
    currency,
    cost_savings: centsToAmount(costCents),
    cost_savings_cents: Number(costCents),
    time_saved_hours: Number(timeSavedMilli) / 1000,
    labor_cost_savings: centsToAmount(labor),
    labor_cost_savings_cents: Number(labor),
  };
}

export interface TrendFigures {
  automation_volume_trend: number | null;
  success_rate_trend: number | null;
  performance_direction: PerformanceDirection;
  previous: { total_automations: number; success_rate: number | null };
}

export function trendFigures(current: CountFigures, previous: CountFigures): TrendFigures {
  const volume = previous.total_automations > 0 ? round2(((current.total_automations - previous.total_automations) / previous.total_automations) * 100) : null;
  const rate = current.success_rate !== null && previous.success_rate !== null ? round2(current.success_rate - previous.success_rate) : null;
  return {
    automation_volume_trend: volume,
    success_rate_trend: rate,
    performance_direction: performanceDirection({ successRatePoints: rate, volumeChangePct: volume }),
    previous: { total_automations: previous.total_automations, success_rate: previous.success_rate },
  };
}

export interface CoverageFigures {
  /** Share of the period the system's reports cover, 0–1. */
  covered_share: number;
  covered_hours: number;
  first_covered: string | null;
  last_covered: string | null;
}

export function coverageFigures(t: SystemTotals, periodMs: number): CoverageFigures {
  const covered = Number(t.coveredMs);
  return {
    covered_share: periodMs > 0 ? Math.round(Math.min(1, covered / periodMs) * 10_000) / 10_000 : 0,
    covered_hours: Math.round((covered / 3_600_000) * 100) / 100,
    first_covered: t.firstCovered?.toISOString() ?? null,
    last_covered: t.lastCovered?.toISOString() ?? null,
  };
}
