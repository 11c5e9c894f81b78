// Pure: is a system's confirmed state a configuration problem of ours rather than the client's
// outage? Read from the stored rule (systems.status_rule), never from the reason text. Used by
// the attention rules, get_system_health and the system card (issue #9 item 3).
import { REFUSED_RULES } from "./classify-probe";
import type { SystemStatus } from "./confirm-state";

export interface MisconfigurationInput {
  status: SystemStatus;
  statusRule: string | null;
  statusReason: string | null;
  statusChangedAt: Date | null;
}

export interface Misconfiguration {
  reason: string;
  since: Date;
}

/**
 * - A check refused by the network policy or impossible to attempt (invalid URL): the system is
 *   unknown, and misconfigured since it became so.
 * - A DNS failure of a system that has never answered a probe (rule dns_never_resolved, set by
 *   record-check): the name was probably mistyped. Unknown like a refused check, never down.
 * Anything else, including a DNS failure of a name that used to resolve, is not.
 */
export function misconfigurationOf(system: MisconfigurationInput): Misconfiguration | null {
  const { status, statusRule, statusReason, statusChangedAt } = system;
  if (!statusRule || !statusChangedAt) return null;
  if (status === "unknown" && REFUSED_RULES.has(statusRule)) {
    return { reason: statusReason ?? "check refused", since: statusChangedAt };
  }
  return null;
}
