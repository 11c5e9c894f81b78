// Pure: the dashboard's two business-metrics charts over the last 30 days (issue #10 item 6):
// automation volume (bars stacked per client, or one total bar, the per-client split on hover)
// and success rate (a line per client, or one for the portfolio). One category per day (each
// client's days are its own time zone's, labelled by date), so a day without data is a gap,
// never a zero. The biggest clients get a series each, the rest are summed as "Other clients",
// so 500 clients stay readable. Each builder says whether there is anything to draw (`empty`)
// and then carries a centred message the UI may show as is.
import type { BarSeriesOption, EChartsOption, LineSeriesOption, TitleComponentOption, XAXisComponentOption, YAXisComponentOption } from "echarts";
import { CHART_PALETTE, chartFrame, tooltipHtml, type ChartTheme } from "./chart-frame";
import { MAX_CLIENT_SERIES, OTHER_SERIES_COLOR, seriesColor } from "./series-colors";

/** One client's figures for one of its days. */
export interface DayCounts {
  /** "2026-11-20": the client's local day. */
  date: string;
  total_automations: number;
  successful_automations: number;
  failed_automations: number;
}

export interface ClientDailySeries {
  client_id: string;
  client_name: string;
  /** Only the days with collected data (any order); a missing day is a gap. */
  days: readonly DayCounts[];
}

export interface PortfolioDaily {
  /** Every day of the chart, oldest first ("YYYY-MM-DD"): the x axis. */
  dates: readonly string[];
  clients: readonly ClientDailySeries[];
}

export interface MetricsChart<O extends EChartsOption = EChartsOption> {
  option: O;
  /** Nothing collected in the window: the option shows a message instead of series. */
  empty: boolean;
}

export interface VolumeChartOption extends EChartsOption {
  xAxis: XAXisComponentOption;
  yAxis: YAXisComponentOption;
  series: BarSeriesOption[];
}

export interface SuccessRateChartOption extends EChartsOption {
  xAxis: XAXisComponentOption;
  yAxis: YAXisComponentOption;
  series: LineSeriesOption[];
}

const OTHER = "Other clients";

interface Group {
  name: string;
  color: string;
  /** Per date index: summed counts, or null when no member had data that day. */
  byDate: ({ total: number; successful: number } | null)[];
  clients: number;
}

/** The biggest clients by volume in the window (ties by name), then "Other clients" for the rest. */
export function groupClients(input: PortfolioDaily, theme: ChartTheme, maxSeries = MAX_CLIENT_SERIES): Group[] {
  const index = new Map(input.dates.map((d, i) => [d, i]));
  const volume = (c: ClientDailySeries) => c.days.reduce((s, d) => s + (index.has(d.date) ? d.total_automations : 0), 0);
  const withData = input.clients.filter((c) => c.days.some((d) => index.has(d.date)));
  const ranked = [...withData].sort((a, b) => volume(b) - volume(a) || a.client_name.localeCompare(b.client_name));
  // Never an "Other clients" of one: it would hide a name for nothing.
  const own = ranked.length <= maxSeries ? ranked : ranked.slice(0, maxSeries - 1);
  const rest = ranked.slice(own.length);
  const fill = (members: readonly ClientDailySeries[]) => {
    const byDate: Group["byDate"] = input.dates.map(() => null);
    for (const c of members) {
      for (const d of c.days) {
        const i = index.get(d.date);
        if (i === undefined) continue;
        const cur = byDate[i] ?? { total: 0, successful: 0 };
        byDate[i] = { total: cur.total + d.total_automations, successful: cur.successful + d.successful_automations };
      }
    }
    return byDate;
  };
  const groups: Group[] = own.map((c, i) => ({ name: c.client_name, color: seriesColor(theme, i), byDate: fill([c]), clients: 1 }));
  if (rest.length > 0) groups.push({ name: `${OTHER} (${rest.length})`, color: OTHER_SERIES_COLOR[theme], byDate: fill(rest), clients: rest.length });
  return groups;
}

/** A success rate in %, null without automations (0 of 0 is no rate, not 0 %). */
export function successRate(c: { total: number; successful: number } | null): number | null {
  if (!c || c.total <= 0) return null;
  return (c.successful / c.total) * 100;
}

/**
 * The success-rate axis: a whole percent under the worst plotted day (so 96.8 vs 99.4 is
 * visible rather than squeezed against 100), up to 100; 0–100 without data.
 */
export function successAxisRange(rates: readonly (number | null)[]): { min: number; max: number } {
  const known = rates.filter((r): r is number => r !== null && Number.isFinite(r));
  if (known.length === 0) return { min: 0, max: 100 };
  return { min: Math.max(0, Math.floor(Math.min(...known)) - 1), max: 100 };
}

/**
 * Ticks that land on 100 %: a step of 0.5, 1, 2, 2.5, 5, 10, 20 or 25 points giving at most five
 * intervals, the minimum moved down onto a step. Without it ECharts puts its own ticks (0, 30,
 * 60, 90) under the forced 100 and the "90%" and "100%" labels overlap.
 */
export function successAxisTicks(range: { min: number; max: number }): { min: number; max: number; interval: number } {
  const span = Math.max(range.max - range.min, 0.5);
  const interval = [0.5, 1, 2, 2.5, 5, 10, 20, 25].find((step) => span / step <= 5) ?? 25;
  return { min: Math.max(0, range.max - Math.ceil(span / interval - 1e-9) * interval), max: range.max, interval };
}

export function volumeChartOption(input: PortfolioDaily, theme: ChartTheme, mode: "stacked" | "total" = "stacked"): MetricsChart<VolumeChartOption> {
  const c = CHART_PALETTE[theme];
  const groups = groupClients(input, theme);
  const frame = categoryFrame(input.dates, theme, (v) => compact(v));
  const totals = input.dates.map((_, i) => {
    const present = groups.map((g) => g.byDate[i]).filter((x) => x !== null);
    return present.length ? present.reduce((s, x) => s + x.total, 0) : null;
  });
  const series: BarSeriesOption[] =
    mode === "total"
      ? [{ type: "bar", name: "Automations", data: totals, itemStyle: { color: c.avg, borderRadius: [2, 2, 0, 0] }, barMaxWidth: 18 }]
      : groups.map((g, gi) => ({
          type: "bar",
          name: g.name,
          stack: "volume",
          data: g.byDate.map((x) => (x ? x.total : null)),
          itemStyle: { color: g.color, borderRadius: gi === groups.length - 1 ? [2, 2, 0, 0] : 0 },
          barMaxWidth: 18,
          emphasis: { focus: "series" },
        }));
  const empty = totals.every((t) => t === null);
  const option: VolumeChartOption = {
    ...frame.base,
    legend: { ...frame.base.legend, show: mode === "stacked" && !empty, type: "scroll", data: groups.map((g) => g.name) },
    series: empty ? [] : series,
    tooltip: {
      ...frame.tooltipBase,
      axisPointer: { type: "shadow" },
      formatter: (params: unknown) => {
        const i = axisIndex(params);
        if (i === null || totals[i] === null) return "";
        const rows: [string, string, string?][] = groups
          .map((g) => ({ g, x: g.byDate[i] }))
          .filter((r) => r.x !== null)
          .sort((a, b) => b.x!.total - a.x!.total)
          .map(({ g, x }) => [g.name, x!.total.toLocaleString("en-US"), g.color]);
        rows.push(["Total", totals[i]!.toLocaleString("en-US")]);
        return tooltipHtml(dayTitle(input.dates[i]!), rows, c.tooltipMuted);
      },
    },
    ...(empty ? { title: emptyTitle(theme, "No automations recorded in the last 30 days") } : {}),
  };
  return { option, empty };
}

export function successRateChartOption(input: PortfolioDaily, theme: ChartTheme, mode: "clients" | "portfolio" = "clients"): MetricsChart<SuccessRateChartOption> {
  const c = CHART_PALETTE[theme];
  const groups = groupClients(input, theme);
  const portfolio = input.dates.map((_, i) => {
    const present = groups.map((g) => g.byDate[i]).filter((x) => x !== null);
    return present.length ? present.reduce((s, x) => ({ total: s.total + x.total, successful: s.successful + x.successful }), { total: 0, successful: 0 }) : null;
  });
  const lines: { name: string; color: string; counts: ({ total: number; successful: number } | null)[] }[] =
    mode === "portfolio" ? [{ name: "Portfolio", color: c.healthy, counts: portfolio }] : groups.map((g) => ({ name: g.name, color: g.color, counts: g.byDate }));
  const rates = lines.map((l) => l.counts.map(successRate));
  const { min, max, interval } = successAxisTicks(successAxisRange(rates.flat()));
  const frame = categoryFrame(input.dates, theme, (v) => `${v}%`);
  const series: LineSeriesOption[] = lines.map((l, li) => ({
    type: "line",
    name: l.name,
    data: rates[li]!.map((r) => (r === null ? null : round2(r))),
    // A day without data is a gap, not a line drawn across it.
    connectNulls: false,
    // A lone day between gaps has no line: its dot must still show.
    showSymbol: true,
    symbolSize: 4,
    lineStyle: { color: l.color, width: mode === "portfolio" ? 2 : 1.5 },
    itemStyle: { color: l.color },
    emphasis: { focus: "series" },
  }));
  const empty = rates.every((r) => r.every((x) => x === null));
  const option: SuccessRateChartOption = {
    ...frame.base,
    yAxis: { ...frame.base.yAxis, min, max, interval },
    legend: { ...frame.base.legend, show: mode === "clients" && !empty, type: "scroll", data: lines.map((l) => l.name) },
    series: empty ? [] : series,
    tooltip: {
      ...frame.tooltipBase,
      formatter: (params: unknown) => {
        const i = axisIndex(params);
        if (i === null) return "";
        const rows: [string, string, string?][] = lines
          .map((l, li) => ({ l, x: l.counts[i], r: rates[li]![i] }))
          .filter((row) => row.r !== null && row.r !== undefined)
          .sort((a, b) => a.r! - b.r!)
          .map(({ l, x, r }) => [l.name, `${formatRate(r!)} (${x!.successful.toLocaleString("en-US")} of ${x!.total.toLocaleString("en-US")})`, l.color]);
        if (rows.length === 0) return "";
        if (mode === "clients" && lines.length > 1) {
          const p = portfolio[i];
          const pr = successRate(p);
          if (pr !== null) rows.push(["Portfolio", formatRate(pr)]);
        }
        return tooltipHtml(dayTitle(input.dates[i]!), rows, c.tooltipMuted);
      },
    },
    ...(empty ? { title: emptyTitle(theme, "No success rate yet: no automations recorded in the last 30 days") } : {}),
  };
  return { option, empty };
}

/** A frame whose x axis is one category per local day ("3 Nov"); the report charts use it too (smaller labels, the PDF's font). */
export function categoryFrame(dates: readonly string[], theme: ChartTheme, yFormatter: (v: number) => string, opts: { fontSize?: number; fontFamily?: string } = {}) {
  const { base, tooltipBase } = chartFrame(theme, { yFormatter });
  const fontSize = opts.fontSize ?? 11;
  const xAxis: XAXisComponentOption = {
    type: "category",
    data: [...dates],
    axisLine: base.xAxis.axisLine,
    axisTick: { show: false },
    axisLabel: { color: base.xAxis.axisLabel.color, fontSize, hideOverlap: true, formatter: (d: string) => shortDay(d) },
  };
  const yAxis = opts.fontSize ? { ...base.yAxis, axisLabel: { ...base.yAxis.axisLabel, fontSize } } : base.yAxis;
  const textStyle = opts.fontFamily ? { fontFamily: opts.fontFamily } : base.textStyle;
  return { base: { ...base, textStyle, xAxis, yAxis }, tooltipBase };
}

/** The category index an axis tooltip is about (ECharts passes dataIndex on each param). */
function axisIndex(params: unknown): number | null {
  const list = (Array.isArray(params) ? params : [params]) as { dataIndex?: unknown }[];
  const hit = list.find((p) => typeof p?.dataIndex === "number");
  return hit ? (hit.dataIndex as number) : null;
}

function emptyTitle(theme: ChartTheme, text: string): TitleComponentOption {
  return { show: true, text, left: "center", top: "middle", textStyle: { color: CHART_PALETTE[theme].axisLabel, fontSize: 13, fontWeight: "normal" } };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-05" → "5 Nov". */
export function shortDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]}` : date;
}

function dayTitle(date: string): string {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  return m ? `${shortDay(date)} ${m[1]}` : date;
}

/** 97.456 → "97.46%"; never rounded up to 100 % while anything failed. */
export function formatRate(pct: number): string {
  const v = pct < 100 ? Math.min(99.99, Math.round(pct * 100) / 100) : 100;
  return `${Number(v.toFixed(2))}%`;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Axis labels: 1200 → "1.2k", 3400000 → "3.4M". */
export function compact(v: number): string {
  if (Math.abs(v) >= 1_000_000) return `${Number((v / 1_000_000).toFixed(1))}M`;
  if (Math.abs(v) >= 1_000) return `${Number((v / 1_000).toFixed(1))}k`;
  return String(v);
}
