// Pure: GET /api/system/trends (days + clients[] aligned with them) → the input of the
// dashboard's business-metrics chart builders. A day a client did not report becomes a gap
// (left out of its days), never a zero.
import type { TrendsWithAutomations } from "@/lib/metrics/get-trends-with-automations";
import type { PortfolioDaily } from "./portfolio-metrics-chart-options";

export type TrendsForCharts = Pick<TrendsWithAutomations, "clients"> & { days: readonly { date: string }[] };

export function portfolioDailyFromTrends(trends: TrendsForCharts): PortfolioDaily {
  const dates = trends.days.map((d) => d.date);
  return {
    dates,
    clients: trends.clients.map((c) => ({
      client_id: c.client_id,
      client_name: c.client_name,
      days: dates.flatMap((date, i) =>
        c.reported[i]
          ? [{ date, total_automations: c.automations[i] ?? 0, successful_automations: c.successful_automations[i] ?? 0, failed_automations: c.failed_automations[i] ?? 0 }]
          : [],
      ),
    })),
  };
}

/** Clients with at least one reported day in the window. */
export function clientsReporting(trends: TrendsForCharts): number {
  return trends.clients.filter((c) => c.reported.some(Boolean)).length;
}
