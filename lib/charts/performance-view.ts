// Pure: what the client page's performance section says, from the metrics API's answers —
// the chart input (lib/charts/performance-chart-option.ts), the trend chips, the coverage line,
// money in the client's currency and the empty state. No React, so it is tested on its own.
import type { PerformanceSeries } from "./performance-chart-option";
import type { PerformanceSeriesOutput } from "@/lib/metrics/get-performance-series";

/** GET /api/client/{id}/metrics/series → the chart builder's input (numbers kept, nulls kept as gaps). */
export function toChartSeries(s: PerformanceSeriesOutput): PerformanceSeries {
  return {
    granularity: s.granularity,
    time_zone: s.time_zone,
    currency: s.currency,
    buckets: s.buckets.map((b) => ({
      start: b.start,
      total_automations: b.total_automations,
      successful_automations: b.successful_automations,
      failed_automations: b.failed_automations,
      total_processing_time: b.total_processing_time,
      cost_savings_cents: b.cost_savings_cents,
    })),
  };
}

export type Tone = "emerald" | "rose" | "neutral";

/** "+12.5 %" / "−3 %" against the previous period; null when there was nothing to compare with. */
export function volumeTrend(pct: number | null): { text: string; tone: Tone } | null {
  if (pct === null) return null;
  return { text: `${signed(pct)} %`, tone: pct > 0 ? "emerald" : pct < 0 ? "rose" : "neutral" };
}

/** "+1.2 pts" / "−0.4 pts" of success rate against the previous period. */
export function successTrend(points: number | null): { text: string; tone: Tone } | null {
  if (points === null) return null;
  return { text: `${signed(points)} pts`, tone: points > 0 ? "emerald" : points < 0 ? "rose" : "neutral" };
}

export function directionChip(direction: "improving" | "stable" | "declining"): { text: string; tone: Tone } {
  return direction === "improving" ? { text: "Improving", tone: "emerald" } : direction === "declining" ? { text: "Declining", tone: "rose" } : { text: "Stable", tone: "neutral" };
}

function signed(n: number): string {
  const abs = Math.abs(Math.round(n * 100) / 100).toLocaleString("en-US", { maximumFractionDigits: 2 });
  return n > 0 ? `+${abs}` : n < 0 ? `−${abs}` : "±0";
}

export interface CoverageInput {
  systems_total: number;
  systems_reporting: number;
  systems: { system: string; covered_share: number; first_covered: string | null }[];
}

/**
 * "2 of 3 systems reported; Billing from 29 Nov": how many systems the figures cover, and the
 * systems that began reporting after the period started (a share under 99 % with a first instant).
 */
export function coverageLine(c: CoverageInput, periodStart: string, timeZone: string): string {
  if (c.systems_total === 0) return "No systems";
  const head = `${c.systems_reporting} of ${c.systems_total} ${c.systems_total === 1 ? "system" : "systems"} reported`;
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: safeZone(timeZone), day: "numeric", month: "short" });
  const start = Date.parse(periodStart);
  const late = c.systems
    .filter((s) => s.first_covered !== null && s.covered_share < 0.99 && Date.parse(s.first_covered) - start >= 3_600_000)
    .map((s) => `${s.system} from ${day.format(new Date(s.first_covered!))}`);
  return late.length ? `${head}; ${late.join(", ")}` : head;
}

const ISO_INSTANT = /\b(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?Z\b/g;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A stored pull message for people: its ISO instants (always UTC) as "27 Nov 12:00 UTC". */
export function readablePullMessage(message: string): string {
  return message.replace(ISO_INSTANT, (_, _y: string, mo: string, d: string, h: string, mi: string) => `${Number(d)} ${MONTHS[Number(mo) - 1]} ${h}:${mi} UTC`);
}

/** Money in the client's currency: "€1,234.50". */
export function formatMoney(amount: number, currency: string, compact = false): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, ...(compact && Math.abs(amount) >= 10_000 ? { notation: "compact", maximumFractionDigits: 1 } : {}) }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatHours(hours: number): string {
  return `${hours.toLocaleString("en-US", { maximumFractionDigits: hours < 10 ? 1 : 0 })} h`;
}

/** Which empty state the section shows: no metrics URL anywhere, a URL but nothing pulled yet, or data. */
export function metricsState(systems: { metrics_url: string | null; enabled: boolean }[], pulls: number, anyData: boolean): "no_source" | "awaiting_first_pull" | "ready" {
  if (anyData || pulls > 0) return "ready";
  return systems.some((s) => s.metrics_url) ? "awaiting_first_pull" : "no_source";
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}
