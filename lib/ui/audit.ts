// The audit log page: filters from and to the URL (a GET form, so every view is a link), and
// a compact "key: value" rendering of each entry's summary. Pure.

import { formatTimestampUtc } from "./relative-time";

type AuditOutcome = "all" | "success" | "failed";

export interface AuditFilters {
  actor: string;
  action: string;
  outcome: AuditOutcome;
  /** Entries per page when not the default (a URL-only option). */
  limit?: number;
  before_id?: string;
}

const AUDIT_PAGE_SIZE = 50;

/** Action prefixes offered in the filter; the verb matches by prefix, so "user." covers user.create etc. */
export const AUDIT_ACTION_OPTIONS: readonly { value: string; label: string }[] = [
  { value: "auth.", label: "Sign-ins" },
  { value: "user.", label: "Users" },
  { value: "api_key.", label: "API keys" },
  { value: "client.", label: "Clients" },
  { value: "alert_threshold.", label: "Alert rules" },
  { value: "alert_channel.", label: "Alert channels" },
  { value: "channel.", label: "Channel tests" },
  { value: "alert.", label: "Alerts" },
  { value: "delivery.", label: "Deliveries" },
  { value: "maintenance.", label: "Maintenance windows" },
  { value: "mcp.", label: "MCP tool calls" },
  { value: "access.denied", label: "Refused access" },
];

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

export function auditFiltersFromParams(params: Params): AuditFilters {
  const outcome = first(params.outcome);
  const before = first(params.before_id);
  const limit = Number(first(params.limit));
  return {
    actor: first(params.actor).slice(0, 200),
    action: first(params.action).slice(0, 100),
    outcome: outcome === "success" || outcome === "failed" ? outcome : "all",
    ...(Number.isInteger(limit) && limit >= 1 && limit <= 500 && limit !== AUDIT_PAGE_SIZE ? { limit } : {}),
    ...(/^\d{1,19}$/.test(before) ? { before_id: before } : {}),
  };
}

/** The listAuditLog verb's input for these filters. */
export function auditInputFromFilters(filters: AuditFilters): Record<string, unknown> {
  return {
    limit: filters.limit ?? AUDIT_PAGE_SIZE,
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.outcome !== "all" ? { success: filters.outcome === "success" } : {}),
    ...(filters.before_id ? { before_id: filters.before_id } : {}),
  };
}

/** "/settings/audit?actor=…&before_id=…" with only the filters that are set. */
export function auditHref(filters: AuditFilters, beforeId?: string | null): string {
  const q = new URLSearchParams();
  if (filters.actor) q.set("actor", filters.actor);
  if (filters.action) q.set("action", filters.action);
  if (filters.outcome !== "all") q.set("outcome", filters.outcome);
  if (filters.limit) q.set("limit", String(filters.limit));
  if (beforeId) q.set("before_id", beforeId);
  const s = q.toString();
  return s ? `/settings/audit?${s}` : "/settings/audit";
}

export function isFiltered(filters: AuditFilters): boolean {
  return Boolean(filters.actor || filters.action || filters.outcome !== "all");
}

/** "21 Nov 2026, 17:52:03 UTC": the app's date-time format; audit times need the seconds. */
export function formatAuditTime(iso: string): string {
  return formatTimestampUtc(iso, "second");
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(formatValue).join(", ");
  return JSON.stringify(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The summary as short "key: value" pairs. A before/after pair becomes one line per changed
 * field ("role: admin → viewer"); a creation's `after` alone lists its fields; nested objects
 * flatten to dotted keys. Capped so one entry never floods the table.
 */
export function auditSummaryPairs(summary: unknown, max = 8): { key: string; value: string }[] {
  if (summary === null || summary === undefined) return [];
  if (!isRecord(summary)) return [{ key: "summary", value: formatValue(summary) }];
  const pairs: { key: string; value: string }[] = [];
  const { before, after, ...rest } = summary;
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const from = formatValue(before[key]);
      const to = formatValue(after[key]);
      if (from !== to) pairs.push({ key, value: `${from} → ${to}` });
    }
    if (pairs.length === 0) pairs.push({ key: "changes", value: "none" });
  } else {
    if (before !== undefined) Object.assign(rest, { before });
    if (after !== undefined) Object.assign(rest, isRecord(after) ? after : { after });
  }
  const flatten = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (isRecord(v) && Object.keys(v).length > 0) flatten(v, key);
      else pairs.push({ key, value: formatValue(v) });
    }
  };
  flatten(rest, "");
  if (pairs.length > max) {
    const hidden = pairs.length - (max - 1);
    return [...pairs.slice(0, max - 1), { key: "…", value: `${hidden} more` }];
  }
  return pairs;
}
