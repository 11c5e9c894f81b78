// Pure: the dashboard's four portfolio cards from the summary rows and the portfolio metrics,
// each with what it covers. Definitions (shown on the cards):
//   automations today   sum of each client's own "today" (its time zone's day so far)
//   success rate today  successful / total of those automations
//   cost savings        this calendar month (the month of today's UTC date), each client's days
//                       from the 1st in its own zone; one figure per currency, never added across
//   stalled or declining  clients flagged stalled now (attention rules) or whose
//                       performance_direction over the last 30 days vs the 30 before is declining
import type { AllClientsStatus } from "@/lib/clients/schemas";
import type { PortfolioMetrics } from "./schemas";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The calendar month of `now`'s UTC date as date-only bounds (each = midnight in each client's zone). */
export function currentMonth(now: Date): { start: string; end: string; label: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const ymd = (year: number, month: number) => `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return { start: ymd(y, m), end: m === 11 ? ymd(y + 1, 0) : ymd(y, m + 1), label: `${MONTHS[m]} ${y}` };
}

export interface CardFigure {
  /** The big figure. */
  value: string;
  /** Under it: what it covers. */
  coverage: string;
  /** Nothing to show yet (the value is a dash). */
  empty: boolean;
}

export interface PortfolioCards {
  automationsToday: CardFigure;
  successToday: CardFigure;
  costSavings: CardFigure & { amounts: { currency: string; text: string; clients: number }[] };
  watch: CardFigure & { stalled: string[]; declining: string[] };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** 1234.5 USD → "$1,234.50"; an unknown code still formats ("XYZ 1,234.50"). */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 2, minimumFractionDigits: amount >= 100_000 ? 0 : 2 }).format(amount);
  } catch {
    return `${currency} ${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
}

/** 97.456 → "97.46%", never 100 % while anything failed. */
export function formatPercent(pct: number): string {
  const v = pct < 100 ? Math.min(99.99, Math.round(pct * 100) / 100) : 100;
  return `${Number(v.toFixed(2))}%`;
}

export function portfolioCards(input: {
  summary: Pick<AllClientsStatus, "clients" | "overall_summary">;
  /** GET /api/metrics/portfolio?start=<1st>&end=<1st of next month>; undefined while loading. */
  month?: PortfolioMetrics;
  monthLabel: string;
  /** GET /api/metrics/portfolio?timeframe=30d; undefined while loading. */
  last30d?: PortfolioMetrics;
}): PortfolioCards {
  const { clients, overall_summary: s } = input.summary;
  const n = clients.length;
  const ran = clients.filter((c) => c.today_automations > 0).length;
  const today = s.total_automations_today;

  const automationsToday: CardFigure = {
    value: today.toLocaleString("en-US"),
    coverage: `${ran} of ${plural(n, "client")} ran automations today (each client's own day)`,
    empty: today === 0,
  };
  const successToday: CardFigure =
    s.overall_success_rate === null
      ? { value: "—", coverage: "No automations yet today", empty: true }
      : { value: formatPercent(s.overall_success_rate), coverage: `of ${plural(today, "automation")} today, ${ran} of ${plural(n, "client")}`, empty: false };

  const money = input.month?.money ?? [];
  const amounts = money.filter((m) => m.cost_savings_cents > 0).map((m) => ({ currency: m.currency, text: formatMoney(m.cost_savings, m.currency), clients: m.clients }));
  const cov = input.month?.coverage;
  const reporting = cov ? `${cov.systems_reporting} of ${plural(cov.systems_total, "system")} reporting` : "loading";
  const costSavings = {
    value: amounts.length === 0 ? "—" : amounts.length === 1 ? amounts[0]!.text : `${amounts.length} currencies`,
    coverage: `${input.monthLabel} so far, each client's time zone · ${reporting}`,
    empty: amounts.length === 0,
    amounts,
  };

  const stalledRows = clients.filter((c) => c.attention.flags.some((f) => f.kind === "stalled"));
  const decliningRows = (input.last30d?.by_client ?? []).filter((c) => c.performance_direction === "declining");
  // By client_id: a client both stalled and declining counts once.
  const watched = new Set([...stalledRows, ...decliningRows].map((c) => c.client_id));
  const stalled = stalledRows.map((c) => c.client_name);
  const declining = decliningRows.map((c) => c.client_name);
  const watch = {
    value: watched.size.toLocaleString("en-US"),
    coverage: `${stalled.length} stalled now · ${declining.length} declining (30 days vs the 30 before)`,
    empty: watched.size === 0,
    stalled,
    declining,
  };
  return { automationsToday, successToday, costSavings, watch };
}
