// Presentation of health statuses: words and explanations. Which status a client has is
// decided in lib/clients; this only says how to name it.
import type { AttentionFlagKind, HealthStatusValue } from "@/lib/clients/schemas";

export const STATUS_ORDER: readonly HealthStatusValue[] = ["healthy", "degraded", "down", "unknown"];

export const STATUS_LABEL: Record<HealthStatusValue, string> = {
  healthy: "Healthy",
  degraded: "Degraded",
  down: "Down",
  unknown: "Unknown",
};

export const STATUS_CARD_HINT: Record<HealthStatusValue, string> = {
  healthy: "All systems passing",
  degraded: "Slow or partly failing",
  down: "Failing health checks",
  unknown: "Awaiting first check",
};

/** Names of the attention flags (lib/monitoring/attention.ts), as chips and card labels say them. */
export const FLAG_LABEL: Record<AttentionFlagKind, string> = {
  down: "Down",
  misconfigured: "Misconfigured",
  flapping: "Flapping",
  below_sla: "Below SLA",
  degraded: "Degraded",
  stalled: "Stalled",
};

/** Badge tones (components/ui/badge) of the flags: red for outages, amber for risks, slate for our own configuration. */
export const FLAG_TONE: Record<AttentionFlagKind, "rose" | "amber" | "slate"> = {
  down: "rose",
  misconfigured: "slate",
  flapping: "amber",
  below_sla: "rose",
  degraded: "amber",
  stalled: "amber",
};

/** The tooltip for a status badge: the verb's reason when there is one. */
export function statusExplanation(status: HealthStatusValue, reason: string | null, lastCheck: string | null): string {
  if (reason) return reason;
  if (status === "unknown") return lastCheck ? "No recent result" : "Awaiting first check";
  return STATUS_LABEL[status];
}

/** The id of the client page's "Private network access" setting, which system cards link to. */
export const PRIVATE_NETWORK_ANCHOR = "private-network";
