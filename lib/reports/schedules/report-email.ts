// A scheduled report's email, built at send time from the STORED report (its frozen document and
// branding), never recomputed: subject "<Client> — <period label> <type> report", an HTML part
// (inline styles, user text escaped) and a text part with the same content, branded with the
// agency's name, and the PDF rendered from the stored document attached.
import type { ReportEmailBuilder } from "@/lib/alerts/delivery/deliver";
import { escapeHtml, oneLine } from "@/lib/alerts/delivery/escape";
import type { RenderedEmail } from "@/lib/alerts/delivery/render-email";
import type { ReportBranding, ReportDocument } from "../contracts";
import { reportFilename } from "../filename";
import { renderReportPdf } from "../render/pdf";
import { DEFAULT_BRANDING } from "../branding/agency-settings";
import { formatCount, formatHours, formatMoney, formatPct, safeAccentColor } from "../format";

const HEALTH_WORDS: Record<string, string> = { healthy: "Healthy", degraded: "Degraded", down: "Down", no_data: "No data" };

/** The lines of the email body, shared by the HTML and the text part (label, value). */
export function reportEmailFacts(doc: ReportDocument): { label: string; value: string }[] {
  const meta = doc.report_metadata;
  const health = doc.system_health;
  const perf = doc.performance_metrics;
  const rows: { label: string; value: string }[] = [{ label: "Overall health", value: HEALTH_WORDS[doc.executive_summary.overall_health] ?? doc.executive_summary.overall_health }];
  rows.push({
    label: "Uptime",
    value:
      health.uptime_summary === null
        ? `no monitoring data in this period (target ${health.sla_target} %)`
        : `${formatPct(health.uptime_summary, 3)} against a ${formatPct(health.sla_target, 3)} target (${health.sla_met ? "met" : "missed"})`,
  });
  if (!perf.has_data) rows.push({ label: "Automations", value: "no automation metrics were reported in this period" });
  else {
    const a = perf.automation_summary;
    rows.push({ label: "Automations", value: `${formatCount(a.total_automations)} run${a.success_rate === null ? "" : `, ${formatPct(a.success_rate, 2)} successful`}` });
    rows.push({ label: "Savings", value: `${formatMoney(perf.roi_analysis.cost_savings.amount, meta.currency)} saved, ${formatHours(perf.roi_analysis.time_saved_hours)} of work` });
  }
  return rows;
}

export function renderReportEmail(doc: ReportDocument, branding: ReportBranding, filename: string): RenderedEmail {
  const meta = doc.report_metadata;
  const agency = branding.agency_name || DEFAULT_BRANDING.agency_name;
  const accent = safeAccentColor(branding.accent_color);
  const subject = oneLine(`${meta.client_name} — ${meta.period_label} ${meta.report_type} report`, 200);
  const facts = reportEmailFacts(doc);
  const attached = `The full report is attached as a PDF (${filename}).`;
  const footer = branding.footer ? oneLine(branding.footer, 200) : null;
  const text = [
    `${meta.client_name}: ${meta.period_label} ${meta.report_type} report`,
    "",
    doc.executive_summary.headline,
    "",
    ...facts.map((f) => `${f.label}: ${f.value}`),
    "",
    attached,
    "",
    `— ${agency}${footer ? ` · ${footer}` : ""}`,
  ].join("\n");
  const rows = facts
    .map((f) => `<tr><td style="padding:6px 12px 6px 0;color:#6b7280;white-space:nowrap">${escapeHtml(f.label)}</td><td style="padding:6px 0">${escapeHtml(f.value)}</td></tr>`)
    .join("\n");
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#111827;background:#ffffff">
<div style="max-width:640px">
<p style="margin:0 0 4px;color:${accent};font-weight:600">${escapeHtml(agency)}</p>
<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(meta.client_name)}: ${escapeHtml(meta.period_label)} ${escapeHtml(meta.report_type)} report</h1>
<p style="margin:0 0 12px">${escapeHtml(doc.executive_summary.headline)}</p>
<table style="border-collapse:collapse;margin:0 0 12px">${rows}</table>
<p style="margin:0 0 12px">${escapeHtml(attached)}</p>
<p style="color:#6b7280;font-size:12px;border-top:1px solid #e5e7eb;padding-top:8px">${escapeHtml(agency)}${footer ? ` · ${escapeHtml(footer)}` : ""}</p>
</div>
</body></html>`;
  return { subject, html, text };
}

/** The builder the delivery worker calls for kind "report" (see ReportEmailBuilder). */
export const buildReportEmail: ReportEmailBuilder = async (db, reportId) => {
  const report = await db.report.findUnique({ where: { id: reportId }, select: { data: true, branding: true } });
  if (!report) return null;
  const doc = report.data as unknown as ReportDocument;
  const branding = { ...DEFAULT_BRANDING, ...((report.branding ?? {}) as Partial<ReportBranding>) };
  const filename = reportFilename(doc.report_metadata, "pdf");
  const pdf = await renderReportPdf(doc, branding);
  return { email: renderReportEmail(doc, branding, filename), attachments: [{ filename, content: pdf, contentType: "application/pdf" }] };
};
