// Pure: the dashboard's fleet trend: daily uptime across all systems (solid, left axis, %)
// and daily p95 response time (dashed, right axis, ms), one point per UTC day, with a tooltip
// carrying that day's checks by result. Days with nothing measured are gaps, not zeros.
import type { EChartsOption, LineSeriesOption, YAXisComponentOption } from "echarts";
import type { SystemTrends } from "@/lib/monitoring/get-system-trends";
import { formatLatency, formatPct } from "@/lib/ui/history-format";
import { CHART_PALETTE, chartFrame, pointAtAxis, tooltipHtml, type ChartTheme } from "./chart-frame";

const DAY_MS = 86_400_000;

export interface TrendsChartOption extends EChartsOption {
  series: LineSeriesOption[];
  yAxis: YAXisComponentOption[];
}

/** The uptime axis floor: a whole percent under the worst day, so 99.2 vs 99.9 is visible. */
export function uptimeAxisMin(days: readonly { uptime_pct: number | null }[]): number {
  const known = days.map((d) => d.uptime_pct).filter((u): u is number => u !== null);
  if (known.length === 0) return 0;
  return Math.max(0, Math.floor(Math.min(...known)) - 1);
}

export function trendsChartOption(trends: Pick<SystemTrends, "days">, theme: ChartTheme): TrendsChartOption {
  const c = CHART_PALETTE[theme];
  const days = trends.days;
  const first = days.length ? Date.parse(`${days[0]!.date}T00:00:00Z`) : 0;
  const last = days.length ? Date.parse(`${days[days.length - 1]!.date}T00:00:00Z`) : DAY_MS;
  const { base, tooltipBase } = chartFrame(theme, {
    window: { start: new Date(first).toISOString(), end: new Date(last).toISOString() },
    yFormatter: (v) => `${v}%`,
  });
  const byTime = new Map(days.map((d) => [Date.parse(`${d.date}T00:00:00Z`), d]));
  const at = (d: (typeof days)[number]) => Date.parse(`${d.date}T00:00:00Z`);
  const uptime: LineSeriesOption = {
    type: "line",
    name: "Uptime",
    yAxisIndex: 0,
    data: days.map((d) => [at(d), d.uptime_pct]),
    connectNulls: false,
    showSymbol: days.length <= 31,
    symbolSize: 4,
    lineStyle: { color: c.healthy, width: 2 },
    itemStyle: { color: c.healthy },
    areaStyle: { color: c.healthy, opacity: theme === "dark" ? 0.12 : 0.08 },
    z: 3,
  };
  const p95: LineSeriesOption = {
    type: "line",
    name: "p95 response",
    yAxisIndex: 1,
    data: days.map((d) => [at(d), d.p95_response_ms]),
    connectNulls: false,
    // A lone measured day between gaps has no line to draw: its dot must still show.
    showSymbol: days.length <= 31,
    symbolSize: 3,
    lineStyle: { color: c.p95, width: 1.5, type: "dashed" },
    itemStyle: { color: c.p95 },
    z: 2,
  };
  return {
    ...base,
    grid: { ...base.grid, right: 4 },
    legend: { ...base.legend, data: ["Uptime", "p95 response"] },
    xAxis: { ...base.xAxis, axisLabel: { ...base.xAxis.axisLabel, formatter: { year: "{d} {MMM}", month: "{d} {MMM}", day: "{d} {MMM}", hour: "", minute: "" } } },
    yAxis: [
      { ...base.yAxis, min: uptimeAxisMin(days), max: 100 },
      { ...base.yAxis, splitLine: { show: false }, axisLabel: { ...base.yAxis.axisLabel, formatter: (v: number) => formatLatency(v) } },
    ],
    series: [uptime, p95],
    tooltip: {
      ...tooltipBase,
      formatter: (params: unknown) => {
        const hit = pointAtAxis(params, byTime);
        if (!hit) return "";
        return tooltipHtml(
          `${hit.date} (UTC day)`,
          [
            ["Uptime", formatPct(hit.uptime_pct), c.healthy],
            ["p95 response", formatLatency(hit.p95_response_ms), c.p95],
            ["Average", formatLatency(hit.avg_response_ms)],
            ["Checks", `${hit.checks.toLocaleString("en-US")}${hit.down_checks ? ` (${hit.down_checks.toLocaleString("en-US")} down)` : ""}`],
          ],
          c.tooltipMuted,
        );
      },
    },
  };
}
