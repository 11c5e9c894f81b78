// Pure: colours for charts with one series per client. Status colours (chart-frame.ts) mean
// healthy / degraded / down, so clients get their own categorical set, distinguishable on both
// themes (Tailwind 500 on light, 400 on dark), and a neutral grey for "other clients".
import type { ChartTheme } from "./chart-frame";

const SERIES = {
  light: ["#4f46e5", "#0ea5e9", "#14b8a6", "#84cc16", "#eab308", "#f97316", "#ec4899", "#8b5cf6"],
  dark: ["#818cf8", "#38bdf8", "#2dd4bf", "#a3e635", "#facc15", "#fb923c", "#f472b6", "#a78bfa"],
} as const satisfies Record<ChartTheme, readonly string[]>;

/** How many clients get a series of their own; the rest are summed as "Other clients". */
export const MAX_CLIENT_SERIES = SERIES.light.length;

export const OTHER_SERIES_COLOR: Record<ChartTheme, string> = { light: "#a1a1aa", dark: "#71717a" };

export function seriesColor(theme: ChartTheme, index: number): string {
  const list = SERIES[theme];
  return list[index % list.length]!;
}
