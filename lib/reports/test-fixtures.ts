// Hand-built ReportDocuments for tests of the parts that only read one (renderers, rules, edges):
// a busy month with incidents, maintenance and metrics, and an empty one (no data at all). The
// numbers agree with each other (uptime = 1 − down / monitored, error budget, sums), so a renderer
// test can look for them in its output. Override any part with the `patch` argument.
import type { ReportBranding, ReportDocument } from "./contracts";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | T[K] : T[K] };

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const b = (base as Record<string, unknown>)[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b) ? merge(b, v as DeepPartial<typeof b>) : v;
  }
  return out as T;
}

const MONTH_MINUTES = 31 * 24 * 60; // October 2026: 44,640 minutes

/** ACME's October 2026 (UTC): 3 systems, one 90-minute outage, a 2-hour maintenance window, metrics from 2 systems. */
export function sampleReportDocument(patch?: DeepPartial<ReportDocument>): ReportDocument {
  const days = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, "0")}`);
  const doc: ReportDocument = {
    report_metadata: {
      report_id: "00000000-0000-4000-8000-000000000001",
      version: 1,
      client_id: "acme",
      client_name: "Acme Logistics",
      report_type: "monthly",
      period_label: "October 2026",
      period: { start: "2026-10-01T00:00:00.000Z", end: "2026-11-01T00:00:00.000Z", label: "October 2026", hours: 744 },
      previous_period: { start: "2026-09-01T00:00:00.000Z", end: "2026-10-01T00:00:00.000Z", label: "September 2026", hours: 720 },
      time_zone: "UTC",
      generated_at: "2026-11-02T09:00:00.000Z",
      generated_by: "ada@agency.test",
      include_recommendations: true,
      sla_target: 99.5,
      currency: "EUR",
      agency_name: "Northwind Automation",
      format_version: 1,
    },
    executive_summary: {
      overall_health: "degraded",
      headline: "2 of 3 systems met the 99.5 % target in October 2026; Invoice sync was down for 1 h 30 min.",
      key_achievements: ["12,400 automations ran at a 97.58 % success rate (up 1.2 points on September).", "€ 18,250.40 saved, 9.6 % more than in September."],
      areas_for_improvement: ["Invoice sync: 99.798 % uptime against the 99.5 % target after a 90-minute outage on 14 October."],
    },
    system_health: {
      uptime_summary: 99.933,
      sla_target: 99.5,
      sla_met: true,
      error_budget: { allowed_minutes: 669, used_minutes: 90, remaining_minutes: 579, used_pct: 13.45 },
      systems: [
        {
          system: "Invoice sync",
          uptime_pct: 99.798,
          sla_met: true,
          monitored_minutes: MONTH_MINUTES - 120,
          down_minutes: 90,
          degraded_minutes: 0,
          maintenance_minutes: 120,
          coverage: 1,
          monitored_from: "2026-10-01T00:00:00.000Z",
          monitored_to: "2026-11-01T00:00:00.000Z",
          incidents: 1,
          avg_response_ms: 412,
          p95_response_ms: 980,
          previous_uptime_pct: 100,
        },
        {
          system: "CRM bridge",
          uptime_pct: 100,
          sla_met: true,
          monitored_minutes: MONTH_MINUTES - 120,
          down_minutes: 0,
          degraded_minutes: 45,
          maintenance_minutes: 120,
          coverage: 1,
          monitored_from: "2026-10-01T00:00:00.000Z",
          monitored_to: "2026-11-01T00:00:00.000Z",
          incidents: 1,
          avg_response_ms: 2210,
          p95_response_ms: 3400,
          previous_uptime_pct: 99.9,
        },
        {
          system: "Email parser ✓",
          uptime_pct: 100,
          sla_met: true,
          monitored_minutes: MONTH_MINUTES - 120,
          down_minutes: 0,
          degraded_minutes: 0,
          maintenance_minutes: 120,
          coverage: 1,
          monitored_from: "2026-10-01T00:00:00.000Z",
          monitored_to: "2026-11-01T00:00:00.000Z",
          incidents: 0,
          avg_response_ms: 180,
          p95_response_ms: 240,
          previous_uptime_pct: null,
        },
      ],
      incidents: [
        { system: "Invoice sync", status: "down", started_at: "2026-10-14T08:00:00.000Z", ended_at: "2026-10-14T09:30:00.000Z", duration_minutes: 90, reason: "HTTP 503 from /health", during_maintenance_minutes: 0 },
        { system: "CRM bridge", status: "degraded", started_at: "2026-10-20T12:00:00.000Z", ended_at: "2026-10-20T12:45:00.000Z", duration_minutes: 45, reason: "slow: 3,400 ms over the 2,000 ms threshold", during_maintenance_minutes: 0 },
      ],
      incidents_total: 2,
      mttr_minutes: 67.5,
      critical_issues: ["Invoice sync was down for 1 h 30 min on 14 Oct (HTTP 503 from /health)."],
      performance_highlights: ["Email parser ✓ answered in ≈ 240 ms (p95) all month."],
      daily_uptime: days.map((date) => ({ date, uptime_pct: date === "2026-10-14" ? 97.917 : 100 })),
    },
    performance_metrics: {
      has_data: true,
      automation_summary: {
        total_automations: 12400,
        successful_automations: 12100,
        failed_automations: 300,
        success_rate: 97.58,
        avg_processing_time: 4.2,
        previous: { total_automations: 11000, successful_automations: 10600, failed_automations: 400, success_rate: 96.36, avg_processing_time: 4.6 },
        volume_change_pct: 12.73,
        success_rate_change: 1.22,
        processing_time_change_pct: -8.7,
        performance_direction: "improving",
      },
      roi_analysis: {
        currency: "EUR",
        cost_savings: { cents: 1825040, amount: 18250.4 },
        previous_cost_savings: { cents: 1665000, amount: 16650 },
        cost_savings_change_pct: 9.61,
        time_saved_hours: 310.5,
        hourly_rate: 25,
        labor_cost_savings: { cents: 776250, amount: 7762.5 },
        total_value: { cents: 2601290, amount: 26012.9 },
      },
      efficiency_gains: { efficiency_improvement: 95.55, previous_efficiency_improvement: 94.1, automations_per_day: 400, hours_saved_per_day: 10.02 },
      systems: [
        { system: "Invoice sync", total_automations: 8000, successful_automations: 7800, failed_automations: 200, success_rate: 97.5, avg_processing_time: 3.9, cost_savings: { cents: 1200000, amount: 12000 }, time_saved_hours: 200, covered_share: 1 },
        { system: "CRM bridge", total_automations: 4400, successful_automations: 4300, failed_automations: 100, success_rate: 97.73, avg_processing_time: 4.75, cost_savings: { cents: 625040, amount: 6250.4 }, time_saved_hours: 110.5, covered_share: 0.5 },
      ],
      daily_automations: days.map((date, i) => ({ date, total: 400, successful: i === 13 ? 380 : 390, failed: i === 13 ? 20 : 10 })),
      coverage: [
        { system: "Invoice sync", covered_share: 1, first_covered: "2026-10-01T00:00:00.000Z", last_covered: "2026-11-01T00:00:00.000Z" },
        { system: "CRM bridge", covered_share: 0.5, first_covered: "2026-10-16T12:00:00.000Z", last_covered: "2026-11-01T00:00:00.000Z" },
        { system: "Email parser ✓", covered_share: 0, first_covered: null, last_covered: null },
      ],
    },
    recommendations: {
      included: true,
      performance_optimizations: [
        {
          rule: "slow_p95",
          category: "performance_optimizations",
          priority: "medium",
          title: "Speed up CRM bridge",
          detail: "CRM bridge's p95 response time was ≈ 3,400 ms, over its 2,000 ms degraded threshold.",
          evidence: { system: "CRM bridge", p95_response_ms: 3400, degraded_threshold_ms: 2000 },
        },
      ],
      cost_savings_opportunities: [],
      strategic_initiatives: [],
      note: null,
    },
    methodology: {
      uptime: "Uptime is the share of monitored time a system was up (healthy or degraded), outside maintenance windows.",
      success_rate: "Success rate is successful automations divided by all automations the systems reported.",
      response_time: "p95 response times are approximate (≈), read from hourly histograms.",
      maintenance: {
        excluded_minutes: 360,
        windows: [{ title: "Database upgrade", start: "2026-10-04T02:00:00.000Z", end: "2026-10-04T04:00:00.000Z", minutes: 120 }],
        text: "1 maintenance window (2 h) was excluded from uptime and the SLA.",
      },
      coverage: [
        { system: "Invoice sync", health_coverage: 1, health_from: "2026-10-01T00:00:00.000Z", health_to: "2026-11-01T00:00:00.000Z", metrics_coverage: 1, metrics_from: "2026-10-01T00:00:00.000Z", metrics_to: "2026-11-01T00:00:00.000Z" },
        { system: "CRM bridge", health_coverage: 1, health_from: "2026-10-01T00:00:00.000Z", health_to: "2026-11-01T00:00:00.000Z", metrics_coverage: 0.5, metrics_from: "2026-10-16T12:00:00.000Z", metrics_to: "2026-11-01T00:00:00.000Z" },
        { system: "Email parser ✓", health_coverage: 1, health_from: "2026-10-01T00:00:00.000Z", health_to: "2026-11-01T00:00:00.000Z", metrics_coverage: 0, metrics_from: null, metrics_to: null },
      ],
      notes: ["CRM bridge reported metrics from 16 Oct 12:00 only: its automation figures cover half the month."],
    },
  };
  return merge(doc, patch);
}

/** A client with no monitored time and no metrics in the period: every section says so. */
export function emptyReportDocument(): ReportDocument {
  const full = sampleReportDocument();
  return {
    ...full,
    executive_summary: { overall_health: "no_data", headline: "No monitoring data was recorded for Acme Logistics in October 2026.", key_achievements: [], areas_for_improvement: [] },
    system_health: {
      ...full.system_health,
      uptime_summary: null,
      sla_met: null,
      error_budget: null,
      systems: [],
      incidents: [],
      incidents_total: 0,
      mttr_minutes: null,
      critical_issues: [],
      performance_highlights: [],
      daily_uptime: full.system_health.daily_uptime.map((d) => ({ date: d.date, uptime_pct: null })),
    },
    performance_metrics: {
      ...full.performance_metrics,
      has_data: false,
      automation_summary: {
        total_automations: 0,
        successful_automations: 0,
        failed_automations: 0,
        success_rate: null,
        avg_processing_time: null,
        previous: null,
        volume_change_pct: null,
        success_rate_change: null,
        processing_time_change_pct: null,
        performance_direction: "stable",
      },
      roi_analysis: { ...full.performance_metrics.roi_analysis, cost_savings: { cents: 0, amount: 0 }, previous_cost_savings: null, cost_savings_change_pct: null, time_saved_hours: 0, labor_cost_savings: { cents: 0, amount: 0 }, total_value: { cents: 0, amount: 0 } },
      efficiency_gains: { efficiency_improvement: null, previous_efficiency_improvement: null, automations_per_day: null, hours_saved_per_day: null },
      systems: [],
      daily_automations: [],
      coverage: [],
    },
    recommendations: { included: true, performance_optimizations: [], cost_savings_opportunities: [], strategic_initiatives: [], note: "No recommendation rule fired: there was no data in this period to base one on." },
    methodology: { ...full.methodology, maintenance: { excluded_minutes: 0, windows: [], text: "No maintenance windows fell in this period." }, coverage: [], notes: ["No system reported in this period."] },
  };
}

export const sampleBranding: ReportBranding = { agency_name: "Northwind Automation", accent_color: "#0f766e", logo: null, footer: "Northwind Automation · hello@northwind.test" };
