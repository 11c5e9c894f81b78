// OWNER: helper B (text renderings). CSV of each tabular section: the whole file is the sections
// one after another (a title row, a header row, the rows, a blank row); `section` picks one
// table alone (a plain CSV with one header row).
//
// Decisions:
// - RFC 4180: CRLF line ends; a cell holding a comma, a quote, CR or LF is quoted, quotes doubled.
// - Formula injection: a text cell starting with = + - @ (or a tab / CR, which Excel also
//   strips) gets a leading apostrophe, so a system named "=HYPERLINK(…)" shows as text in a
//   spreadsheet. Numbers are written as numbers (−8.7 stays -8.7): only text is guarded.
// - A UTF-8 BOM first: without it Excel reads a CSV as Windows-1252 and mangles "✓", "€" and
//   accented names; every CSV library we care about skips it.
// - Raw values for machines: percentages as 0–100 numbers, minutes, ISO instants, money as the
//   amount in `currency`; a missing figure is an empty cell (never 0), as in the JSON.
import type { ReportDocument } from "../contracts";

export const REPORT_CSV_SECTIONS = ["summary", "systems", "incidents", "daily_uptime", "automations", "daily_automations", "recommendations", "maintenance", "coverage"] as const;
export type ReportCsvSection = (typeof REPORT_CSV_SECTIONS)[number];

type Cell = string | number | boolean | null | undefined;

interface Table {
  title: string;
  header: string[];
  rows: Cell[][];
}

const BOM = "\uFEFF";
const EOL = "\r\n";

/** One cell: numbers as numbers, text guarded against formulas and quoted when needed. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Cell[]) => cells.map(csvCell).join(",") + EOL;

function tables(doc: ReportDocument): Record<ReportCsvSection, Table> {
  const m = doc.report_metadata;
  const h = doc.system_health;
  const p = doc.performance_metrics;
  const a = p.automation_summary;
  const r = p.roi_analysis;
  const e = p.efficiency_gains;
  const b = h.error_budget;
  // Without metrics the automation figures are unknown, not 0: leave the cells empty.
  const metric = (v: Cell): Cell => (p.has_data ? v : null);

  const summary: Cell[][] = [
    ["client", m.client_name, ""],
    ["client_id", m.client_id, ""],
    ["report_type", m.report_type, ""],
    ["period", m.period_label, ""],
    ["period_start", m.period.start, "ISO 8601 (inclusive)"],
    ["period_end", m.period.end, "ISO 8601 (exclusive)"],
    ["time_zone", m.time_zone, ""],
    ["previous_period", m.previous_period.label, ""],
    ["generated_at", m.generated_at, "ISO 8601"],
    ["generated_by", m.generated_by, ""],
    ["version", m.version, ""],
    ["agency", m.agency_name, ""],
    ["overall_health", doc.executive_summary.overall_health, ""],
    ["headline", doc.executive_summary.headline, ""],
    ["sla_target", h.sla_target, "%"],
    ["uptime", h.uptime_summary, "%"],
    ["sla_met", h.sla_met, ""],
    ["error_budget_allowed", b?.allowed_minutes, "min"],
    ["error_budget_used", b?.used_minutes, "min"],
    ["error_budget_remaining", b?.remaining_minutes, "min"],
    ["error_budget_used_pct", b?.used_pct, "%"],
    ["incidents", h.incidents_total, ""],
    ["mttr", h.mttr_minutes, "min"],
    ["metrics_reported", p.has_data, ""],
    ["total_automations", metric(a.total_automations), ""],
    ["successful_automations", metric(a.successful_automations), ""],
    ["failed_automations", metric(a.failed_automations), ""],
    ["success_rate", metric(a.success_rate), "%"],
    ["avg_processing_time", metric(a.avg_processing_time), "s"],
    ["previous_total_automations", metric(a.previous?.total_automations), ""],
    ["previous_success_rate", metric(a.previous?.success_rate), "%"],
    ["volume_change", metric(a.volume_change_pct), "%"],
    ["success_rate_change", metric(a.success_rate_change), "points"],
    ["processing_time_change", metric(a.processing_time_change_pct), "%"],
    ["performance_direction", metric(a.performance_direction), ""],
    ["cost_savings", metric(r.cost_savings.amount), r.currency],
    ["previous_cost_savings", metric(r.previous_cost_savings?.amount), r.currency],
    ["cost_savings_change", metric(r.cost_savings_change_pct), "%"],
    ["time_saved", metric(r.time_saved_hours), "h"],
    ["hourly_rate", r.hourly_rate, r.currency],
    ["labour_value", metric(r.labor_cost_savings.amount), r.currency],
    ["total_value", metric(r.total_value.amount), r.currency],
    ["efficiency_improvement", metric(e.efficiency_improvement), "%"],
    ["automations_per_day", metric(e.automations_per_day), ""],
    ["hours_saved_per_day", metric(e.hours_saved_per_day), "h"],
  ];

  const recs = doc.recommendations.included ? [...doc.recommendations.performance_optimizations, ...doc.recommendations.cost_savings_opportunities, ...doc.recommendations.strategic_initiatives] : [];

  return {
    summary: { title: "Summary", header: ["field", "value", "unit"], rows: summary },
    systems: {
      title: "Uptime per system",
      header: ["system", "uptime_pct", "sla_target_pct", "sla_met", "monitored_minutes", "down_minutes", "degraded_minutes", "maintenance_minutes", "coverage", "monitored_from", "monitored_to", "incidents", "avg_response_ms", "p95_response_ms_approx", "previous_uptime_pct"],
      rows: h.systems.map((s) => [s.system, s.uptime_pct, h.sla_target, s.sla_met, s.monitored_minutes, s.down_minutes, s.degraded_minutes, s.maintenance_minutes, s.coverage, s.monitored_from, s.monitored_to, s.incidents, s.avg_response_ms, s.p95_response_ms, s.previous_uptime_pct]),
    },
    incidents: {
      title: h.incidents_total > h.incidents.length ? `Incidents (${h.incidents.length} of ${h.incidents_total} listed)` : "Incidents",
      header: ["system", "status", "started_at", "ended_at", "duration_minutes", "reason", "during_maintenance_minutes"],
      rows: h.incidents.map((i) => [i.system, i.status, i.started_at, i.ended_at, i.duration_minutes, i.reason, i.during_maintenance_minutes]),
    },
    daily_uptime: { title: "Daily uptime", header: ["date", "uptime_pct"], rows: h.daily_uptime.map((d) => [d.date, d.uptime_pct]) },
    automations: {
      title: "Automations per system",
      header: ["system", "total_automations", "successful_automations", "failed_automations", "success_rate", "avg_processing_time_s", "cost_savings", "currency", "time_saved_hours", "covered_share"],
      rows: p.has_data ? p.systems.map((s) => [s.system, s.total_automations, s.successful_automations, s.failed_automations, s.success_rate, s.avg_processing_time, s.cost_savings.amount, r.currency, s.time_saved_hours, s.covered_share]) : [],
    },
    daily_automations: {
      title: "Daily automations",
      header: ["date", "total", "successful", "failed"],
      rows: p.has_data ? p.daily_automations.map((d) => [d.date, d.total, d.successful, d.failed]) : [],
    },
    recommendations: {
      title: "Recommendations",
      header: ["category", "priority", "rule", "title", "detail", "evidence"],
      rows: recs.map((x) => [x.category, x.priority, x.rule, x.title, x.detail, JSON.stringify(x.evidence)]),
    },
    maintenance: {
      title: "Maintenance excluded",
      header: ["title", "start", "end", "minutes"],
      rows: doc.methodology.maintenance.windows.map((w) => [w.title, w.start, w.end, w.minutes]),
    },
    coverage: {
      title: "Coverage",
      header: ["system", "health_coverage", "health_from", "health_to", "metrics_coverage", "metrics_from", "metrics_to"],
      rows: doc.methodology.coverage.map((c) => [c.system, c.health_coverage, c.health_from, c.health_to, c.metrics_coverage, c.metrics_from, c.metrics_to]),
    },
  };
}

export function renderReportCsv(doc: ReportDocument, section?: ReportCsvSection): string {
  const all = tables(doc);
  if (section) {
    const t = all[section];
    // The edges validate `section` against REPORT_CSV_SECTIONS; this only guards a caller that did not.
    if (!t) throw new RangeError(`unknown CSV section: ${String(section)}`);
    return BOM + line(t.header) + t.rows.map(line).join("");
  }
  return BOM + REPORT_CSV_SECTIONS.map((s) => {
    const t = all[s];
    return line([t.title]) + line(t.header) + t.rows.map(line).join("") + EOL;
  }).join("");
}
