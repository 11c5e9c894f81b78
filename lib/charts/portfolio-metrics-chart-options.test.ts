import { describe, expect, it } from "vitest";
import { CHART_PALETTE } from "./chart-frame";
import {
  formatRate,
  groupClients,
  shortDay,
  successAxisRange,
  successAxisTicks,
  successRate,
  successRateChartOption,
  volumeChartOption,
  type ClientDailySeries,
  type PortfolioDaily,
} from "./portfolio-metrics-chart-options";
import { OTHER_SERIES_COLOR, seriesColor } from "./series-colors";

const day = (date: string, total: number, successful: number) => ({ date, total_automations: total, successful_automations: successful, failed_automations: total - successful });
const dates = ["2026-11-19", "2026-11-20", "2026-11-21"];
const acme: ClientDailySeries = { client_id: "acme", client_name: "Acme", days: [day("2026-11-19", 100, 98), day("2026-11-21", 120, 110)] };
const beta: ClientDailySeries = { client_id: "beta", client_name: "Beta", days: [day("2026-11-19", 40, 40), day("2026-11-20", 50, 48), day("2026-11-21", 0, 0)] };
const input: PortfolioDaily = { dates, clients: [beta, acme] };

type Formatter = { formatter: (p: unknown) => string };
const tooltipAt = (option: { tooltip?: unknown }, dataIndex: number) => (option.tooltip as Formatter).formatter([{ dataIndex }]);

describe("volumeChartOption", () => {
  it("stacks one bar series per client, biggest first, a day without data is a gap (null), not a zero", () => {
    const { option, empty } = volumeChartOption(input, "light");
    expect(empty).toBe(false);
    expect(option.xAxis).toMatchObject({ type: "category", data: dates });
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ["Acme", "volume", [100, null, 120]],
      ["Beta", "volume", [40, 50, 0]],
    ]);
    expect(option.series[0]!.itemStyle).toMatchObject({ color: seriesColor("light", 0) });
    expect(option.legend).toMatchObject({ show: true, data: ["Acme", "Beta"] });
    expect(option.animation).toBe(false);
  });

  it("the tooltip gives each client's count for the hovered day and the total", () => {
    const html = tooltipAt(volumeChartOption(input, "light").option, 0);
    expect(html).toContain("19 Nov 2026");
    expect(html.indexOf("Acme")).toBeLessThan(html.indexOf("Beta")); // biggest first
    expect(html).toContain(">100<");
    expect(html).toContain(">40<");
    expect(html).toContain("Total");
    expect(html).toContain(">140<");
    // Acme has no data on the 20th: it is not listed as 0.
    expect(tooltipAt(volumeChartOption(input, "light").option, 1)).not.toContain("Acme");
  });

  it("total mode: one bar per day, the per-client split on hover", () => {
    const { option } = volumeChartOption(input, "dark", "total");
    expect(option.series).toHaveLength(1);
    expect(option.series[0]!.data).toEqual([140, 50, 120]);
    expect(option.series[0]!.itemStyle).toMatchObject({ color: CHART_PALETTE.dark.avg });
    expect(option.legend).toMatchObject({ show: false });
    expect(tooltipAt(option, 2)).toContain("Acme");
  });

  it("empty: no data in the window gives no series, a message, and empty: true", () => {
    const { option, empty } = volumeChartOption({ dates, clients: [{ client_id: "x", client_name: "X", days: [] }] }, "light");
    expect(empty).toBe(true);
    expect(option.series).toEqual([]);
    expect(option.title).toMatchObject({ show: true, text: "No automations recorded in the last 30 days" });
    expect(volumeChartOption({ dates: [], clients: [] }, "light").empty).toBe(true);
    expect(tooltipAt(volumeChartOption({ dates, clients: [] }, "light").option, 0)).toBe("");
  });

  it("a day with data but no automations is an honest 0 bar and not empty", () => {
    const { option, empty } = volumeChartOption({ dates, clients: [{ client_id: "x", client_name: "X", days: [day("2026-11-20", 0, 0)] }] }, "light");
    expect(empty).toBe(false);
    expect(option.series[0]!.data).toEqual([null, 0, null]);
  });
});

describe("groupClients", () => {
  it("keeps the 7 biggest clients and sums the rest as Other clients once there are more than 8", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ client_id: `c${i}`, client_name: `Client ${String(i).padStart(2, "0")}`, days: [day("2026-11-19", 10 + i, 10)] }));
    const groups = groupClients({ dates, clients: many }, "light");
    expect(groups.map((g) => g.name)).toEqual(["Client 11", "Client 10", "Client 09", "Client 08", "Client 07", "Client 06", "Client 05", "Other clients (5)"]);
    // 10+11+12+13+14, with their successes summed too.
    expect(groups[7]!.byDate[0]).toEqual({ total: 60, successful: 50 });
    expect(groups[7]!.color).toBe(OTHER_SERIES_COLOR.light);
    // Exactly 8 clients: all named, no "Other clients (1)".
    expect(groupClients({ dates, clients: many.slice(0, 8) }, "light").map((g) => g.name)).not.toContain("Other clients (1)");
  });

  it("ignores days outside the window and clients without data in it", () => {
    const groups = groupClients({ dates, clients: [{ client_id: "old", client_name: "Old", days: [day("2026-10-01", 5, 5)] }, acme] }, "light");
    expect(groups.map((g) => g.name)).toEqual(["Acme"]);
  });
});

describe("successRateChartOption", () => {
  it("one line per client, gaps for days without data or without automations, axis fitted under the worst day", () => {
    const { option, empty } = successRateChartOption(input, "light");
    expect(empty).toBe(false);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ["Acme", [98, null, 91.67]],
      ["Beta", [100, 96, null]],
    ]);
    for (const s of option.series) expect(s.connectNulls).toBe(false);
    expect(option.yAxis).toMatchObject({ min: 90, max: 100 });
  });

  it("portfolio mode: one line of summed successes over summed runs (not an average of rates)", () => {
    const { option } = successRateChartOption(input, "light", "portfolio");
    // 19th: 138 of 140; 20th: 48 of 50; 21st: 110 of 120.
    expect(option.series).toHaveLength(1);
    expect(option.series[0]!.data).toEqual([98.57, 96, 91.67]);
    expect(option.series[0]!.lineStyle).toMatchObject({ color: CHART_PALETTE.light.healthy });
    expect(option.legend).toMatchObject({ show: false });
  });

  it("the tooltip lists each client's rate with its counts, worst first, and the portfolio's", () => {
    const html = tooltipAt(successRateChartOption(input, "light").option, 0);
    expect(html).toContain("98% (98 of 100)");
    expect(html).toContain("100% (40 of 40)");
    expect(html.indexOf("Acme")).toBeLessThan(html.indexOf("Beta"));
    expect(html).toContain("98.57%");
  });

  it("empty: nothing to rate gives no series, a message, and a 0–100 axis", () => {
    const { option, empty } = successRateChartOption({ dates, clients: [{ client_id: "x", client_name: "X", days: [day("2026-11-20", 0, 0)] }] }, "dark");
    expect(empty).toBe(true);
    expect(option.series).toEqual([]);
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 });
    expect(option.title).toMatchObject({ show: true });
  });
});

describe("helpers", () => {
  it("successRate is null for 0 of 0", () => {
    expect(successRate({ total: 0, successful: 0 })).toBeNull();
    expect(successRate(null)).toBeNull();
    expect(successRate({ total: 4, successful: 3 })).toBe(75);
  });
  it("successAxisRange floors a point under the worst rate", () => {
    expect(successAxisRange([99.95, null, 97.2])).toEqual({ min: 96, max: 100 });
    expect(successAxisRange([0.4])).toEqual({ min: 0, max: 100 });
    expect(successAxisRange([null])).toEqual({ min: 0, max: 100 });
  });

  it("success-rate ticks land on 100 % (no 90 % label crowding a forced 100 %)", () => {
    expect(successAxisTicks({ min: 0, max: 100 })).toEqual({ min: 0, max: 100, interval: 20 });
    expect(successAxisTicks({ min: 96, max: 100 })).toEqual({ min: 96, max: 100, interval: 1 });
    expect(successAxisTicks({ min: 93, max: 100 })).toEqual({ min: 92, max: 100, interval: 2 });
    expect(successAxisTicks({ min: 90, max: 100 })).toEqual({ min: 90, max: 100, interval: 2 });
    expect(successAxisTicks({ min: 99, max: 100 })).toEqual({ min: 99, max: 100, interval: 0.5 });
    expect(successAxisTicks({ min: 61, max: 100 })).toEqual({ min: 60, max: 100, interval: 10 });
  });
  it("formatRate never reads 100% while anything failed", () => {
    expect(formatRate(99.996)).toBe("99.99%");
    expect(formatRate(100)).toBe("100%");
    expect(formatRate(91.666)).toBe("91.67%");
  });
  it("shortDay", () => {
    expect(shortDay("2026-11-05")).toBe("5 Nov");
    expect(shortDay("garbage")).toBe("garbage");
  });
});
