// The report PDF read back the way a person and a machine read it: pdftotext for the words and
// figures (the embedded DejaVu must carry ✓ € ≈ →), pdfimages for the logo, pdftoppm for page
// images, plus byte-level checks (only DejaVu embedded, byte-identical re-render).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { Incident, ReportBranding, ReportDocument } from "../contracts";
import { emptyReportDocument, sampleBranding, sampleReportDocument } from "../test-fixtures";
import { reportChartSvgs } from "./chart-svg";
import { renderReportPdf } from "./pdf";

const popplerMissing = ["pdftotext", "pdftoppm", "pdfimages"].find((cmd) => spawnSync(cmd, ["-v"]).error);
const work = mkdtempSync(path.join(tmpdir(), "report-pdf-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let seq = 0;
function save(pdf: Buffer): string {
  const file = path.join(work, `r${++seq}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdftotext's text, one entry per page (it separates pages with form feeds). */
function pages(pdf: Buffer): string[] {
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", save(pdf), "-"], { encoding: "utf8" });
  return text.split("\f").slice(0, -1);
}

function imagesOnPage(pdf: Buffer, page: number): number {
  const out = execFileSync("pdfimages", ["-f", String(page), "-l", String(page), "-list", save(pdf)], { encoding: "utf8" });
  return out.trim().split("\n").length - 2; // two header lines
}

/** A tiny valid PNG (solid colour), built here so the test needs no fixture file. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function withIncidents(n: number): ReportDocument {
  const base = sampleReportDocument();
  const incidents: Incident[] = Array.from({ length: n }, (_, i) => ({
    system: i % 3 === 0 ? "Invoice sync" : "CRM bridge",
    status: i % 4 === 0 ? "down" : "degraded",
    started_at: new Date(Date.parse("2026-10-01T00:00:00Z") + i * 3_600_000 * 3.5).toISOString(),
    ended_at: new Date(Date.parse("2026-10-01T00:20:00Z") + i * 3_600_000 * 3.5).toISOString(),
    duration_minutes: 20,
    // Every seventh reason is long enough to wrap over several lines.
    reason: i % 7 === 0 ? `Incident ${i + 1}: ${"the upstream API answered HTTP 503 with a maintenance page ".repeat(3)}` : `Incident ${i + 1}: HTTP 503 from /health`,
    during_maintenance_minutes: 0,
  }));
  return { ...base, system_health: { ...base.system_health, incidents, incidents_total: n + 25 } };
}

describe("renderReportPdf (bytes)", () => {
  it("embeds only DejaVu Sans (regular, bold), never one of the 14 standard fonts", async () => {
    const raw = (await renderReportPdf(sampleReportDocument(), sampleBranding)).toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!.replace(/^[A-Z]{6}\+/, ""));
    expect(new Set(fonts)).toEqual(new Set(["DejaVuSans", "DejaVuSans-Bold"]));
    expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier/);
  });

  it("is byte-identical for the same document and branding; the dates come from generated_at", async () => {
    const a = await renderReportPdf(sampleReportDocument(), sampleBranding);
    const b = await renderReportPdf(sampleReportDocument(), sampleBranding);
    expect(a.equals(b)).toBe(true);
    expect(a.toString("latin1")).toContain("(D:20261102090000Z)");
    const later = await renderReportPdf(sampleReportDocument({ report_metadata: { generated_at: "2026-11-03T09:00:00.000Z" } }), sampleBranding);
    expect(later.equals(a)).toBe(false);
    expect(later.toString("latin1")).toContain("(D:20261103090000Z)");
  });

  it("charts: SVG in DejaVu Sans from the shared builders; none without data", () => {
    const charts = reportChartSvgs(sampleReportDocument(), { width: 495, height: 210 });
    expect(charts.uptime).toMatch(/^<svg[\s\S]*font-family:DejaVu Sans/);
    expect(charts.uptime).toContain("99.5%");
    expect(charts.automations).toContain("Failed");
    expect(reportChartSvgs(emptyReportDocument(), { width: 495, height: 210 })).toEqual({ uptime: null, automations: null });
  });
});

const describePoppler = popplerMissing ? describe.skip : describe;
describePoppler(`renderReportPdf (read back with poppler-utils${popplerMissing ? `: skipped, ${popplerMissing} is not installed (apt-get install poppler-utils)` : ""})`, () => {
  it("the sample month: cover, figures, Unicode glyphs and page numbers survive text extraction", async () => {
    const text = pages(await renderReportPdf(sampleReportDocument(), sampleBranding));
    const all = text.join("\n");
    expect(text.length).toBeGreaterThanOrEqual(4);
    // Cover: agency, client, type, period, exact bounds with the zone, who and when.
    for (const s of ["Northwind Automation", "Acme Logistics", "MONTHLY REPORT", "October 2026", "1 Oct 2026, 00:00 → 1 Nov 2026, 00:00 (UTC)", "Generated 2 Nov 2026, 09:00 (UTC) by ada@agency.test"]) {
      expect(text[0]).toContain(s);
    }
    for (const s of [
      "Executive summary",
      "99.798 %",
      "99.933 %",
      "Invoice sync",
      "Email parser ✓",
      "€18,250.40",
      "€26,012.90",
      "≈ 3,400 ms",
      "HTTP 503 from /health",
      "14 Oct 2026, 08:00",
      "1 h 30 min",
      "Mean time to recovery: 1 h 8 min",
      "+1.22 points",
      "11 h 9 min", // error budget allowed (669 min)
      "+12.73 %",
      "Speed up CRM bridge",
      "Database upgrade",
      "Figures marked ≈ are approximate",
      "hello@northwind.test",
    ]) {
      expect(all).toContain(s);
    }
    // The SLA column's mark and word (joined by a no-break space, read back as a space).
    expect(all).toMatch(/✓\smet/);
    // Chart labels are real text (vectors), not pictures.
    expect(all).toContain("13 Oct");
    expect(all).toContain("Successful");
    text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${text.length}`));
  });

  it("the empty month says there is no data instead of showing zeros", async () => {
    const text = pages(await renderReportPdf(emptyReportDocument(), sampleBranding));
    const all = text.join("\n");
    expect(all).toContain("No monitoring data was recorded for Acme Logistics in October 2026.");
    expect(all).toContain("No system reported a health state in October 2026");
    expect(all).toContain("No system reported automation metrics in October 2026");
    expect(all).toContain("No recommendation rule fired");
    expect(all).not.toMatch(/€0\.00|0 %|Against September|Per system|Daily uptime|Automation volume/);
    text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${text.length}`));
  });

  it("has_data=false drops the performance tables even when the document still holds figures", async () => {
    const doc = sampleReportDocument({ performance_metrics: { has_data: false } });
    const all = pages(await renderReportPdf(doc, sampleBranding)).join("\n");
    expect(all).toContain("No system reported automation metrics in October 2026");
    expect(all).not.toContain("Return on investment");
    expect(all).not.toContain("Automation volume");
  });

  it("draws a PNG logo and an SVG logo on the cover", async () => {
    const pngLogo: ReportBranding = { ...sampleBranding, logo: { type: "image/png", base64: png(40, 16, [15, 118, 110]).toString("base64") } };
    const withPng = await renderReportPdf(sampleReportDocument(), pngLogo);
    expect(imagesOnPage(withPng, 1)).toBe(1);
    expect(imagesOnPage(await renderReportPdf(sampleReportDocument(), sampleBranding), 1)).toBe(0);

    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><rect width="60" height="60" rx="8" fill="#0f766e"/><text x="70" y="40" font-family="Arial" font-size="28">Northwind ✓</text></svg>`;
    const svgLogo: ReportBranding = { ...sampleBranding, logo: { type: "image/svg+xml", base64: Buffer.from(svg).toString("base64") } };
    const cover = pages(await renderReportPdf(sampleReportDocument(), svgLogo))[0]!;
    expect(cover).toContain("Northwind ✓");
  });

  it("an SVG logo cannot pull files from the server's disk into the PDF", async () => {
    const onDisk = path.join(work, "secret.png");
    writeFileSync(onDisk, png(8, 8, [255, 0, 0]));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40"><image href="${onDisk}" width="40" height="40"/><image xlink:href="file://${onDisk}" x="50" width="40" height="40"/></svg>`;
    const branding: ReportBranding = { ...sampleBranding, logo: { type: "image/svg+xml", base64: Buffer.from(svg).toString("base64") } };
    expect(imagesOnPage(await renderReportPdf(sampleReportDocument(), branding), 1)).toBe(0);
    // An inline image is fine.
    const inline = svg.replace(`href="${onDisk}"`, `href="data:image/png;base64,${png(8, 8, [0, 0, 255]).toString("base64")}"`);
    const ok: ReportBranding = { ...sampleBranding, logo: { type: "image/svg+xml", base64: Buffer.from(inline).toString("base64") } };
    expect(imagesOnPage(await renderReportPdf(sampleReportDocument(), ok), 1)).toBe(1);
  });

  it("a broken logo is left out; the report still renders", async () => {
    const branding: ReportBranding = { ...sampleBranding, logo: { type: "image/png", base64: Buffer.from("not a png").toString("base64") } };
    const text = pages(await renderReportPdf(sampleReportDocument(), branding));
    expect(text[0]).toContain("Acme Logistics");
  });

  it("200 incidents paginate with the table header repeated on every page they span", async () => {
    const text = pages(await renderReportPdf(withIncidents(200), sampleBranding));
    const withRows = text.map((p, i) => ({ i, p })).filter(({ p }) => /Incident \d+:/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(4);
    for (const { p } of withRows) {
      expect(p).toContain("Started (UTC)");
      expect(p).toContain("Reason");
    }
    const all = text.join("\n");
    expect(all).toContain("225 incidents in the period; the first 200 are listed");
    expect(all).toContain("Incident 1:");
    expect(all).toContain("Incident 200:");
    text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${text.length}`));
  });

  it("every page renders to an image (pdftoppm)", async () => {
    const file = save(await renderReportPdf(sampleReportDocument(), sampleBranding));
    const out = path.join(work, "shots");
    mkdirSync(out, { recursive: true });
    execFileSync("pdftoppm", ["-r", "30", "-png", file, path.join(out, "p")]);
    const n = pages(await renderReportPdf(sampleReportDocument(), sampleBranding)).length;
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(out).filter((f) => f.endsWith(".png"))).toHaveLength(n);
  });
});
