// Pure: what a change to a system's settings means beyond the settings themselves: its place
// in the scheduler, its pending run of probes, and the audit log's before/after summary.
import type { SystemOutput } from "./schemas";

export interface SchedulingFields {
  healthUrl: string;
  checkIntervalSec: number;
  enabled: boolean;
  confirmations: number;
}

export interface SchedulingReset {
  nextCheckAt?: null;
  pendingStatus?: null;
  pendingCount?: 0;
  pendingSince?: null;
}

/**
 * The columns to reset when a system changes from `before` to `after`.
 * - A new health URL, interval or enabled flag sets next_check_at to NULL: the scheduler treats
 *   NULL as "schedule me afresh" (first check within min(interval, 10 s)), so the change takes
 *   effect now instead of at the old phase, and a re-enabled system does not wait a stale slot.
 * - A new health URL or confirmation count clears the pending run: probes of another endpoint
 *   say nothing about this one, and a run counted towards the old threshold would confirm a
 *   change too early or too late.
 */
export function schedulingResetFor(before: SchedulingFields, after: SchedulingFields): SchedulingReset {
  const urlChanged = before.healthUrl !== after.healthUrl;
  const reset: SchedulingReset = {};
  if (urlChanged || before.checkIntervalSec !== after.checkIntervalSec || before.enabled !== after.enabled) {
    reset.nextCheckAt = null;
  }
  if (urlChanged || before.confirmations !== after.confirmations) {
    reset.pendingStatus = null;
    reset.pendingCount = 0;
    reset.pendingSince = null;
  }
  return reset;
}

/**
 * When a system's metrics are next pulled, after it is created (`before` null) or its metrics
 * URL changes: a new URL is pulled at once, a removed one is never pulled (null). The cursor is
 * kept across a URL change: what was collected stays collected, so nothing is counted twice.
 */
export function metricsSchedulingFor(before: { metricsUrl: string | null } | null, after: { metricsUrl: string | null }, now: Date): { nextMetricsAt?: Date | null } {
  if (before !== null && before.metricsUrl === after.metricsUrl) return {};
  return { nextMetricsAt: after.metricsUrl ? now : null };
}

/** The settings a person edits; the audit summary compares exactly these. */
const EDITABLE_SYSTEM_FIELDS = [
  "name",
  "health_url",
  "metrics_url",
  "check_interval_seconds",
  "timeout_ms",
  "degraded_threshold_ms",
  "confirmations",
  "enabled",
] as const satisfies readonly (keyof SystemOutput)[];
type EditableSystemField = (typeof EDITABLE_SYSTEM_FIELDS)[number];
type Editable = Pick<SystemOutput, EditableSystemField>;

/**
 * A URL as the audit log shows it: without its query string, which is where services put
 * tokens (`?key=…`). Credentials in the authority are refused by the schema already.
 */
export function urlForAudit(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? "?…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}

/** Before/after of the fields that changed, URLs without their query strings; empty when nothing did. */
type AuditValue = string | number | boolean | null;

export function changedSystemFields(before: Editable, after: Editable): { before: Record<string, AuditValue>; after: Record<string, AuditValue> } {
  const out = { before: {} as Record<string, AuditValue>, after: {} as Record<string, AuditValue> };
  for (const field of EDITABLE_SYSTEM_FIELDS) {
    if (before[field] === after[field]) continue;
    if (field === "health_url" || field === "metrics_url") {
      const from = urlForAudit(before[field]);
      const to = urlForAudit(after[field]);
      out.before[field] = from;
      // Only the (hidden) query changed: say so, or the entry would read as no change at all.
      out.after[field] = from === to ? `${to} (query changed)` : to;
    } else {
      out.before[field] = before[field];
      out.after[field] = after[field];
    }
  }
  return out;
}
