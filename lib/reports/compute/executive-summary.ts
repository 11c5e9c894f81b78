// OWNER: helper B (rules). The executive summary (overall health, headline, key achievements,
// areas for improvement) from the computed sections. Pure.
//
// Overall health, first match wins (the README documents it):
//   no_data  — no system has monitored time in the period (uptime_summary is null);
//   down     — client-wide uptime below DOWN_UPTIME_PCT (95 %), or one system was down for more
//              than DOWN_SYSTEM_SHARE (10 %) of the period outside its maintenance;
//   degraded — the SLA was missed (client-wide or by any system), or the automation success rate
//              was below HEALTHY_SUCCESS_RATE_PCT (95 %);
//   healthy  — otherwise.
// Every sentence cites its numbers; when metrics were not reported the summary says so instead
// of printing "0 automations".
import type { ExecutiveSummary, OverallHealth, ReportDocument, SystemUptime } from "../contracts";
import { formatChange, formatCount, formatDuration, formatHours, formatInstant, formatMoney, formatNumber, formatPct, formatSeconds, formatShare } from "../format";

export type SummaryInput = Pick<ReportDocument, "report_metadata" | "system_health" | "performance_metrics">;

export const DOWN_UPTIME_PCT = 95;
export const DOWN_SYSTEM_SHARE = 0.1;
export const HEALTHY_SUCCESS_RATE_PCT = 95;
/** An outage at least this long is named in the areas for improvement. */
export const LONG_OUTAGE_MINUTES = 30;
/** Achievements: at most this share of the error budget used counts as a good period. */
export const LOW_BUDGET_USE_PCT = 50;
export const MTTR_GOOD_MINUTES = 30;
export const MTTR_SLOW_MINUTES = 60;
export const BUDGET_WARNING_PCT = 75;
export const SUCCESS_DROP_POINTS = 2;
export const PROCESSING_RISE_PCT = 20;
export const PROCESSING_GAIN_PCT = 5;
export const SAVINGS_DROP_PCT = 10;
export const COVERAGE_PARTIAL_SHARE = 0.9;
/** Lists stay short enough to read first. */
export const MAX_SUMMARY_ITEMS = 8;

/** The rule above in words, for the methodology section and the README. */
export const OVERALL_HEALTH_RULE = `Overall health is "no data" when no system had monitored time; "down" when client-wide uptime was below ${DOWN_UPTIME_PCT} % or one system was down for more than ${DOWN_SYSTEM_SHARE * 100} % of the period outside maintenance; "degraded" when the SLA target was missed (overall or by any system) or the automation success rate was below ${HEALTHY_SUCCESS_RATE_PCT} %; "healthy" otherwise.`;

function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= max) return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Minutes of the period outside this system's maintenance (the base of "down for 10 % of the period"). */
function periodMinutesOutsideMaintenance(input: SummaryInput, s: SystemUptime): number {
  return Math.max(0, input.report_metadata.period.hours * 60 - s.maintenance_minutes);
}

export function overallHealth(input: SummaryInput): OverallHealth {
  const h = input.system_health;
  const measured = h.systems.filter((s) => s.uptime_pct !== null && s.monitored_minutes > 0);
  if (h.uptime_summary === null || measured.length === 0) return "no_data";
  if (h.uptime_summary < DOWN_UPTIME_PCT) return "down";
  if (measured.some((s) => s.down_minutes > DOWN_SYSTEM_SHARE * periodMinutesOutsideMaintenance(input, s))) return "down";
  const p = input.performance_metrics;
  if (h.sla_met === false || measured.some((s) => s.sla_met === false)) return "degraded";
  if (p.has_data && p.automation_summary.success_rate !== null && p.automation_summary.success_rate < HEALTHY_SUCCESS_RATE_PCT) return "degraded";
  return "healthy";
}

function headline(input: SummaryInput, health: OverallHealth): string {
  const m = input.report_metadata;
  const h = input.system_health;
  const a = input.performance_metrics.automation_summary;
  if (health === "no_data") {
    if (input.performance_metrics.has_data) {
      return `No uptime data was recorded for ${m.client_name} in ${m.period_label}; ${formatCount(a.total_automations)} automations ran at a ${formatPct(a.success_rate)} success rate.`;
    }
    return `No monitoring data was recorded for ${m.client_name} in ${m.period_label}.`;
  }
  const measured = h.systems.filter((s) => s.uptime_pct !== null);
  const met = measured.filter((s) => s.sla_met === true).length;
  const target = formatPct(h.sla_target, 3);
  const overall = formatPct(h.uptime_summary, 3);
  const worst = [...measured].sort((x, y) => y.down_minutes - x.down_minutes)[0];
  const worstText = worst && worst.down_minutes > 0 ? `; ${worst.system} was down for ${formatDuration(worst.down_minutes)}` : "";
  if (met === measured.length) {
    const who = measured.length === 1 ? measured[0]!.system : measured.length === 2 ? "Both systems" : `All ${measured.length} systems`;
    return `${who} met the ${target} target in ${m.period_label}, with ${overall} uptime overall${worstText}.`;
  }
  const who = measured.length === 1 ? `${measured[0]!.system} missed` : `${met} of ${measured.length} systems met`;
  return `${who} the ${target} target in ${m.period_label} (${overall} uptime overall)${worstText}.`;
}

function achievements(input: SummaryInput): string[] {
  const m = input.report_metadata;
  const h = input.system_health;
  const p = input.performance_metrics;
  const a = p.automation_summary;
  const r = p.roi_analysis;
  const prev = m.previous_period.label;
  const out: string[] = [];
  const measured = h.systems.filter((s) => s.uptime_pct !== null && s.monitored_minutes > 0);

  if (h.sla_met === true && h.uptime_summary !== null) {
    out.push(`${formatPct(h.uptime_summary, 3)} uptime across ${plural(measured.length, "system")}, meeting the ${formatPct(h.sla_target, 3)} target.`);
  }
  if (measured.length > 0 && h.incidents_total === 0) {
    out.push(`No incidents in ${m.period_label}.`);
  } else {
    const clean = measured.filter((s) => s.down_minutes === 0);
    if (clean.length === measured.length && measured.length > 0) out.push(`No system was down in ${m.period_label}.`);
    else if (clean.length > 0) out.push(`${listNames(clean.map((s) => s.system))} had no downtime.`);
  }
  const b = h.error_budget;
  if (b && b.used_pct !== null && b.used_pct < LOW_BUDGET_USE_PCT && measured.length > 0) {
    out.push(b.used_minutes === 0 ? `None of the ${formatDuration(b.allowed_minutes)} error budget was used.` : `Only ${formatPct(b.used_pct, 1)} of the error budget was used (${formatDuration(b.used_minutes)} of ${formatDuration(b.allowed_minutes)}).`);
  }
  if (h.mttr_minutes !== null && h.mttr_minutes <= MTTR_GOOD_MINUTES) {
    out.push(`Incidents were resolved in ${formatDuration(h.mttr_minutes)} on average.`);
  }
  if (p.has_data && a.success_rate !== null && a.success_rate >= HEALTHY_SUCCESS_RATE_PCT) {
    const volume = a.volume_change_pct !== null && a.volume_change_pct > 0 ? ` (${formatChange(a.volume_change_pct, "%", 1)} on ${prev})` : "";
    const rate = a.success_rate_change !== null && a.success_rate_change > 0 ? `, up ${formatNumber(a.success_rate_change)} points` : "";
    out.push(`${formatCount(a.total_automations)} automations ran${volume} at a ${formatPct(a.success_rate)} success rate${rate}.`);
  }
  if (p.has_data && r.cost_savings.cents > 0) {
    const change = r.cost_savings_change_pct !== null && r.cost_savings_change_pct > 0 ? `, ${formatPct(r.cost_savings_change_pct, 1)} more than in ${prev}` : "";
    const labour = r.time_saved_hours > 0 ? `; ${formatHours(r.time_saved_hours)} of manual work saved, worth ${formatMoney(r.labor_cost_savings.amount, r.currency)} at ${formatMoney(r.hourly_rate, r.currency)} an hour` : "";
    out.push(`${formatMoney(r.cost_savings.amount, r.currency)} in cost savings${change}${labour}.`);
  }
  if (p.has_data && a.processing_time_change_pct !== null && a.processing_time_change_pct <= -PROCESSING_GAIN_PCT) {
    out.push(`Automations ran ${formatPct(-a.processing_time_change_pct, 1)} faster than in ${prev} (${formatSeconds(a.avg_processing_time)} against ${formatSeconds(a.previous?.avg_processing_time ?? null)}).`);
  }
  return out.slice(0, MAX_SUMMARY_ITEMS);
}

function improvements(input: SummaryInput): string[] {
  const m = input.report_metadata;
  const h = input.system_health;
  const p = input.performance_metrics;
  const a = p.automation_summary;
  const r = p.roi_analysis;
  const prev = m.previous_period.label;
  const target = formatPct(h.sla_target, 3);
  const out: string[] = [];

  if (h.sla_met === false && h.uptime_summary !== null) out.push(`Overall uptime was ${formatPct(h.uptime_summary, 3)} against the ${target} target.`);
  const below = h.systems.filter((s) => s.uptime_pct !== null && s.sla_met === false).sort((x, y) => x.uptime_pct! - y.uptime_pct!);
  for (const s of below.slice(0, 3)) {
    out.push(`${s.system}: ${formatPct(s.uptime_pct, 3)} uptime against the ${target} target (down ${formatDuration(s.down_minutes)} in ${plural(s.incidents, "incident")}).`);
  }
  if (below.length > 3) out.push(`${below.length - 3} more ${below.length - 3 === 1 ? "system" : "systems"} missed the target (see System health).`);
  const longest = h.incidents.filter((i) => i.status === "down" && i.duration_minutes >= LONG_OUTAGE_MINUTES).sort((x, y) => y.duration_minutes - x.duration_minutes)[0];
  if (longest) {
    out.push(`Longest outage: ${longest.system} was down for ${formatDuration(longest.duration_minutes)} from ${formatInstant(longest.started_at, m.time_zone)}${longest.reason ? ` (${longest.reason})` : ""}.`);
  }
  const b = h.error_budget;
  if (b && b.used_pct !== null && b.used_pct >= BUDGET_WARNING_PCT) {
    out.push(b.used_pct > 100 ? `The error budget was exceeded: ${formatDuration(b.used_minutes)} of downtime against ${formatDuration(b.allowed_minutes)} allowed (${formatPct(b.used_pct, 1)}).` : `${formatPct(b.used_pct, 1)} of the error budget was used (${formatDuration(b.used_minutes)} of ${formatDuration(b.allowed_minutes)}).`);
  }
  if (h.mttr_minutes !== null && h.mttr_minutes > MTTR_SLOW_MINUTES) out.push(`Mean time to recovery was ${formatDuration(h.mttr_minutes)}.`);
  if (!p.has_data) {
    out.push(`No automation metrics were reported for ${m.period_label}, so automation volume, success rate and savings are not shown.`);
  } else {
    if (a.success_rate !== null && a.success_rate < HEALTHY_SUCCESS_RATE_PCT) out.push(`${formatCount(a.failed_automations)} of ${formatCount(a.total_automations)} automations failed (${formatPct(a.success_rate)} success rate).`);
    if (a.success_rate_change !== null && a.success_rate_change <= -SUCCESS_DROP_POINTS) out.push(`The success rate fell by ${formatNumber(-a.success_rate_change)} points on ${prev}.`);
    if (a.processing_time_change_pct !== null && a.processing_time_change_pct >= PROCESSING_RISE_PCT) out.push(`Automations took ${formatPct(a.processing_time_change_pct, 1)} longer than in ${prev} (${formatSeconds(a.avg_processing_time)} each).`);
    if (r.cost_savings_change_pct !== null && r.cost_savings_change_pct <= -SAVINGS_DROP_PCT) out.push(`Cost savings fell ${formatPct(-r.cost_savings_change_pct, 1)} on ${prev}, to ${formatMoney(r.cost_savings.amount, r.currency)}.`);
  }
  const gaps = h.systems.filter((s) => s.monitored_minutes > 0 && s.coverage < COVERAGE_PARTIAL_SHARE);
  if (gaps.length > 0) out.push(`${listNames(gaps.map((s) => `${s.system} (${formatShare(s.coverage)})`))} ${gaps.length === 1 ? "was" : "were"} monitored for only part of the period; uptime covers that part.`);
  return out.slice(0, MAX_SUMMARY_ITEMS);
}

export function summarizeReport(input: SummaryInput): ExecutiveSummary {
  const health = overallHealth(input);
  return {
    overall_health: health,
    headline: headline(input, health),
    key_achievements: health === "no_data" && !input.performance_metrics.has_data ? [] : achievements(input),
    areas_for_improvement: health === "no_data" && !input.performance_metrics.has_data ? [] : improvements(input),
  };
}
