// Pure: a client's status is the worst of its enabled systems' statuses. A system that has
// not been checked yet ("unknown") does not hide a known state of its siblings; the client is
// "unknown" only when none of its systems has a known state.
import type { HealthStatusValue } from "./schemas";

const SEVERITY: Record<Exclude<HealthStatusValue, "unknown">, number> = { healthy: 0, degraded: 1, down: 2 };

export function overallStatus(statuses: readonly HealthStatusValue[]): HealthStatusValue {
  let worst: HealthStatusValue = "unknown";
  for (const s of statuses) {
    if (s === "unknown") continue;
    if (worst === "unknown" || SEVERITY[s] > SEVERITY[worst]) worst = s;
  }
  return worst;
}

export interface StatusCounts {
  healthy: number;
  degraded: number;
  down: number;
  unknown: number;
}

export function countStatuses(statuses: readonly HealthStatusValue[]): StatusCounts {
  const counts: StatusCounts = { healthy: 0, degraded: 0, down: 0, unknown: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}
