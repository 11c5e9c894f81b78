import { describe, expect, it } from "vitest";
import type { LatencySeries } from "@/lib/monitoring/get-system-history";
import { breakGaps, CHART_PALETTE, latencyChartOption } from "./latency-chart-option";

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 10, 21, 10, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const stats = { avg_ms: null, p50_ms: null, p95_ms: null, p99_ms: null, count: 0, approximate: false };

const raw: LatencySeries = {
  granularity: "check",
  interval_ms: MIN,
  uptime: { pct: 99, covered_from: iso(T0), coverage: 1 },
  stats,
  points: [
    { t: iso(T0), ms: 120, status: "healthy" },
    { t: iso(T0 + MIN), ms: 2400, status: "degraded" },
    { t: iso(T0 + 2 * MIN), ms: 503, status: "down" },
    { t: iso(T0 + 3 * MIN), ms: null, status: "down" },
    { t: iso(T0 + 4 * MIN), ms: 130, status: "healthy" },
    // 20 minutes without checks
    { t: iso(T0 + 24 * MIN), ms: 140, status: "healthy" },
  ],
};

const hourly: LatencySeries = {
  granularity: "hour",
  interval_ms: H,
  uptime: { pct: 100, covered_from: iso(T0), coverage: 1 },
  stats,
  points: [
    { t: iso(T0), avg_ms: 150, p95_ms: 300, checks: 60 },
    { t: iso(T0 + H), avg_ms: null, p95_ms: null, checks: 5 },
    { t: iso(T0 + 2 * H), avg_ms: 170, p95_ms: 320, checks: 60 },
    // hours 3 and 4 missing
    { t: iso(T0 + 5 * H), avg_ms: 180, p95_ms: 350, checks: 60 },
  ],
};

const byName = (option: ReturnType<typeof latencyChartOption>, name: string) => option.series.find((s) => s.name === name)!;

describe("latencyChartOption: raw checks (24 h)", () => {
  const option = latencyChartOption(raw, "light", { start: iso(T0 - 23 * H), end: iso(T0 + H) });

  it("uses a UTC time axis ending at now and fitted to the data present, a value axis in ms from zero, and no animation", () => {
    // 24 minutes of checks in a 24 h window: the axis starts at the first check (less a 2 %
    // margin), not 23 hours earlier, so the points are not a sliver at the right edge.
    expect(option.xAxis).toMatchObject({ type: "time", min: T0 - 0.02 * H, max: T0 + H });
    expect(option.yAxis).toMatchObject({ type: "value", min: 0 });
    const format = (option.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect(format(2500)).toBe("2,500 ms");
    expect(option.useUTC).toBe(true);
    expect(option.animation).toBe(false);
  });

  it("draws each answered check as a dot in its status colour, and failed probes on the axis", () => {
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ["line", "Response time"],
      ["scatter", "Healthy"],
      ["scatter", "Degraded"],
      ["scatter", "Down"],
      ["scatter", "No response"],
    ]);
    expect(byName(option, "Healthy").data).toEqual([
      [T0, 120],
      [T0 + 4 * MIN, 130],
      [T0 + 24 * MIN, 140],
    ]);
    expect(byName(option, "Degraded").data).toEqual([[T0 + MIN, 2400]]);
    expect(byName(option, "Down").data).toEqual([[T0 + 2 * MIN, 503]]);
    expect(byName(option, "No response").data).toEqual([[T0 + 3 * MIN, 0]]);
    expect(byName(option, "Healthy").itemStyle?.color).toBe(CHART_PALETTE.light.healthy);
    expect(byName(option, "Degraded").itemStyle?.color).toBe(CHART_PALETTE.light.degraded);
    expect(byName(option, "Down").itemStyle?.color).toBe(CHART_PALETTE.light.down);
    expect(option.legend.data).toEqual(["Healthy", "Degraded", "Down", "No response"]);
  });

  it("breaks the trace at a failed probe and across missing checks", () => {
    const trace = byName(option, "Response time").data as [number, number | null][];
    expect(trace.filter(([, v]) => v === null)).toEqual([
      [T0 + 3 * MIN, null], // the failed probe itself
      [T0 + 14 * MIN, null], // the 20-minute hole (> 2.5 × the 1-minute interval)
    ]);
  });

  it("explains a check in the tooltip: UTC time, status and latency", () => {
    const formatter = option.tooltip.formatter as (p: unknown) => string;
    const html = formatter([{ value: [T0 + MIN, 2400] }]);
    expect(html).toContain("21 Nov 2026, 10:01 UTC");
    expect(html).toContain("Degraded");
    expect(html).toContain("2,400 ms");
    expect(formatter([{ value: [T0 + 3 * MIN, 0] }])).toContain("no response");
  });

  it("leaves out the no-response series when every probe answered", () => {
    const answered = latencyChartOption({ ...raw, points: raw.points.filter((p) => p.ms !== null) }, "light");
    expect(answered.series.map((s) => s.name)).not.toContain("No response");
    expect(answered.xAxis).toMatchObject({ min: undefined, max: undefined });
  });
});

describe("latencyChartOption: rollups (7 d, 30 d, 90 d)", () => {
  it("draws an average line and a dashed p95 line, breaking at missing buckets and at buckets without latency", () => {
    const option = latencyChartOption(hourly, "light");
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ["line", "Average"],
      ["line", "p95"],
    ]);
    const avg = byName(option, "Average");
    expect(avg.data).toEqual([
      [T0, 150],
      [T0 + H, null],
      [T0 + 2 * H, 170],
      [T0 + 3.5 * H, null], // the two missing hours
      [T0 + 5 * H, 180],
    ]);
    expect((avg as { lineStyle: { type: string; color: string } }).lineStyle).toMatchObject({ type: "solid", color: CHART_PALETTE.light.avg });
    expect((byName(option, "p95") as { lineStyle: { type: string } }).lineStyle.type).toBe("dashed");
    expect(byName(option, "p95").data).toContainEqual([T0 + 5 * H, 350]);
    expect((avg as { connectNulls: boolean }).connectNulls).toBe(false);
  });

  it("names the bucket in the tooltip: an hour range for hourly, a UTC day for daily", () => {
    const hourTip = (latencyChartOption(hourly, "light").tooltip.formatter as (p: unknown) => string)([{ value: [T0 + 2 * H, 170] }]);
    expect(hourTip).toContain("21 Nov 2026, 12:00–13:00 UTC");
    expect(hourTip).toContain("170 ms");
    expect(hourTip).toContain("320 ms");
    expect(hourTip).toContain("60");
    const daily: LatencySeries = { ...hourly, granularity: "day", interval_ms: 24 * H, points: [{ t: iso(Date.UTC(2026, 10, 20)), avg_ms: 1234.5, p95_ms: 2000, checks: 1440 }] };
    const dayTip = (latencyChartOption(daily, "dark").tooltip.formatter as (p: unknown) => string)([{ value: [Date.UTC(2026, 10, 20), 1234.5] }]);
    expect(dayTip).toContain("20 Nov 2026 (UTC day)");
    expect(dayTip).toContain("1,235 ms");
    expect(dayTip).toContain("1,440");
  });
});

describe("latencyChartOption: themes and empty data", () => {
  it("uses the dark palette on dark: status colours, lines, axis labels and tooltip", () => {
    const dark = latencyChartOption(raw, "dark");
    const light = latencyChartOption(raw, "light");
    expect(byName(dark, "Down").itemStyle?.color).toBe(CHART_PALETTE.dark.down);
    expect(CHART_PALETTE.dark.down).not.toBe(CHART_PALETTE.light.down);
    expect(dark.tooltip.backgroundColor).toBe(CHART_PALETTE.dark.tooltipBg);
    expect(light.tooltip.backgroundColor).toBe("#ffffff");
    expect((dark.yAxis as { axisLabel: { color: string } }).axisLabel.color).toBe(CHART_PALETTE.dark.axisLabel);
    expect((dark.yAxis as { splitLine: { lineStyle: { color: string } } }).splitLine.lineStyle.color).toBe(CHART_PALETTE.dark.splitLine);
    const darkRollup = latencyChartOption(hourly, "dark");
    expect((byName(darkRollup, "Average") as { lineStyle: { color: string } }).lineStyle.color).toBe(CHART_PALETTE.dark.avg);
  });

  it("builds a valid, empty chart for no data (no NaN, no stray series)", () => {
    for (const series of [{ ...raw, points: [] }, { ...hourly, points: [] }] as LatencySeries[]) {
      const option = latencyChartOption(series, "light");
      expect(option.series.every((s) => Array.isArray(s.data) && s.data.length === 0)).toBe(true);
      expect(JSON.stringify(option)).not.toContain("NaN");
      expect((option.tooltip.formatter as (p: unknown) => string)([])).toBe("");
    }
  });
});

describe("helpers", () => {
  it("breakGaps inserts one null between points further apart than the limit", () => {
    expect(breakGaps([], 10)).toEqual([]);
    expect(
      breakGaps(
        [
          [0, 1],
          [10, 2],
          [40, 3],
        ],
        10,
      ),
    ).toEqual([
      [0, 1],
      [10, 2],
      [25, null],
      [40, 3],
    ]);
  });
});

describe("latencyChartOption: the time axis fits the history present", () => {
  it("spans the whole window when the history covers it", () => {
    const full: LatencySeries = { ...hourly, points: [{ t: iso(T0 - 7 * 24 * H), avg_ms: 100, p95_ms: 200, checks: 60 }, ...hourly.points] };
    const option = latencyChartOption(full, "dark", { start: iso(T0 - 7 * 24 * H + 30 * MIN), end: iso(T0 + 6 * H) });
    expect(option.xAxis).toMatchObject({ min: T0 - 7 * 24 * H + 30 * MIN, max: T0 + 6 * H });
  });

  it("starts at the first point of a young system's rollups, at least five buckets wide", () => {
    const option = latencyChartOption(hourly, "light", { start: iso(T0 - 30 * 24 * H), end: iso(T0 + 6 * H) });
    expect(option.xAxis).toMatchObject({ min: T0 - 0.02 * 6 * H, max: T0 + 6 * H });
    const one: LatencySeries = { ...hourly, points: [hourly.points[3]!] };
    expect(latencyChartOption(one, "light", { start: iso(T0 - 7 * 24 * H), end: iso(T0 + 6 * H) }).xAxis).toMatchObject({ min: T0 + 6 * H - 5 * H, max: T0 + 6 * H });
  });

  it("keeps the window when there are no points", () => {
    const empty: LatencySeries = { ...raw, points: [] };
    expect(latencyChartOption(empty, "light", { start: iso(T0 - H), end: iso(T0) }).xAxis).toMatchObject({ min: T0 - H, max: T0 });
  });
});

describe("maintenance bands", () => {
  const spans = [{ start: iso(T0 + MIN), end: iso(T0 + 3 * MIN) }];
  type Area = { data: [{ name: string; xAxis: number }, { xAxis: number }][]; itemStyle: { color: string } };
  const areaOf = (series: { markArea?: unknown }[]) => series.map((s) => s.markArea).filter(Boolean) as Area[];

  it("shades each maintenance period as a 'Maintenance' band, on raw and rollup charts, in both themes", () => {
    for (const latency of [raw, hourly]) {
      for (const theme of ["light", "dark"] as const) {
        const areas = areaOf(latencyChartOption(latency, theme, undefined, spans).series);
        expect(areas).toHaveLength(1); // once, not per series
        expect(areas[0]!.data).toEqual([[{ name: "Maintenance", xAxis: T0 + MIN }, { xAxis: T0 + 3 * MIN }]]);
        expect(areas[0]!.itemStyle.color).toMatch(/^rgba\(/);
      }
    }
    expect(areaOf(latencyChartOption(raw, "light", undefined, spans).series)[0]!.itemStyle.color).not.toBe(
      areaOf(latencyChartOption(raw, "dark", undefined, spans).series)[0]!.itemStyle.color,
    );
  });

  it("without maintenance the option has no band at all", () => {
    expect(areaOf(latencyChartOption(raw, "light").series)).toEqual([]);
    expect(areaOf(latencyChartOption(hourly, "light", undefined, []).series)).toEqual([]);
  });

  it("a check made in maintenance says so in its tooltip", () => {
    const marked: LatencySeries = { ...raw, points: raw.points.map((p, i) => (i === 1 ? { ...p, maintenance: true as const } : p)) };
    const option = latencyChartOption(marked, "light", undefined, spans);
    const formatter = option.tooltip.formatter as (p: unknown) => string;
    const html = formatter([{ value: [T0 + MIN, 2400], axisValue: T0 + MIN }]);
    expect(html).toContain("maintenance");
    expect(formatter([{ value: [T0, 120], axisValue: T0 }])).not.toContain("maintenance");
  });
});
