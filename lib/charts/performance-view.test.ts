import { describe, expect, it } from "vitest";
import { performanceChartOption } from "./performance-chart-option";
import { coverageLine, directionChip, formatMoney, metricsState, readablePullMessage, successTrend, toChartSeries, volumeTrend } from "./performance-view";

describe("performance view", () => {
  const api = {
    client_id: "acme",
    timeframe: "24h" as const,
    granularity: "hour" as const,
    time_zone: "Europe/Berlin",
    currency: "EUR",
    start: "2026-11-19T12:00:00.000Z",
    end: "2026-11-19T14:00:00.000Z",
    days: { start: "2026-11-19", end: "2026-11-20" },
    buckets: [
      { start: "2026-11-19T12:00:00.000Z", total_automations: null, successful_automations: null, failed_automations: null, total_processing_time: null, cost_savings_cents: null },
      { start: "2026-11-19T13:00:00.000Z", total_automations: 10, successful_automations: 9, failed_automations: 1, total_processing_time: 25.5, cost_savings_cents: 1010 },
    ],
  };

  it("maps the series API into the chart builder's input: gaps stay gaps, cents stay cents", () => {
    const s = toChartSeries(api);
    expect(s).toEqual({ granularity: "hour", time_zone: "Europe/Berlin", currency: "EUR", buckets: api.buckets });
    const { option, empty } = performanceChartOption(s, "cost_savings", "light");
    expect(empty).toBe(false);
    expect(option.series[0].data).toEqual([null, 10.1]);
    expect(performanceChartOption(s, "volume", "dark").option.series.map((x) => x.data)).toEqual([
      [null, 9],
      [null, 1],
    ]);
  });

  it("trend chips: signed, rounded, toned; nothing to compare → null", () => {
    expect(volumeTrend(12.345)).toEqual({ text: "+12.35 %", tone: "emerald" });
    expect(volumeTrend(-3)).toEqual({ text: "−3 %", tone: "rose" });
    expect(volumeTrend(0)).toEqual({ text: "±0 %", tone: "neutral" });
    expect(volumeTrend(null)).toBeNull();
    expect(successTrend(-0.4)).toEqual({ text: "−0.4 pts", tone: "rose" });
    expect(directionChip("declining")).toEqual({ text: "Declining", tone: "rose" });
    expect(directionChip("stable").tone).toBe("neutral");
  });

  it("coverage: how many systems reported, and who began late (in the client's days)", () => {
    const systems = [
      { system: "CRM", covered_share: 1, first_covered: "2026-11-01T00:00:00Z" },
      { system: "Billing", covered_share: 0.1, first_covered: "2026-11-28T23:30:00Z" },
      { system: "Mail", covered_share: 0, first_covered: null },
    ];
    expect(coverageLine({ systems_total: 3, systems_reporting: 2, systems }, "2026-11-01T00:00:00Z", "Europe/Berlin")).toBe("2 of 3 systems reported; Billing from 29 Nov");
    expect(coverageLine({ systems_total: 1, systems_reporting: 1, systems: [systems[0]] }, "2026-11-01T00:00:00Z", "UTC")).toBe("1 of 1 system reported");
    expect(coverageLine({ systems_total: 0, systems_reporting: 0, systems: [] }, "2026-11-01T00:00:00Z", "UTC")).toBe("No systems");
  });

  it("pull messages: ISO instants read as UTC dates and times, the rest untouched", () => {
    expect(readablePullMessage("40 automations (38 successful, 2 failed) for 2026-12-03T00:00:00.000Z – 2026-12-03T01:00:00.000Z")).toBe(
      "40 automations (38 successful, 2 failed) for 3 Dec 00:00 UTC – 3 Dec 01:00 UTC",
    );
    expect(readablePullMessage("metrics rejected: successful 430 > total 428")).toBe("metrics rejected: successful 430 > total 428");
  });

  it("money in the client's currency; the empty states", () => {
    expect(formatMoney(1234.5, "EUR")).toBe("€1,234.50");
    expect(formatMoney(0.1 + 0.2, "USD")).toBe("$0.30");
    expect(metricsState([{ metrics_url: null, enabled: true }], 0, false)).toBe("no_source");
    expect(metricsState([{ metrics_url: "https://x", enabled: true }], 0, false)).toBe("awaiting_first_pull");
    expect(metricsState([{ metrics_url: "https://x", enabled: true }], 1, false)).toBe("ready");
  });
});
