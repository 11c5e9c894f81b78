import { describe, expect, it } from "vitest";
import { CHART_PALETTE } from "./chart-frame";
import { bucketLabel, moneyFormat, performanceChartOption, PERFORMANCE_METRICS, type PerformanceBucket, type PerformanceSeries } from "./performance-chart-option";

const bucket = (start: string, total: number | null, successful = total, seconds = total === null ? null : total * 2, cents = successful === null ? null : successful * 125): PerformanceBucket => ({
  start,
  total_automations: total,
  successful_automations: successful,
  failed_automations: total === null || successful === null ? null : total - successful,
  total_processing_time: seconds,
  cost_savings_cents: cents,
});

// Daily buckets of a client in New York: each day begins at 05:00 UTC (EST).
const daily: PerformanceSeries = {
  granularity: "day",
  time_zone: "America/New_York",
  currency: "USD",
  buckets: [bucket("2026-11-19T05:00:00.000Z", 200, 196, 410), bucket("2026-11-20T05:00:00.000Z", null), bucket("2026-11-21T05:00:00.000Z", 150, 141, 300, 17_625), bucket("2026-11-22T05:00:00.000Z", 0, 0, 0, 0)],
};

type Formatter = { formatter: (p: unknown) => string };
const tooltipAt = (option: { tooltip?: unknown }, dataIndex: number) => (option.tooltip as Formatter).formatter([{ dataIndex }]);

describe("performanceChartOption", () => {
  it("volume: successful and failed stacked per bucket; no data is a gap", () => {
    const { option, empty } = performanceChartOption(daily, "volume", "light");
    expect(empty).toBe(false);
    expect(option.series.map((s) => [s.name, s.type, s.stack, s.data])).toEqual([
      ["Successful", "bar", "runs", [196, null, 141, 0]],
      ["Failed", "bar", "runs", [4, null, 9, 0]],
    ]);
    expect(option.series[1]!.itemStyle).toMatchObject({ color: CHART_PALETTE.light.down });
    expect(option.legend).toMatchObject({ show: true });
  });

  it("success rate: a line with gaps for buckets without data or without runs, axis fitted", () => {
    const { option } = performanceChartOption(daily, "success_rate", "dark");
    expect(option.series[0]!.data).toEqual([98, null, 94, null]);
    expect((option.series[0] as { connectNulls?: boolean }).connectNulls).toBe(false);
    expect(option.yAxis).toMatchObject({ min: 93, max: 100 });
    expect(option.series[0]!.itemStyle).toMatchObject({ color: CHART_PALETTE.dark.healthy });
  });

  it("processing time: average seconds per run", () => {
    expect(performanceChartOption(daily, "processing_time", "light").option.series[0]!.data).toEqual([2.05, null, 2, null]);
  });

  it("cost savings: exact cents shown in the client's currency", () => {
    const { option } = performanceChartOption(daily, "cost_savings", "light");
    expect(option.series[0]!.data).toEqual([245, null, 176.25, 0]);
    const html = tooltipAt(option, 2);
    expect(html).toContain("$176.25");
    expect(html).toContain("21 Nov 2026 (America/New_York)");
    expect(html).toContain("94%");
    const eur = performanceChartOption({ ...daily, currency: "EUR" }, "cost_savings", "light").option;
    expect(tooltipAt(eur, 0)).toContain("€245.00");
    expect((eur.yAxis.axisLabel as { formatter: (v: number) => string }).formatter(1500)).toBe("€1.5k");
  });

  it("labels buckets in the client's zone: days by date, hours by local clock", () => {
    const { option } = performanceChartOption(daily, "volume", "light");
    const axisFormatter = (option.xAxis.axisLabel as { formatter: (s: string) => string }).formatter;
    expect(axisFormatter("2026-11-19T05:00:00.000Z")).toBe("19 Nov");
    const hourly = bucketLabel("hour", "Asia/Kolkata");
    expect(hourly.short("2026-11-19T05:00:00.000Z")).toBe("10:30");
    expect(hourly.long("2026-11-19T05:00:00.000Z")).toBe("19 Nov 2026, 10:30–11:30 (Asia/Kolkata)");
    // An unknown zone falls back to UTC rather than throwing in the browser.
    expect(bucketLabel("hour", "Mars/Olympus").short("2026-11-19T05:00:00.000Z")).toBe("05:00");
  });

  it("the tooltip is empty over a bucket without data", () => {
    expect(tooltipAt(performanceChartOption(daily, "volume", "light").option, 1)).toBe("");
  });

  it("empty: no bucket with data gives no series, a message and empty: true, for every metric", () => {
    const none: PerformanceSeries = { ...daily, buckets: daily.buckets.map((b) => bucket(b.start, null)) };
    for (const metric of PERFORMANCE_METRICS) {
      const { option, empty } = performanceChartOption(none, metric, "light");
      expect(empty, metric).toBe(true);
      expect(option.series, metric).toEqual([]);
      expect(option.title, metric).toMatchObject({ show: true, text: "No metrics collected in this timeframe" });
    }
    expect(performanceChartOption({ ...daily, buckets: [] }, "volume", "light").empty).toBe(true);
  });
});

describe("moneyFormat", () => {
  it("formats integer cents exactly", () => {
    expect(moneyFormat("USD").full(10)).toBe("$0.10");
    expect(moneyFormat("USD").full(123_456_789)).toBe("$1,234,567.89");
    expect(moneyFormat("GBP").axis(2_400_000)).toBe("£2.4M");
    expect(moneyFormat("not-a-currency").full(100)).toBe("$1.00");
  });
});
