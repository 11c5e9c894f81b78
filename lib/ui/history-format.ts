// Pure formatting for the history views (uptime bars, state changes, latency stats): the same
// text on server and client, in UTC like the rest of the app's timestamps.

/** 99.95 → "99.95%", 100 → "100%", null → "—" (no checked time yet). */
export function formatPct(pct: number | null): string {
  if (pct === null) return "—";
  return `${Number(pct.toFixed(2))}%`;
}

/** 42 s, 7 min, 2 h 5 min, 3 d 4 h: the two largest units, no zero parts. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "2026-11-12" → "Thu 12 Nov 2026" (the date is a UTC day). */
export function formatDayUtc(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) return date;
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(ms)
    .replace(",", "");
}

/** 175.8 → "176 ms", 3.14 → "3.1 ms", 2500 → "2,500 ms", null → "—". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return `${ms < 10 ? Number(ms.toFixed(1)).toLocaleString("en-US") : Math.round(ms).toLocaleString("en-US")} ms`;
}
