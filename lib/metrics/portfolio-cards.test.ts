import { describe, expect, it } from "vitest";
import type { AllClientsStatus } from "@/lib/clients/schemas";
import type { PortfolioMetrics } from "./schemas";
import { currentMonth, formatMoney, formatPercent, portfolioCards } from "./portfolio-cards";

type Row = AllClientsStatus["clients"][number];
const row = (client_id: string, today: number, flags: Row["attention"]["flags"] = []) =>
  ({ client_id, client_name: `Client ${client_id}`, today_automations: today, attention: { needs_attention: flags.length > 0, flags } }) as unknown as Row;
const summary = (clients: Row[], total: number, rate: number | null) =>
  ({ clients, overall_summary: { total_automations_today: total, overall_success_rate: rate } }) as unknown as AllClientsStatus;
const portfolio = (p: Partial<PortfolioMetrics>) => ({ money: [], coverage: { covered_share: 0, systems_total: 0, systems_reporting: 0 }, by_client: [], ...p }) as unknown as PortfolioMetrics;

describe("currentMonth", () => {
  it("is the UTC calendar month as date-only bounds, December rolling into January", () => {
    expect(currentMonth(new Date("2026-12-03T13:00:00Z"))).toEqual({ start: "2026-12-01", end: "2027-01-01", label: "December 2026" });
    expect(currentMonth(new Date("2026-02-28T23:59:59Z"))).toEqual({ start: "2026-02-01", end: "2026-03-01", label: "February 2026" });
  });
});

describe("portfolioCards", () => {
  const stalledFlag = [{ kind: "stalled" as const, system: "Shipments", reason: "no automations for 6 h", since: "2026-12-03T07:00:00Z" }];
  const clients = [row("a", 300), row("b", 0, stalledFlag), row("c", 12)];

  it("says how many clients ran automations today, each in its own day", () => {
    const cards = portfolioCards({ summary: summary(clients, 312, 97.456), monthLabel: "December 2026" });
    expect(cards.automationsToday).toEqual({ value: "312", coverage: "2 of 3 clients ran automations today (each client's own day)", empty: false });
    expect(cards.successToday).toEqual({ value: "97.46%", coverage: "of 312 automations today, 2 of 3 clients", empty: false });
  });

  it("has no success rate without automations (0 of 0 is not 0 %)", () => {
    const cards = portfolioCards({ summary: summary([row("a", 0)], 0, null), monthLabel: "December 2026" });
    expect(cards.successToday).toMatchObject({ value: "—", empty: true });
    expect(cards.automationsToday).toMatchObject({ value: "0", empty: true });
  });

  it("never adds money across currencies, and states the systems reporting", () => {
    const month = portfolio({
      money: [
        { currency: "EUR", clients: 1, cost_savings: 400, cost_savings_cents: 40_000 },
        { currency: "USD", clients: 2, cost_savings: 1234.5, cost_savings_cents: 123_450 },
        { currency: "GBP", clients: 1, cost_savings: 0, cost_savings_cents: 0 },
      ] as PortfolioMetrics["money"],
      coverage: { covered_share: 0.4, systems_total: 6, systems_reporting: 3 },
    });
    const cards = portfolioCards({ summary: summary(clients, 312, 97), month, monthLabel: "December 2026" });
    expect(cards.costSavings.amounts).toEqual([
      { currency: "EUR", text: "€400.00", clients: 1 },
      { currency: "USD", text: "$1,234.50", clients: 2 },
    ]);
    expect(cards.costSavings.value).toBe("2 currencies");
    expect(cards.costSavings.coverage).toBe("December 2026 so far, each client's time zone · 3 of 6 systems reporting");
    const one = portfolioCards({ summary: summary(clients, 0, null), month: portfolio({ money: [month.money[1]!] }), monthLabel: "December 2026" });
    expect(one.costSavings).toMatchObject({ value: "$1,234.50", empty: false });
  });

  it("counts a client stalled and declining once", () => {
    const last30d = portfolio({
      by_client: [
        { client_id: "b", client_name: "Client b", performance_direction: "declining" },
        { client_id: "c", client_name: "Client c", performance_direction: "declining" },
        { client_id: "a", client_name: "Client a", performance_direction: "improving" },
      ] as PortfolioMetrics["by_client"],
    });
    const cards = portfolioCards({ summary: summary(clients, 312, 97), last30d, monthLabel: "December 2026" });
    expect(cards.watch).toMatchObject({ value: "2", stalled: ["Client b"], declining: ["Client b", "Client c"], empty: false });
    expect(cards.watch.coverage).toBe("1 stalled now · 2 declining (30 days vs the 30 before)");
  });

  it("formats money and rates", () => {
    expect(formatMoney(1234.5, "USD")).toBe("$1,234.50");
    expect(formatMoney(5, "XXX")).toMatch(/5\.00/);
    expect(formatPercent(99.999)).toBe("99.99%");
    expect(formatPercent(100)).toBe("100%");
  });
});
