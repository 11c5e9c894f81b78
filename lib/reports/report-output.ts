// A stored report as the edges return it: the list row (ReportSummary, from the columns, never
// reading `data`) and the frozen document read back from reports.data in the contract's key
// order (the column is JSONB, which keeps keys sorted by length: a person reading the JSON
// download should meet report_metadata first, not methodology).
import type { Prisma } from "@/lib/generated/prisma/client";
import { reportLinks, type OverallHealth, type ReportBranding, type ReportDocument, type ReportSummary, type ReportType } from "./contracts";

/** The columns a summary needs (no `data`, no `branding`): lists stay cheap. */
export const reportSummarySelect = {
  id: true,
  reportType: true,
  periodStart: true,
  periodEnd: true,
  timeZone: true,
  version: true,
  periodLabel: true,
  includeRecommendations: true,
  generatedBy: true,
  generatedAt: true,
  scheduleId: true,
  overallHealth: true,
  client: { select: { clientId: true, name: true } },
  // The email that carried a scheduled report (one per report; the newest if ever more).
  notifications: { where: { kind: "report" }, select: { state: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
} satisfies Prisma.ReportSelect;

export type ReportSummaryRow = Prisma.ReportGetPayload<{ select: typeof reportSummarySelect }>;

export function toReportSummary(row: ReportSummaryRow): ReportSummary {
  return {
    id: row.id,
    client_id: row.client.clientId,
    client_name: row.client.name,
    report_type: row.reportType as ReportType,
    period_label: row.periodLabel,
    period_start: row.periodStart.toISOString(),
    period_end: row.periodEnd.toISOString(),
    time_zone: row.timeZone,
    version: row.version,
    overall_health: row.overallHealth as OverallHealth,
    generated_at: row.generatedAt.toISOString(),
    generated_by: row.generatedBy,
    include_recommendations: row.includeRecommendations,
    schedule_id: row.scheduleId,
    delivery_state: row.scheduleId === null ? null : (row.notifications[0]?.state ?? null),
    links: reportLinks(row.client.clientId, row.id),
  };
}

// The contract's order for the parts a reader meets first; keys not listed keep their stored
// order after the listed ones (a newer format version's additions are never dropped).
const KEY_ORDER: Record<string, readonly string[]> = {
  "": ["report_metadata", "executive_summary", "system_health", "performance_metrics", "recommendations", "methodology"],
  report_metadata: [
    "report_id", "version", "client_id", "client_name", "report_type", "period_label", "period", "previous_period", "time_zone",
    "generated_at", "generated_by", "include_recommendations", "sla_target", "currency", "agency_name", "format_version",
  ],
  "report_metadata.period": ["start", "end", "label", "hours"],
  "report_metadata.previous_period": ["start", "end", "label", "hours"],
  executive_summary: ["overall_health", "headline", "key_achievements", "areas_for_improvement"],
  system_health: [
    "uptime_summary", "sla_target", "sla_met", "error_budget", "systems", "incidents", "incidents_total", "mttr_minutes",
    "critical_issues", "performance_highlights", "daily_uptime",
  ],
  performance_metrics: ["has_data", "automation_summary", "roi_analysis", "efficiency_gains", "systems", "daily_automations", "coverage"],
  recommendations: ["included", "performance_optimizations", "cost_savings_opportunities", "strategic_initiatives", "note"],
  methodology: ["uptime", "success_rate", "response_time", "maintenance", "coverage", "notes"],
};

function ordered(value: unknown, path: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const order = KEY_ORDER[path];
  if (!order) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in source) out[key] = ordered(source[key], path ? `${path}.${key}` : key);
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out;
}

/** The stored document (reports.data) in the contract's key order. Pure: the same row gives the same object. */
export function storedDocument(data: Prisma.JsonValue): ReportDocument {
  return ordered(data, "") as ReportDocument;
}

export function storedBranding(branding: Prisma.JsonValue): ReportBranding {
  const b = branding as unknown as ReportBranding;
  return { agency_name: b.agency_name, accent_color: b.accent_color, logo: b.logo ?? null, footer: b.footer ?? null };
}
