// Instants and a client's wall clock (IANA zone), without a library: the boundaries here must
// equal PostgreSQL's date_trunc('hour'|'day', t, zone), which is how rollup buckets are keyed
// (the rollup contract), so a day bucket found here is the row the database holds.
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(zone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(zone: string, t: number): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(t))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second };
}

/** True when `zone` is an IANA name this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant t, in ms (Kolkata: +5.5 h). */
export function zoneOffsetMs(zone: string, t: number): number {
  const p = localParts(zone, t);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

/** The instant of a local wall-clock time (the earlier one when it occurs twice). */
export function instantOfLocal(zone: string, year: number, month: number, day: number, hour = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  // Two passes settle the offset (midnight falls in a DST gap in a handful of zones only).
  const t = wall - zoneOffsetMs(zone, wall);
  return wall - zoneOffsetMs(zone, t);
}

/** date_trunc('hour', t, zone). */
export function floorLocalHour(zone: string, t: number): number {
  const p = localParts(zone, t);
  return t - (((t % 1000) + 1000) % 1000) - p.minute * 60_000 - p.second * 1000;
}

export function ceilLocalHour(zone: string, t: number): number {
  const f = floorLocalHour(zone, t);
  return f === t ? t : f + HOUR_MS;
}

/** date_trunc('day', t, zone): the instant the client's day containing t began. */
export function startOfLocalDay(zone: string, t: number): number {
  const p = localParts(zone, t);
  return instantOfLocal(zone, p.year, p.month, p.day);
}

/** The start of the next local day (a day may last 23 or 25 hours). */
export function nextLocalDay(zone: string, dayStart: number): number {
  return startOfLocalDay(zone, dayStart + 36 * HOUR_MS);
}

/** The client's calendar date of instant t, "YYYY-MM-DD". */
export function localDate(zone: string, t: number): string {
  const p = localParts(zone, t);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Local midnight of a "YYYY-MM-DD" date in the zone. */
export function instantOfLocalDate(zone: string, date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return instantOfLocal(zone, y, m, d);
}

/**
 * The whole local days inside [start, end): [dayStart, dayEnd), empty (dayStart = dayEnd) when
 * none. The rest of [start, end) is read from hourly buckets.
 */
export function wholeDaysWithin(zone: string, start: number, end: number): { dayStart: number; dayEnd: number } {
  const first = startOfLocalDay(zone, start) === start ? start : nextLocalDay(zone, startOfLocalDay(zone, start));
  const last = startOfLocalDay(zone, end);
  return last > first ? { dayStart: first, dayEnd: last } : { dayStart: start, dayEnd: start };
}
