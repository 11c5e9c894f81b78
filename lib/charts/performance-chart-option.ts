// Pure: the client page's performance chart for a timeframe (issue #10 item 6): one metric at a
// time — volume (successful and failed, stacked), success rate, average processing time per
// run, cost savings — over hourly buckets (24 h) or daily ones (longer), in the client's time
// zone. One category per bucket, so a bucket without data is a gap, never a zero. `empty` says
// when nothing was collected in the timeframe; the option then carries a centred message.
import type { BarSeriesOption, EChartsOption, LineSeriesOption, XAXisComponentOption, YAXisComponentOption } from "echarts";
import { CHART_PALETTE, chartFrame, tooltipHtml, type ChartTheme } from "./chart-frame";
import { compact, formatRate, successAxisRange, type MetricsChart } from "./portfolio-metrics-chart-options";

export type PerformanceMetric = "volume" | "success_rate" | "processing_time" | "cost_savings";
export const PERFORMANCE_METRICS: readonly PerformanceMetric[] = ["volume", "success_rate", "processing_time", "cost_savings"];

export interface PerformanceBucket {
  /** The instant the bucket (hour or day of the client's zone) began, ISO 8601. */
  start: string;
  /** Null figures: nothing collected in this bucket. */
  total_automations: number | null;
  successful_automations: number | null;
  failed_automations: number | null;
  /** Seconds of processing across the bucket's runs. */
  total_processing_time: number | null;
  /** Integer cents, exact. */
  cost_savings_cents: number | null;
}

export interface PerformanceSeries {
  granularity: "hour" | "day";
  /** IANA zone the buckets and their labels belong to. */
  time_zone: string;
  /** ISO 4217, for the cost savings axis and tooltip. */
  currency: string;
  /** Every bucket of the timeframe, oldest first, including those without data. */
  buckets: readonly PerformanceBucket[];
}

export interface PerformanceChartOption extends EChartsOption {
  xAxis: XAXisComponentOption;
  yAxis: YAXisComponentOption;
  series: (BarSeriesOption | LineSeriesOption)[];
}

const has = (b: PerformanceBucket) => b.total_automations !== null;

export function performanceChartOption(perf: PerformanceSeries, metric: PerformanceMetric, theme: ChartTheme): MetricsChart<PerformanceChartOption> {
  const c = CHART_PALETTE[theme];
  const money = moneyFormat(perf.currency);
  const label = bucketLabel(perf.granularity, perf.time_zone);
  const { base, tooltipBase } = chartFrame(theme, { yFormatter: (v) => String(v) });
  const xAxis: XAXisComponentOption = {
    type: "category",
    data: perf.buckets.map((b) => b.start),
    axisLine: base.xAxis.axisLine,
    axisTick: { show: false },
    axisLabel: { color: base.xAxis.axisLabel.color, fontSize: 11, hideOverlap: true, formatter: (s: string) => label.short(s) },
  };
  const rate = (b: PerformanceBucket) => (has(b) && b.total_automations! > 0 ? (b.successful_automations! / b.total_automations!) * 100 : null);
  const avgSeconds = (b: PerformanceBucket) => (has(b) && b.total_automations! > 0 && b.total_processing_time !== null ? b.total_processing_time / b.total_automations! : null);

  let series: (BarSeriesOption | LineSeriesOption)[];
  let yAxis: YAXisComponentOption = base.yAxis;
  const line = (name: string, data: (number | null)[], color: string): LineSeriesOption => ({
    type: "line",
    name,
    data,
    connectNulls: false,
    showSymbol: true,
    symbolSize: 4,
    lineStyle: { color, width: 2 },
    itemStyle: { color },
  });
  switch (metric) {
    case "volume":
      series = [
        { type: "bar", name: "Successful", stack: "runs", data: perf.buckets.map((b) => b.successful_automations), itemStyle: { color: c.healthy }, barMaxWidth: 18 },
        { type: "bar", name: "Failed", stack: "runs", data: perf.buckets.map((b) => b.failed_automations), itemStyle: { color: c.down, borderRadius: [2, 2, 0, 0] }, barMaxWidth: 18 },
      ];
      yAxis = { ...base.yAxis, axisLabel: { ...base.yAxis.axisLabel, formatter: (v: number) => compact(v) } };
      break;
    case "success_rate": {
      const rates = perf.buckets.map(rate);
      series = [line("Success rate", rates.map((r) => (r === null ? null : Math.round(r * 100) / 100)), c.healthy)];
      yAxis = { ...base.yAxis, ...successAxisRange(rates), axisLabel: { ...base.yAxis.axisLabel, formatter: (v: number) => `${v}%` } };
      break;
    }
    case "processing_time":
      series = [line("Average per run", perf.buckets.map((b) => round(avgSeconds(b), 2)), c.avg)];
      yAxis = { ...base.yAxis, axisLabel: { ...base.yAxis.axisLabel, formatter: (v: number) => `${v} s` } };
      break;
    case "cost_savings":
      series = [
        {
          type: "bar",
          name: "Cost savings",
          data: perf.buckets.map((b) => (has(b) && b.cost_savings_cents !== null ? b.cost_savings_cents / 100 : null)),
          itemStyle: { color: c.avg, borderRadius: [2, 2, 0, 0] },
          barMaxWidth: 18,
        },
      ];
      yAxis = { ...base.yAxis, axisLabel: { ...base.yAxis.axisLabel, formatter: (v: number) => money.axis(v) } };
      break;
  }
  const empty = !perf.buckets.some(has);
  const option: PerformanceChartOption = {
    ...base,
    xAxis,
    yAxis,
    legend: { ...base.legend, show: metric === "volume" && !empty, data: series.map((s) => String(s.name)) },
    series: empty ? [] : series,
    tooltip: {
      ...tooltipBase,
      ...(metric === "volume" || metric === "cost_savings" ? { axisPointer: { type: "shadow" } } : {}),
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex?: unknown }[];
        const i = list.find((p) => typeof p?.dataIndex === "number")?.dataIndex as number | undefined;
        const b = i === undefined ? undefined : perf.buckets[i];
        if (!b || !has(b)) return "";
        const r = rate(b);
        const avg = avgSeconds(b);
        return tooltipHtml(
          label.long(b.start),
          [
            ["Automations", b.total_automations!.toLocaleString("en-US")],
            ["Successful", b.successful_automations!.toLocaleString("en-US"), c.healthy],
            ["Failed", b.failed_automations!.toLocaleString("en-US"), c.down],
            ["Success rate", r === null ? "—" : formatRate(r)],
            ["Avg processing", avg === null ? "—" : `${Number(avg.toFixed(2))} s`],
            ["Cost savings", b.cost_savings_cents === null ? "—" : money.full(b.cost_savings_cents)],
          ],
          c.tooltipMuted,
        );
      },
    },
    ...(empty
      ? { title: { show: true, text: "No metrics collected in this timeframe", left: "center", top: "middle", textStyle: { color: c.axisLabel, fontSize: 13, fontWeight: "normal" as const } } }
      : {}),
  };
  return { option, empty };
}

function round(v: number | null, digits: number): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Labels in the client's zone: "14:00" / "5 Nov" on the axis, with the date and zone in the tooltip. */
export function bucketLabel(granularity: "hour" | "day", timeZone: string) {
  const zone = safeZone(timeZone);
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "numeric", month: "short" });
  const dayYear = new Intl.DateTimeFormat("en-GB", { timeZone: zone, day: "numeric", month: "short", year: "numeric" });
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return {
    short: (iso: string) => (granularity === "hour" ? clock.format(new Date(iso)) : day.format(new Date(iso))),
    long: (iso: string) => {
      const d = new Date(iso);
      return granularity === "hour" ? `${dayYear.format(d)}, ${clock.format(d)}–${clock.format(new Date(d.getTime() + 3_600_000))} (${zone})` : `${dayYear.format(d)} (${zone})`;
    },
  };
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/** Money from integer cents: exact in the tooltip ("$1,234.50"), compact on the axis ("$1.2k"). */
export function moneyFormat(currency: string) {
  let full: Intl.NumberFormat;
  try {
    full = new Intl.NumberFormat("en-US", { style: "currency", currency });
  } catch {
    full = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  }
  const symbol = full.formatToParts(0).find((p) => p.type === "currency")?.value ?? "";
  return {
    // Cents are integers: dividing once for display is exact to the cent.
    full: (cents: number) => full.format(cents / 100),
    axis: (units: number) => `${symbol}${compact(units)}`,
  };
}
