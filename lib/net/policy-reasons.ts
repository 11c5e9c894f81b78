// The words a refused connection is reported with. Kept apart from address-policy.ts (which
// needs ipaddr.js) so the UI can recognise these reasons without bundling the policy itself.

/** Every refusal by the network policy starts with this (classify-probe keeps it as the reason). */
export const POLICY_REASON_PREFIX = "blocked by network policy";

/** Ends a refusal that the client's "private network access" setting would have allowed. */
export const PRIVATE_NOT_ALLOWED = "private targets are not allowed for this client";

export type PolicyBlock = "private" | "forbidden";

/**
 * Used once, by lib/monitoring/classify-probe, to store the refusal as a rule (blocked_private /
 * blocked_by_policy); the UI and MCP read that rule, never this text.
 * Was this status reason a refusal by the network policy, and would allowing private targets
 * for the client lift it ("private"), or is the address never reachable ("forbidden")?
 */
export function policyBlockOf(reason: string | null): PolicyBlock | null {
  if (!reason || !reason.toLowerCase().startsWith(POLICY_REASON_PREFIX)) return null;
  return reason.includes(PRIVATE_NOT_ALLOWED) ? "private" : "forbidden";
}
