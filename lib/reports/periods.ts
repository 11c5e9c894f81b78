// OWNER: helper A (compute). Report periods in a client's zone: the last complete day, week
// (Monday–Sunday), month or quarter before `now`, or the one containing a given local date, or
// a custom [start, end). Labels ("October 2026", "Q3 2026", "Week of 5 Oct 2026", "2 Nov 2026").
//
// Periods are computed on calendar dates and turned into instants at the client's local
// midnight (zone-time.ts), so a local day is 23 or 25 hours across a DST change and a month
// containing one is 743 or 745 hours. The previous period is the calendar period before
// (September before October, Q2 before Q3); for a custom range, the equal span just before it.
import { ValidationError, type FieldIssue } from "@/lib/errors";
import { ceilLocalHour, instantOfLocal, isKnownZone, localParts } from "@/lib/metrics/zone-time";
import { ALL_REPORT_TYPES, MAX_REPORT_RANGE_DAYS, type PeriodicReportType, type ReportPeriod, type ReportType } from "./contracts";

export interface ReportPeriodChoice {
  /** custom only: a local date "YYYY-MM-DD" (start of that day) or an ISO instant with an offset. */
  start?: string;
  /** custom only: exclusive end, same forms. */
  end?: string;
  /** periodic types: a local date inside the wanted period (must be complete); default: the last complete one. */
  containing?: string;
}

export interface ResolvedReportPeriod {
  current: ReportPeriod;
  previous: ReportPeriod;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

/** A calendar date (no zone). Arithmetic goes through Date.UTC, which normalises overflow. */
interface CivilDate {
  y: number;
  m: number;
  d: number;
}

const civil = (y: number, m: number, d: number): CivilDate => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const addDays = (c: CivilDate, n: number) => civil(c.y, c.m, c.d + n);
const pad = (n: number) => String(n).padStart(2, "0");
const isoDate = (c: CivilDate) => `${c.y}-${pad(c.m)}-${pad(c.d)}`;
/** "2 Nov 2026" */
const dayLabel = (c: CivilDate) => `${c.d} ${SHORT_MONTHS[c.m - 1]} ${c.y}`;

function civilOf(zone: string, t: number): CivilDate {
  const p = localParts(zone, t);
  return { y: p.year, m: p.month, d: p.day };
}

/** The calendar period of `type` containing date c: [start, end) as dates. */
function periodDates(type: PeriodicReportType, c: CivilDate): { start: CivilDate; end: CivilDate } {
  switch (type) {
    case "daily":
      return { start: c, end: addDays(c, 1) };
    case "weekly": {
      // Monday-based: getUTCDay() is 0 for Sunday.
      const fromMonday = (new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay() + 6) % 7;
      const start = addDays(c, -fromMonday);
      return { start, end: addDays(start, 7) };
    }
    case "monthly":
      return { start: civil(c.y, c.m, 1), end: civil(c.y, c.m + 1, 1) };
    case "quarterly": {
      const first = Math.floor((c.m - 1) / 3) * 3 + 1;
      return { start: civil(c.y, first, 1), end: civil(c.y, first + 3, 1) };
    }
  }
}

function periodicLabel(type: PeriodicReportType, start: CivilDate): string {
  switch (type) {
    case "daily":
      return dayLabel(start);
    case "weekly":
      return `Week of ${dayLabel(start)}`;
    case "monthly":
      return `${MONTHS[start.m - 1]} ${start.y}`;
    case "quarterly":
      return `Q${Math.floor((start.m - 1) / 3) + 1} ${start.y}`;
  }
}

const span = (start: number, end: number, label: string): ReportPeriod => ({
  start: new Date(start).toISOString(),
  end: new Date(end).toISOString(),
  label,
  hours: Math.round(((end - start) / HOUR_MS) * 100) / 100,
});

function periodicSpan(zone: string, type: PeriodicReportType, c: CivilDate): ReportPeriod & { startMs: number; endMs: number } {
  const { start, end } = periodDates(type, c);
  const s = instantOfLocal(zone, start.y, start.m, start.d);
  const e = instantOfLocal(zone, end.y, end.m, end.d);
  return { ...span(s, e, periodicLabel(type, start)), startMs: s, endMs: e };
}

const strip = ({ start, end, label, hours }: ReportPeriod): ReportPeriod => ({ start, end, label, hours });

/** "1 Oct – 15 Oct 2026" (whole local days, the end shown inclusive) or with times when a bound is not a local midnight. */
function customLabel(zone: string, start: number, end: number): string {
  const s = localParts(zone, start);
  const e = localParts(zone, end);
  const midnights = s.hour === 0 && s.minute === 0 && e.hour === 0 && e.minute === 0;
  if (midnights) {
    const first = civil(s.year, s.month, s.day);
    const last = addDays(civil(e.year, e.month, e.day), -1);
    if (isoDate(first) === isoDate(last)) return dayLabel(first);
    if (first.y === last.y) return `${first.d} ${SHORT_MONTHS[first.m - 1]} – ${dayLabel(last)}`;
    return `${dayLabel(first)} – ${dayLabel(last)}`;
  }
  const at = (p: typeof s) => `${dayLabel(civil(p.year, p.month, p.day))} ${pad(p.hour)}:${pad(p.minute)}`;
  return `${at(s)} – ${at(e)}`;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** A valid calendar date "YYYY-MM-DD" (2026-02-30 is not), or null. */
function parseLocalDate(value: string): CivilDate | null {
  const m = LOCAL_DATE.exec(value);
  if (!m) return null;
  const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (c.y < 1970 || isoDate(civil(c.y, c.m, c.d)) !== value) return null;
  return c;
}

/** A custom bound as an instant: a local date is that day's local midnight; an ISO instant must carry its offset. */
function parseBound(zone: string, value: unknown): number | null {
  if (typeof value !== "string") return null;
  const v = value.trim();
  const date = parseLocalDate(v);
  if (date) return instantOfLocal(zone, date.y, date.m, date.d);
  if (!ISO_INSTANT.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) || t < 0 ? null : t;
}

/** "2026-11-03 15:00 (Europe/London)" */
function localStamp(zone: string, t: number): string {
  const p = localParts(zone, t);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (${zone})`;
}

const BOUND_FORMAT = "must be a local date YYYY-MM-DD (the start of that day in the client's time zone) or an ISO 8601 instant with an offset, e.g. 2026-10-01T00:00:00Z";

/** Throws ValidationError naming start / end / period_containing / report_type. */
export function resolveReportPeriod(zone: string, type: ReportType, now: Date, choice: ReportPeriodChoice = {}): ResolvedReportPeriod {
  if (!(ALL_REPORT_TYPES as readonly string[]).includes(type)) {
    throw new ValidationError([{ path: "report_type", message: `must be one of ${ALL_REPORT_TYPES.join(", ")}` }]);
  }
  if (!isKnownZone(zone)) throw new ValidationError([{ path: "time_zone", message: `"${zone}" is not an IANA time zone this server knows` }]);
  const nowMs = now.getTime();
  const has = (v: string | undefined) => v !== undefined && v !== null && v !== "";

  if (type === "custom") {
    const issues: FieldIssue[] = [];
    if (has(choice.containing)) issues.push({ path: "period_containing", message: "applies to daily, weekly, monthly and quarterly reports only; a custom report takes start and end" });
    if (!has(choice.start)) issues.push({ path: "start", message: "is required for a custom report" });
    if (!has(choice.end)) issues.push({ path: "end", message: "is required for a custom report" });
    if (issues.length) throw new ValidationError(issues);
    const rawStart = parseBound(zone, choice.start);
    const rawEnd = parseBound(zone, choice.end);
    if (rawStart === null) issues.push({ path: "start", message: BOUND_FORMAT });
    if (rawEnd === null) issues.push({ path: "end", message: BOUND_FORMAT });
    if (issues.length || rawStart === null || rawEnd === null) throw new ValidationError(issues);
    if (rawEnd < rawStart) throw new ValidationError([{ path: "end", message: "is before start: the range is reversed" }]);
    // Figures are read from hourly buckets: both ends move up to a whole hour of the client's zone
    // (a local date already is one), so the range counts the hours that start inside it.
    const start = ceilLocalHour(zone, rawStart);
    const end = ceilLocalHour(zone, rawEnd);
    if (end <= start) throw new ValidationError([{ path: "end", message: "must be after start: the range is empty (it must hold at least one whole hour of the client's time zone)" }]);
    // One hour of slack: a range of 366 local days that crosses a DST change lasts 366 × 24 ± 1 h.
    if (end - start > MAX_REPORT_RANGE_DAYS * DAY_MS + HOUR_MS) {
      throw new ValidationError([{ path: "end", message: `the range is longer than ${MAX_REPORT_RANGE_DAYS} days; choose at most ${MAX_REPORT_RANGE_DAYS} days` }]);
    }
    const latest = ceilLocalHour(zone, nowMs);
    if (rawEnd > latest) {
      throw new ValidationError([{ path: "end", message: `is in the future: a report covers time that has passed, so end must not be after ${localStamp(zone, latest)}` }]);
    }
    const length = end - start;
    return { current: span(start, end, customLabel(zone, start, end)), previous: span(start - length, start, customLabel(zone, start - length, start)) };
  }

  const issues: FieldIssue[] = [];
  if (has(choice.start)) issues.push({ path: "start", message: `applies to custom reports only; a ${type} report takes period_containing (a local date) or defaults to the last complete ${unit(type)}` });
  if (has(choice.end)) issues.push({ path: "end", message: `applies to custom reports only; a ${type} report takes period_containing (a local date) or defaults to the last complete ${unit(type)}` });
  if (issues.length) throw new ValidationError(issues);

  let current: ReturnType<typeof periodicSpan>;
  if (has(choice.containing)) {
    const date = typeof choice.containing === "string" ? parseLocalDate(choice.containing.trim()) : null;
    if (!date) throw new ValidationError([{ path: "period_containing", message: "must be a local date YYYY-MM-DD (a real calendar date)" }]);
    current = periodicSpan(zone, type, date);
    if (current.endMs > nowMs) {
      throw new ValidationError([
        { path: "period_containing", message: `the ${unit(type)} containing ${isoDate(date)} (${current.label}) is not complete yet: it ends ${localStamp(zone, current.endMs)}` },
      ]);
    }
  } else {
    // The period containing "today" is not complete (unless it starts exactly now): take the one before it.
    const ongoing = periodicSpan(zone, type, civilOf(zone, nowMs));
    current = periodicSpan(zone, type, civilOf(zone, ongoing.startMs - 1));
  }
  const previous = periodicSpan(zone, type, civilOf(zone, current.startMs - 1));
  return { current: strip(current), previous: strip(previous) };
}

function unit(type: PeriodicReportType): string {
  return { daily: "day", weekly: "week", monthly: "month", quarterly: "quarter" }[type];
}
