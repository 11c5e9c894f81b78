// OWNER: helper B (text renderings). The printable HTML view: one self-contained page (inline
// CSS with @media print, inline SVG charts, the agency's logo as a data URL),
// every user-provided string escaped.
// The charts are handed in (render/chart-svg.ts's reportChartSvgs), so this stays pure text.
//
// Decisions:
// - Every string from the document or the branding goes through esc(); the only raw markup is
//   this file's own. The accent colour is used only after safeAccentColor (exactly #RRGGBB).
// - Charts and the logo are <img> data URLs, not inline <svg>: an SVG inside <img> never runs
//   script or loads anything, whatever it contains. A Content-Security-Policy meta tag forbids
//   scripts and outside requests as a second fence.
// - A missing figure prints "—" or a sentence saying there was no data, never a 0.
import { LOGO_TYPES, type Incident, type Recommendation, type ReportBranding, type ReportDocument } from "../contracts";
import {
  formatChange,
  formatCount,
  formatDuration,
  formatHours,
  formatInstant,
  formatDayOf,
  formatMoney,
  formatMs,
  formatNumber,
  formatPct,
  formatPeriodBounds,
  formatSeconds,
  formatShare,
  NO_FIGURE,
  safeAccentColor,
  textColorOn,
} from "../format";
import type { ReportChartSvgs } from "./chart-svg";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text into HTML (element content and quoted attributes alike). */
export function esc(text: string | number | null | undefined): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const HEALTH_LABEL: Record<string, { label: string; color: string }> = {
  healthy: { label: "Healthy", color: "#15803d" },
  degraded: { label: "Degraded", color: "#b45309" },
  down: { label: "Down", color: "#b91c1c" },
  no_data: { label: "No data", color: "#4b5563" },
};

const CATEGORY_TITLES: Record<Recommendation["category"], string> = {
  performance_optimizations: "Performance optimisations",
  cost_savings_opportunities: "Cost-saving opportunities",
  strategic_initiatives: "Strategic initiatives",
};

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

function logoImg(branding: ReportBranding): string {
  const logo = branding.logo;
  if (!logo || !(LOGO_TYPES as readonly string[]).includes(logo.type) || !/^[A-Za-z0-9+/]+={0,2}$/.test(logo.base64)) return "";
  return `<img class="logo" src="data:${logo.type};base64,${logo.base64}" alt="${esc(branding.agency_name)} logo">`;
}

/** A table of pre-escaped cells; `num` marks right-aligned numeric columns. */
function table(headers: string[], rows: string[][], num: number[] = []): string {
  const th = headers.map((h, i) => `<th${num.includes(i) ? ' class="num"' : ""}>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${num.includes(i) ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function list(items: string[], empty: string): string {
  return items.length === 0 ? `<p class="muted">${esc(empty)}</p>` : `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
}

function figure(label: string, value: string, note?: string): string {
  return `<div class="figure"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div>${note ? `<div class="note">${esc(note)}</div>` : ""}</div>`;
}

function chart(svg: string | null, alt: string, noData: string): string {
  return svg ? `<figure class="chart"><img src="${svgDataUrl(svg)}" alt="${esc(alt)}"></figure>` : `<p class="no-data">${esc(noData)}</p>`;
}

const yesNo = (v: boolean | null) => (v === null ? NO_FIGURE : v ? "Yes" : "No");

function header(doc: ReportDocument, branding: ReportBranding): string {
  const m = doc.report_metadata;
  const zone = m.time_zone;
  return `<header class="cover">
<div class="brand">${logoImg(branding)}<span class="agency">${esc(branding.agency_name || m.agency_name)}</span></div>
<h1>${esc(m.client_name)}</h1>
<p class="subtitle">${esc(`${m.report_type[0]!.toUpperCase()}${m.report_type.slice(1)} report · ${m.period_label}`)}</p>
<dl class="meta">
<dt>Period</dt><dd>${esc(formatPeriodBounds(m.period, zone))}, end exclusive</dd>
<dt>Compared with</dt><dd>${esc(`${m.previous_period.label}: ${formatPeriodBounds(m.previous_period, zone)}`)}</dd>
<dt>SLA target</dt><dd>${esc(formatPct(m.sla_target, 3))}</dd>
<dt>Generated</dt><dd>${esc(`${formatInstant(m.generated_at, zone)} (${zone}) by ${m.generated_by}`)}</dd>
<dt>Version</dt><dd>${esc(m.version)}</dd>
</dl>
</header>`;
}

function summarySection(doc: ReportDocument): string {
  const s = doc.executive_summary;
  const h = HEALTH_LABEL[s.overall_health] ?? HEALTH_LABEL.no_data!;
  const noData = s.overall_health === "no_data";
  return `<section id="executive-summary">
<h2>Executive summary</h2>
<p><span class="badge" style="background:${h.color}">${esc(h.label)}</span> <span class="headline">${esc(s.headline)}</span></p>
<div class="cols">
<div><h3>Key achievements</h3>${list(s.key_achievements, noData ? "No data for this period." : "None to report for this period.")}</div>
<div><h3>Areas for improvement</h3>${list(s.areas_for_improvement, noData ? "No data for this period." : "None found in this period's data.")}</div>
</div>
</section>`;
}

function incidentRow(i: Incident, zone: string): string[] {
  return [
    esc(i.system),
    esc(i.status === "down" ? "Down" : "Degraded"),
    esc(formatInstant(i.started_at, zone)),
    esc(i.ended_at ? formatInstant(i.ended_at, zone) : "Still open at the period's end"),
    esc(formatDuration(i.duration_minutes)),
    esc(i.reason || NO_FIGURE),
    esc(i.during_maintenance_minutes > 0 ? formatDuration(i.during_maintenance_minutes) : NO_FIGURE),
  ];
}

function healthSection(doc: ReportDocument, charts: ReportChartSvgs): string {
  const h = doc.system_health;
  const m = doc.report_metadata;
  const zone = m.time_zone;
  const noData = h.uptime_summary === null;
  const b = h.error_budget;
  const figures = noData
    ? `<p class="no-data">No monitoring data: no system had monitored time in ${esc(m.period_label)}, so there is no uptime, SLA or error budget figure.</p>`
    : `<div class="figures">
${figure("Uptime", formatPct(h.uptime_summary, 3), `target ${formatPct(h.sla_target, 3)}`)}
${figure("SLA met", yesNo(h.sla_met))}
${figure("Error budget used", b && b.used_pct !== null ? formatPct(b.used_pct, 1) : NO_FIGURE, b ? `${formatDuration(b.used_minutes)} of ${formatDuration(b.allowed_minutes)}; ${formatDuration(b.remaining_minutes)} left` : "no data")}
${figure("Incidents", formatCount(h.incidents_total))}
${figure("Mean time to recovery", formatDuration(h.mttr_minutes), h.mttr_minutes === null ? "no incident ended in the period" : undefined)}
</div>`;
  const systems =
    h.systems.length === 0
      ? `<p class="no-data">No systems were monitored in this period (no data).</p>`
      : table(
          ["System", "Uptime", "Target met", "Down / degraded", "Maintenance", "Incidents", "Response avg / p95 (≈)", "Coverage", `Uptime in ${m.previous_period.label}`],
          h.systems.map((s) => [
            esc(s.system),
            esc(formatPct(s.uptime_pct, 3)),
            esc(yesNo(s.sla_met)),
            `${esc(formatDuration(s.down_minutes))}<br>${esc(formatDuration(s.degraded_minutes))}`,
            esc(formatDuration(s.maintenance_minutes)),
            esc(formatCount(s.incidents)),
            `${esc(formatMs(s.avg_response_ms))}<br>${esc(formatMs(s.p95_response_ms, true))}`,
            esc(formatShare(s.coverage)),
            esc(formatPct(s.previous_uptime_pct, 3)),
          ]),
          [1, 3, 4, 5, 6, 7, 8],
        );
  const incidents =
    h.incidents.length === 0
      ? `<p class="${noData ? "no-data" : "muted"}">${noData ? "No data: no incidents could be recorded without monitored time." : `No incidents in ${esc(m.period_label)}.`}</p>`
      : `${table(["System", "Status", `Started (${zone})`, "Ended", "Duration", "Reason", "In maintenance"], h.incidents.map((i) => incidentRow(i, zone)), [4, 6])}${
          h.incidents_total > h.incidents.length ? `<p class="muted">${esc(`${formatCount(h.incidents.length)} of ${formatCount(h.incidents_total)} incidents listed; the figures above count all of them.`)}</p>` : ""
        }`;
  return `<section id="system-health" class="page">
<h2>System health</h2>
${figures}
<h3>Daily uptime</h3>
${chart(charts.uptime, `Daily uptime in ${m.period_label}`, "Uptime chart: no data for this period.")}
<h3>Uptime per system</h3>
${systems}
<h3>Critical issues</h3>
${list(h.critical_issues, noData ? "No data for this period." : "No critical issues.")}
<h3>Highlights</h3>
${list(h.performance_highlights, noData ? "No data for this period." : "None for this period.")}
<h3>Incidents</h3>
${incidents}
</section>`;
}

function performanceSection(doc: ReportDocument, charts: ReportChartSvgs): string {
  const p = doc.performance_metrics;
  const m = doc.report_metadata;
  if (!p.has_data) {
    return `<section id="performance" class="page">
<h2>Performance</h2>
<p class="no-data">No automation metrics were reported in ${esc(m.period_label)} (no data): automation volume, success rate, ROI and efficiency are not shown rather than shown as zeros.</p>
${chart(null, "", "Automation chart: no data for this period.")}
</section>`;
  }
  const a = p.automation_summary;
  const r = p.roi_analysis;
  const e = p.efficiency_gains;
  const cur = r.currency;
  const prev = a.previous;
  const automationRows = [
    ["Automations", formatCount(a.total_automations), formatCount(prev?.total_automations ?? null), formatChange(a.volume_change_pct, "%", 1)],
    ["Successful", formatCount(a.successful_automations), formatCount(prev?.successful_automations ?? null), ""],
    ["Failed", formatCount(a.failed_automations), formatCount(prev?.failed_automations ?? null), ""],
    ["Success rate", formatPct(a.success_rate), formatPct(prev?.success_rate ?? null), formatChange(a.success_rate_change, "points")],
    ["Average processing time", formatSeconds(a.avg_processing_time), formatSeconds(prev?.avg_processing_time ?? null), formatChange(a.processing_time_change_pct, "%", 1)],
  ].map((row) => row.map((c) => esc(c)));
  const roiRows = [
    ["Cost savings", formatMoney(r.cost_savings.amount, cur), formatMoney(r.previous_cost_savings?.amount ?? null, cur), formatChange(r.cost_savings_change_pct, "%", 1)],
    ["Time saved", formatHours(r.time_saved_hours), "", ""],
    [`Labour value (at ${formatMoney(r.hourly_rate, cur)} an hour)`, formatMoney(r.labor_cost_savings.amount, cur), "", ""],
    ["Total value", formatMoney(r.total_value.amount, cur), "", ""],
  ].map((row) => row.map((c) => esc(c)));
  const systems = table(
    ["System", "Automations", "Successful", "Failed", "Success rate", "Avg time", "Cost savings", "Time saved", "Metrics coverage"],
    p.systems.map((s) => [s.system, formatCount(s.total_automations), formatCount(s.successful_automations), formatCount(s.failed_automations), formatPct(s.success_rate), formatSeconds(s.avg_processing_time), formatMoney(s.cost_savings.amount, cur), formatHours(s.time_saved_hours), formatShare(s.covered_share)].map((c) => esc(c))),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  return `<section id="performance" class="page">
<h2>Performance</h2>
<p class="muted">Direction against ${esc(m.previous_period.label)}: <strong>${esc(a.performance_direction)}</strong>.</p>
<h3>Automation summary</h3>
${table(["", m.period_label, m.previous_period.label, "Change"], automationRows, [1, 2, 3])}
<h3>Daily automations</h3>
${chart(charts.automations, `Automations per day in ${m.period_label}`, "Automation chart: no data for this period.")}
<h3>ROI analysis</h3>
${table(["", m.period_label, m.previous_period.label, "Change"], roiRows, [1, 2, 3])}
<h3>Efficiency gains</h3>
<div class="figures">
${figure("Efficiency", formatPct(e.efficiency_improvement), e.previous_efficiency_improvement !== null ? `previous ${formatPct(e.previous_efficiency_improvement)}` : undefined)}
${figure("Automations per day", formatNumber(e.automations_per_day, 1))}
${figure("Hours saved per day", formatHours(e.hours_saved_per_day))}
</div>
<h3>Per system</h3>
${systems}
</section>`;
}

function recommendationsSection(doc: ReportDocument): string {
  const r = doc.recommendations;
  if (!r.included) {
    return `<section id="recommendations"><h2>Recommendations</h2><p class="muted">${esc(r.note ?? "Recommendations were not requested for this report.")}</p></section>`;
  }
  const cats = (["performance_optimizations", "cost_savings_opportunities", "strategic_initiatives"] as const)
    .filter((c) => r[c].length > 0)
    .map(
      (c) =>
        `<h3>${esc(CATEGORY_TITLES[c])}</h3><ol class="recs">${r[c]
          .map((x) => `<li><span class="prio prio-${esc(x.priority)}">${esc(x.priority)}</span> <strong>${esc(x.title)}</strong><p>${esc(x.detail)}</p><p class="rule">Rule: ${esc(x.rule)}</p></li>`)
          .join("")}</ol>`,
    )
    .join("\n");
  return `<section id="recommendations"><h2>Recommendations</h2>${r.note ? `<p class="muted">${esc(r.note)}</p>` : ""}${cats}</section>`;
}

function methodologySection(doc: ReportDocument): string {
  const md = doc.methodology;
  const zone = doc.report_metadata.time_zone;
  const windows =
    md.maintenance.windows.length === 0
      ? ""
      : table(["Maintenance window", `Start (${zone})`, "End", "Excluded"], md.maintenance.windows.map((w) => [esc(w.title), esc(formatInstant(w.start, zone)), esc(formatInstant(w.end, zone)), esc(formatDuration(w.minutes))]), [3]);
  const range = (from: string | null, to: string | null) => (from && to ? `${formatInstant(from, zone)} – ${formatInstant(to, zone)}` : "no data");
  const coverage =
    md.coverage.length === 0
      ? `<p class="no-data">No system reported in this period (no data).</p>`
      : table(
          ["System", "Health coverage", "Health reported", "Metrics coverage", "Metrics reported"],
          md.coverage.map((c) => [esc(c.system), esc(formatShare(c.health_coverage)), esc(range(c.health_from, c.health_to)), esc(formatShare(c.metrics_coverage)), esc(range(c.metrics_from, c.metrics_to))]),
          [1, 3],
        );
  return `<section id="methodology" class="page">
<h2>Methodology</h2>
<p>${esc(md.uptime)}</p>
<p>${esc(md.success_rate)}</p>
<p>${esc(md.response_time)}</p>
<h3>Maintenance</h3>
<p>${esc(md.maintenance.text)}</p>
${windows}
<h3>Coverage</h3>
${coverage}
${md.notes.length > 0 ? `<h3>Notes</h3>${list(md.notes, "")}` : ""}
<p class="muted">Times are in ${esc(zone)}. Figures marked ≈ are approximate; "${NO_FIGURE}" means no data.</p>
</section>`;
}

function css(accent: string): string {
  const onAccent = textColorOn(accent);
  return `
*{box-sizing:border-box}
body{margin:0;background:#f3f4f6;color:#111827;font:14px/1.5 "DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.report{max-width:210mm;margin:24px auto;background:#fff;padding:18mm 16mm;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.cover{border-top:8px solid ${accent};padding-top:12px;margin-bottom:24px}
.brand{display:flex;align-items:center;gap:12px;margin-bottom:16px}
.logo{max-height:48px;max-width:180px}
.agency{font-weight:700;font-size:16px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:20px;margin:28px 0 12px;padding-bottom:4px;border-bottom:3px solid ${accent}}
h3{font-size:15px;margin:18px 0 8px}
.subtitle{font-size:16px;margin:0 0 12px;color:#374151}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;font-size:13px}
.meta dt{color:#4b5563}.meta dd{margin:0}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;color:#fff;font-weight:700;font-size:12px;vertical-align:middle}
.headline{font-size:16px;font-weight:600}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.figures{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.figure{flex:1 1 140px;border:1px solid #e5e7eb;border-left:4px solid ${accent};padding:8px 10px;border-radius:4px}
.figure .label{font-size:12px;color:#4b5563}.figure .value{font-size:20px;font-weight:700}.figure .note{font-size:12px;color:#4b5563}
table{width:100%;border-collapse:collapse;margin:6px 0 10px;font-size:12px}
th{background:${accent};color:${onAccent};text-align:left;padding:5px 6px;font-weight:600}
td{padding:4px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top;overflow-wrap:break-word}
td:first-child{overflow-wrap:anywhere}
th.num{text-align:right}td.num{text-align:right;white-space:nowrap}
.chart{margin:8px 0}.chart img{width:100%;height:auto}
.no-data{padding:10px 12px;background:#f9fafb;border:1px dashed #9ca3af;border-radius:4px;color:#374151}
.muted{color:#4b5563}
.recs{padding-left:20px}.recs li{margin-bottom:10px}.recs p{margin:2px 0}.rule{font-size:11px;color:#6b7280}
.prio{display:inline-block;padding:0 6px;border-radius:4px;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff}
.prio-high{background:#b91c1c}.prio-medium{background:#b45309}.prio-low{background:#4b5563}
footer{margin-top:32px;padding-top:8px;border-top:1px solid #e5e7eb;font-size:12px;color:#4b5563}
@media (max-width:700px){.report{margin:0;padding:16px}.cols{grid-template-columns:1fr}table{font-size:11px}}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .report{max-width:none;margin:0;padding:0;box-shadow:none}
  section.page{break-before:page}
  h2,h3{break-after:avoid}
  tr,figure,.figure,.recs li{break-inside:avoid}
  thead{display:table-header-group}
}`;
}

export function renderReportHtml(doc: ReportDocument, branding: ReportBranding, charts: ReportChartSvgs): string {
  const m = doc.report_metadata;
  const accent = safeAccentColor(branding.accent_color);
  const agency = branding.agency_name || m.agency_name;
  const footer = branding.footer ? `<p>${esc(branding.footer)}</p>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${esc(`${m.client_name} · ${m.period_label} report · ${agency}`)}</title>
<style>${css(accent)}</style>
</head>
<body>
<main class="report">
${header(doc, branding)}
${summarySection(doc)}
${healthSection(doc, charts)}
${performanceSection(doc, charts)}
${recommendationsSection(doc)}
${methodologySection(doc)}
<footer>${footer}<p>${esc(`Prepared by ${agency} for ${m.client_name} · report ${m.report_id} v${m.version} · ${formatDayOf(m.generated_at, m.time_zone)}`)}</p></footer>
</main>
</body>
</html>
`;
}
