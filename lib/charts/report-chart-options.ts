// Pure: the client report's two charts, shared by the PDF (rendered to SVG on the server,
// lib/reports/render/chart-svg.ts), the printable HTML view and the browser: daily uptime against
// the SLA target, and daily automation volume split into successful and failed. One category per
// local day of the report; a day without data is a gap, never a zero standing in for "unknown".
import type { BarSeriesOption, EChartsOption, TitleComponentOption, XAXisComponentOption, YAXisComponentOption } from "echarts";
import { CHART_PALETTE, tooltipHtml, type ChartTheme } from "./chart-frame";
import { categoryFrame, compact, formatRate, shortDay, successAxisTicks } from "./portfolio-metrics-chart-options";

// The shapes of lib/reports/contracts.ts's DailyUptimePoint and DailyAutomationPoint, restated
// here because lib/reports depends on lib/charts (never the reverse); structurally the same.
export interface DailyUptimePoint {
  /** The client's local day, "YYYY-MM-DD". */
  date: string;
  /** null = no monitored time that day (a gap). */
  uptime_pct: number | null;
}

export interface DailyAutomationPoint {
  date: string;
  total: number;
  successful: number;
  failed: number;
}

export interface ReportChartOptions {
  theme?: ChartTheme;
  /** "DejaVu Sans" on the server (the PDF's embedded font); the app's font in the browser. */
  fontFamily?: string;
}

export interface ReportChart<O extends EChartsOption = EChartsOption> {
  option: O;
  /** Nothing to draw: the option carries a centred message instead of series. */
  empty: boolean;
}

export interface ReportBarChartOption extends EChartsOption {
  xAxis: XAXisComponentOption;
  yAxis: YAXisComponentOption;
  series: BarSeriesOption[];
}

/**
 * The uptime axis: a whole percent under the worst day and under the SLA target (the target's
 * line must stay on the chart), up to 100, on ticks that land on 100; 0–100 without data.
 */
export function reportUptimeAxis(points: readonly DailyUptimePoint[], slaTarget: number): { min: number; max: number; interval: number } {
  const known = points.map((p) => p.uptime_pct).filter((u): u is number => u !== null && Number.isFinite(u));
  if (known.length === 0) return { min: 0, max: 100, interval: 25 };
  const floor = Math.max(0, Math.floor(Math.min(...known, slaTarget)) - 1);
  return successAxisTicks({ min: floor, max: 100 });
}

/** Daily uptime bars (below-target days in the "down" colour) with the SLA target as a dashed line. */
export function reportUptimeChartOption(points: readonly DailyUptimePoint[], slaTarget: number, opts: ReportChartOptions = {}): ReportChart<ReportBarChartOption> {
  const theme = opts.theme ?? "light";
  const c = CHART_PALETTE[theme];
  const dates = points.map((p) => p.date);
  const frame = categoryFrame(dates, theme, (v) => `${v}%`, { fontSize: 10, fontFamily: opts.fontFamily });
  const empty = points.every((p) => p.uptime_pct === null);
  const axis = reportUptimeAxis(points, slaTarget);
  const series: BarSeriesOption = {
    type: "bar",
    name: "Uptime",
    data: points.map((p) =>
      p.uptime_pct === null ? null : { value: p.uptime_pct, itemStyle: { color: p.uptime_pct < slaTarget ? c.down : c.healthy } },
    ),
    barMaxWidth: 16,
    barCategoryGap: "30%",
    itemStyle: { borderRadius: [2, 2, 0, 0] },
    markLine: {
      silent: true,
      symbol: "none",
      animation: false,
      lineStyle: { color: c.degraded, type: "dashed", width: 1.5 },
      // Right of the plot, outside the bars, so it stays readable over a full bar.
      label: { position: "end", formatter: `SLA\n${slaTarget}%`, color: c.axisLabel, fontSize: 10, lineHeight: 12, fontFamily: opts.fontFamily },
      data: [{ yAxis: slaTarget }],
    },
  };
  const option: ReportBarChartOption = {
    ...frame.base,
    grid: { ...frame.base.grid, top: 12, right: 44 },
    legend: { ...frame.base.legend, show: false },
    yAxis: { ...frame.base.yAxis, ...axis },
    series: empty ? [] : [series],
    tooltip: {
      ...frame.tooltipBase,
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const i = axisIndex(params);
        const p = i === null ? undefined : points[i];
        if (!p || p.uptime_pct === null) return "";
        return tooltipHtml(dayTitle(p.date), [["Uptime", `${p.uptime_pct}%`, p.uptime_pct < slaTarget ? c.down : c.healthy], ["SLA target", `${slaTarget}%`]], c.tooltipMuted);
      },
    },
    ...(empty ? { title: emptyTitle(theme, opts.fontFamily, "No uptime data in this period") } : {}),
  };
  return { option, empty };
}

/**
 * Successful and failed automations per day, stacked. Missing days between the first and the
 * last reported day are filled as gaps so the axis keeps one slot per calendar day.
 */
export function reportAutomationChartOption(points: readonly DailyAutomationPoint[], opts: ReportChartOptions = {}): ReportChart<ReportBarChartOption> {
  const theme = opts.theme ?? "light";
  const c = CHART_PALETTE[theme];
  const byDate = new Map(points.map((p) => [p.date, p]));
  const dates = fillDates(points.map((p) => p.date));
  const frame = categoryFrame(dates, theme, (v) => compact(v), { fontSize: 10, fontFamily: opts.fontFamily });
  const empty = points.every((p) => p.total === 0);
  const series: BarSeriesOption[] = [
    { type: "bar", name: "Successful", stack: "automations", data: dates.map((d) => byDate.get(d)?.successful ?? null), itemStyle: { color: c.healthy }, barMaxWidth: 16, barCategoryGap: "30%" },
    { type: "bar", name: "Failed", stack: "automations", data: dates.map((d) => byDate.get(d)?.failed ?? null), itemStyle: { color: c.down, borderRadius: [2, 2, 0, 0] }, barMaxWidth: 16 },
  ];
  const option: ReportBarChartOption = {
    ...frame.base,
    legend: { ...frame.base.legend, show: !empty, data: ["Successful", "Failed"], textStyle: { ...frame.base.legend.textStyle, fontFamily: opts.fontFamily } },
    yAxis: { ...frame.base.yAxis, minInterval: 1 },
    series: empty ? [] : series,
    tooltip: {
      ...frame.tooltipBase,
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const i = axisIndex(params);
        const p = i === null ? undefined : byDate.get(dates[i]!);
        if (!p) return "";
        const rate = p.total > 0 ? formatRate((p.successful / p.total) * 100) : "—";
        return tooltipHtml(
          dayTitle(p.date),
          [
            ["Successful", p.successful.toLocaleString("en-US"), c.healthy],
            ["Failed", p.failed.toLocaleString("en-US"), c.down],
            ["Success rate", rate],
          ],
          c.tooltipMuted,
        );
      },
    },
    ...(empty ? { title: emptyTitle(theme, opts.fontFamily, "No automations reported in this period") } : {}),
  };
  return { option, empty };
}

/** Every date from the first to the last given ("YYYY-MM-DD", any order), ascending. */
export function fillDates(dates: readonly string[]): string[] {
  const valid = dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  if (valid.length === 0) return [];
  const out: string[] = [];
  const last = Date.parse(`${valid[valid.length - 1]}T00:00:00Z`);
  // Bounded: a report spans at most MAX_REPORT_RANGE_DAYS; 400 guards against a corrupt document.
  for (let t = Date.parse(`${valid[0]}T00:00:00Z`); t <= last && out.length < 400; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}


function axisIndex(params: unknown): number | null {
  const list = (Array.isArray(params) ? params : [params]) as { dataIndex?: unknown }[];
  const hit = list.find((p) => typeof p?.dataIndex === "number");
  return hit ? (hit.dataIndex as number) : null;
}

function emptyTitle(theme: ChartTheme, fontFamily: string | undefined, text: string): TitleComponentOption {
  return { show: true, text, left: "center", top: "middle", textStyle: { color: CHART_PALETTE[theme].axisLabel, fontSize: 13, fontWeight: "normal", fontFamily } };
}

function dayTitle(date: string): string {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  return m ? `${shortDay(date)} ${m[1]}` : date;
}
