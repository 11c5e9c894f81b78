// Pure formatting for the history views (uptime bars, state changes, latency stats): the same
// text on server and client, in UTC like the rest of the app's timestamps.
import { formatUtc } from "./relative-time";

/** 99.95 → "99.95%", 100 → "100%", null → "—" (no checked time yet). */
export function formatPct(pct: number | null): string {
  if (pct === null) return "—";
  return `${Number(pct.toFixed(2))}%`;
}

// Dates and durations have one format app-wide, defined in relative-time.ts; re-exported here
// because the history views have always imported them from this module.
export { formatDuration } from "./relative-time";

/** "2026-11-12" → "12 Nov 2026" (the date is a UTC day). */
export function formatDayUtc(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : formatUtc(ms, "date");
}

/** 175.8 → "176 ms", 3.14 → "3.1 ms", 2500 → "2,500 ms", null → "—". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return `${ms < 10 ? Number(ms.toFixed(1)).toLocaleString("en-US") : Math.round(ms).toLocaleString("en-US")} ms`;
}
