// Pure: the ECharts option of a system's response-time chart. Raw checks (24 h) are dots
// coloured by each check's status on a thin trace; rollups (7 d / 30 d / 90 d) are an average
// line and a dashed p95 line. The component only renders what this returns, so everything a
// reader sees (colours per theme, axes, gaps, tooltips) is decided and tested here.
import type {
  EChartsOption,
  GridComponentOption,
  LegendComponentOption,
  LineSeriesOption,
  ScatterSeriesOption,
  TooltipComponentOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from "echarts";
import type { LatencySeries } from "@/lib/monitoring/get-system-history";
import { formatLatency } from "@/lib/ui/history-format";
import { CHART_PALETTE, chartFrame, MIN_AXIS_POINTS, pointAtAxis, tooltipHtml, type ChartTheme } from "./chart-frame";
import { formatClockUtc, formatUtc } from "@/lib/ui/relative-time";

export { CHART_PALETTE, type ChartTheme } from "./chart-frame";

export interface LatencyChartOption extends EChartsOption {
  series: (LineSeriesOption | ScatterSeriesOption)[];
  xAxis: XAXisComponentOption;
  yAxis: YAXisComponentOption;
  tooltip: TooltipComponentOption;
  legend: LegendComponentOption;
  grid: GridComponentOption;
}

type XY = [number, number | null];

/**
 * A null point between two points further apart than `maxGapMs`, so the line breaks where
 * there were no checks (a paused scheduler, a new system) instead of drawing a straight
 * line across hours that were never measured.
 */
export function breakGaps(points: readonly XY[], maxGapMs: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < points.length; i++) {
    const prev = points[i - 1];
    if (prev && points[i]![0] - prev[0] > maxGapMs) out.push([(prev[0] + points[i]![0]) / 2, null]);
    out.push(points[i]!);
  }
  return out;
}

const STATUS_NAMES = { healthy: "Healthy", degraded: "Degraded", down: "Down" } as const;

/** A maintenance period to shade (ISO instants); its checks are plotted but out of every figure. */
export interface MaintenanceSpan {
  start: string;
  end: string;
}

const MAINTENANCE_BAND = {
  light: { fill: "rgba(99, 102, 241, 0.08)", label: "#6366f1" },
  dark: { fill: "rgba(129, 140, 248, 0.14)", label: "#a5b4fc" },
} as const;

/**
 * Shaded "Maintenance" bands (a markArea on the chart's first series), clipped to the time axis
 * by ECharts; none when there are no spans, so charts without maintenance are unchanged.
 */
export function maintenanceBands(spans: readonly MaintenanceSpan[] | undefined, theme: ChartTheme): Pick<LineSeriesOption, "markArea"> {
  if (!spans || spans.length === 0) return {};
  const band = MAINTENANCE_BAND[theme];
  return {
    markArea: {
      silent: true,
      itemStyle: { color: band.fill },
      label: { show: true, position: "insideTop", color: band.label, fontSize: 10 },
      data: spans.map((s) => [{ name: "Maintenance", xAxis: Date.parse(s.start) }, { xAxis: Date.parse(s.end) }]),
    },
  };
}

/**
 * `window` (the timeframe ending now) pins the end of the time axis at now; its start is the
 * window's start, or the first point when the history is shorter (fitTimeAxis), so a system
 * with one hour of history fills the chart with that hour instead of a sliver at the right edge.
 */
export function latencyChartOption(
  latency: LatencySeries,
  theme: ChartTheme,
  window?: { start: string; end: string },
  maintenance?: readonly MaintenanceSpan[],
): LatencyChartOption {
  const c = CHART_PALETTE[theme];
  const first = latency.points[0];
  const { base, tooltipBase } = chartFrame(theme, {
    window,
    yFormatter: (v) => formatLatency(v),
    firstPointMs: first ? Date.parse(first.t) : null,
    minSpanMs: latency.interval_ms * MIN_AXIS_POINTS,
  });

  if (latency.granularity === "check") {
    const byTime = new Map(latency.points.map((p) => [Date.parse(p.t), p]));
    const answered = latency.points.filter((p) => p.ms !== null);
    const noResponse = latency.points.filter((p) => p.ms === null);
    // The trace breaks at a failed probe (no response time) and where checks were missing.
    const trace = breakGaps(
      latency.points.map((p) => [Date.parse(p.t), p.ms] as XY),
      latency.interval_ms * 2.5,
    );
    const dots = (status: keyof typeof STATUS_NAMES): ScatterSeriesOption => ({
      type: "scatter",
      name: STATUS_NAMES[status],
      data: answered.filter((p) => p.status === status).map((p) => [Date.parse(p.t), p.ms]),
      symbolSize: 5,
      itemStyle: { color: c[status] },
      emphasis: { scale: 1.6 },
      z: status === "healthy" ? 3 : 4,
    });
    const series: (LineSeriesOption | ScatterSeriesOption)[] = [
      { type: "line", name: "Response time", data: trace, showSymbol: false, lineStyle: { color: c.trace, width: 1 }, itemStyle: { color: c.trace }, connectNulls: false, z: 2, tooltip: { show: false }, ...maintenanceBands(maintenance, theme) },
      dots("healthy"),
      dots("degraded"),
      dots("down"),
    ];
    if (noResponse.length > 0) {
      // No latency to plot: a marker on the time axis itself, so the failure is still seen.
      series.push({
        type: "scatter",
        name: "No response",
        data: noResponse.map((p) => [Date.parse(p.t), 0]),
        symbol: "triangle",
        symbolSize: 7,
        itemStyle: { color: c.down },
        z: 5,
      });
    }
    return {
      ...base,
      legend: { ...base.legend, data: series.slice(1).map((s) => String(s.name)) },
      series,
      tooltip: {
        ...tooltipBase,
        formatter: (params: unknown) => {
          const hit = pointAtAxis(params, byTime);
          if (!hit) return "";
          return tooltipHtml(
            `${formatUtc(Date.parse(hit.t))}${hit.maintenance ? " · maintenance" : ""}`,
            [[STATUS_NAMES[hit.status], hit.ms === null ? "no response" : formatLatency(hit.ms), c[hit.status]]],
            c.tooltipMuted,
          );
        },
      },
    };
  }

  const hourly = latency.granularity === "hour";
  const byTime = new Map(latency.points.map((p) => [Date.parse(p.t), p]));
  const line = (name: string, key: "avg_ms" | "p95_ms", color: string, dashed: boolean): LineSeriesOption => ({
    type: "line",
    name,
    data: breakGaps(
      latency.points.map((p) => [Date.parse(p.t), p[key]] as XY),
      latency.interval_ms * 1.5,
    ),
    connectNulls: false,
    // Dots only when there are few points: an isolated bucket between gaps must still show.
    showSymbol: latency.points.length <= 48,
    symbolSize: 4,
    lineStyle: { color, width: dashed ? 1.5 : 2, type: dashed ? "dashed" : "solid" },
    itemStyle: { color },
    emphasis: { disabled: true },
    z: dashed ? 2 : 3,
  });
  return {
    ...base,
    legend: { ...base.legend, data: ["Average", "p95"] },
    series: [{ ...line("Average", "avg_ms", c.avg, false), ...maintenanceBands(maintenance, theme) }, line("p95", "p95_ms", c.p95, true)],
    tooltip: {
      ...tooltipBase,
      formatter: (params: unknown) => {
        const hit = pointAtAxis(params, byTime);
        if (!hit) return "";
        const start = Date.parse(hit.t);
        const title = hourly
          ? `${formatUtc(start, "date")}, ${formatClockUtc(start)}–${formatClockUtc(start + latency.interval_ms)} UTC`
          : `${formatUtc(start, "date")} (UTC day)`;
        return tooltipHtml(
          title,
          [
            ["Average", hit.avg_ms === null ? "no response" : formatLatency(hit.avg_ms), c.avg],
            ["p95", hit.p95_ms === null ? "–" : formatLatency(hit.p95_ms), c.p95],
            ["Checks", hit.checks.toLocaleString("en-US")],
          ],
          c.tooltipMuted,
        );
      },
    },
  };
}
