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

/**
 * Text colour for status words and icons (never colour alone). Light-mode shades are the 700s:
 * the 600s read 3.19:1 (amber) and 3.67:1 (emerald) on white, below WCAG AA's 4.5:1.
 * status-colors.test.ts computes each pair from Tailwind's palette.
 */
export const STATUS_TEXT: Record<HealthStatusValue, string> = {
  healthy: "text-emerald-700 dark:text-emerald-400",
  degraded: "text-amber-700 dark:text-amber-400",
  down: "text-rose-700 dark:text-rose-400",
  unknown: "text-slate-600 dark:text-slate-400",
};

/** Uptime against an SLA target: meets it → normal text, under it → amber, a full point under → red. */
export function uptimeTone(value: number, target: number): string {
  if (value >= target) return "text-fg";
  return value >= target - 1 ? "text-amber-700 dark:text-amber-400" : "text-red-700 dark:text-red-400";
}

/** "1 of 4 systems needs attention" / "2 of 4 systems need attention": the verb agrees with the troubled count. */
export function attentionHeadline(troubled: number, monitored: number): string {
  return `${troubled} of ${monitored} ${monitored === 1 ? "system" : "systems"} ${troubled === 1 ? "needs" : "need"} attention`;
}

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
