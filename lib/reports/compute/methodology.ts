// Pure: the methodology section, in plain words: how each figure was computed, which maintenance
// was left out, and which systems reported for which part of the period (coverage), with a note
// for every figure that covers less than the whole period.
import type { MaintenanceOccurrence } from "@/lib/maintenance/maintenance-at";
import { OVERALL_HEALTH_RULE } from "./executive-summary";
import type { MaintenanceExcluded, Methodology, PerformanceSection, ReportPeriod } from "../contracts";
import { formatDuration as duration, formatShare as sharePct } from "../format";
import { localDayTime, minutesOf } from "./format";
import type { HealthCoverage, Span } from "./system-health";
import { CRITICAL_DOWN_MINUTES } from "./system-health";

/** Occurrences listed one by one; more are summed into the text. */
const MAX_WINDOWS_LISTED = 100;
/** A share at or above this reads as "the whole period". */
const FULL = 0.999;

export interface MethodologyInput {
  zone: string;
  slaTarget: number;
  hourlyRate: number;
  currency: string;
  period: ReportPeriod;
  previousLabel: string;
  span: Span;
  /** Local days in the period (a DST change makes hours ≠ days × 24). */
  dayCount: number;
  /** Both ends are local midnights. */
  wholeDays: boolean;
  /** Merged maintenance inside the period, ms. */
  maintenanceMs: number;
  occurrences: MaintenanceOccurrence[];
  health: HealthCoverage[];
  performance: PerformanceSection;
}

export function buildMethodology(m: MethodologyInput): Methodology {
  const windows: MaintenanceExcluded[] = m.occurrences.slice(0, MAX_WINDOWS_LISTED).map((o) => ({
    title: o.title,
    start: o.start.toISOString(),
    end: o.end.toISOString(),
    minutes: minutesOf(o.end.getTime() - o.start.getTime()),
  }));
  const excluded = minutesOf(m.maintenanceMs);
  const n = m.occurrences.length;
  const maintenanceText =
    n === 0
      ? "No maintenance windows fell in this period."
      : `${n === 1 ? "1 maintenance window" : `${n} maintenance window occurrences`} (${duration(excluded)} in all${n > 1 ? ", overlaps counted once" : ""}) fell in this period. ` +
        "That time is left out of every system's uptime, downtime, incidents and the SLA; a window counts only from when it was created, so declaring maintenance afterwards cannot erase an outage." +
        (n > MAX_WINDOWS_LISTED ? ` The first ${MAX_WINDOWS_LISTED} are listed.` : "");

  const metricsBy = new Map(m.performance.coverage.map((c) => [c.system, c]));
  const coverage = m.health.map((h) => {
    const c = metricsBy.get(h.system);
    return {
      system: h.system,
      health_coverage: h.coverage,
      health_from: h.from,
      health_to: h.to,
      metrics_coverage: c?.covered_share ?? 0,
      metrics_from: c?.first_covered ?? null,
      metrics_to: c?.last_covered ?? null,
    };
  });

  const notes: string[] = [];
  const at = (iso: string) => localDayTime(m.zone, Date.parse(iso));
  const nearStart = (iso: string | null) => iso !== null && Date.parse(iso) - m.span.start <= 60_000;
  const nearEnd = (iso: string | null) => iso !== null && m.span.end - Date.parse(iso) <= 60_000;
  if (m.wholeDays && m.period.hours !== m.dayCount * 24) {
    notes.push(`This period has ${m.period.hours} hours, not ${m.dayCount * 24}: the clocks changed (daylight saving time) in ${m.zone}.`);
  }
  if (m.health.length === 0) notes.push("The client had no systems in this period.");
  for (const h of m.health) {
    if (h.coverage === 0 || h.from === null) notes.push(`${h.system} has no monitoring data for this period: it has no uptime figure.`);
    else if (h.coverage < FULL) {
      const share = sharePct(h.coverage);
      if (!nearStart(h.from)) notes.push(`${h.system} was monitored from ${at(h.from)}${nearEnd(h.to) ? "" : ` to ${at(h.to!)}`} only: its uptime covers ${share} of the period.`);
      else if (!nearEnd(h.to)) notes.push(`${h.system} was monitored until ${at(h.to!)} only: its uptime covers ${share} of the period.`);
      else notes.push(`${h.system}'s uptime covers ${share} of the period: for the rest its state was not known (paused, or no checks made).`);
    }
  }
  const metrics = m.performance.coverage;
  if (!m.performance.has_data) notes.push(m.health.length ? "No system reported automation metrics in this period: the performance section has no figures." : "No system reported in this period.");
  else {
    for (const c of metrics) {
      if (c.covered_share === 0 || c.first_covered === null) notes.push(`${c.system} reported no automation metrics in this period.`);
      else if (c.covered_share < FULL) {
        const from = !nearStart(c.first_covered) ? ` from ${at(c.first_covered)}` : "";
        const to = !nearEnd(c.last_covered) && c.last_covered ? ` until ${at(c.last_covered)}` : "";
        notes.push(`${c.system} reported metrics${from}${to}${from || to ? " only" : " with gaps"}: its automation figures cover ${sharePct(c.covered_share)} of the period.`);
      }
    }
  }

  return {
    uptime:
      "Uptime is the share of monitored time a system was up, from its confirmed state history (a state changes only after consecutive agreeing checks). " +
      "Degraded time counts as up; time with no known state (before the first check, while paused, checks not made) is left out, and so is maintenance. " +
      `Client-wide uptime weighs each system by its monitored minutes. The ${m.slaTarget} % SLA target is met when uptime, as shown to 3 decimals, is at or above it. ` +
      `The error budget is the downtime the target allows: (1 − ${m.slaTarget} %) × the monitored minutes of all systems; only down time uses it, not degraded time. ` +
      "Coverage is monitored time ÷ (period − maintenance). " +
      "An incident is one confirmed down or degraded spell overlapping the period, clipped to it: its duration is wall-clock time inside the period, the part inside maintenance is shown apart and not counted as downtime, and a spell wholly inside maintenance is planned work, not an incident. " +
      `Mean time to recovery (MTTR) is the mean full length, from start to recovery, of the down incidents that recovered in the period. Down incidents of ${CRITICAL_DOWN_MINUTES} minutes or more (outside maintenance) are critical issues. ${OVERALL_HEALTH_RULE}`,
    success_rate:
      "Success rate is successful automations ÷ all automations the systems reported in the period, summed exactly from their metric reports. " +
      `Cost savings are what the systems reported, summed in cents (${m.currency}); labour value is hours saved × the client's hourly rate (${m.hourlyRate} ${m.currency}); ` +
      "efficiency is time saved ÷ (time saved + processing time). " +
      `Trends compare with the previous period (${m.previousLabel}); per-day averages count the days on which metrics were reported.`,
    response_time:
      "Average response time is the mean of every check's response time in the period; the 95th percentile (p95) is estimated from hourly latency histograms (≈, within about ±9 %).",
    maintenance: { excluded_minutes: excluded, windows, text: maintenanceText },
    coverage,
    notes,
  };
}
