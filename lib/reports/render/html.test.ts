// The printable HTML view: key figures present, every user string escaped (no markup from a
// name survives), the accent validated, charts and logo as inert images, honest empty sections.
import { describe, expect, it } from "vitest";
import type { ReportBranding } from "../contracts";
import { emptyReportDocument, sampleBranding, sampleReportDocument } from "../test-fixtures";
import { esc, renderReportHtml } from "./html";

const SVG_UPTIME = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><text>uptime-chart-marker</text></svg>`;
const SVG_AUTOMATIONS = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><text>automations-chart-marker</text></svg>`;
const charts = { uptime: SVG_UPTIME, automations: SVG_AUTOMATIONS };

/** The SVGs inside the page's data-URL images, decoded. */
function dataUrlImages(html: string): { type: string; body: string }[] {
  return [...html.matchAll(/<img[^>]* src="data:([^;"]+);base64,([A-Za-z0-9+/=]+)"/g)].map((m) => ({ type: m[1]!, body: Buffer.from(m[2]!, "base64").toString("utf8") }));
}

/** Visible text, roughly: tags out, entities back. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

/**
 * Tokenises the page strictly: every "<" must open a well-formed tag whose attributes are all
 * double-quoted (values cannot hold a raw quote). Anything injected would show up as a stray "<",
 * a new tag or a new attribute name (onerror, onclick…).
 */
function markup(html: string): { tags: Set<string>; attributes: Set<string> } {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, "<style></style>").replace(/^<!doctype html>/, "");
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const TAG = /<\/?([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g;
  const rest = body.replace(TAG, (_m, name: string, attrs: string) => {
    tags.add(name);
    for (const a of attrs.matchAll(/\s+([a-z-]+)="/g)) attributes.add(a[1]!);
    return "";
  });
  expect(rest).not.toMatch(/[<>]/);
  return { tags, attributes };
}

describe("renderReportHtml", () => {
  it("a self-contained, printable A4 page with the key figures", () => {
    const html = renderReportHtml(sampleReportDocument(), sampleBranding, charts);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("@media print");
    expect(html).toContain("@page{size:A4");
    expect(html).toContain("break-before:page");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<link|<script|src="http/i); // nothing loaded from outside
    const t = textOf(html);
    for (const s of [
      "Northwind Automation",
      "Acme Logistics",
      "Monthly report · October 2026",
      "1 Oct 2026, 00:00 – 1 Nov 2026, 00:00 (UTC), end exclusive",
      "99.933 %",
      "99.798 %",
      "13.5 %",
      "1 h 30 min of 11 h 9 min",
      "1 h 8 min",
      "≈ 3,400 ms",
      "≈ 980 ms",
      "HTTP 503 from /health",
      "14 Oct 2026, 08:00",
      "12,400",
      "97.58 %",
      "+1.22 points",
      "€18,250.40",
      "€16,650.00",
      "€7,762.50",
      "€26,012.90",
      "Speed up CRM bridge",
      "Database upgrade",
      "Uptime is the share of monitored time",
      "CRM bridge reported metrics from 16 Oct 12:00 only",
      "Northwind Automation · hello@northwind.test",
    ])
      expect(t).toContain(s);
  });

  it("times and bounds are in the report's zone", () => {
    const doc = sampleReportDocument();
    doc.report_metadata.time_zone = "America/New_York";
    const t = textOf(renderReportHtml(doc, sampleBranding, charts));
    expect(t).toContain("30 Sep 2026, 20:00 – 31 Oct 2026, 20:00 (America/New_York)");
    expect(t).toContain("14 Oct 2026, 04:00"); // the 08:00 UTC outage
  });

  it("inlines the two charts as data-URL images, and says 'no data' for a missing one", () => {
    const imgs = dataUrlImages(renderReportHtml(sampleReportDocument(), sampleBranding, charts));
    expect(imgs.map((i) => i.body)).toEqual([SVG_UPTIME, SVG_AUTOMATIONS]);
    const html = renderReportHtml(sampleReportDocument(), sampleBranding, { uptime: null, automations: SVG_AUTOMATIONS });
    expect(dataUrlImages(html).map((i) => i.body)).toEqual([SVG_AUTOMATIONS]);
    expect(textOf(html)).toContain("Uptime chart: no data for this period.");
  });

  it("escapes every user-provided string: no markup survives from names, reasons, titles, agency or footer", () => {
    const evil = `<script>alert(1)</script>`;
    const attr = `"><img src=x onerror=alert(2)>`;
    const doc = sampleReportDocument();
    doc.report_metadata.client_name = `Acme ${evil}`;
    doc.report_metadata.period_label = `October ${attr}`;
    doc.report_metadata.generated_by = `key ${evil}`;
    doc.system_health.systems[0]!.system = `Sys ${attr}`;
    doc.system_health.incidents[0]!.reason = `HTTP 500 ${evil}`;
    doc.system_health.critical_issues = [`Critical ${evil}`];
    doc.executive_summary.headline = `Headline ${evil}`;
    doc.performance_metrics.systems[0]!.system = `Perf ${evil}`;
    doc.recommendations.performance_optimizations[0]!.title = `Rec ${evil}`;
    doc.recommendations.performance_optimizations[0]!.priority = `high" onclick="x` as "high";
    doc.methodology.maintenance.windows[0]!.title = `Window ${evil}`;
    doc.methodology.notes = [`Note ${attr}`];
    const branding: ReportBranding = { agency_name: `Agency ${evil}`, accent_color: `#000;}</style><script>alert(3)</script>`, logo: null, footer: `Footer ${attr}` };
    const html = renderReportHtml(doc, branding, charts);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<img src=x");
    const { tags, attributes } = markup(html);
    expect([...tags].sort()).toEqual(["body", "br", "dd", "div", "dl", "dt", "figure", "footer", "h1", "h2", "h3", "head", "header", "html", "img", "li", "main", "meta", "ol", "p", "section", "span", "strong", "style", "table", "tbody", "td", "th", "thead", "title", "tr", "ul"]);
    expect([...attributes].sort()).toEqual(["alt", "charset", "class", "content", "http-equiv", "id", "lang", "name", "src", "style"]);
    expect(html.match(/<\/style>/g)).toHaveLength(1); // the accent could not close the style block
    expect(html).toContain("#2563eb"); // the invalid accent fell back to the default
    const t = textOf(html);
    for (const s of [`Acme ${evil}`, `Sys ${attr}`, `HTTP 500 ${evil}`, `Agency ${evil}`, `Footer ${attr}`, `Window ${evil}`, `Rec ${evil}`, `Perf ${evil}`, `Note ${attr}`]) expect(t).toContain(s);
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("uses a valid accent colour, with readable header text on a light one", () => {
    const html = renderReportHtml(sampleReportDocument(), { ...sampleBranding, accent_color: "#FFEB3B" }, charts);
    expect(html).toContain("border-top:8px solid #ffeb3b");
    expect(html).toContain("th{background:#ffeb3b;color:#111827");
    expect(renderReportHtml(sampleReportDocument(), sampleBranding, charts)).toContain("th{background:#0f766e;color:#ffffff");
  });

  it("shows the logo as a data-URL image (an SVG logo cannot run script), and drops a malformed one", () => {
    const svgLogo = `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>`;
    const withLogo = renderReportHtml(sampleReportDocument(), { ...sampleBranding, logo: { type: "image/svg+xml", base64: Buffer.from(svgLogo).toString("base64") } }, charts);
    expect(dataUrlImages(withLogo)[0]).toEqual({ type: "image/svg+xml", body: svgLogo });
    expect(withLogo).not.toMatch(/<script/i);
    const bad = renderReportHtml(sampleReportDocument(), { ...sampleBranding, logo: { type: "image/svg+xml", base64: `AAAA" onerror="alert(1)` } }, charts);
    expect(bad).not.toContain('class="logo"');
    const badType = renderReportHtml(sampleReportDocument(), { ...sampleBranding, logo: { type: "text/html" as "image/png", base64: "AAAA" } }, charts);
    expect(badType).not.toContain('class="logo"');
  });

  it("an empty period says 'no data' in every section and shows no zeros as facts", () => {
    const html = renderReportHtml(emptyReportDocument(), sampleBranding, { uptime: null, automations: null });
    const t = textOf(html);
    expect(t).toContain("No monitoring data was recorded for Acme Logistics in October 2026.");
    expect(t).toContain("No monitoring data: no system had monitored time in October 2026");
    expect(t).toContain("Uptime chart: no data for this period.");
    expect(t).toContain("Automation chart: no data for this period.");
    expect(t).toContain("No systems were monitored in this period (no data).");
    expect(t).toContain("No automation metrics were reported in October 2026 (no data)");
    expect(t).toContain("No recommendation rule fired: there was no data in this period to base one on.");
    expect(t).toContain("No system reported in this period (no data).");
    expect(dataUrlImages(html)).toEqual([]);
    expect(t).not.toMatch(/(^|[^\d.,])0(\.0+)? ?%/); // no "0 %"
    expect(t).not.toMatch(/€\s?0\.00/);
    expect(t).not.toMatch(/(^|\s)0 (automations|min|ms|h)\b/);
  });

  it("metrics not reported beside real uptime: performance says so instead of zeros", () => {
    const doc = sampleReportDocument();
    doc.performance_metrics = emptyReportDocument().performance_metrics;
    const t = textOf(renderReportHtml(doc, sampleBranding, { uptime: SVG_UPTIME, automations: null }));
    expect(t).toContain("No automation metrics were reported in October 2026 (no data)");
    expect(t).toContain("99.933 %");
    expect(t).not.toContain("€0.00");
  });

  it("recommendations not requested: the section says so", () => {
    const doc = sampleReportDocument();
    doc.recommendations = { included: false, performance_optimizations: [], cost_savings_opportunities: [], strategic_initiatives: [], note: "Recommendations were not requested for this report." };
    expect(textOf(renderReportHtml(doc, sampleBranding, charts))).toContain("Recommendations Recommendations were not requested for this report.");
  });
});
