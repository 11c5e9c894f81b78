// Pure: which of a client's systems to look at first. The client page lists its systems in
// this order and opens the response-time chart on the first of them, so a reader lands on the
// system in trouble rather than on whichever was registered first.
import type { HealthStatusValue } from "@/lib/clients/schemas";

/**
 * down > degraded > unknown (a misconfigured system is unknown: its check was refused; a new
 * one awaits its first check) > healthy. A paused system's status is stale: after every
 * monitored one.
 */
const RANK: Record<HealthStatusValue, number> = { down: 0, degraded: 1, unknown: 2, healthy: 3 };
const PAUSED = 10;

export function systemSeverity(s: { status: HealthStatusValue; enabled: boolean }): number {
  return RANK[s.status] + (s.enabled ? 0 : PAUSED);
}

/** Worst first; systems of equal severity keep their given order. */
export function bySeverity<T extends { status: HealthStatusValue; enabled: boolean }>(systems: readonly T[]): T[] {
  return systems
    .map((s, i) => ({ s, i, rank: systemSeverity(s) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.s);
}

/** The worst system (the first of them on a tie); undefined for none. */
export function worstSystem<T extends { status: HealthStatusValue; enabled: boolean }>(systems: readonly T[]): T | undefined {
  return bySeverity(systems)[0];
}
