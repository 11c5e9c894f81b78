// performance_direction of get_performance_metrics: a pure rule on the two trend figures as they
// are shown (rounded to 0.01), so what a reader sees and the verdict always agree.
//
//   success rate moved by ≥ SUCCESS_RATE_POINTS points  → improving (up) / declining (down)
//   otherwise volume moved by ≥ VOLUME_CHANGE_PCT %       → improving (up) / declining (down)
//   otherwise, or with nothing to compare against         → stable
//
// Success rate decides first: more automations failing more often is not an improvement.
export type PerformanceDirection = "improving" | "stable" | "declining";

/** Success-rate change, in percentage points, that counts as a real move. */
export const SUCCESS_RATE_POINTS = 1;
/** Volume change, in percent of the previous period, that counts as a real move. */
export const VOLUME_CHANGE_PCT = 20;

export function performanceDirection(trend: { successRatePoints: number | null; volumeChangePct: number | null }): PerformanceDirection {
  const sr = trend.successRatePoints;
  if (sr !== null && sr >= SUCCESS_RATE_POINTS) return "improving";
  if (sr !== null && sr <= -SUCCESS_RATE_POINTS) return "declining";
  const v = trend.volumeChangePct;
  if (v !== null && v >= VOLUME_CHANGE_PCT) return "improving";
  if (v !== null && v <= -VOLUME_CHANGE_PCT) return "declining";
  return "stable";
}
