// Which span a metrics question covers, in one client's zone. Rolling timeframes end at the
// last complete local hour, so the current period and the previous one (the equal span just
// before it) are whole hours of equal length and compare like for like. A custom [start, end)
// counts the hours that start inside it (both ends move up to a local hour boundary).
import { ValidationError } from "@/lib/errors";
import { ceilLocalHour, floorLocalHour } from "./zone-time";

const HOUR_MS = 3_600_000;
export const TIMEFRAME_MS = { "24h": 24 * HOUR_MS, "7d": 7 * 24 * HOUR_MS, "30d": 30 * 24 * HOUR_MS, "90d": 90 * 24 * HOUR_MS } as const;
export type Timeframe = keyof typeof TIMEFRAME_MS;
export const TIMEFRAMES = Object.keys(TIMEFRAME_MS) as Timeframe[];
/** Longest custom range: a year and a bit (a quarter-on-quarter or year view), bounded work. */
export const MAX_RANGE_DAYS = 400;

export interface Span {
  start: number;
  end: number;
}
export interface PeriodChoice {
  timeframe?: Timeframe;
  start?: Date;
  end?: Date;
}
export interface ResolvedPeriod {
  timeframe: Timeframe | "custom";
  current: Span;
  previous: Span;
}

export function resolvePeriod(zone: string, now: Date, choice: PeriodChoice): ResolvedPeriod {
  if (choice.start && choice.end) {
    const start = ceilLocalHour(zone, choice.start.getTime());
    const end = ceilLocalHour(zone, choice.end.getTime());
    if (end <= start) throw new ValidationError([{ path: "end", message: "the range must contain at least one whole hour of the client's time zone" }]);
    return { timeframe: "custom", current: { start, end }, previous: { start: start - (end - start), end: start } };
  }
  const timeframe = choice.timeframe ?? "30d";
  const end = floorLocalHour(zone, now.getTime());
  const start = end - TIMEFRAME_MS[timeframe];
  return { timeframe, current: { start, end }, previous: { start: start - TIMEFRAME_MS[timeframe], end: start } };
}
