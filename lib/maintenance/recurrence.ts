// Pure: when a maintenance window is on. A window is one-off (startsAt..endsAt) or recurring:
// a 5-field cron expression read in the client's time zone (croner, correct across DST), each
// occurrence lasting durationMinutes, for occurrences that start in [startsAt, endsAt) (endsAt
// null = for ever). No clock and no database here: `at` / `now` are always passed in.
import { Cron } from "croner";

export interface WindowRule {
  startsAt: Date;
  endsAt: Date | null;
  /** null = one-off. */
  recurrence: string | null;
  durationMinutes: number | null;
  timeZone: string;
}

export interface Interval {
  start: Date;
  end: Date;
}

const MINUTE_MS = 60_000;

// Parsing a pattern costs more than stepping it; inMaintenance runs per check, so the parsed
// schedules are kept (bounded: a few hundred distinct (pattern, zone) pairs at most in practice).
const cronCache = new Map<string, Cron>();
const CRON_CACHE_MAX = 500;

function cronOf(expr: string, timeZone: string): Cron {
  const key = `${expr}\u0001${timeZone}`;
  let cron = cronCache.get(key);
  if (!cron) {
    cron = new Cron(expr, { timezone: timeZone, paused: true, mode: "5-part" });
    if (cronCache.size >= CRON_CACHE_MAX) cronCache.delete(cronCache.keys().next().value!);
    cronCache.set(key, cron);
  }
  return cron;
}

/**
 * Why a recurrence is not acceptable, or undefined when it is. Five fields (minute hour
 * day-of-month month day-of-week); the minute must be one number, so a window starts at most
 * once an hour (a window every minute is not maintenance, and it keeps every figure bounded);
 * and the pattern must match some date (0 0 31 2 * never does).
 */
export function recurrenceProblem(expr: string): string | undefined {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return "must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), e.g. 0 2 * * 0 for Sundays 02:00";
  if (!/^\d{1,2}$/.test(fields[0]!) || Number(fields[0]) > 59) return "the minute (first field) must be one number 0–59: a window starts at most once an hour";
  let cron: Cron;
  try {
    cron = new Cron(fields.join(" "), { paused: true, mode: "5-part" });
  } catch (error) {
    return `is not a valid cron expression (${String((error as Error).message).replace(/^CronPattern: /, "").slice(0, 160)})`;
  }
  if (cron.nextRun(new Date(Date.UTC(2000, 0, 1))) === null) return "never matches a date";
  return undefined;
}

/** The canonical form stored: fields separated by single spaces. */
export function normalizeRecurrence(expr: string): string {
  return expr.trim().split(/\s+/).join(" ");
}

const durationMs = (rule: WindowRule) => (rule.durationMinutes ?? 0) * MINUTE_MS;

/** The next cron run strictly after `after`, in the rule's series, or null. */
function nextStart(rule: WindowRule, after: Date): Date | null {
  // Runs are whole minutes; croner strips milliseconds, so step from a whole second.
  const from = new Date(Math.max(after.getTime(), rule.startsAt.getTime() - 1000));
  const run = cronOf(rule.recurrence!, rule.timeZone).nextRun(from);
  if (!run || run.getTime() < rule.startsAt.getTime()) return null;
  if (rule.endsAt && run.getTime() >= rule.endsAt.getTime()) return null;
  return run;
}

/** The occurrence of the window that contains `at` (start ≤ at < end), or null. */
export function occurrenceAt(rule: WindowRule, at: Date): Interval | null {
  const t = at.getTime();
  if (rule.recurrence === null) {
    if (!rule.endsAt) return null;
    return rule.startsAt.getTime() <= t && t < rule.endsAt.getTime() ? { start: rule.startsAt, end: rule.endsAt } : null;
  }
  const d = durationMs(rule);
  if (d <= 0 || t < rule.startsAt.getTime()) return null;
  // An occurrence [r, r + d) holds `at` iff at − d < r ≤ at: the first run after at − d decides.
  const r = nextStart(rule, new Date(Math.floor((t - d) / 1000) * 1000));
  if (!r || r.getTime() > t) return null;
  return r.getTime() + d > t ? { start: r, end: new Date(r.getTime() + d) } : null;
}

/** The occurrence on at `now`, else the next one to come, or null when the window is over. */
export function currentOrNext(rule: WindowRule, now: Date): Interval | null {
  if (rule.recurrence === null) {
    if (!rule.endsAt || rule.endsAt.getTime() <= now.getTime()) return null;
    return { start: rule.startsAt, end: rule.endsAt };
  }
  const on = occurrenceAt(rule, now);
  if (on) return on;
  const r = nextStart(rule, now);
  return r ? { start: r, end: new Date(r.getTime() + durationMs(rule)) } : null;
}

/**
 * The occurrences overlapping [from, to), in time order, at most `limit` (the minute rule
 * keeps this ≤ 24 a day: 90 days of an hourly window is 2,160).
 */
export function occurrencesBetween(rule: WindowRule, from: Date, to: Date, limit = 5_000): Interval[] {
  if (!(from < to)) return [];
  if (rule.recurrence === null) {
    if (!rule.endsAt) return [];
    return rule.startsAt < to && rule.endsAt > from ? [{ start: rule.startsAt, end: rule.endsAt }] : [];
  }
  const d = durationMs(rule);
  if (d <= 0) return [];
  const out: Interval[] = [];
  let cursor = new Date(Math.floor((from.getTime() - d) / 1000) * 1000);
  while (out.length < limit) {
    const r = nextStart(rule, cursor);
    if (!r || r.getTime() >= to.getTime()) break;
    if (r.getTime() + d > from.getTime()) out.push({ start: r, end: new Date(r.getTime() + d) });
    cursor = r;
  }
  return out;
}

/** Sorted, overlapping or touching intervals merged into one: the union as disjoint intervals. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.start < i.end).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start.getTime() <= last.end.getTime()) {
      if (iv.end > last.end) last.end = iv.end;
    } else out.push({ start: iv.start, end: iv.end });
  }
  return out;
}

// ── Plain words ─────────────────────────────────────────────────────────────────────────
const DAY_NAMES = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

/** Date parts of an instant in a zone. */
function partsIn(d: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" }).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** "3 Dec 2026 14:00" in the zone (the year left out when `withYear` is false). */
export function formatInZone(d: Date, timeZone: string, withYear = true): string {
  const p = partsIn(d, timeZone);
  return `${p.day} ${MONTHS[p.month - 1]}${withYear ? ` ${p.year}` : ""} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Day-of-week field → "Sundays", "weekdays", "Mondays and Thursdays"; undefined when it is not a simple one. */
function daysInWords(field: string): string | undefined {
  if (field === "*") return undefined;
  if (field === "1-5") return "Weekdays";
  if (field === "0,6" || field === "6,0" || field === "6,7" || field === "SAT,SUN") return "Weekends";
  const names: string[] = [];
  for (const part of field.split(",")) {
    if (!/^[0-7]$/.test(part)) return undefined;
    names.push(DAY_NAMES[Number(part) % 7]!);
  }
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/**
 * Plain words in the client's zone: "Sundays 02:00–04:00 (Europe/Berlin)", "Daily 23:30–00:30
 * (UTC)", "3 Dec 2026 14:00 – 3 Dec 2026 16:00 (Europe/Berlin)"; an unusual pattern reads
 * "cron 0 2 1-7 * 0, 120 min (UTC)".
 */
export function describeWindow(rule: WindowRule): string {
  const zone = ` (${rule.timeZone})`;
  if (rule.recurrence === null) {
    if (!rule.endsAt) return `From ${formatInZone(rule.startsAt, rule.timeZone)}${zone}`;
    const a = partsIn(rule.startsAt, rule.timeZone);
    const b = partsIn(rule.endsAt, rule.timeZone);
    const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
    return sameDay
      ? `${formatInZone(rule.startsAt, rule.timeZone)}–${pad(b.hour)}:${pad(b.minute)}${zone}`
      : `${formatInZone(rule.startsAt, rule.timeZone)} – ${formatInZone(rule.endsAt, rule.timeZone)}${zone}`;
  }
  const [minute, hour, dom, month, dow] = rule.recurrence.split(" ") as [string, string, string, string, string];
  const duration = rule.durationMinutes ?? 0;
  const until = rule.endsAt ? `, until ${formatInZone(rule.endsAt, rule.timeZone)}` : "";
  const m = Number(minute);
  let days: string | undefined;
  if (month === "*" && dom === "*") days = dow === "*" ? "Daily" : daysInWords(dow);
  else if (month === "*" && dow === "*" && /^\d{1,2}$/.test(dom)) days = `Monthly on the ${ordinal(Number(dom))}`;
  if (days !== undefined) {
    if (/^\d{1,2}$/.test(hour)) {
      const start = Number(hour) * 60 + m;
      return `${days} ${hhmm(start)}–${hhmm(start + duration)}${zone}${until}`;
    }
    if (hour === "*") return `${days}, every hour at :${pad(m)} for ${duration} min${zone}${until}`;
  }
  return `cron ${rule.recurrence}, ${duration} min${zone}${until}`;
}
