import { describe, expect, it } from "vitest";
import { CHART_PALETTE } from "./chart-frame";
import { trendsChartOption, uptimeAxisMin } from "./trends-chart-option";

const day = (date: string, uptime: number | null, p95: number | null, checks = 1440, down = 0) => ({
  date,
  checks,
  healthy_checks: checks - down,
  degraded_checks: 0,
  down_checks: down,
  uptime_pct: uptime,
  avg_response_ms: p95 === null ? null : p95 / 2,
  p95_response_ms: p95,
});

describe("trendsChartOption", () => {
  const days = [day("2026-11-19", 100, 240), day("2026-11-20", null, null, 0), day("2026-11-21", 98.4, 310, 1440, 23)];

  it("plots uptime on a % axis and p95 on a ms axis, one point per UTC day, gaps for unmeasured days", () => {
    const option = trendsChartOption({ days }, "light");
    const [uptime, p95] = option.series;
    expect(uptime!.yAxisIndex).toBe(0);
    expect(p95!.yAxisIndex).toBe(1);
    expect(uptime!.data).toEqual([
      [Date.UTC(2026, 10, 19), 100],
      [Date.UTC(2026, 10, 20), null],
      [Date.UTC(2026, 10, 21), 98.4],
    ]);
    expect(uptime!.connectNulls).toBe(false);
    expect(p95!.data).toEqual([
      [Date.UTC(2026, 10, 19), 240],
      [Date.UTC(2026, 10, 20), null],
      [Date.UTC(2026, 10, 21), 310],
    ]);
    expect(option.yAxis[0]).toMatchObject({ min: 97, max: 100 });
    expect(option.animation).toBe(false);
  });

  it("uses the theme's status colours", () => {
    expect(trendsChartOption({ days }, "dark").series[0]!.lineStyle).toMatchObject({ color: CHART_PALETTE.dark.healthy });
    expect(trendsChartOption({ days }, "light").series[1]!.lineStyle).toMatchObject({ color: CHART_PALETTE.light.p95, type: "dashed" });
  });

  it("the tooltip names the day's uptime, p95 and failed checks", () => {
    const option = trendsChartOption({ days }, "light");
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([{ value: [Date.UTC(2026, 10, 21), 98.4] }]);
    expect(html).toContain("2026-11-21");
    expect(html).toContain("98.4%");
    expect(html).toContain("310 ms");
    expect(html).toContain("1,440 (23 down)");
  });

  it("floors the uptime axis a point under the worst day, 0 without data", () => {
    expect(uptimeAxisMin([{ uptime_pct: 99.95 }, { uptime_pct: 100 }])).toBe(98);
    expect(uptimeAxisMin([{ uptime_pct: null }])).toBe(0);
    expect(uptimeAxisMin([{ uptime_pct: 0.5 }])).toBe(0);
  });
});
