// Pure helpers of the report screens (here, not in lib/ui: lib/ui may not import lib/reports):
// the words for report types, health and delivery states; schedule presets ("every Monday at
// 09:00") ⇄ the five-field cron the verbs validate; dates in a client's zone; what Regenerate
// sends. No React, so they are unit-tested.
import type { OverallHealth, PeriodicReportType, ReportSummary, ReportType } from "@/lib/reports/contracts";

export const REPORT_TYPE_LABEL: Record<ReportType, string> = {
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
  quarterly: "Quarterly",
  custom: "Custom range",
};

/** What "the last complete …" reads as in the generate dialog. */
export const PERIOD_NOUN: Record<PeriodicReportType, string> = { daily: "day", weekly: "week", monthly: "month", quarterly: "quarter" };

export type HealthTone = "emerald" | "amber" | "rose" | "neutral";
export const HEALTH: Record<OverallHealth, { label: string; tone: HealthTone }> = {
  healthy: { label: "Healthy", tone: "emerald" },
  degraded: { label: "Degraded", tone: "amber" },
  down: { label: "Down", tone: "rose" },
  no_data: { label: "No data", tone: "neutral" },
};

export function healthOf(value: string): { label: string; tone: HealthTone } {
  return HEALTH[value as OverallHealth] ?? { label: value, tone: "neutral" };
}

/** A scheduled report's email, in words; null for an on-demand report. */
export function deliveryOf(report: Pick<ReportSummary, "schedule_id" | "delivery_state">): { label: string; tone: HealthTone | "slate" } | null {
  if (!report.schedule_id) return null;
  switch (report.delivery_state) {
    case "delivered":
      return { label: "Emailed", tone: "emerald" };
    case "pending":
      return { label: "Sending", tone: "slate" };
    case "dead":
      return { label: "Email failed", tone: "rose" };
    case "cancelled":
      return { label: "Email cancelled", tone: "neutral" };
    default:
      return { label: "Not emailed", tone: "neutral" };
  }
}

// ——— Schedules ———

export type SchedulePresetKind = "daily" | "weekly" | "monthly" | "quarterly" | "custom";

export interface SchedulePreset {
  kind: SchedulePresetKind;
  /** "HH:MM" (24 h) in the client's zone. */
  time: string;
  /** Weekly: 0 = Sunday … 6 = Saturday (cron's numbering). */
  weekday: number;
  /** Monthly: 1–28 (every month has them). */
  day: number;
  /** Custom: the cron as typed. */
  cron: string;
}

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
/** Monday first, as the form lists them. */
export const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export const QUARTER_MONTHS = "1,4,7,10";
export const MAX_MONTH_DAY = 28;

function parseTime(time: string): { h: number; m: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h <= 23 && m <= 59 ? { h, m } : null;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The five-field cron of a preset; a bad time (or day) → "" so the verb names the cron field.
 * Custom: the text as typed (trimmed).
 */
export function presetToCron(p: SchedulePreset): string {
  if (p.kind === "custom") return p.cron.trim().replace(/\s+/g, " ");
  const t = parseTime(p.time);
  if (!t) return "";
  switch (p.kind) {
    case "daily":
      return `${t.m} ${t.h} * * *`;
    case "weekly":
      return Number.isInteger(p.weekday) && p.weekday >= 0 && p.weekday <= 6 ? `${t.m} ${t.h} * * ${p.weekday}` : "";
    case "monthly":
      return Number.isInteger(p.day) && p.day >= 1 && p.day <= MAX_MONTH_DAY ? `${t.m} ${t.h} ${p.day} * *` : "";
    case "quarterly":
      return `${t.m} ${t.h} 1 ${QUARTER_MONTHS} *`;
  }
}

const NUM = /^\d{1,2}$/;

/** A cron the presets can show (e.g. from DEFAULT_SCHEDULE_CRON) → that preset; anything else → custom. */
export function cronToPreset(cron: string): SchedulePreset {
  const base: SchedulePreset = { kind: "custom", time: "09:00", weekday: 1, day: 1, cron: cron.trim() };
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return base;
  const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
  if (!NUM.test(min) || !NUM.test(hour) || Number(min) > 59 || Number(hour) > 23) return base;
  const time = `${pad2(Number(hour))}:${pad2(Number(min))}`;
  if (dom === "*" && month === "*" && dow === "*") return { ...base, kind: "daily", time };
  if (dom === "*" && month === "*" && NUM.test(dow) && Number(dow) <= 7) return { ...base, kind: "weekly", time, weekday: Number(dow) % 7 };
  if (NUM.test(dom) && Number(dom) >= 1 && Number(dom) <= MAX_MONTH_DAY && month === "*" && dow === "*") return { ...base, kind: "monthly", time, day: Number(dom) };
  if (dom === "1" && month === QUARTER_MONTHS && dow === "*") return { ...base, kind: "quarterly", time };
  return base;
}

/** "Weekly on Monday at 09:00": the preset in words (the dialog's preview). */
export function describePreset(p: SchedulePreset): string {
  const t = parseTime(p.time);
  const at = t ? ` at ${pad2(t.h)}:${pad2(t.m)}` : "";
  switch (p.kind) {
    case "daily":
      return `Every day${at}`;
    case "weekly":
      return `Every ${WEEKDAY_NAMES[p.weekday] ?? "week"}${at}`;
    case "monthly":
      return `Monthly on day ${p.day}${at}`;
    case "quarterly":
      return `On 1 Jan, Apr, Jul and Oct${at}`;
    case "custom":
      return p.cron.trim() ? `Cron “${p.cron.trim()}”` : "A five-field cron expression";
  }
}

/** Recipients as the textarea shows them: one a line. */
export function recipientsText(recipients: readonly string[]): string {
  return recipients.join("\n");
}

/** How many addresses the textarea holds (commas, semicolons and new lines separate them). */
export function countRecipients(text: string): number {
  return text.split(/[\s,;]+/).filter(Boolean).length;
}

// ——— Dates in a client's zone ———

/** "YYYY-MM-DD": the local date in `timeZone` at an instant (the generate form's date fields). */
export function localDate(iso: string | number | Date, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  try {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(d);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")}`;
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

/** "2026-11-30" + n days (calendar arithmetic, no zone: dates only). Bad text comes back unchanged. */
export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return date;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return new Date(t).toISOString().slice(0, 10);
}

/** "Mon 7 Dec, 09:00" in the client's zone (a schedule's next or last run). */
export function whenInZone(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  } catch {
    return iso;
  }
}

/**
 * What "Regenerate" sends for a report: the same client, type, recommendations and period
 * (a periodic report by a date inside its period; a custom one by its first and last day, the
 * end exclusive as the period verbs take it).
 */
export function regenerateFields(report: Pick<ReportSummary, "client_id" | "report_type" | "include_recommendations" | "period_start" | "period_end" | "time_zone">): Record<string, string> {
  const fields: Record<string, string> = { client_id: report.client_id, report_type: report.report_type };
  if (report.include_recommendations) fields.include_recommendations = "on";
  if (report.report_type === "custom") {
    fields.start = localDate(report.period_start, report.time_zone);
    fields.end = localDate(report.period_end, report.time_zone);
  } else {
    fields.period_containing = localDate(report.period_start, report.time_zone);
  }
  return fields;
}
