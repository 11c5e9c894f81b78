// Pure time formatting for the UI. Everything takes "now" as an argument so server and client
// render the same text for the same inputs (no hydration mismatch) and tests need no clock.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// One date/time format and one duration format for the whole app, written out by hand (no
// Intl/toLocale*) so server, browser and tests agree on every machine:
//   date       "21 Nov 2026"                  (formatDateUtc, formatDayUtc)
//   date-time  "21 Nov 2026, 17:52 UTC"       (formatTimestampUtc; the audit log adds seconds)
//   duration   "42 s", "90 s", "7 min 10 s", "2 h 5 min", "3 d 4 h"   (formatDuration)
// Response times stay in milliseconds ("2,500 ms": formatLatency in history-format.ts).

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const pad2 = (n: number) => String(n).padStart(2, "0");

/** The one formatter behind every date and date-time the app shows (UTC). */
export function formatUtc(ms: number, precision: "date" | "minute" | "second" = "minute"): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return "—";
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (precision === "date") return date;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}${precision === "second" ? `:${pad2(d.getUTCSeconds())}` : ""}`;
  return `${date}, ${time} UTC`;
}

/** "17:52": the clock part of the date-time format, for ranges within one day ("…, 12:00–13:00 UTC"). */
export function formatClockUtc(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** "21 Nov 2026, 17:52 UTC" for titles, tooltips and lists; unparseable text comes back as is. */
export function formatTimestampUtc(iso: string, precision: "minute" | "second" = "minute"): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatUtc(ms, precision);
}

/** "21 Nov 2026" (the UTC day). */
export function formatDateUtc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatUtc(ms, "date");
}

/** 42 s, 90 s, 7 min 10 s, 2 h 5 min, 3 d 4 h: the two largest units, no zero parts (seconds up to 2 min). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "just now", "12 s ago", "4 min ago", "3 h ago", "2 d ago" (the duration's units, largest only); future times read as "just now". */
export function formatAgo(thenMs: number, nowMs: number): string {
  const diff = nowMs - thenMs;
  if (!Number.isFinite(diff) || diff < 5 * SECOND) return "just now";
  if (diff < MINUTE) return `${Math.floor(diff / SECOND)} s ago`;
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  return `${Math.floor(diff / DAY)} d ago`;
}

/** A check interval in seconds: 60 → "60 s", 300 → "5 min", 3600 → "1 h" (the duration format). */
export function formatInterval(seconds: number): string {
  return formatDuration(seconds * 1000);
}

/** A timeout or threshold: whole seconds read as a duration ("10 s"), the rest in ms ("2,500 ms"). */
export function formatMilliseconds(ms: number): string {
  if (ms >= 1000 && ms % 1000 === 0) return formatDuration(ms);
  return `${ms.toLocaleString("en-US")} ms`;
}
