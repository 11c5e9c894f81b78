// Schedule times: a five-field cron read in the client's time zone. croner computes the runs
// (DST-correct: a time in a spring-forward gap runs at the first valid time after it, a time
// repeated at fall-back runs once); it never owns a timer here, it only gives next_run_at, which
// the scheduler loop claims from the database. The describer turns the usual shapes into words.
import { Cron } from "croner";
import { isKnownZone } from "@/lib/metrics/zone-time";

/** Reports at most once an hour: a report per hour is already more than a client reads. */
export const MIN_RUN_GAP_MS = 60 * 60_000;

export type CronCheck = { ok: true; cron: string } | { ok: false; message: string };

function cronOf(expr: string, timeZone: string): Cron {
  return new Cron(expr, { timezone: timeZone, paused: true, mode: "5-part" });
}

/**
 * A cron schedules: five fields, understood by croner, firing at all, and at most once an hour
 * (one minute value: "0 9 * * 1" yes, "*\/5 * * * *" no).
 */
export function checkCron(raw: string, timeZone: string, now: Date): CronCheck {
  // Client zones are validated when set; one this server does not know (older data) is said plainly, not as a cron error.
  if (!isKnownZone(timeZone)) return { ok: false, message: `cannot be scheduled: the client's time zone "${timeZone}" is not one this server knows; fix the client's time_zone first` };
  const expr = raw.trim().replace(/\s+/g, " ");
  const fields = expr.split(" ");
  if (fields.length !== 5) return { ok: false, message: `must have five fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1"; got ${fields.length}` };
  let cron: Cron;
  try {
    cron = cronOf(expr, timeZone);
  } catch (error) {
    return { ok: false, message: `is not a valid cron expression: ${(error as Error).message.replace(/^CronPattern:\s*/, "")}` };
  }
  if (!/^\d{1,2}$/.test(fields[0]!)) return { ok: false, message: `fires more than once an hour (minute field "${fields[0]}"): reports run at most hourly, so give one minute, e.g. "0"` };
  const runs = cron.nextRuns(50, now);
  if (runs.length === 0) return { ok: false, message: "never fires (no date matches it)" };
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_RUN_GAP_MS) return { ok: false, message: "fires more than once an hour: reports run at most hourly" };
  }
  return { ok: true, cron: expr };
}

/** The first run strictly after `from`, in the zone (null: never again). */
export function nextRunAfter(expr: string, timeZone: string, from: Date): Date | null {
  return cronOf(expr, timeZone).nextRun(from);
}

/**
 * The most recent run at or before `now`, starting from the one that was due (`due` ≤ now): a
 * server that was down (or a run that kept failing) catches up with ONE report, the latest
 * missed run's, not one per missed run. Returns it and how many older runs it stands for.
 */
export function latestDueRun(expr: string, timeZone: string, due: Date, now: Date): { at: Date; skipped: number } {
  if (due.getTime() >= now.getTime()) return { at: due, skipped: 0 };
  const cron = cronOf(expr, timeZone);
  // previousRuns gives the latest run ≤ now directly; count what was skipped with a bounded walk.
  const [latest] = cron.previousRuns(1, new Date(now.getTime() + 1000));
  if (!latest || latest.getTime() <= due.getTime()) return { at: due, skipped: 0 };
  let skipped = 0;
  let t: Date | null = due;
  while (t && t.getTime() < latest.getTime() && skipped < 10_000) {
    skipped++;
    t = cron.nextRun(t);
  }
  return { at: latest, skipped };
}

// ── Words ──────────────────────────────────────────────────────────────────────────────
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAY_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MONTH_NAMES: Record<string, number> = Object.fromEntries(MONTHS.map((m, i) => [m.slice(0, 3).toLowerCase(), i + 1]));

/** A field of plain values and ranges (no steps, no wildcards) → its numbers, or null. */
function values(field: string, names: Record<string, number>, min: number, max: number): number[] | null {
  const out: number[] = [];
  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : names[v.toLowerCase()]);
  for (const part of field.split(",")) {
    const [a, b, ...rest] = part.split("-");
    if (rest.length) return null;
    const from = num(a ?? "");
    const to = b === undefined ? from : num(b);
    if (from === undefined || to === undefined || from > to || from < min || to > max) return null;
    for (let v = from; v <= to; v++) out.push(v);
  }
  return [...new Set(out)].sort((x, y) => x - y);
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${s}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Plain words for a schedule, e.g. "Weekly on Monday at 09:00 (Europe/London)", "Monthly on
 * the 1st at 09:00 (UTC)", "Quarterly on the 1st of January, April, July and October at 09:00
 * (…)"; a shape it does not know is given as the cron itself. Pure (no clock, no croner).
 */
export function describeCron(expr: string, timeZone: string): string {
  const zone = ` (${timeZone})`;
  const fallback = `On cron "${expr}"${zone}`;
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) return fallback;
  const [minF, hourF, domF, monF, dowF] = f as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(minF)) return fallback;
  const minute = Number(minF);
  let at: string;
  if (hourF === "*") at = `every hour at minute ${minute}`;
  else {
    const hours = values(hourF, {}, 0, 23);
    if (!hours || hours.length > 6) return fallback;
    at = `at ${list(hours.map((h) => `${pad(h)}:${pad(minute)}`))}`;
  }
  const dows = dowF === "*" ? null : values(dowF.replace(/\b7\b/g, "0"), DAY_NAMES, 0, 6);
  const doms = domF === "*" ? null : domF.toUpperCase() === "L" ? [-1] : values(domF, {}, 1, 31);
  const months = monF === "*" ? null : values(monF, MONTH_NAMES, 1, 12);
  if ((dowF !== "*" && !dows) || (domF !== "*" && !doms) || (monF !== "*" && !months)) return fallback;
  const dayText = (d: number) => (d === -1 ? "the last day" : `the ${ordinal(d)}`);
  const monthText = months ? list(months.map((m) => MONTHS[m - 1]!)) : "";
  let when: string;
  if (!dows && !doms && !months && hourF === "*") return `Every hour at minute ${minute}${zone}`;
  if (!dows && !doms) when = months ? `Daily in ${monthText}` : "Daily";
  else if (dows && !doms) {
    const days = dows.join(",") === "1,2,3,4,5" ? "weekdays (Monday to Friday)" : list(dows.map((d) => DAYS[d]!));
    when = `Weekly on ${days}${months ? ` in ${monthText}` : ""}`;
  } else if (doms && !dows) {
    const days = list(doms.map(dayText));
    if (!months) when = `Monthly on ${days}`;
    else if (months.join(",") === "1,4,7,10") when = `Quarterly on ${days} of January, April, July and October`;
    else if (months.length === 1) when = `Yearly on ${days} of ${monthText}`;
    else when = `On ${days} of ${monthText}`;
  } else {
    // Both set: cron's rule is "either" (day of month OR day of week).
    when = `On ${list(doms!.map(dayText))} of ${months ? monthText : "each month"} and every ${list(dows!.map((d) => DAYS[d]!))}`;
  }
  return `${when} ${at}${zone}`;
}
