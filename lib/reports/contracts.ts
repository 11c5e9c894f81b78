// The report vocabulary and the frozen document every rendering reads (PDF, CSV, JSON, HTML,
// the MCP tool and resource, the UI). One file so the computation, the renderers, the scheduler
// and the edges agree. The document is computed once (lib/reports/compute), stored whole in
// reports.data, and never recomputed: a download renders from the stored JSON alone.
//
// Conventions:
// - Times are ISO 8601 instants (UTC, "Z"); dates are the client's local "YYYY-MM-DD".
// - Percentages are 0–100 numbers rounded to 3 decimals for uptime, 2 for rates; null = no data
//   (never 0 standing in for "unknown").
// - Money: `*_cents` integers (exact, summed in SQL) plus the display amount in `currency`.
// - Every figure that covers less than the whole period says so through `coverage`.

export const REPORT_TYPES = ["daily", "weekly", "monthly", "quarterly"] as const;
export type PeriodicReportType = (typeof REPORT_TYPES)[number];
/** A custom range is a report type of its own (not offered to schedules). */
export type ReportType = PeriodicReportType | "custom";
export const ALL_REPORT_TYPES: readonly ReportType[] = [...REPORT_TYPES, "custom"];

/** Longest custom range. */
export const MAX_REPORT_RANGE_DAYS = 366;
/** Incidents listed in full; the rest are counted (incidents_total). */
export const MAX_REPORT_INCIDENTS = 200;
/** Bumped when the document's shape changes; renderers accept every version they know. */
export const REPORT_FORMAT_VERSION = 1;

export const REPORT_FORMATS = ["pdf", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Default cron per type for new schedules (client's zone). */
export const DEFAULT_SCHEDULE_CRON: Record<PeriodicReportType, string> = {
  daily: "0 8 * * *",
  weekly: "0 9 * * 1",
  monthly: "0 9 1 * *",
  quarterly: "0 9 1 1,4,7,10 *",
};
/** Recipients per schedule (an email channel's destination). */
export const MAX_SCHEDULE_RECIPIENTS = 20;
/** Logo limits (white-label). */
export const MAX_LOGO_BYTES = 256 * 1024;
export const LOGO_TYPES = ["image/png", "image/svg+xml"] as const;

export type OverallHealth = "healthy" | "degraded" | "down" | "no_data";

/** [start, end) with the client's zone; `label` is what a person reads ("October 2026"). */
export interface ReportPeriod {
  start: string;
  end: string;
  label: string;
  /** Length in hours (a local day may be 23 or 25 h long). */
  hours: number;
}

export interface ReportMetadata {
  report_id: string;
  /** 1 for the first report of this client, type and period; each regeneration adds one. */
  version: number;
  client_id: string;
  client_name: string;
  report_type: ReportType;
  /** The seed's label, e.g. "October 2026", "Week of 5 Oct 2026", "Q3 2026". */
  period_label: string;
  period: ReportPeriod;
  /** The equal period just before (trends compare against it). */
  previous_period: ReportPeriod;
  time_zone: string;
  generated_at: string;
  /** A user's email, "key <name>", or "schedule: weekly on Monday 09:00". */
  generated_by: string;
  include_recommendations: boolean;
  sla_target: number;
  currency: string;
  /** The white-label name the document was branded with. */
  agency_name: string;
  format_version: number;
}

export interface ExecutiveSummary {
  overall_health: OverallHealth;
  /** One sentence a client reads first, e.g. "All 5 systems met the 99.5 % target in October 2026." */
  headline: string;
  key_achievements: string[];
  areas_for_improvement: string[];
}

export interface SystemUptime {
  system: string;
  /** null = no monitored time in the period. */
  uptime_pct: number | null;
  sla_met: boolean | null;
  /** Minutes with a known state, outside maintenance. */
  monitored_minutes: number;
  down_minutes: number;
  degraded_minutes: number;
  maintenance_minutes: number;
  /** monitored / (period − maintenance), 0–1: how much of the period this figure covers. */
  coverage: number;
  /** First and last instant with a known state in the period (null: none). */
  monitored_from: string | null;
  monitored_to: string | null;
  incidents: number;
  avg_response_ms: number | null;
  /** From hourly histograms: approximate, shown with ≈. */
  p95_response_ms: number | null;
  /** The system's degraded threshold (systems.degraded_threshold_ms) when the report was made;
   * the slow_p95 recommendation compares p95 against it (absent in older documents: rule silent). */
  degraded_threshold_ms?: number | null;
  /** Same figures for the previous period (trend), null when it has no data. */
  previous_uptime_pct: number | null;
}

export interface Incident {
  system: string;
  /** down | degraded */
  status: "down" | "degraded";
  started_at: string;
  /** null = still open at the end of the period (duration counts to the period's end). */
  ended_at: string | null;
  duration_minutes: number;
  reason: string;
  /** Part of it fell inside maintenance (that part is not counted as downtime). */
  during_maintenance_minutes: number;
  /** true: it began before the period (started_at is then the period's start). */
  started_before_period?: boolean;
}

export interface ErrorBudget {
  /** Allowed downtime in the period at the SLA target, over the monitored minutes of all systems. */
  allowed_minutes: number;
  used_minutes: number;
  remaining_minutes: number;
  /** used / allowed × 100 (over 100 = exceeded); null when allowed is 0. */
  used_pct: number | null;
}

export interface DailyUptimePoint {
  date: string;
  /** Client-wide (time-weighted over systems); null = no monitored time that day. */
  uptime_pct: number | null;
}

export interface SystemHealthSection {
  /** The seed's `uptime_summary`: client-wide uptime, time-weighted over systems; null = no data. */
  uptime_summary: number | null;
  sla_target: number;
  sla_met: boolean | null;
  error_budget: ErrorBudget | null;
  systems: SystemUptime[];
  incidents: Incident[];
  /** All incidents in the period (incidents holds at most MAX_REPORT_INCIDENTS). */
  incidents_total: number;
  /** Mean time to recovery over down incidents that recovered in the period (full length); null = none did. */
  mttr_minutes: number | null;
  /** How many incidents mttr_minutes is the mean of: down incidents that recovered in the period. */
  mttr_incidents?: number;
  /** Downtime incidents (down) longer than 30 minutes, and systems below target, in words. */
  critical_issues: string[];
  performance_highlights: string[];
  daily_uptime: DailyUptimePoint[];
}

export interface AutomationFigures {
  total_automations: number;
  successful_automations: number;
  failed_automations: number;
  success_rate: number | null;
  /** Seconds per automation. */
  avg_processing_time: number | null;
}

export interface MoneyAmount {
  cents: number;
  amount: number;
}

export interface DailyAutomationPoint {
  date: string;
  total: number;
  successful: number;
  failed: number;
  /** false: no system reported metrics that day (the zeros are not facts). */
  reported?: boolean;
}

export interface MetricsCoverage {
  system: string;
  /** Share of the period this system's metrics cover, 0–1. */
  covered_share: number;
  first_covered: string | null;
  last_covered: string | null;
}

export interface PerformanceSection {
  /** false: no system reported metrics in the period (the renderers say so instead of zeros). */
  has_data: boolean;
  automation_summary: AutomationFigures & {
    previous: AutomationFigures | null;
    /** % change of volume against the previous period; null when the previous had none. */
    volume_change_pct: number | null;
    /** Points. */
    success_rate_change: number | null;
    /** % change of seconds per automation (negative = faster). */
    processing_time_change_pct: number | null;
    performance_direction: "improving" | "stable" | "declining";
  };
  roi_analysis: {
    currency: string;
    cost_savings: MoneyAmount;
    previous_cost_savings: MoneyAmount | null;
    cost_savings_change_pct: number | null;
    time_saved_hours: number;
    hourly_rate: number;
    labor_cost_savings: MoneyAmount;
    /** cost savings + labour value. */
    total_value: MoneyAmount;
  };
  efficiency_gains: {
    /** time saved / (time saved + processing time) × 100 */
    efficiency_improvement: number | null;
    previous_efficiency_improvement: number | null;
    /** Automations per day over the covered days. */
    automations_per_day: number | null;
    hours_saved_per_day: number | null;
  };
  systems: (AutomationFigures & { system: string; cost_savings: MoneyAmount; time_saved_hours: number; covered_share: number })[];
  daily_automations: DailyAutomationPoint[];
  coverage: MetricsCoverage[];
}

export const RECOMMENDATION_CATEGORIES = ["performance_optimizations", "cost_savings_opportunities", "strategic_initiatives"] as const;
export type RecommendationCategory = (typeof RECOMMENDATION_CATEGORIES)[number];

export interface Recommendation {
  /** The documented rule that produced it (lib/reports/compute/recommendation-rules.ts), e.g. "slow_p95". */
  rule: string;
  category: RecommendationCategory;
  priority: "high" | "medium" | "low";
  title: string;
  /** Plain words that cite the numbers, e.g. "Invoice sync's p95 was ≈ 3,400 ms against a 2,000 ms threshold on 12 of 31 days." */
  detail: string;
  /** The numbers that triggered the rule (name → value), for JSON/CSV readers. */
  evidence: Record<string, number | string>;
}

export interface RecommendationsSection {
  included: boolean;
  performance_optimizations: Recommendation[];
  cost_savings_opportunities: Recommendation[];
  strategic_initiatives: Recommendation[];
  /** When no rule fired (or not included): the sentence the report prints instead. */
  note: string | null;
}

export interface MaintenanceExcluded {
  title: string;
  start: string;
  end: string;
  minutes: number;
}

export interface Methodology {
  uptime: string;
  success_rate: string;
  response_time: string;
  maintenance: { excluded_minutes: number; windows: MaintenanceExcluded[]; text: string };
  /** Which systems reported for which part of the period, health and metrics. */
  coverage: { system: string; health_coverage: number; health_from: string | null; health_to: string | null; metrics_coverage: number; metrics_from: string | null; metrics_to: string | null }[];
  notes: string[];
}

/** The frozen report: the seed's structure plus methodology. Stored whole in reports.data. */
export interface ReportDocument {
  report_metadata: ReportMetadata;
  executive_summary: ExecutiveSummary;
  system_health: SystemHealthSection;
  performance_metrics: PerformanceSection;
  recommendations: RecommendationsSection;
  methodology: Methodology;
}

/** Frozen white-label settings (reports.branding). The logo is base64 of its bytes. */
export interface ReportBranding {
  agency_name: string;
  accent_color: string;
  logo: { type: (typeof LOGO_TYPES)[number]; base64: string } | null;
  footer: string | null;
}

/** Download links every edge returns with a report. */
export interface ReportLinks {
  pdf: string;
  csv: string;
  json: string;
  /** The printable HTML view (opens in the browser; print to paper or PDF from there). */
  html: string;
  /** The MCP resource URI. */
  resource: string;
}

/** A row in report lists (no document). */
export interface ReportSummary {
  id: string;
  client_id: string;
  client_name: string;
  report_type: ReportType;
  period_label: string;
  period_start: string;
  period_end: string;
  time_zone: string;
  version: number;
  overall_health: OverallHealth;
  generated_at: string;
  generated_by: string;
  include_recommendations: boolean;
  /** The schedule that made it, or null (on demand). */
  schedule_id: string | null;
  /** For scheduled reports: the email's delivery state (pending | delivered | dead | cancelled), else null. */
  delivery_state: string | null;
  links: ReportLinks;
}

/** generate_client_reports' result: the document plus its row and links. */
export interface GeneratedReport extends ReportSummary {
  report: ReportDocument;
}

export interface ReportScheduleOutput {
  id: string;
  client_id: string;
  client_name: string;
  report_type: PeriodicReportType;
  cron: string;
  /** Plain words, e.g. "Weekly on Monday at 09:00 (Europe/London)". */
  description: string;
  time_zone: string;
  include_recommendations: boolean;
  recipients: string[];
  enabled: boolean;
  next_run_at: string | null;
  last_run_at: string | null;
  last_error: string | null;
  created_at: string;
}

export interface AgencySettingsOutput {
  agency_name: string;
  accent_color: string;
  logo: { type: string; bytes: number; data_url: string } | null;
  report_footer: string | null;
  updated_at: string | null;
}

export function reportLinks(clientId: string, reportId: string): ReportLinks {
  const base = `/api/reports/${reportId}/download`;
  return { pdf: `${base}?format=pdf`, csv: `${base}?format=csv`, json: `${base}?format=json`, html: `${base}?format=html`, resource: `report://${clientId}/${reportId}` };
}
