// Pure: the words around an uptime figure, so every place that shows one says the same thing
// about the span it covers ("99.2% · since 29 Nov 2026" when the window was not watched whole).
import type { UptimeFigure } from "@/lib/clients/schemas";
import { formatPct } from "./history-format";
import { formatTimestampUtc, formatDateUtc } from "./relative-time";

export interface UptimeFigureText {
  /** "99.2%", or "—" with no coverage. */
  value: string;
  /** "since 29 Nov 2026" when the figure covers part of the window; null when whole (or none). */
  since: string | null;
  /** The exact span, for title and screen readers. */
  label: string;
  /** The figure's percentage, null with no coverage. */
  pct: number | null;
}

/** `windowLabel` names the window to people: "24 hours", "30 days", "90 days", "this quarter". */
export function uptimeFigureText(figure: UptimeFigure, windowLabel: string): UptimeFigureText {
  if (figure === null) {
    return { value: "—", since: null, pct: null, label: `Uptime over ${windowLabel}: no data yet (no check in this window)` };
  }
  const value = formatPct(figure.pct);
  if (figure.coverage >= 1) {
    return { value, since: null, pct: figure.pct, label: `Uptime over ${windowLabel}: ${value}, the whole window watched` };
  }
  return {
    value,
    since: `since ${formatDateUtc(figure.covered_from)}`,
    pct: figure.pct,
    label: `Uptime ${value} since ${formatTimestampUtc(figure.covered_from)} (${coverageShare(figure.coverage)} of ${windowLabel} watched)`,
  };
}

/** "13%", "0.02%", "under 0.01%": the share of the window watched. */
export function coverageShare(coverage: number): string {
  const pct = coverage * 100;
  if (pct >= 1) return `${Math.floor(pct)}%`;
  if (pct >= 0.01) return `${Number(pct.toFixed(2))}%`;
  return "under 0.01%";
}
