// OWNER: helper C (PDF). The PDF: cover (agency name and logo, client, period), the sections,
// tables with repeated headers, the uptime and automation-volume charts as vectors, page numbers;
// pdfkit + svg-to-pdfkit with embedded DejaVu Sans. Deterministic for a stored report: the
// document's dates come from report_metadata.generated_at (pdfkit's file ID is an MD5 of the info
// dictionary, so fixed dates give a fixed ID), nothing reads the clock or the server's zone.
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import type { Incident, OverallHealth, Recommendation, ReportBranding, ReportDocument } from "../contracts";
import { reportChartSvgs } from "./chart-svg";
import { reportFontFaces } from "./fonts";
import {
  formatChange,
  formatCount,
  formatDayOf,
  formatDuration,
  formatHours,
  formatInstant,
  formatMoney,
  formatMs,
  formatPct,
  formatSeconds,
  formatShare,
  safeAccentColor,
} from "../format";

const FONT = "DejaVu Sans";
const BOLD = "DejaVu Sans-Bold";

// A4 in points; the footer and running header live in the margins.
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const M = { top: 66, bottom: 62, left: 50, right: 50 };
const W = PAGE_W - M.left - M.right;
const BOTTOM = PAGE_H - M.bottom;
const CHART_H = 210;

const INK = "#18181b";
const TEXT = "#27272a";
const MUTED = "#71717a";
const LINE = "#e4e4e7";
const FILL = "#f4f4f5";
const TONE = { healthy: "#059669", degraded: "#d97706", down: "#e11d48", no_data: "#71717a" } as const satisfies Record<OverallHealth, string>;
const HEALTH_LABEL: Record<OverallHealth, string> = { healthy: "Healthy", degraded: "Degraded", down: "Down", no_data: "No data" };
const TYPE_LABEL: Record<string, string> = { daily: "Daily report", weekly: "Weekly report", monthly: "Monthly report", quarterly: "Quarterly report", custom: "Report" };
/** Longest text drawn in one table cell: one row never outgrows a page. */
const MAX_CELL_CHARS = 600;
const noCoverageText = "No system reported in this period.";

export interface Column {
  header: string;
  /** Share of the content width; the shares are normalised. */
  width: number;
  align?: "left" | "right" | "center";
}

export async function renderReportPdf(doc: ReportDocument, branding: ReportBranding): Promise<Buffer> {
  const meta = doc.report_metadata;
  const fonts = reportFontFaces();
  const generated = validDate(meta.generated_at);
  const pdf = new PDFDocument({
    size: "A4",
    margins: M,
    bufferPages: true,
    autoFirstPage: false,
    // No default font: pdfkit's is Helvetica (a standard font, WinAnsi only, and embedded as
    // soon as it is opened). Not the DejaVu bytes either: a second font of the same name makes
    // pdfkit re-parse the TTF on every font switch. DejaVu is registered and selected below.
    font: null as unknown as string,
    info: {
      Title: `${meta.client_name}: ${TYPE_LABEL[meta.report_type] ?? "Report"}, ${meta.period_label}`,
      Author: branding.agency_name,
      Subject: `Client report ${meta.report_id} v${meta.version}`,
      Creator: "ClientPulse",
      Producer: "ClientPulse",
      CreationDate: generated,
      ModDate: generated,
    },
  });
  // Parsed fontkit fonts (shared across documents), not bytes: see reportFontFaces.
  pdf.registerFont(FONT, fonts.regular as unknown as Buffer);
  pdf.registerFont(BOLD, fonts.bold as unknown as Buffer);
  pdf.font(FONT);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const w = new Writer(pdf, doc, branding);
  const charts = reportChartSvgs(doc, { width: Math.round(W), height: CHART_H });
  w.cover();
  pdf.addPage();
  w.executiveSummary();
  w.systemHealth(charts.uptime);
  w.performance(charts.automations);
  w.recommendations();
  w.methodology();
  w.pageFurniture();
  pdf.end();
  return done;
}

class Writer {
  private readonly accent: string;
  private readonly zone: string;
  private readonly currency: string;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly doc: ReportDocument,
    private readonly branding: ReportBranding,
  ) {
    this.accent = safeAccentColor(branding.accent_color);
    this.zone = doc.report_metadata.time_zone;
    this.currency = doc.report_metadata.currency;
  }

  // ── cover ──────────────────────────────────────────────────────────────────────────────
  cover(): void {
    const { pdf, doc, branding } = this;
    const meta = doc.report_metadata;
    pdf.addPage();
    pdf.rect(0, 0, PAGE_W, 12).fill(this.accent);

    const hasLogo = this.logo(M.left, 56, 200, 64);
    const agencyY = hasLogo ? 132 : 64;
    pdf.font(BOLD).fontSize(hasLogo ? 13 : 20).fillColor(hasLogo ? INK : this.accent).text(branding.agency_name, M.left, agencyY, { width: W });

    let y = 250;
    pdf.font(BOLD).fontSize(11).fillColor(this.accent).text((TYPE_LABEL[meta.report_type] ?? "Report").toUpperCase(), M.left, y, { width: W });
    y = pdf.y + 8;
    pdf.font(BOLD).fontSize(30).fillColor(INK).text(meta.client_name, M.left, y, { width: W, lineGap: 2 });
    y = pdf.y + 4;
    pdf.font(FONT).fontSize(20).fillColor(TEXT).text(meta.period_label, M.left, y, { width: W });
    y = pdf.y + 10;
    pdf
      .font(FONT)
      .fontSize(10.5)
      .fillColor(MUTED)
      .text(`${formatInstant(meta.period.start, this.zone)} → ${formatInstant(meta.period.end, this.zone)} (${this.zone}), end exclusive`, M.left, y, { width: W });
    pdf.text(`Compared with the previous period: ${meta.previous_period.label}`, M.left, pdf.y + 2, { width: W });

    // Overall health and the headline, in a box with a stripe in the health colour.
    y = pdf.y + 28;
    const health = doc.executive_summary.overall_health;
    const innerW = W - 36;
    pdf.font(FONT).fontSize(11.5);
    const headlineH = pdf.heightOfString(doc.executive_summary.headline, { width: innerW, lineGap: 2 });
    const boxH = 46 + headlineH;
    pdf.roundedRect(M.left, y, W, boxH, 6).fill(FILL);
    pdf.rect(M.left, y, 5, boxH).fill(TONE[health]);
    pdf.font(BOLD).fontSize(9).fillColor(TONE[health]).text(`OVERALL HEALTH: ${HEALTH_LABEL[health].toUpperCase()}`, M.left + 20, y + 16, { width: innerW });
    pdf.font(FONT).fontSize(11.5).fillColor(INK).text(doc.executive_summary.headline, M.left + 20, y + 32, { width: innerW, lineGap: 2 });

    // Who made it and when, at the foot of the cover.
    const lines = [
      `Prepared by ${branding.agency_name}`,
      `Generated ${formatInstant(meta.generated_at, this.zone)} (${this.zone}) by ${meta.generated_by}`,
      `SLA target ${formatPct(meta.sla_target, 3)} · amounts in ${meta.currency} · report version ${meta.version}`,
      `Report ID ${meta.report_id}`,
    ];
    y = BOTTOM - 16 - lines.length * 14;
    pdf.moveTo(M.left, y - 12).lineTo(M.left + W, y - 12).lineWidth(0.75).strokeColor(LINE).stroke();
    for (const [i, line] of lines.entries()) pdf.font(i === 0 ? BOLD : FONT).fontSize(9).fillColor(i === 0 ? TEXT : MUTED).text(line, M.left, y + i * 14, { width: W });
  }

  /** Draws the agency's logo fitted in the box; false when there is none or it cannot be read. */
  private logo(x: number, y: number, width: number, height: number): boolean {
    const logo = this.branding.logo;
    if (!logo) return false;
    try {
      const bytes = Buffer.from(logo.base64, "base64");
      if (logo.type === "image/png") {
        this.pdf.image(bytes, x, y, { fit: [width, height], valign: "center" });
      } else {
        this.svg(bytes.toString("utf8"), x, y, width, height, "xMinYMid meet");
      }
      return true;
    } catch {
      // A logo that fails to draw is left out rather than failing the client's report (E validates on upload).
      return false;
    } finally {
      this.pdf.font(FONT);
    }
  }

  private svg(svg: string, x: number, y: number, width: number, height: number, preserveAspectRatio?: string): void {
    SVGtoPDF(this.pdf, svg, x, y, {
      width,
      height,
      assumePt: true,
      preserveAspectRatio,
      // Every SVG text in DejaVu (never a standard font, which has no ✓ or €).
      fontCallback: (_family, bold) => (bold ? BOLD : FONT),
      // Only inline images: a logo's <image href="/etc/…"> must not read the server's files.
      imageCallback: (link) => (/^data:image\/(png|jpeg);base64,/i.test(link.trim()) ? link.replace(/\s+/g, "") : Buffer.alloc(0)),
      documentCallback: () => [],
      warningCallback: () => {},
    });
    // svg-to-pdfkit leaves the document's font and colours changed.
    this.pdf.font(FONT).fillColor(TEXT).strokeColor(LINE);
  }

  // ── building blocks ────────────────────────────────────────────────────────────────────
  private get y(): number {
    return this.pdf.y;
  }

  /** Starts a new page unless `height` points fit below the cursor. */
  private need(height: number): void {
    if (this.pdf.y + height > BOTTOM) this.pdf.addPage();
  }

  private heading(text: string): void {
    this.need(110);
    if (this.pdf.y > M.top + 1) this.pdf.y += 14;
    const y = this.pdf.y;
    this.pdf.font(BOLD).fontSize(17).fillColor(this.accent).text(text, M.left, y, { width: W });
    const ly = this.pdf.y + 3;
    this.pdf.moveTo(M.left, ly).lineTo(M.left + W, ly).lineWidth(1.2).strokeColor(this.accent).stroke();
    this.pdf.y = ly + 12;
  }

  /** `keep`: points of what follows that must fit on the same page. */
  private subheading(text: string, keep = 40): void {
    this.need(keep + 24);
    this.subheadingHere(text);
  }

  private subheadingHere(text: string): void {
    this.pdf.y += 8;
    this.pdf.font(BOLD).fontSize(11.5).fillColor(INK).text(text, M.left, this.pdf.y, { width: W });
    this.pdf.y += 4;
  }

  private para(text: string, opts: { color?: string; size?: number; bold?: boolean } = {}): void {
    this.pdf
      .font(opts.bold ? BOLD : FONT)
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? TEXT)
      .text(text, M.left, this.pdf.y, { width: W, lineGap: 2.5 });
    this.pdf.y += 5;
  }

  private bullets(items: readonly string[], color = this.accent): void {
    for (const item of items) {
      this.pdf.font(FONT).fontSize(10);
      this.need(this.pdf.heightOfString(item, { width: W - 14, lineGap: 2.5 }));
      const y = this.pdf.y;
      this.pdf.circle(M.left + 3, y + 6, 2).fill(color);
      this.pdf.fillColor(TEXT).text(item, M.left + 14, y, { width: W - 14, lineGap: 2.5 });
      this.pdf.y += 4;
    }
  }

  /** A row of figure boxes: label, big value, a muted note; text shrinks to fit its box, never wraps. */
  private cards(cards: { label: string; value: string; note?: string; color?: string }[]): void {
    const gap = 10;
    const cw = (W - gap * (cards.length - 1)) / cards.length;
    const inner = cw - 20;
    const h = 64;
    this.need(h + 10);
    const y = this.pdf.y + 2;
    for (const [i, c] of cards.entries()) {
      const x = M.left + i * (cw + gap);
      this.pdf.roundedRect(x, y, cw, h, 5).lineWidth(0.75).fillAndStroke(FILL, LINE);
      this.fitted(c.label.toUpperCase(), BOLD, 7.5, 6, inner);
      this.pdf.fillColor(MUTED).text(this.clip(c.label.toUpperCase(), inner), x + 10, y + 9, { lineBreak: false });
      this.fitted(c.value, BOLD, 16, 9, inner);
      this.pdf.fillColor(c.color ?? INK).text(this.clip(c.value, inner), x + 10, y + 22, { lineBreak: false });
      if (c.note) {
        this.fitted(c.note, FONT, 8, 6.5, inner);
        this.pdf.fillColor(MUTED).text(this.clip(c.note, inner), x + 10, y + 46, { lineBreak: false });
      }
    }
    this.pdf.x = M.left;
    this.pdf.y = y + h + 12;
  }

  /** Sets `font` at the largest size from `max` down to `min` at which `text` fits `width`. */
  private fitted(text: string, font: string, max: number, min: number, width: number): void {
    let size = max;
    this.pdf.font(font).fontSize(size);
    while (size > min && this.pdf.widthOfString(text) > width) this.pdf.fontSize((size -= 0.5));
  }

  /** `text` cut with "…" to fit `width` at the current font. */
  private clip(text: string, width: number): string {
    if (this.pdf.widthOfString(text) <= width) return text;
    let t = text;
    while (t.length > 1 && this.pdf.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
    return `${t.trimEnd()}…`;
  }

  /**
   * A table that wraps long cells and repeats its header row on every page it spans
   * (pdfkit's own table does not).
   */
  table(columns: readonly Column[], rows: readonly string[][], opts: { title?: string; size?: number; keep?: number; tone?: (row: number, col: number) => string | undefined } = {}): void {
    const { pdf } = this;
    const size = opts.size ?? 8.5;
    const pad = { x: 5, y: 4 };
    const cells = rows.map((r) => r.map((t) => (t.length > MAX_CELL_CHARS ? `${t.slice(0, MAX_CELL_CHARS - 1)}…` : t)));
    const widths = columnWidths(pdf, columns, cells, size, 2 * pad.x);
    const xs = widths.map((_, i) => M.left + widths.slice(0, i).reduce((s, v) => s + v, 0));
    const measure = (cells: readonly string[], font: string) => {
      pdf.font(font).fontSize(size);
      return Math.max(...cells.map((t, i) => pdf.heightOfString(t, { width: widths[i]! - 2 * pad.x, lineGap: 1 }))) + 2 * pad.y;
    };
    const headers = columns.map((c) => c.header);
    const headerH = measure(headers, BOLD);
    const drawHeader = (y: number) => {
      pdf.rect(M.left, y, W, headerH).fill(FILL);
      pdf.font(BOLD).fontSize(size).fillColor(TEXT);
      columns.forEach((c, i) => pdf.text(c.header, xs[i]! + pad.x, y + pad.y, { width: widths[i]! - 2 * pad.x, align: c.align ?? "left", lineGap: 1 }));
      pdf.moveTo(M.left, y + headerH).lineTo(M.left + W, y + headerH).lineWidth(1).strokeColor(this.accent).stroke();
      return y + headerH;
    };
    // A short table stays on one page (with `keep` points of what precedes it); a long one keeps
    // its header with at least its first row.
    const rowHeights = cells.map((r) => measure(r, FONT));
    const whole = headerH + rowHeights.reduce((s, v) => s + v, 0);
    const keep = (opts.keep ?? 0) + (opts.title ? 30 : 0);
    if (whole + keep < (BOTTOM - M.top) * 0.45) this.need(whole + keep + 4);
    else this.need(headerH + (rowHeights[0] ?? 0) + keep + 4);
    if (opts.title) this.subheadingHere(opts.title);
    let y = drawHeader(this.pdf.y);
    for (const [ri, row] of cells.entries()) {
      const h = rowHeights[ri]!;
      if (y + h > BOTTOM) {
        pdf.addPage();
        y = drawHeader(M.top);
      }
      if (ri % 2 === 1) pdf.rect(M.left, y, W, h).fill("#fafafa");
      pdf.font(FONT).fontSize(size);
      row.forEach((t, ci) => {
        pdf.fillColor(opts.tone?.(ri, ci) ?? TEXT).text(t, xs[ci]! + pad.x, y + pad.y, { width: widths[ci]! - 2 * pad.x, align: columns[ci]!.align ?? "left", lineGap: 1 });
      });
      y += h;
      pdf.moveTo(M.left, y).lineTo(M.left + W, y).lineWidth(0.5).strokeColor(LINE).stroke();
    }
    pdf.x = M.left;
    pdf.y = y + 10;
  }

  private chart(svg: string, caption: string): void {
    this.need(CHART_H + 30);
    const y = this.pdf.y + 4;
    this.svg(svg, M.left, y, W, CHART_H);
    this.pdf.y = y + CHART_H + 4;
    this.para(caption, { color: MUTED, size: 8.5 });
  }

  // ── sections ───────────────────────────────────────────────────────────────────────────
  executiveSummary(): void {
    const { doc } = this;
    const s = doc.executive_summary;
    const sh = doc.system_health;
    const perf = doc.performance_metrics;
    this.heading("Executive summary");
    this.para(s.headline, { size: 12, color: INK, bold: true });
    this.pdf.y += 4;
    this.cards([
      { label: "Overall health", value: HEALTH_LABEL[s.overall_health], color: TONE[s.overall_health] },
      { label: "Uptime", value: formatPct(sh.uptime_summary, 3), note: `target ${formatPct(sh.sla_target, 3)}${sh.sla_met === null ? "" : sh.sla_met ? " · met ✓" : " · missed ✗"}` },
      { label: "Automations", value: perf.has_data ? formatCount(perf.automation_summary.total_automations) : "—", note: perf.has_data ? `${formatPct(perf.automation_summary.success_rate, 2)} successful` : "no metrics reported" },
      { label: "Cost savings", value: perf.has_data ? formatMoney(perf.roi_analysis.cost_savings.amount, this.currency) : "—", note: perf.has_data ? `${formatChange(perf.roi_analysis.cost_savings_change_pct, "%")} vs ${doc.report_metadata.previous_period.label}` : "no metrics reported" },
    ]);
    if (s.key_achievements.length) {
      this.subheading("Key achievements");
      this.bullets(s.key_achievements, TONE.healthy);
    }
    if (s.areas_for_improvement.length) {
      this.subheading("Areas for improvement");
      this.bullets(s.areas_for_improvement, TONE.degraded);
    }
  }

  systemHealth(uptimeSvg: string | null): void {
    const { doc } = this;
    const sh = doc.system_health;
    const label = doc.report_metadata.period_label;
    this.heading("System health");
    if (sh.systems.length === 0 && sh.uptime_summary === null) {
      this.para(`No system reported a health state in ${label}, so this report has no uptime, SLA or incident figures for the period.`);
      return;
    }
    const budget = sh.error_budget;
    this.cards([
      { label: "Overall uptime", value: formatPct(sh.uptime_summary, 3), note: `SLA target ${formatPct(sh.sla_target, 3)}`, color: sh.sla_met === false ? TONE.down : INK },
      { label: "Error budget used", value: budget ? formatPct(budget.used_pct, 2) : "—", note: budget ? `${formatDuration(budget.used_minutes)} of ${formatDuration(budget.allowed_minutes)}` : "no monitored time", color: budget && budget.used_pct !== null && budget.used_pct > 100 ? TONE.down : INK },
      { label: "Incidents", value: formatCount(sh.incidents_total), note: `${formatCount(sh.critical_issues.length)} critical` },
      { label: "Time to recovery", value: formatDuration(sh.mttr_minutes), note: sh.mttr_minutes === null ? "no incident ended" : "mean (MTTR)" },
    ]);

    this.table(
      [
        { header: "System", width: 20 },
        { header: "Uptime", width: 12, align: "right" },
        { header: "SLA", width: 10 },
        { header: "Previous period", width: 11, align: "right" },
        { header: "Downtime", width: 11, align: "right" },
        { header: "Degraded", width: 11, align: "right" },
        { header: "Maintenance (excluded)", width: 14, align: "right" },
        { header: "Coverage", width: 11, align: "right" },
      ],
      sh.systems.map((s) => [
        s.system,
        formatPct(s.uptime_pct, 3),
        // No-break spaces: the mark stays with its word.
        s.sla_met === null ? "no\u00a0data" : s.sla_met ? "✓\u00a0met" : "✗\u00a0missed",
        formatPct(s.previous_uptime_pct, 3),
        formatDuration(s.down_minutes),
        formatDuration(s.degraded_minutes),
        formatDuration(s.maintenance_minutes),
        formatShare(s.coverage),
      ]),
      { title: `Uptime per system against the ${formatPct(sh.sla_target, 3)} SLA`, tone: (r, c) => (c === 2 ? (sh.systems[r]!.sla_met === false ? TONE.down : sh.systems[r]!.sla_met ? TONE.healthy : MUTED) : undefined) },
    );
    if (budget) {
      this.subheading("Error budget", 60);
      this.budgetBar(budget.used_pct);
      this.para(
        `At the ${formatPct(sh.sla_target, 3)} target, ${formatDuration(budget.allowed_minutes)} of downtime was allowed over the monitored time of all systems; ${formatDuration(budget.used_minutes)} was used (${formatPct(budget.used_pct, 2)}), ${budget.remaining_minutes >= 0 ? `${formatDuration(budget.remaining_minutes)} left` : `exceeded by ${formatDuration(-budget.remaining_minutes)}`}.`,
      );
    }
    this.table(
      [
        { header: "System", width: 34 },
        { header: "Incidents", width: 16, align: "right" },
        { header: "Average response", width: 25, align: "right" },
        { header: "p95 response (≈)", width: 25, align: "right" },
      ],
      sh.systems.map((s) => [s.system, formatCount(s.incidents), formatMs(s.avg_response_ms), formatMs(s.p95_response_ms, true)]),
      { title: "Response times" },
    );
    if (uptimeSvg) {
      this.subheading("Daily uptime", CHART_H + 30);
      this.chart(uptimeSvg, `Uptime of all systems per day (${this.zone}). Bars in red fell below the ${formatPct(sh.sla_target, 3)} target (dashed line); a day without monitoring data is left empty.`);
    }
    this.incidents(sh.incidents, sh.incidents_total, sh.mttr_minutes);
    if (sh.critical_issues.length) {
      this.subheading("Critical issues");
      this.bullets(sh.critical_issues, TONE.down);
    }
    if (sh.performance_highlights.length) {
      this.subheading("Highlights");
      this.bullets(sh.performance_highlights, TONE.healthy);
    }
  }

  private budgetBar(usedPct: number | null): void {
    this.need(24);
    const y = this.pdf.y + 2;
    const share = usedPct === null ? 0 : Math.min(1, Math.max(0, usedPct / 100));
    this.pdf.roundedRect(M.left, y, W, 9, 4.5).fill(FILL);
    if (share > 0) this.pdf.roundedRect(M.left, y, Math.max(9, W * share), 9, 4.5).fill(usedPct! > 100 ? TONE.down : usedPct! > 75 ? TONE.degraded : this.accent);
    this.pdf.y = y + 16;
  }

  private incidents(list: readonly Incident[], total: number, mttr: number | null): void {
    this.subheading("Incidents", 90);
    if (total === 0) {
      this.para("No incidents in this period.");
      return;
    }
    this.para(
      `${formatCount(total)} incident${total === 1 ? "" : "s"} in the period${list.length < total ? `; the first ${formatCount(list.length)} are listed` : ""}. ` +
        (mttr === null ? "None ended within the period, so there is no time to recovery." : `Mean time to recovery: ${formatDuration(mttr)}.`),
    );
    this.table(
      [
        { header: "System", width: 20 },
        { header: "Status", width: 11 },
        { header: `Started (${this.zone})`, width: 19 },
        { header: "Duration", width: 13, align: "right" },
        { header: "Reason", width: 37 },
      ],
      list.map((i) => [
        i.system,
        i.status === "down" ? "Down" : "Degraded",
        formatInstant(i.started_at, this.zone),
        `${formatDuration(i.duration_minutes)}${i.ended_at === null ? " (ongoing)" : ""}`,
        i.during_maintenance_minutes > 0 ? `${i.reason} (${formatDuration(i.during_maintenance_minutes)} in maintenance, not counted)` : i.reason,
      ]),
      { tone: (r, c) => (c === 1 ? (list[r]!.status === "down" ? TONE.down : TONE.degraded) : undefined) },
    );
  }

  performance(automationSvg: string | null): void {
    const { doc } = this;
    const p = doc.performance_metrics;
    const meta = doc.report_metadata;
    this.heading("Performance");
    if (!p.has_data) {
      this.para(`No system reported automation metrics in ${meta.period_label}, so this report has no automation, ROI or efficiency figures for the period.`);
      return;
    }
    const a = p.automation_summary;
    const r = p.roi_analysis;
    const e = p.efficiency_gains;
    const prev = a.previous;
    const money = (v: number | null) => formatMoney(v, r.currency);
    const direction = { improving: "improving", stable: "stable", declining: "declining" }[a.performance_direction];
    this.para(`Automation performance is ${direction} compared with ${meta.previous_period.label}.`);
    this.cards([
      { label: "Automations", value: formatCount(a.total_automations), note: `${formatChange(a.volume_change_pct, "%")} vs previous` },
      { label: "Success rate", value: formatPct(a.success_rate, 2), note: `${formatChange(a.success_rate_change, "points")} vs previous` },
      { label: "Cost savings", value: money(r.cost_savings.amount), note: `${formatChange(r.cost_savings_change_pct, "%")} vs previous` },
      { label: "Total value", value: money(r.total_value.amount), note: `incl. ${formatHours(r.time_saved_hours)} saved` },
    ]);
    const effChange = e.efficiency_improvement !== null && e.previous_efficiency_improvement !== null ? e.efficiency_improvement - e.previous_efficiency_improvement : null;
    this.table(
      [
        { header: "Figure", width: 34 },
        { header: meta.period_label, width: 22, align: "right" },
        { header: meta.previous_period.label, width: 22, align: "right" },
        { header: "Change", width: 22, align: "right" },
      ],
      [
        ["Automations", formatCount(a.total_automations), formatCount(prev?.total_automations ?? null), formatChange(a.volume_change_pct, "%")],
        ["Successful", formatCount(a.successful_automations), formatCount(prev?.successful_automations ?? null), ""],
        ["Failed", formatCount(a.failed_automations), formatCount(prev?.failed_automations ?? null), ""],
        ["Success rate", formatPct(a.success_rate, 2), formatPct(prev?.success_rate ?? null, 2), formatChange(a.success_rate_change, "points")],
        ["Processing time per automation", formatSeconds(a.avg_processing_time), formatSeconds(prev?.avg_processing_time ?? null), formatChange(a.processing_time_change_pct, "%")],
        ["Cost savings", money(r.cost_savings.amount), money(r.previous_cost_savings?.amount ?? null), formatChange(r.cost_savings_change_pct, "%")],
        ["Efficiency", formatPct(e.efficiency_improvement, 2), formatPct(e.previous_efficiency_improvement, 2), formatChange(effChange === null ? null : Math.round(effChange * 100) / 100, "points")],
      ],
      { title: `Against ${meta.previous_period.label}` },
    );
    this.table(
      [
        { header: "Figure", width: 50 },
        { header: meta.period_label, width: 50, align: "right" },
      ],
      [
        ["Direct cost savings", money(r.cost_savings.amount)],
        ["Time saved", formatHours(r.time_saved_hours)],
        [`Value of time saved (at ${money(r.hourly_rate)} per hour)`, money(r.labor_cost_savings.amount)],
        ["Total value", money(r.total_value.amount)],
        ["Automations per day", e.automations_per_day === null ? "—" : formatCount(Math.round(e.automations_per_day))],
        ["Hours saved per day", formatHours(e.hours_saved_per_day)],
      ],
      { title: "Return on investment" },
    );
    if (p.systems.length) {
      this.table(
        [
          { header: "System", width: 22 },
          { header: "Automations", width: 13, align: "right" },
          { header: "Success rate", width: 13, align: "right" },
          { header: "Time each", width: 11, align: "right" },
          { header: "Cost savings", width: 15, align: "right" },
          { header: "Time saved", width: 13, align: "right" },
          { header: "Metrics coverage", width: 13, align: "right" },
        ],
        p.systems.map((s) => [
          s.system,
          formatCount(s.total_automations),
          formatPct(s.success_rate, 2),
          formatSeconds(s.avg_processing_time),
          money(s.cost_savings.amount),
          formatHours(s.time_saved_hours),
          formatShare(s.covered_share),
        ]),
      { title: "Per system" },
    );
    }
    if (automationSvg) {
      this.subheading("Automation volume", CHART_H + 30);
      this.chart(automationSvg, `Successful and failed automations per day (${this.zone}). A day with no metrics reported is left empty.`);
    }
  }

  recommendations(): void {
    const rec = this.doc.recommendations;
    this.heading("Recommendations");
    if (!rec.included) {
      this.para(rec.note ?? "Recommendations were not requested for this report.");
      return;
    }
    const groups: [string, Recommendation[]][] = [
      ["Performance optimisations", rec.performance_optimizations],
      ["Cost-saving opportunities", rec.cost_savings_opportunities],
      ["Strategic initiatives", rec.strategic_initiatives],
    ];
    if (groups.every(([, list]) => list.length === 0)) {
      this.para(rec.note ?? "No recommendation rule fired for this period.");
      return;
    }
    if (rec.note) this.para(rec.note, { color: MUTED });
    for (const [title, list] of groups) {
      if (!list.length) continue;
      this.subheading(title);
      for (const r of list) this.recommendation(r);
    }
  }

  private recommendation(r: Recommendation): void {
    const { pdf } = this;
    const color = r.priority === "high" ? TONE.down : r.priority === "medium" ? TONE.degraded : MUTED;
    pdf.font(FONT).fontSize(10);
    this.need(22 + pdf.heightOfString(r.detail, { width: W - 14, lineGap: 2.5 }));
    const y = pdf.y + 2;
    const tag = r.priority.toUpperCase();
    pdf.font(BOLD).fontSize(7);
    const tw = pdf.widthOfString(tag) + 10;
    pdf.roundedRect(M.left, y, tw, 12, 3).fill(color);
    pdf.fillColor("#ffffff").text(tag, M.left + 5, y + 2.6, { lineBreak: false });
    pdf.font(BOLD).fontSize(10.5).fillColor(INK).text(r.title, M.left + tw + 8, y, { width: W - tw - 8 });
    pdf.y = Math.max(pdf.y, y + 14) + 2;
    pdf.font(FONT).fontSize(10).fillColor(TEXT).text(r.detail, M.left + 14, pdf.y, { width: W - 14, lineGap: 2.5 });
    pdf.x = M.left;
    pdf.y += 8;
  }

  methodology(): void {
    const m = this.doc.methodology;
    const zone = this.zone;
    this.heading("Methodology");
    this.subheading("Uptime");
    this.para(m.uptime);
    this.subheading("Success rate");
    this.para(m.success_rate);
    this.subheading("Response times");
    this.para(m.response_time);
    this.subheading("Maintenance", m.maintenance.windows.length <= 8 ? 50 + m.maintenance.windows.length * 18 : 80);
    this.para(m.maintenance.text);
    if (m.maintenance.windows.length) {
      this.table(
        [
          { header: "Maintenance window", width: 34 },
          { header: `Start (${zone})`, width: 24 },
          { header: `End (${zone})`, width: 24 },
          { header: "Length", width: 18, align: "right" },
        ],
        m.maintenance.windows.map((w) => [w.title, formatInstant(w.start, zone), formatInstant(w.end, zone), formatDuration(w.minutes)]),
      );
    }
    // Keep the sentence and a short table with their heading.
    this.subheading("Coverage", m.coverage.length <= 12 ? 60 + m.coverage.length * 18 : 80);
    if (!m.coverage.length) {
      this.para(noCoverageText);
    } else {
      this.para("Which part of the period each system's figures cover: health (checks) and metrics (automations) are reported separately.");
      const span = (from: string | null, to: string | null) => (from && to ? `${formatDayOf(from, zone)} – ${formatDayOf(to, zone)}` : "none");
      this.table(
        [
          { header: "System", width: 24 },
          { header: "Health", width: 11, align: "right" },
          { header: "Health from – to", width: 27 },
          { header: "Metrics", width: 11, align: "right" },
          { header: "Metrics from – to", width: 27 },
        ],
        m.coverage.map((c) => [c.system, formatShare(c.health_coverage), span(c.health_from, c.health_to), formatShare(c.metrics_coverage), span(c.metrics_from, c.metrics_to)]),
      );
    }
    const noCoverage = noCoverageText;
    // The coverage paragraph already said it; do not print the same sentence twice.
    const notes = m.coverage.length ? m.notes : m.notes.filter((n) => n.trim() !== noCoverage);
    if (notes.length) {
      this.subheading("Notes");
      this.bullets(notes, MUTED);
    }
    this.pdf.y += 6;
    this.para(`All dates and times are in ${zone}. Figures marked ≈ are approximate.`, { color: MUTED, size: 8.5 });
  }

  /** Running header (not on the cover), footer and "Page N of M" on every page, once all pages exist. */
  pageFurniture(): void {
    const { pdf, doc, branding } = this;
    const meta = doc.report_metadata;
    const range = pdf.bufferedPageRange();
    const footer = branding.footer ?? branding.agency_name;
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      // Writing inside the bottom margin would make pdfkit add a page: lift the margin meanwhile.
      const bottom = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      if (i > range.start) {
        // One line each, cut with "…" (pdfkit wraps text given a width even with lineBreak: false).
        pdf.font(FONT).fontSize(8).fillColor(MUTED);
        pdf.text(this.clip(`${meta.client_name} · ${TYPE_LABEL[meta.report_type] ?? "Report"}, ${meta.period_label}`, W * 0.68), M.left, 32, { lineBreak: false });
        const agency = this.clip(branding.agency_name, W * 0.3);
        pdf.text(agency, M.left + W - pdf.widthOfString(agency), 32, { lineBreak: false });
        pdf.moveTo(M.left, 46).lineTo(M.left + W, 46).lineWidth(0.5).strokeColor(LINE).stroke();
      }
      const fy = PAGE_H - 38;
      pdf.moveTo(M.left, fy - 8).lineTo(M.left + W, fy - 8).lineWidth(0.5).strokeColor(LINE).stroke();
      pdf.font(FONT).fontSize(8).fillColor(MUTED);
      pdf.text(this.clip(footer, W * 0.75), M.left, fy, { lineBreak: false });
      const pageNo = `Page ${i - range.start + 1} of ${range.count}`;
      pdf.text(pageNo, M.left + W - pdf.widthOfString(pageNo), fy, { lineBreak: false });
      pdf.page.margins.bottom = bottom;
    }
  }
}

/**
 * Column widths from the shares, but never narrower than a column's longest word (so "Downtime"
 * does not break as "Downtim/e"): short columns take what they need from the wider ones.
 */
function columnWidths(pdf: PDFKit.PDFDocument, columns: readonly Column[], cells: readonly string[][], size: number, padding: number): number[] {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const want = columns.map((c) => (c.width / total) * W);
  const longestWord = (text: string, font: string) => {
    pdf.font(font).fontSize(size);
    // Split at breakable spaces only (\s would also split at no-break spaces).
    return Math.max(0, ...text.split(/[ \t\n]+/).map((word) => pdf.widthOfString(word)));
  };
  const min = columns.map((c, i) => Math.min(W / 2, Math.max(longestWord(c.header, BOLD), ...cells.slice(0, 200).map((r) => longestWord(r[i] ?? "", FONT))) + padding + 1));
  const widths = want.map((w, i) => Math.max(w, min[i]!));
  let excess = widths.reduce((s, v) => s + v, 0) - W;
  // Take the excess from columns above their minimum, in proportion to their slack.
  for (let round = 0; round < 4 && excess > 0.01; round++) {
    const slack = widths.map((w, i) => Math.max(0, w - min[i]!));
    const totalSlack = slack.reduce((s, v) => s + v, 0);
    if (totalSlack <= 0) break;
    const cut = Math.min(excess, totalSlack);
    widths.forEach((w, i) => (widths[i] = w - (cut * slack[i]!) / totalSlack));
    excess -= cut;
  }
  // Still too wide (many long words): scale everything down.
  const sum = widths.reduce((s, v) => s + v, 0);
  return sum > W ? widths.map((w) => (w * W) / sum) : widths;
}

function validDate(iso: string): Date {
  const t = Date.parse(iso);
  // A stored report always has generated_at; the epoch keeps a broken one deterministic.
  return new Date(Number.isFinite(t) ? t : 0);
}
