// The documented recommendation rules: each reads the computed report sections, fires only when
// its named threshold is crossed, and cites the numbers that made it fire (in `detail` for the
// reader, in `evidence` for JSON/CSV). The README lists this table (id, category, doc line); the
// thresholds are the constants below, so the documentation and the code cannot drift apart.
// Pure: no clock, no database.
import type { Recommendation, RecommendationCategory, ReportDocument } from "../contracts";
import { formatChange, formatCount, formatDuration, formatHours, formatMoney, formatMs, formatNumber, formatPct, formatSeconds, formatShare } from "../format";

export type RecommendationInput = Pick<ReportDocument, "report_metadata" | "system_health" | "performance_metrics">;

// ---- Thresholds (named so the README, the tests and the code use the same numbers) ----

/** slow_p95 fires when a system's p95 is at least this share of its degraded threshold… */
export const P95_NEAR_THRESHOLD_SHARE = 0.8;
/** …and is high priority from this share on (medium over 1, low between 0.8 and 1). */
export const P95_HIGH_SHARE = 1.5;
/** low_success_rate: the client-wide success rate is below this (%)… */
export const SUCCESS_RATE_FLOOR_PCT = 95;
/** …and high priority below this. */
export const SUCCESS_RATE_CRITICAL_PCT = 90;
/** falling_success_rate: the success rate fell by at least this many points on the previous period. */
export const SUCCESS_RATE_DROP_POINTS = 2;
/** slower_processing: seconds per automation rose by at least this % on the previous period. */
export const PROCESSING_TIME_RISE_PCT = 20;
/** repeated_incidents: a system had at least this many incidents in the period (high from twice as many). */
export const REPEATED_INCIDENTS_MIN = 3;
/** slow_recovery: mean time to recovery above this many minutes… */
export const MTTR_MAX_MINUTES = 60;
/** …and high priority above this. */
export const MTTR_HIGH_MINUTES = 240;
/** failed_automation_value: the value failed runs would have saved is at least this % of the savings. */
export const FAILED_VALUE_MIN_PCT = 2;
/** low_savings_system: a system ran at least this % of all automations… */
export const LOW_SAVINGS_VOLUME_SHARE_MIN_PCT = 10;
/** …but its share of the savings is less than this fraction of its share of the volume. */
export const LOW_SAVINGS_RATIO_MAX = 0.5;
/** labour_value: the labour value of the hours saved is at least this multiple of the direct cost savings. */
export const LABOUR_TO_SAVINGS_RATIO_MIN = 1;
/** savings_decline: cost savings fell by at least this % on the previous period. */
export const SAVINGS_DROP_PCT = 10;
/** error_budget_pressure: at least this % of the error budget was used (high when over 100 %). */
export const ERROR_BUDGET_PRESSURE_PCT = 75;
/** sla_headroom: the SLA tiers an agency usually sells; the next one above the target is offered. */
export const SLA_TIERS = [99, 99.5, 99.9, 99.95, 99.99] as const;
/** sla_headroom: at most this % of the error budget was used. */
export const SLA_HEADROOM_BUDGET_MAX_PCT = 25;
/** partial_metrics_coverage / partial_health_coverage / sla_headroom: a system covering less than this share of the period is partial. */
export const COVERAGE_MIN_SHARE = 0.9;
/** volume_growth: automation volume grew by at least this % on the previous period (medium from 50 %). */
export const VOLUME_GROWTH_PCT = 20;
export const VOLUME_GROWTH_HIGH_PCT = 50;

export interface RecommendationRule {
  id: string;
  category: RecommendationCategory;
  /** One line for the README: the condition with its thresholds, and what is recommended. */
  doc: string;
  evaluate(input: RecommendationInput): Recommendation[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** "A", "A and B", "A, B and 2 more" (names stay raw: renderers escape). */
function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= max) return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

function rec(rule: RecommendationRule, priority: Recommendation["priority"], title: string, detail: string, evidence: Recommendation["evidence"]): Recommendation {
  return { rule: rule.id, category: rule.category, priority, title, detail, evidence };
}

function previousLabel(input: RecommendationInput): string {
  return input.report_metadata.previous_period.label;
}

// ---- performance_optimizations ----

const belowTarget: RecommendationRule = {
  id: "below_target",
  category: "performance_optimizations",
  doc: "A system's uptime was below the client's SLA target → stabilise it (high priority), citing its uptime, the target, its downtime and incidents.",
  evaluate(input) {
    const target = input.system_health.sla_target;
    return input.system_health.systems
      .filter((s) => s.uptime_pct !== null && s.sla_met === false)
      .map((s) =>
        rec(
          belowTarget,
          "high",
          `Stabilise ${s.system}`,
          `${s.system} had ${formatPct(s.uptime_pct, 3)} uptime against the ${formatPct(target, 3)} target: down for ${formatDuration(s.down_minutes)} in ${formatCount(s.incidents)} ${s.incidents === 1 ? "incident" : "incidents"}. Find the cause of the outages and add a fallback or retry path.`,
          { system: s.system, uptime_pct: s.uptime_pct!, sla_target: target, down_minutes: s.down_minutes, incidents: s.incidents },
        ),
      );
  },
};

const slowP95: RecommendationRule = {
  id: "slow_p95",
  category: "performance_optimizations",
  doc: `A system's p95 response time (≈, from hourly histograms) reached ${P95_NEAR_THRESHOLD_SHARE * 100} % of its degraded threshold → speed it up (high from ${P95_HIGH_SHARE * 100} %, medium over 100 %, low below).`,
  evaluate(input) {
    const out: Recommendation[] = [];
    for (const s of input.system_health.systems) {
      const threshold = s.degraded_threshold_ms;
      if (s.p95_response_ms === null || threshold === null || threshold === undefined || threshold <= 0) continue;
      const share = s.p95_response_ms / threshold;
      if (share < P95_NEAR_THRESHOLD_SHARE) continue;
      const priority = share >= P95_HIGH_SHARE ? "high" : share > 1 ? "medium" : "low";
      const relation = share > 1 ? "over" : "close to";
      out.push(
        rec(
          slowP95,
          priority,
          share > 1 ? `Speed up ${s.system}` : `Watch ${s.system}'s response time`,
          `${s.system}'s p95 response time was ${formatMs(s.p95_response_ms, true)}, ${relation} its ${formatMs(threshold)} degraded threshold (${formatPct(share * 100, 0)} of it)${s.avg_response_ms !== null ? `; the average was ${formatMs(s.avg_response_ms)}` : ""}. Profile the slowest calls (caching, batching, a closer region) before it is flagged degraded.`,
          { system: s.system, p95_response_ms: s.p95_response_ms, degraded_threshold_ms: threshold, p95_share_pct: round(share * 100, 1) },
        ),
      );
    }
    return out;
  },
};

const lowSuccessRate: RecommendationRule = {
  id: "low_success_rate",
  category: "performance_optimizations",
  doc: `The success rate was below ${SUCCESS_RATE_FLOOR_PCT} % → review the failing automations (high below ${SUCCESS_RATE_CRITICAL_PCT} %), citing failures and the worst system.`,
  evaluate(input) {
    const p = input.performance_metrics;
    const a = p.automation_summary;
    if (!p.has_data || a.success_rate === null || a.success_rate >= SUCCESS_RATE_FLOOR_PCT) return [];
    const worst = p.systems.filter((s) => s.success_rate !== null).sort((x, y) => x.success_rate! - y.success_rate!)[0];
    const worstText = worst && p.systems.length > 1 ? ` The lowest was ${worst.system} at ${formatPct(worst.success_rate)}.` : "";
    return [
      rec(
        lowSuccessRate,
        a.success_rate < SUCCESS_RATE_CRITICAL_PCT ? "high" : "medium",
        "Reduce failed automations",
        `${formatCount(a.failed_automations)} of ${formatCount(a.total_automations)} automations failed: a ${formatPct(a.success_rate)} success rate, below the ${formatPct(SUCCESS_RATE_FLOOR_PCT)} floor.${worstText} Group the failures by error and fix the most frequent first.`,
        {
          success_rate: a.success_rate,
          failed_automations: a.failed_automations,
          total_automations: a.total_automations,
          floor_pct: SUCCESS_RATE_FLOOR_PCT,
          ...(worst && p.systems.length > 1 ? { worst_system: worst.system, worst_success_rate: worst.success_rate! } : {}),
        },
      ),
    ];
  },
};

const fallingSuccessRate: RecommendationRule = {
  id: "falling_success_rate",
  category: "performance_optimizations",
  doc: `The success rate fell by ${SUCCESS_RATE_DROP_POINTS} points or more on the previous period → find what changed.`,
  evaluate(input) {
    const a = input.performance_metrics.automation_summary;
    if (!input.performance_metrics.has_data || a.success_rate_change === null || a.success_rate === null || a.success_rate_change > -SUCCESS_RATE_DROP_POINTS) return [];
    return [
      rec(
        fallingSuccessRate,
        "medium",
        "Find what changed in the automations",
        `The success rate fell by ${formatNumber(Math.abs(a.success_rate_change))} points, from ${formatPct(a.previous?.success_rate ?? null)} in ${previousLabel(input)} to ${formatPct(a.success_rate)}. Check deployments, credentials and upstream API changes made in the period.`,
        { success_rate: a.success_rate, previous_success_rate: a.previous?.success_rate ?? "", success_rate_change: a.success_rate_change, drop_threshold_points: SUCCESS_RATE_DROP_POINTS },
      ),
    ];
  },
};

const slowerProcessing: RecommendationRule = {
  id: "slower_processing",
  category: "performance_optimizations",
  doc: `Seconds per automation rose by ${PROCESSING_TIME_RISE_PCT} % or more on the previous period → look for slower steps or queueing.`,
  evaluate(input) {
    const a = input.performance_metrics.automation_summary;
    if (!input.performance_metrics.has_data || a.processing_time_change_pct === null || a.processing_time_change_pct < PROCESSING_TIME_RISE_PCT) return [];
    return [
      rec(
        slowerProcessing,
        "medium",
        "Bring processing time back down",
        `Each automation took ${formatSeconds(a.avg_processing_time)} on average, ${formatChange(a.processing_time_change_pct, "%", 1)} on ${previousLabel(input)} (${formatSeconds(a.previous?.avg_processing_time ?? null)}). Look for a slower upstream step, larger payloads or queueing at peak times.`,
        { avg_processing_time_s: a.avg_processing_time ?? "", previous_avg_processing_time_s: a.previous?.avg_processing_time ?? "", processing_time_change_pct: a.processing_time_change_pct, rise_threshold_pct: PROCESSING_TIME_RISE_PCT },
      ),
    ];
  },
};

const repeatedIncidents: RecommendationRule = {
  id: "repeated_incidents",
  category: "performance_optimizations",
  doc: `A system had ${REPEATED_INCIDENTS_MIN} or more incidents in the period → fix the recurring cause (high from ${REPEATED_INCIDENTS_MIN * 2}).`,
  evaluate(input) {
    return input.system_health.systems
      .filter((s) => s.incidents >= REPEATED_INCIDENTS_MIN)
      .map((s) =>
        rec(
          repeatedIncidents,
          s.incidents >= REPEATED_INCIDENTS_MIN * 2 ? "high" : "medium",
          `Fix the recurring cause on ${s.system}`,
          `${s.system} had ${formatCount(s.incidents)} incidents in ${input.report_metadata.period_label} (down ${formatDuration(s.down_minutes)}, degraded ${formatDuration(s.degraded_minutes)}). Repeated incidents point to one underlying cause: review them together.`,
          { system: s.system, incidents: s.incidents, down_minutes: s.down_minutes, degraded_minutes: s.degraded_minutes, threshold: REPEATED_INCIDENTS_MIN },
        ),
      );
  },
};

const slowRecovery: RecommendationRule = {
  id: "slow_recovery",
  category: "performance_optimizations",
  doc: `Mean time to recovery was over ${MTTR_MAX_MINUTES} minutes → faster alerting and a runbook (high over ${MTTR_HIGH_MINUTES} minutes).`,
  evaluate(input) {
    const mttr = input.system_health.mttr_minutes;
    if (mttr === null || mttr <= MTTR_MAX_MINUTES) return [];
    // MTTR is the mean over down incidents that recovered in the period: cite that count (older
    // documents without it fall back to the listed down incidents that ended).
    const ended = input.system_health.mttr_incidents ?? input.system_health.incidents.filter((i) => i.status === "down" && i.ended_at !== null).length;
    return [
      rec(
        slowRecovery,
        mttr > MTTR_HIGH_MINUTES ? "high" : "medium",
        "Recover from incidents faster",
        `Incidents took ${formatDuration(mttr)} on average to recover${ended > 0 ? ` (the mean of ${formatCount(ended)} outage${ended === 1 ? "" : "s"} that recovered in the period)` : ""}, over the ${formatCount(MTTR_MAX_MINUTES)} min threshold. Route alerts to an on-call person and write a runbook for the most common failures.`,
        { mttr_minutes: mttr, threshold_minutes: MTTR_MAX_MINUTES, resolved_incidents: ended },
      ),
    ];
  },
};

// ---- cost_savings_opportunities ----

const failedAutomationValue: RecommendationRule = {
  id: "failed_automation_value",
  category: "cost_savings_opportunities",
  doc: `Failed automations × the average saving per successful one is at least ${FAILED_VALUE_MIN_PCT} % of the cost savings → money left on the table by failures (medium from 5 %, high from 10 %).`,
  evaluate(input) {
    const p = input.performance_metrics;
    const a = p.automation_summary;
    const savings = p.roi_analysis.cost_savings;
    if (!p.has_data || a.failed_automations <= 0 || a.successful_automations <= 0 || savings.cents <= 0) return [];
    const perSuccessCents = savings.cents / a.successful_automations;
    const lostCents = Math.round(a.failed_automations * perSuccessCents);
    const lostPct = (lostCents / savings.cents) * 100;
    if (lostPct < FAILED_VALUE_MIN_PCT) return [];
    const currency = p.roi_analysis.currency;
    return [
      rec(
        failedAutomationValue,
        lostPct >= 10 ? "high" : lostPct >= 5 ? "medium" : "low",
        "Recover the value lost to failed automations",
        `${formatCount(a.failed_automations)} automations failed; at ${formatMoney(perSuccessCents / 100, currency)} saved per successful run, that is ≈ ${formatMoney(lostCents / 100, currency)} not saved (${formatPct(lostPct, 1)} of the ${formatMoney(savings.amount, currency)} saved). Fixing the most frequent failure recovers most of it.`,
        { failed_automations: a.failed_automations, saving_per_success: round(perSuccessCents / 100), value_not_saved: round(lostCents / 100), share_of_savings_pct: round(lostPct, 1), currency },
      ),
    ];
  },
};

const lowSavingsSystem: RecommendationRule = {
  id: "low_savings_system",
  category: "cost_savings_opportunities",
  doc: `A system ran at least ${LOW_SAVINGS_VOLUME_SHARE_MIN_PCT} % of the automations but produced less than ${LOW_SAVINGS_RATIO_MAX} × that share of the cost savings → review what it automates or its savings figure.`,
  evaluate(input) {
    const p = input.performance_metrics;
    const total = p.automation_summary.total_automations;
    const savings = p.roi_analysis.cost_savings.cents;
    if (!p.has_data || total <= 0 || savings <= 0 || p.systems.length < 2) return [];
    const currency = p.roi_analysis.currency;
    const out: Recommendation[] = [];
    for (const s of p.systems) {
      const volumeShare = (s.total_automations / total) * 100;
      const savingsShare = (s.cost_savings.cents / savings) * 100;
      if (volumeShare < LOW_SAVINGS_VOLUME_SHARE_MIN_PCT || savingsShare >= volumeShare * LOW_SAVINGS_RATIO_MAX) continue;
      out.push(
        rec(
          lowSavingsSystem,
          "low",
          `Review the value of ${s.system}`,
          `${s.system} ran ${formatPct(volumeShare, 1)} of all automations (${formatCount(s.total_automations)}) but produced ${formatPct(savingsShare, 1)} of the cost savings (${formatMoney(s.cost_savings.amount, currency)}). Check that its savings per run are recorded, or move its effort to higher-value work.`,
          { system: s.system, volume_share_pct: round(volumeShare, 1), savings_share_pct: round(savingsShare, 1), automations: s.total_automations, cost_savings: s.cost_savings.amount, currency },
        ),
      );
    }
    return out;
  },
};

const labourValue: RecommendationRule = {
  id: "labour_value",
  category: "cost_savings_opportunities",
  doc: `The labour value of the hours saved (hours × hourly rate) is at least ${LABOUR_TO_SAVINGS_RATIO_MIN} × the direct cost savings → plan how the freed hours are used, since most of the value is staff time.`,
  evaluate(input) {
    const p = input.performance_metrics;
    const r = p.roi_analysis;
    if (!p.has_data || r.time_saved_hours <= 0 || r.labor_cost_savings.cents <= 0 || r.labor_cost_savings.cents < r.cost_savings.cents * LABOUR_TO_SAVINGS_RATIO_MIN) return [];
    return [
      rec(
        labourValue,
        "low",
        "Put the freed staff hours to use",
        `The automations saved ${formatHours(r.time_saved_hours)} of manual work, worth ${formatMoney(r.labor_cost_savings.amount, r.currency)} at ${formatMoney(r.hourly_rate, r.currency)} an hour, against ${formatMoney(r.cost_savings.amount, r.currency)} of direct cost savings. Most of the value is staff time: agree where those hours go, or the saving stays on paper.`,
        { time_saved_hours: r.time_saved_hours, hourly_rate: r.hourly_rate, labour_value: r.labor_cost_savings.amount, cost_savings: r.cost_savings.amount, currency: r.currency },
      ),
    ];
  },
};

const savingsDecline: RecommendationRule = {
  id: "savings_decline",
  category: "cost_savings_opportunities",
  doc: `Cost savings fell by ${SAVINGS_DROP_PCT} % or more on the previous period → check for lower volume, more failures or a changed savings figure.`,
  evaluate(input) {
    const p = input.performance_metrics;
    const r = p.roi_analysis;
    if (!p.has_data || r.cost_savings_change_pct === null || r.cost_savings_change_pct > -SAVINGS_DROP_PCT) return [];
    return [
      rec(
        savingsDecline,
        "medium",
        "Find out why savings fell",
        `Cost savings were ${formatMoney(r.cost_savings.amount, r.currency)}, ${formatChange(r.cost_savings_change_pct, "%", 1)} on ${previousLabel(input)} (${formatMoney(r.previous_cost_savings?.amount ?? null, r.currency)}). Check whether volume dropped, more runs failed, or the savings per run changed.`,
        { cost_savings: r.cost_savings.amount, previous_cost_savings: r.previous_cost_savings?.amount ?? "", cost_savings_change_pct: r.cost_savings_change_pct, drop_threshold_pct: SAVINGS_DROP_PCT, currency: r.currency },
      ),
    ];
  },
};

// ---- strategic_initiatives ----

const errorBudgetPressure: RecommendationRule = {
  id: "error_budget_pressure",
  category: "strategic_initiatives",
  doc: `At least ${ERROR_BUDGET_PRESSURE_PCT} % of the error budget was used → add redundancy or review the SLA (high when exceeded, over 100 %).`,
  evaluate(input) {
    const b = input.system_health.error_budget;
    if (!b || b.used_pct === null || b.used_pct < ERROR_BUDGET_PRESSURE_PCT) return [];
    const exceeded = b.used_pct > 100;
    return [
      rec(
        errorBudgetPressure,
        exceeded ? "high" : "medium",
        exceeded ? "Error budget exceeded: add redundancy or review the SLA" : "Error budget nearly used: plan for redundancy",
        `${formatPct(b.used_pct, 1)} of the error budget was used: ${formatDuration(b.used_minutes)} of downtime against ${formatDuration(b.allowed_minutes)} allowed at the ${formatPct(input.system_health.sla_target, 3)} target. ${exceeded ? "Add a redundant path for the systems that failed, or agree a target the setup can meet." : "One more outage like this period's would breach the SLA: add redundancy to the least reliable system."}`,
        { error_budget_used_pct: b.used_pct, used_minutes: b.used_minutes, allowed_minutes: b.allowed_minutes, sla_target: input.system_health.sla_target, threshold_pct: ERROR_BUDGET_PRESSURE_PCT },
      ),
    ];
  },
};

const slaHeadroom: RecommendationRule = {
  id: "sla_headroom",
  category: "strategic_initiatives",
  doc: `The SLA was met, every system (each covering ≥ ${COVERAGE_MIN_SHARE * 100} % of the period) reached the next tier above the target (${SLA_TIERS.join(" / ")} %), and at most ${SLA_HEADROOM_BUDGET_MAX_PCT} % of the error budget was used → offer the higher SLA tier.`,
  evaluate(input) {
    const h = input.system_health;
    const next = SLA_TIERS.find((t) => t > h.sla_target);
    const measured = h.systems.filter((s) => s.uptime_pct !== null);
    if (next === undefined || h.sla_met !== true || h.uptime_summary === null || !h.error_budget || h.error_budget.used_pct === null) return [];
    if (h.error_budget.used_pct > SLA_HEADROOM_BUDGET_MAX_PCT || measured.length === 0) return [];
    if (measured.some((s) => s.uptime_pct! < next || s.coverage < COVERAGE_MIN_SHARE) || measured.length < h.systems.length) return [];
    const lowest = Math.min(...measured.map((s) => s.uptime_pct!));
    return [
      rec(
        slaHeadroom,
        "low",
        `Offer the ${formatPct(next, 3)} SLA tier`,
        `Uptime was ${formatPct(h.uptime_summary, 3)} against the ${formatPct(h.sla_target, 3)} target; the lowest system reached ${formatPct(lowest, 3)} and only ${formatPct(h.error_budget.used_pct, 1)} of the error budget was used. The setup already meets ${formatPct(next, 3)}: a higher tier can be offered if the next periods hold.`,
        { uptime_summary: h.uptime_summary, sla_target: h.sla_target, next_tier: next, lowest_system_uptime: lowest, error_budget_used_pct: h.error_budget.used_pct },
      ),
    ];
  },
};

const partialMetricsCoverage: RecommendationRule = {
  id: "partial_metrics_coverage",
  category: "strategic_initiatives",
  doc: `A system's metrics covered less than ${COVERAGE_MIN_SHARE * 100} % of the period → finish its metrics integration so automation and savings figures are complete.`,
  evaluate(input) {
    const partial = input.performance_metrics.coverage.filter((c) => c.covered_share < COVERAGE_MIN_SHARE);
    if (partial.length === 0) return [];
    const parts = partial.map((c) => `${c.system} (${formatShare(c.covered_share)})`);
    return [
      rec(
        partialMetricsCoverage,
        "medium",
        "Finish the metrics integration",
        `Metrics covered less than ${formatShare(COVERAGE_MIN_SHARE)} of the period for ${listNames(parts, 5)}. Automation volume, success rate and savings only count what was reported: connect or fix these metrics endpoints.`,
        { systems: partial.map((c) => c.system).join(", "), system_count: partial.length, lowest_coverage: Math.min(...partial.map((c) => c.covered_share)), threshold_share: COVERAGE_MIN_SHARE },
      ),
    ];
  },
};

const partialHealthCoverage: RecommendationRule = {
  id: "partial_health_coverage",
  category: "strategic_initiatives",
  doc: `A system was monitored for less than ${COVERAGE_MIN_SHARE * 100} % of the period (outside maintenance) → close the monitoring gaps so uptime covers the whole period.`,
  evaluate(input) {
    const partial = input.system_health.systems.filter((s) => s.coverage < COVERAGE_MIN_SHARE);
    if (partial.length === 0) return [];
    const parts = partial.map((s) => `${s.system} (${formatShare(s.coverage)})`);
    return [
      rec(
        partialHealthCoverage,
        "medium",
        "Close the monitoring gaps",
        `Health checks covered less than ${formatShare(COVERAGE_MIN_SHARE)} of the period for ${listNames(parts, 5)}, so their uptime describes only the monitored part. Check that these systems are enabled and reachable by the monitor.`,
        { systems: partial.map((s) => s.system).join(", "), system_count: partial.length, lowest_coverage: Math.min(...partial.map((s) => s.coverage)), threshold_share: COVERAGE_MIN_SHARE },
      ),
    ];
  },
};

const volumeGrowth: RecommendationRule = {
  id: "volume_growth",
  category: "strategic_initiatives",
  doc: `Automation volume grew by ${VOLUME_GROWTH_PCT} % or more on the previous period → plan capacity (medium from ${VOLUME_GROWTH_HIGH_PCT} %).`,
  evaluate(input) {
    const a = input.performance_metrics.automation_summary;
    if (!input.performance_metrics.has_data || a.volume_change_pct === null || a.volume_change_pct < VOLUME_GROWTH_PCT) return [];
    return [
      rec(
        volumeGrowth,
        a.volume_change_pct >= VOLUME_GROWTH_HIGH_PCT ? "medium" : "low",
        "Plan capacity for the growing volume",
        `${formatCount(a.total_automations)} automations ran, ${formatChange(a.volume_change_pct, "%", 1)} on ${previousLabel(input)} (${formatCount(a.previous?.total_automations ?? null)}). Check rate limits, queue sizes and plan quotas before growth turns into failures.`,
        { total_automations: a.total_automations, previous_total_automations: a.previous?.total_automations ?? "", volume_change_pct: a.volume_change_pct, growth_threshold_pct: VOLUME_GROWTH_PCT },
      ),
    ];
  },
};

/** Every rule, in the order the README lists them (and the tie-break order within a priority). */
export const RECOMMENDATION_RULES: readonly RecommendationRule[] = [
  belowTarget,
  slowP95,
  lowSuccessRate,
  fallingSuccessRate,
  slowerProcessing,
  repeatedIncidents,
  slowRecovery,
  failedAutomationValue,
  lowSavingsSystem,
  labourValue,
  savingsDecline,
  errorBudgetPressure,
  slaHeadroom,
  partialMetricsCoverage,
  partialHealthCoverage,
  volumeGrowth,
];
