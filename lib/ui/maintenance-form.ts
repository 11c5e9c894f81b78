// Pure: the "add a maintenance window" form → the create verb's input. The form speaks the
// client's wall clock (its time zone): a one-off's dates are datetime-local values read in
// that zone, a weekly window is days + a start time + a duration, built into a cron
// expression; the advanced mode takes a cron expression as typed. The verb validates it all.

export type MaintenanceFormKind = "once" | "weekly" | "cron";

/** Day-of-week numbers as cron counts them (0 = Sunday), in the order the form shows them. */
export const WEEK_DAYS = [
  { value: 1, short: "Mon" },
  { value: 2, short: "Tue" },
  { value: 3, short: "Wed" },
  { value: 4, short: "Thu" },
  { value: 5, short: "Fri" },
  { value: 6, short: "Sat" },
  { value: 0, short: "Sun" },
] as const;

/** "02:30" + [0] → "30 2 * * 0"; every day → "* " for the weekday; no day or a bad time → null. */
export function weeklyCron(days: readonly number[], time: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const unique = [...new Set(days)].filter((d) => Number.isInteger(d) && d >= 0 && d <= 6).sort((a, b) => a - b);
  if (unique.length === 0) return null;
  return `${Number(m[2])} ${Number(m[1])} * * ${unique.length === 7 ? "*" : unique.join(",")}`;
}

/** The offset (ms) of a zone from UTC at an instant. */
function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(at / 1000) * 1000;
}

/**
 * A datetime-local value ("2026-12-06T02:00") read as wall time in `timeZone` → ISO 8601 UTC;
 * the text unchanged when it is not such a value (the verb then names the field). A wall time
 * skipped by a DST jump lands just after it, as clocks do.
 */
export function wallTimeToIso(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return local;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return local;
  try {
    let t = asUtc - zoneOffsetMs(asUtc, timeZone);
    t = asUtc - zoneOffsetMs(t, timeZone); // once more: the offset at the result, not at the guess
    return new Date(t).toISOString();
  } catch {
    return local;
  }
}

export interface MaintenanceFormValues {
  kind: string;
  title: string;
  starts_local: string;
  ends_local: string;
  days: readonly number[];
  time: string;
  duration_minutes: string;
  cron: string;
}

/** The create verb's input (without client_id); field names are the verb's, so its errors land on the form. */
export function maintenanceInputFromForm(v: MaintenanceFormValues, timeZone: string): Record<string, unknown> {
  const duration = v.duration_minutes.trim() === "" ? undefined : /^\d+$/.test(v.duration_minutes.trim()) ? Number(v.duration_minutes) : v.duration_minutes;
  if (v.kind === "once") {
    return { title: v.title, starts_at: v.starts_local ? wallTimeToIso(v.starts_local, timeZone) : undefined, ends_at: v.ends_local ? wallTimeToIso(v.ends_local, timeZone) : undefined };
  }
  // An incomplete weekly schedule is sent as text the verb refuses, so the error lands on the schedule.
  const recurrence = v.kind === "weekly" ? (weeklyCron(v.days, v.time) ?? "") : v.cron;
  return { title: v.title, recurrence, duration_minutes: duration };
}
