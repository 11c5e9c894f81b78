import { describe, expect, it } from "vitest";
import { CHART_PALETTE } from "./chart-frame";
import { fillDates, reportAutomationChartOption, reportUptimeAxis, reportUptimeChartOption } from "./report-chart-options";

const up = (date: string, uptime_pct: number | null) => ({ date, uptime_pct });

describe("reportUptimeChartOption", () => {
  const points = [up("2026-10-01", 100), up("2026-10-02", null), up("2026-10-03", 97.917), up("2026-10-04", 99.9)];

  it("one bar per day, a null day is a gap (not zero), days under the target in the down colour", () => {
    const { option, empty } = reportUptimeChartOption(points, 99.5);
    expect(empty).toBe(false);
    expect(option.xAxis).toMatchObject({ type: "category", data: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"] });
    const data = option.series[0]!.data as ({ value: number; itemStyle: { color: string } } | null)[];
    expect(data[1]).toBeNull();
    expect(data.map((d) => d?.value ?? null)).toEqual([100, null, 97.917, 99.9]);
    expect(data[0]!.itemStyle.color).toBe(CHART_PALETTE.light.healthy);
    expect(data[2]!.itemStyle.color).toBe(CHART_PALETTE.light.down);
    expect(data[3]!.itemStyle.color).toBe(CHART_PALETTE.light.healthy);
    expect(option.animation).toBe(false);
  });

  it("draws the SLA target as a marked line", () => {
    const { option } = reportUptimeChartOption(points, 99.5);
    const markLine = option.series[0]!.markLine as { data: { yAxis: number }[]; label: { formatter: string } };
    expect(markLine.data).toEqual([{ yAxis: 99.5 }]);
    expect(markLine.label.formatter).toContain("99.5%");
  });

  it("fits the y axis: a whole percent under the worst day and the target, ticks landing on 100", () => {
    expect(reportUptimeChartOption(points, 99.5).option.yAxis).toMatchObject({ min: 96, max: 100, interval: 1 });
    // A perfect month still shows the 99.5 target line inside the axis.
    expect(reportUptimeAxis([up("2026-10-01", 100)], 99.5)).toEqual({ min: 98, max: 100, interval: 0.5 });
    expect(reportUptimeAxis([up("2026-10-01", 42)], 99.5)).toMatchObject({ min: 40, max: 100 });
    expect(reportUptimeAxis([up("2026-10-01", null)], 99.5)).toMatchObject({ min: 0, max: 100 });
  });

  it("no data at all: empty, no series, a message", () => {
    const { option, empty } = reportUptimeChartOption([up("2026-10-01", null)], 99.5);
    expect(empty).toBe(true);
    expect(option.series).toEqual([]);
    expect(option.title).toMatchObject({ text: "No uptime data in this period" });
  });

  it("uses the font family it is given (DejaVu Sans on the server) and the theme's colours", () => {
    const { option } = reportUptimeChartOption(points, 99.5, { theme: "dark", fontFamily: "DejaVu Sans" });
    expect(option.textStyle).toMatchObject({ fontFamily: "DejaVu Sans" });
    const data = option.series[0]!.data as ({ itemStyle: { color: string } } | null)[];
    expect(data[0]!.itemStyle.color).toBe(CHART_PALETTE.dark.healthy);
  });

  it("the tooltip names the day, its uptime and the target", () => {
    const { option } = reportUptimeChartOption(points, 99.5);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 2 }]);
    expect(html).toContain("3 Oct 2026");
    expect(html).toContain("97.917%");
    expect(html).toContain("99.5%");
    expect(formatter([{ dataIndex: 1 }])).toBe("");
  });
});

describe("reportAutomationChartOption", () => {
  const points = [
    { date: "2026-10-01", total: 400, successful: 390, failed: 10 },
    { date: "2026-10-03", total: 380, successful: 360, failed: 20 },
  ];

  it("stacks successful and failed per day; a missing day inside the range is a gap", () => {
    const { option, empty } = reportAutomationChartOption(points);
    expect(empty).toBe(false);
    expect(option.xAxis).toMatchObject({ data: ["2026-10-01", "2026-10-02", "2026-10-03"] });
    const [ok, failed] = option.series;
    expect(ok).toMatchObject({ name: "Successful", stack: "automations", data: [390, null, 360] });
    expect(failed).toMatchObject({ name: "Failed", stack: "automations", data: [10, null, 20] });
    expect(ok!.itemStyle).toMatchObject({ color: CHART_PALETTE.light.healthy });
    expect(failed!.itemStyle).toMatchObject({ color: CHART_PALETTE.light.down });
    expect(option.yAxis).toMatchObject({ min: 0, minInterval: 1 });
  });

  it("the tooltip gives the day's counts and success rate", () => {
    const formatter = (reportAutomationChartOption(points).option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ dataIndex: 2 }]);
    expect(html).toContain("3 Oct 2026");
    expect(html).toContain("360");
    expect(html).toContain("94.74%");
    expect(formatter([{ dataIndex: 1 }])).toBe("");
  });

  it("nothing reported: empty with a message", () => {
    for (const input of [[], [{ date: "2026-10-01", total: 0, successful: 0, failed: 0 }]]) {
      const { option, empty } = reportAutomationChartOption(input);
      expect(empty).toBe(true);
      expect(option.series).toEqual([]);
      expect(option.title).toMatchObject({ text: "No automations reported in this period" });
    }
  });
});

describe("fillDates", () => {
  it("every calendar day from first to last, across a month end, bounded", () => {
    expect(fillDates(["2026-11-01", "2026-10-30"])).toEqual(["2026-10-30", "2026-10-31", "2026-11-01"]);
    expect(fillDates([])).toEqual([]);
    expect(fillDates(["2020-01-01", "2030-01-01"])).toHaveLength(400);
  });
});
