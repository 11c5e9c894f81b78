// What each alert metric means for a rule, as pure data and functions (no I/O): the values that
// make sense, the window it is measured over, the default severity, and the rule in plain words.
// Shared by validation (schemas.ts), alert_on_failures' defaults and every output.
import { COMPARISON_ALIASES, COMPARISONS, type AlertMetric, type Comparison, type Severity } from "@/lib/alerts/contracts";

interface MetricRule {
  label: string;
  unit: string;
  /** Inclusive range of a meaningful threshold. */
  min: number;
  max: number;
  integer?: boolean;
  /** What the allowed values mean, for the error message. */
  values: string;
  /** null: the metric has no window (a state or a flag); window_minutes is stored as 0. */
  defaultWindow: number | null;
  /** Smallest window allowed (0 = "the last check" is allowed). */
  minWindow: number;
}

/** 90 days: the longest history the rollups keep at hourly resolution. */
export const MAX_WINDOW_MINUTES = 90 * 24 * 60;

export const METRIC_RULES: Record<AlertMetric, MetricRule> = {
  uptime: { label: "uptime", unit: "%", min: 0, max: 100, values: "a percentage from 0 to 100", defaultWindow: 1440, minWindow: 5 },
  response_time: { label: "p95 response time", unit: "ms", min: 0, max: 600_000, values: "milliseconds from 0 to 600000", defaultWindow: 60, minWindow: 0 },
  status: { label: "status", unit: "", min: 1, max: 2, integer: true, values: "1 (degraded or worse) or 2 (down)", defaultWindow: null, minWindow: 0 },
  success_rate: { label: "success rate", unit: "%", min: 0, max: 100, values: "a percentage from 0 to 100", defaultWindow: 60, minWindow: 5 },
  // A rolling day by default, not "today": at 00:05 "today" has almost no automations, and a
  // "< 10 a day" rule would fire every night. window_minutes 0 = today in the client's zone.
  daily_automations: { label: "automations", unit: "", min: 0, max: 1e12, integer: true, values: "a whole number of automations, 0 or more", defaultWindow: 1440, minWindow: 0 },
  error_rate: { label: "error rate", unit: "%", min: 0, max: 100, values: "a percentage from 0 to 100", defaultWindow: 60, minWindow: 5 },
  cost_savings: { label: "cost savings", unit: "", min: 0, max: 1e12, values: "an amount of money (currency units), 0 or more", defaultWindow: 1440, minWindow: 5 },
  flapping: { label: "flapping", unit: "", min: 0, max: 1, integer: true, values: "1 (flag set) or 0", defaultWindow: null, minWindow: 0 },
  stalled: { label: "stalled", unit: "", min: 0, max: 1, integer: true, values: "1 (flag set) or 0", defaultWindow: null, minWindow: 0 },
  sla: { label: "below SLA", unit: "", min: 0, max: 1, integer: true, values: "1 (below the SLA target) or 0", defaultWindow: null, minWindow: 0 },
};

/** "greater_than", ">", "gt", "GT" → greater_than; undefined when unknown. */
export function canonicalComparison(value: string): Comparison | undefined {
  const v = value.trim();
  if ((COMPARISONS as readonly string[]).includes(v.toLowerCase())) return v.toLowerCase() as Comparison;
  return COMPARISON_ALIASES[v] ?? COMPARISON_ALIASES[v.toLowerCase()];
}

/** Every accepted spelling, for error messages and tool descriptions. */
export const COMPARISON_SPELLINGS = [...COMPARISONS, ...Object.keys(COMPARISON_ALIASES)];

/** Why `threshold` makes no sense for `metric`, or undefined when it does. */
export function thresholdProblem(metric: AlertMetric, threshold: number): string | undefined {
  const rule = METRIC_RULES[metric];
  if (threshold < rule.min || threshold > rule.max || (rule.integer && !Number.isInteger(threshold))) return `must be ${rule.values} for ${metric}`;
  return undefined;
}

/** Why `window` does not fit `metric`, or undefined. */
export function windowProblem(metric: AlertMetric, window: number): string | undefined {
  const rule = METRIC_RULES[metric];
  if (rule.defaultWindow === null) return window === 0 ? undefined : `does not apply to ${metric} (a state, not a figure over time): leave it out`;
  if (window < rule.minWindow) return rule.minWindow === 5 ? `must be at least 5 minutes for ${metric}` : `must be 0 or more`;
  return undefined;
}

/** The window used when none is given. */
export function defaultWindow(metric: AlertMetric): number {
  return METRIC_RULES[metric].defaultWindow ?? 0;
}

/**
 * The severity used when none is given: critical for "it is down" rules (status down, uptime
 * below a target: the client's service is unavailable), warning for everything else (slower,
 * fewer automations, flags), which someone should look at but need not be woken for.
 */
export function defaultSeverity(metric: AlertMetric, comparison: Comparison, threshold: number): Severity {
  if (metric === "uptime" && (comparison === "less_than" || comparison === "less_or_equal")) return "critical";
  if (metric === "status" && statusLevelMeant(comparison, threshold) === 2) return "critical";
  return "warning";
}

/** The status level a status rule fires at (2 = down, 1 = degraded or worse), or null if it never fires sensibly. */
function statusLevelMeant(comparison: Comparison, threshold: number): 1 | 2 | null {
  if (comparison === "equals" || comparison === "greater_or_equal") return threshold >= 2 ? 2 : 1;
  if (comparison === "greater_than") return threshold >= 1 ? 2 : 1;
  return null;
}

const SYMBOL: Record<Comparison, string> = { greater_than: ">", less_than: "<", equals: "=", greater_or_equal: "≥", less_or_equal: "≤" };

/** "24 h", "90 min", "7 d". */
export function formatWindow(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`.replace(/^1 d$/, "24 h");
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** The rule in plain words, e.g. "uptime over 24 h < 95 %" or "status is down". */
export function describeRule(rule: { metric: AlertMetric; comparison: Comparison; threshold: number; windowMinutes: number; forCount?: number }): string {
  const { metric, comparison, threshold, windowMinutes } = rule;
  const meta = METRIC_RULES[metric];
  const cmp = `${SYMBOL[comparison]} ${formatNumber(threshold)}${meta.unit === "%" ? " %" : meta.unit ? ` ${meta.unit}` : ""}`;
  let words: string;
  if (metric === "status") {
    const level = statusLevelMeant(comparison, threshold);
    words = level === 2 ? "status is down" : level === 1 ? "status is degraded or down" : `status ${cmp} (1 degraded, 2 down)`;
  } else if (meta.defaultWindow === null) {
    const set = ((comparison === "equals" || comparison === "greater_or_equal") && threshold === 1) || (comparison === "greater_than" && threshold === 0);
    const sentence = metric === "flapping" ? "client is flapping" : metric === "stalled" ? "a system is stalled" : "client is below its SLA target";
    words = set ? sentence : `${meta.label} flag ${cmp}`;
  } else if (metric === "response_time" && windowMinutes === 0) {
    words = `response time of the last check ${cmp}`;
  } else if (metric === "daily_automations" && windowMinutes === 0) {
    words = `automations today ${cmp}`;
  } else {
    words = `${meta.label} over ${formatWindow(windowMinutes)} ${cmp}`;
  }
  return rule.forCount && rule.forCount > 1 ? `${words}, ${rule.forCount} evaluations in a row` : words;
}
