// Pure: what every ECharts chart in the app shares: the palette (status colours per theme),
// the frame (no animation on refetch, UTC, transparent background, axes, legend) and the
// tooltip look. Each chart's option builder adds only its own series and formatting.
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption, XAXisComponentOption, YAXisComponentOption } from "echarts";

export type ChartTheme = "light" | "dark";

/**
 * Hex values of the Tailwind colours the rest of the UI uses for statuses (status-badge.tsx:
 * emerald / amber / rose, 500 on light and 400 on dark) and for the accent (indigo, the focus
 * ring of globals.css). Canvas needs concrete colours, so they are written out here once.
 */
export const CHART_PALETTE = {
  light: {
    healthy: "#10b981",
    degraded: "#f59e0b",
    down: "#f43f5e",
    avg: "#4f46e5",
    p95: "#818cf8",
    trace: "#d4d4d8",
    axisLabel: "#71717a",
    axisLine: "#e4e4e7",
    splitLine: "#f4f4f5",
    tooltipBg: "#ffffff",
    tooltipBorder: "#e4e4e7",
    tooltipText: "#18181b",
    tooltipMuted: "#71717a",
  },
  dark: {
    healthy: "#34d399",
    degraded: "#fbbf24",
    down: "#fb7185",
    avg: "#a5b4fc",
    p95: "#6366f1",
    trace: "#3f3f46",
    axisLabel: "#a1a1aa",
    axisLine: "#3f3f46",
    splitLine: "#27272a",
    tooltipBg: "#18181b",
    tooltipBorder: "#3f3f46",
    tooltipText: "#f4f4f5",
    tooltipMuted: "#a1a1aa",
  },
} as const satisfies Record<ChartTheme, Record<string, string>>;

/** How many expected point spacings the time axis spans at least: one check is not a whole chart. */
export const MIN_AXIS_POINTS = 5;

/**
 * The time axis of a window for the data present. When the history is shorter than the window
 * (a young system), the axis starts at the first point, not the window's start, so ten minutes
 * of checks fill the chart instead of a 3 px sliver at the right edge of a day. It still spans
 * at least `minSpanMs` (a single check is not stretched into the whole width), never reaches
 * before the window, and leaves a 2 % margin so the first dot is not cut by the axis.
 */
export function fitTimeAxis(window: { start: string; end: string }, firstPointMs: number | null, minSpanMs = 0): { min: number; max: number } {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (firstPointMs === null || !Number.isFinite(firstPointMs) || firstPointMs <= start) return { min: start, max: end };
  const margin = (end - firstPointMs) * 0.02;
  return { min: Math.max(start, Math.min(firstPointMs - margin, end - minSpanMs)), max: end };
}

export function chartFrame(
  theme: ChartTheme,
  opts: { window?: { start: string; end: string }; yFormatter: (v: number) => string; firstPointMs?: number | null; minSpanMs?: number },
) {
  const c = CHART_PALETTE[theme];
  const axis = opts.window ? fitTimeAxis(opts.window, opts.firstPointMs ?? null, opts.minSpanMs) : undefined;
  const base = {
    // Refetches replace the data every 30–60 s; animating each one would make the chart twitch.
    animation: false,
    useUTC: true,
    backgroundColor: "transparent",
    textStyle: { fontFamily: "Inter, ui-sans-serif, system-ui, sans-serif" },
    grid: { left: 4, right: 12, top: 40, bottom: 4, outerBoundsMode: "same", outerBoundsContain: "axisLabel" } satisfies GridComponentOption,
    xAxis: {
      type: "time",
      min: axis?.min,
      max: axis?.max,
      axisLine: { lineStyle: { color: c.axisLine } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: {
        color: c.axisLabel,
        fontSize: 11,
        hideOverlap: true,
        formatter: { year: "{yyyy}", month: "{MMM}", day: "{d} {MMM}", hour: "{HH}:{mm}", minute: "{HH}:{mm}" },
      },
    } satisfies XAXisComponentOption,
    yAxis: {
      type: "value",
      min: 0,
      splitNumber: 4,
      axisLabel: { color: c.axisLabel, fontSize: 11, formatter: opts.yFormatter },
      splitLine: { lineStyle: { color: c.splitLine } },
    } satisfies YAXisComponentOption,
    legend: {
      top: 0,
      left: 0,
      itemWidth: 14,
      itemHeight: 8,
      itemGap: 14,
      textStyle: { color: c.axisLabel, fontSize: 12 },
      inactiveColor: theme === "dark" ? "#52525b" : "#d4d4d8",
    } satisfies LegendComponentOption,
  };
  const tooltipBase = {
    trigger: "axis",
    confine: true,
    backgroundColor: c.tooltipBg,
    borderColor: c.tooltipBorder,
    borderWidth: 1,
    padding: [8, 10],
    textStyle: { color: c.tooltipText },
    extraCssText: "border-radius:8px;box-shadow:0 4px 12px rgb(0 0 0 / 0.12);",
    axisPointer: { type: "line", lineStyle: { color: c.axisLine }, animation: false },
  } satisfies TooltipComponentOption;
  return { base, tooltipBase };
}

export function tooltipHtml(title: string, rows: [label: string, value: string, color?: string][], muted: string): string {
  const body = rows
    .map(([label, value, color]) => {
      const dot = color ? `<span style="display:inline-block;width:8px;height:8px;border-radius:9999px;background:${color};margin-right:6px"></span>` : "";
      return `<div style="display:flex;justify-content:space-between;gap:16px"><span style="color:${muted}">${dot}${label}</span><span style="font-variant-numeric:tabular-nums;font-weight:500">${value}</span></div>`;
    })
    .join("");
  return `<div style="font-size:12px;line-height:18px"><div style="font-weight:600;margin-bottom:4px">${title}</div>${body}</div>`;
}


/**
 * The data point an axis tooltip is about: ECharts passes the hovered series' [time, value]
 * pairs; the first whose time is a known point wins (a gap's null filler is not one).
 */
export function pointAtAxis<T>(params: unknown, byTime: ReadonlyMap<number, T>): T | undefined {
  const list = (Array.isArray(params) ? params : [params]) as { value?: unknown }[];
  return list.map((p) => (Array.isArray(p.value) ? byTime.get(p.value[0] as number) : undefined)).find((hit) => hit !== undefined);
}
