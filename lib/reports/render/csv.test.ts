// The CSV parses (RFC 4180, with a small parser written here), its cells equal the document's
// numbers, hostile names are quoted and guarded against formulas, and missing figures stay empty.
import { describe, expect, it } from "vitest";
import { emptyReportDocument, sampleReportDocument } from "../test-fixtures";
import { csvCell, REPORT_CSV_SECTIONS, renderReportCsv } from "./csv";

/** RFC 4180: CRLF records, quoted fields with "" for a quote; a bare CR or LF inside quotes is data. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const s = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
      continue;
    }
    if (c === '"') {
      expect(cell).toBe(""); // a quote only opens a field
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (c === "\r") {
      expect(s[i + 1]).toBe("\n"); // records end with CRLF
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else if (c === "\n") {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else {
      cell += c;
      i++;
    }
  }
  expect(quoted).toBe(false);
  expect(cell).toBe(""); // the file ends with a record end
  expect(row).toEqual([]);
  return rows;
}

/** The whole file's blocks: title → { header, rows }. */
function blocks(rows: string[][]): Map<string, { header: string[]; rows: string[][] }> {
  const out = new Map<string, { header: string[]; rows: string[][] }>();
  let i = 0;
  while (i < rows.length) {
    const title = rows[i]!;
    expect(title).toHaveLength(1);
    const header = rows[i + 1]!;
    const body: string[][] = [];
    i += 2;
    while (i < rows.length && !(rows[i]!.length === 1 && rows[i]![0] === "")) body.push(rows[i++]!);
    i++; // the blank row
    for (const r of body) expect(r).toHaveLength(header.length);
    out.set(title[0]!, { header, rows: body });
  }
  return out;
}

const asObjects = (t: { header: string[]; rows: string[][] }) => t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]!])));

describe("renderReportCsv", () => {
  it("the whole file: every section as a block, in order, each parsing to the document's numbers", () => {
    const doc = sampleReportDocument();
    const b = blocks(parseCsv(renderReportCsv(doc)));
    expect([...b.keys()]).toEqual(["Summary", "Uptime per system", "Incidents", "Daily uptime", "Automations per system", "Daily automations", "Recommendations", "Maintenance excluded", "Coverage"]);
    expect(b.size).toBe(REPORT_CSV_SECTIONS.length);

    const summary = Object.fromEntries(b.get("Summary")!.rows.map((r) => [r[0], r[1]]));
    expect(summary).toMatchObject({ client: "Acme Logistics", period: "October 2026", period_start: "2026-10-01T00:00:00.000Z", period_end: "2026-11-01T00:00:00.000Z", time_zone: "UTC", uptime: "99.933", sla_target: "99.5", sla_met: "yes", error_budget_used: "90", error_budget_allowed: "669", mttr: "67.5", total_automations: "12400", success_rate: "97.58", cost_savings: "18250.4", processing_time_change: "-8.7", incidents: "2" });

    const systems = asObjects(b.get("Uptime per system")!);
    expect(systems.map((s) => [s.system, Number(s.uptime_pct), Number(s.down_minutes), Number(s.p95_response_ms_approx)])).toEqual(doc.system_health.systems.map((s) => [s.system, s.uptime_pct, s.down_minutes, s.p95_response_ms]));
    expect(systems[2]!.previous_uptime_pct).toBe(""); // null stays empty, not 0

    const incidents = asObjects(b.get("Incidents")!);
    expect(incidents[1]).toEqual({ system: "CRM bridge", status: "degraded", started_at: "2026-10-20T12:00:00.000Z", ended_at: "2026-10-20T12:45:00.000Z", duration_minutes: "45", reason: "slow: 3,400 ms over the 2,000 ms threshold", during_maintenance_minutes: "0" });

    expect(b.get("Daily uptime")!.rows).toHaveLength(31);
    expect(b.get("Daily uptime")!.rows[13]).toEqual(["2026-10-14", "97.917"]);
    const auto = asObjects(b.get("Automations per system")!);
    expect(auto.map((x) => [x.system, Number(x.total_automations), Number(x.cost_savings), x.currency])).toEqual([["Invoice sync", 8000, 12000, "EUR"], ["CRM bridge", 4400, 6250.4, "EUR"]]);
    const daily = b.get("Daily automations")!.rows;
    expect(daily.reduce((n, r) => n + Number(r[1]), 0)).toBe(12400);
    const rec = asObjects(b.get("Recommendations")!)[0]!;
    expect(rec).toMatchObject({ category: "performance_optimizations", priority: "medium", rule: "slow_p95" });
    expect(JSON.parse(rec.evidence!)).toEqual({ system: "CRM bridge", p95_response_ms: 3400, degraded_threshold_ms: 2000 });
    expect(asObjects(b.get("Maintenance excluded")!)).toEqual([{ title: "Database upgrade", start: "2026-10-04T02:00:00.000Z", end: "2026-10-04T04:00:00.000Z", minutes: "120" }]);
    expect(asObjects(b.get("Coverage")!)[1]).toMatchObject({ system: "CRM bridge", metrics_coverage: "0.5", metrics_from: "2026-10-16T12:00:00.000Z" });
  });

  it("one section: a plain table with one header row", () => {
    const rows = parseCsv(renderReportCsv(sampleReportDocument(), "systems"));
    expect(rows[0]![0]).toBe("system");
    expect(rows).toHaveLength(1 + 3);
    expect(rows.map((r) => r[0])).toEqual(["system", "Invoice sync", "CRM bridge", "Email parser ✓"]);
    for (const s of REPORT_CSV_SECTIONS) expect(() => parseCsv(renderReportCsv(sampleReportDocument(), s))).not.toThrow();
  });

  it("hostile names: commas, quotes and newlines round-trip; formulas are neutralised, numbers are not", () => {
    const hostile = ['=HYPERLINK("http://evil.test","x")', "+1+1", "-2+3", "@SUM(A1)", "Line one\nline two", 'Say "hi", then go', "\tTabbed"];
    const doc = sampleReportDocument();
    doc.system_health.incidents = hostile.map((name, i) => ({ ...doc.system_health.incidents[0]!, system: name, reason: `reason ${i}, with "quotes"\r\nand a CRLF` }));
    const rows = asObjects({ header: parseCsv(renderReportCsv(doc, "incidents"))[0]!, rows: parseCsv(renderReportCsv(doc, "incidents")).slice(1) });
    expect(rows.map((r) => r.system)).toEqual([`'=HYPERLINK("http://evil.test","x")`, "'+1+1", "'-2+3", "'@SUM(A1)", "Line one\nline two", 'Say "hi", then go', "'\tTabbed"]);
    expect(rows[0]!.reason).toBe('reason 0, with "quotes"\r\nand a CRLF');
    // A negative number is data, not a formula.
    expect(csvCell(-8.7)).toBe("-8.7");
    expect(csvCell("-8.7")).toBe("'-8.7");
    expect(csvCell(null)).toBe("");
  });

  it("an empty period: empty tables and empty cells, never zeros as facts", () => {
    const doc = emptyReportDocument();
    const b = blocks(parseCsv(renderReportCsv(doc)));
    const summary = Object.fromEntries(b.get("Summary")!.rows.map((r) => [r[0], r[1]]));
    expect(summary).toMatchObject({ overall_health: "no_data", uptime: "", sla_met: "", metrics_reported: "no", total_automations: "", success_rate: "", cost_savings: "", mttr: "", error_budget_used: "" });
    expect(b.get("Uptime per system")!.rows).toEqual([]);
    expect(b.get("Automations per system")!.rows).toEqual([]);
    expect(b.get("Daily automations")!.rows).toEqual([]);
    expect(b.get("Daily uptime")!.rows.every((r) => r[1] === "")).toBe(true);
  });

  it("recommendations not requested: no rows", () => {
    const doc = sampleReportDocument();
    doc.recommendations = { included: false, performance_optimizations: doc.recommendations.performance_optimizations, cost_savings_opportunities: [], strategic_initiatives: [], note: "Recommendations were not requested for this report." };
    expect(parseCsv(renderReportCsv(doc, "recommendations"))).toEqual([["category", "priority", "rule", "title", "detail", "evidence"]]);
  });

  it("a truncated incident list says so in its title", () => {
    const doc = sampleReportDocument();
    doc.system_health.incidents_total = 350;
    expect(blocks(parseCsv(renderReportCsv(doc))).has("Incidents (2 of 350 listed)")).toBe(true);
  });
});
