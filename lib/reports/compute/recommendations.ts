// OWNER: helper B (rules). Recommendations: each produced by a documented rule from the report's
// numbers, citing them; no rule fires → `note` says so. Pure. The rules and their thresholds
// live in recommendation-rules.ts (the README lists them).
import type { Recommendation, RecommendationsSection } from "../contracts";
import { RECOMMENDATION_RULES, type RecommendationInput } from "./recommendation-rules";

export type { RecommendationInput } from "./recommendation-rules";

const PRIORITY_ORDER: Record<Recommendation["priority"], number> = { high: 0, medium: 1, low: 2 };

export const RECOMMENDATIONS_NOT_REQUESTED = "Recommendations were not requested for this report.";
export const RECOMMENDATIONS_NO_DATA = "No recommendation rule fired: there was no data in this period to base one on.";

/** True when the period has neither monitored time nor reported metrics. */
function hasNoData(input: RecommendationInput): boolean {
  const monitored = input.system_health.systems.some((s) => s.monitored_minutes > 0);
  return input.system_health.uptime_summary === null && !monitored && !input.performance_metrics.has_data;
}

export function recommendReport(input: RecommendationInput, included: boolean): RecommendationsSection {
  const empty = { performance_optimizations: [], cost_savings_opportunities: [], strategic_initiatives: [] };
  if (!included) return { included: false, ...empty, note: RECOMMENDATIONS_NOT_REQUESTED };
  if (hasNoData(input)) return { included: true, ...empty, note: RECOMMENDATIONS_NO_DATA };

  const fired = RECOMMENDATION_RULES.flatMap((rule) => rule.evaluate(input));
  // Stable sort: within a priority, the rule table's order (then each rule's own order) holds.
  const byPriority = (list: Recommendation[]) => [...list].sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
  const section: RecommendationsSection = {
    included: true,
    performance_optimizations: byPriority(fired.filter((r) => r.category === "performance_optimizations")),
    cost_savings_opportunities: byPriority(fired.filter((r) => r.category === "cost_savings_opportunities")),
    strategic_initiatives: byPriority(fired.filter((r) => r.category === "strategic_initiatives")),
    note: null,
  };
  if (fired.length === 0) {
    section.note = `No recommendation rule fired for ${input.report_metadata.period_label}: uptime, incidents, response times, automation success, processing time, costs and coverage were all within the documented thresholds.`;
  }
  return section;
}
