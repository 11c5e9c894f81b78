// Stored reports on both databases: storeReport freezes the document and its branding with a
// version per client, type and period (concurrent regenerations get distinct versions; a
// schedule run is stored once); list/get/download read them back scoped to the caller, newest
// first, with a keyset cursor and the scheduled email's delivery state; the JSON download is
// byte-identical on every download. The storage tests build the document from the shared
// fixture; the generate tests go through the real computation.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { recordCheck } from "@/lib/monitoring/record-check";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { probeReport } from "@/test/support/probes";
import { samplePrepared, storeSampleReport } from "@/test/support/reports";
import { downloadReport } from "./download-report";
import { generateClientReport, storeReport } from "./generate-report";
import { getReport } from "./get-report";
import { listReports } from "./list-reports";
import { renderReportJson } from "./render/json";
import { generatedReportOutputSchema, listReportsOutputSchema } from "./schemas";
import { sampleBranding, sampleReportDocument } from "./test-fixtures";

/** The file name's version part: none for v1. */
const v = (version: number) => (version > 1 ? `-v${version}` : "");
const NOV = { start: "2026-11-01T00:00:00.000Z", end: "2026-12-01T00:00:00.000Z", label: "November 2026" };

describeEachDatabase("reports: storage and reads", (get) => {
  const db = () => get().database.prisma;
  let A: string;
  let B: string;
  beforeAll(async () => {
    A = (await registerClient({ ctx: get().ctx(), input: { client_id: uniqueClientId("rep-a"), client_name: "Acme Logistics", systems: [{ name: "API", health_url: "https://a.example.com/health" }] } })).client_id;
    B = (await registerClient({ ctx: get().ctx(), input: { client_id: uniqueClientId("rep-b"), client_name: "Beta", systems: [{ name: "API", health_url: "https://b.example.com/health" }] } })).client_id;
  });

  it("stores the document frozen with its branding; the same period again is version 2, another period version 1", async () => {
    const first = await storeSampleReport(db(), A);
    const second = await storeSampleReport(db(), A);
    const other = await storeSampleReport(db(), A, { period: NOV });
    const weekly = await storeSampleReport(db(), A, { reportType: "weekly" });
    expect([first.version, second.version, other.version, weekly.version]).toEqual([1, 2, 1, 1]);
    const row = await db().report.findUniqueOrThrow({ where: { id: second.id } });
    expect(row).toMatchObject({ version: 2, reportType: "monthly", periodLabel: "October 2026", timeZone: "UTC", overallHealth: "degraded", scheduleId: null, includeRecommendations: true });
    expect(row.periodStart.toISOString()).toBe("2026-10-01T00:00:00.000Z");
    expect(row.periodEnd.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    // The version and id are written into the frozen document itself.
    const data = row.data as { report_metadata: { version: number; report_id: string }; system_health: { uptime_summary: number } };
    expect(data.report_metadata).toMatchObject({ version: 2, report_id: second.id });
    expect(data.system_health.uptime_summary).toBe(99.933);
    expect(row.branding).toEqual(sampleBranding);
  });

  it("concurrent regenerations of one period get distinct versions, none lost", async () => {
    const client = await db().client.findUniqueOrThrow({ where: { clientId: A } });
    const period = { start: "2026-09-01T00:00:00.000Z", end: "2026-10-01T00:00:00.000Z", label: "September 2026" };
    const stored = await Promise.all(Array.from({ length: 4 }, () => db().$transaction((tx) => storeReport(tx, samplePrepared(client, { period })))));
    expect(stored.map((s) => s!.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it("storeReport writes in the caller's transaction: a rollback leaves no report (a scheduled run's email and report go together)", async () => {
    const client = await db().client.findUniqueOrThrow({ where: { clientId: A } });
    const before = await db().report.count({ where: { clientRef: client.id } });
    const failed = await db()
      .$transaction(async (tx) => {
        expect(await storeReport(tx, samplePrepared(client, { period: NOV }))).not.toBeNull();
        throw new Error("the email could not be queued");
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe("the email could not be queued");
    expect(await db().report.count({ where: { clientRef: client.id } })).toBe(before);
  });

  it("a schedule run is stored once: the same (schedule, due instant) again is null and writes nothing", async () => {
    const client = await db().client.findUniqueOrThrow({ where: { clientId: A } });
    const channel = await db().alertChannel.create({ data: { type: "email", name: "reports", destination: "client@example.com", source: "report" } });
    const schedule = await db().reportSchedule.create({ data: { clientRef: client.id, reportType: "monthly", cron: "0 9 1 * *", channelId: channel.id, nextRunAt: new Date("2026-12-01T09:00:00Z") } });
    const run = { id: schedule.id, scheduledFor: new Date("2026-11-01T09:00:00.000Z") };
    const period = { start: "2026-08-01T00:00:00.000Z", end: "2026-09-01T00:00:00.000Z", label: "August 2026" };
    const first = await db().$transaction((tx) => storeReport(tx, samplePrepared(client, { period }), run));
    expect(first).toMatchObject({ version: 1 });
    const again = await db().$transaction((tx) => storeReport(tx, samplePrepared(client, { period }), run));
    expect(again).toBeNull();
    expect(await db().report.count({ where: { scheduleId: schedule.id } })).toBe(1);
    // The list shows the email's delivery state for scheduled reports (kind "report", reportId).
    await db().notification.create({
      data: { channelId: channel.id, clientRef: client.id, kind: "report", dedupeKey: `report:${first!.id}`, state: "delivered", sendAfter: new Date(), nextAttemptAt: new Date(), reportId: first!.id },
    });
    const listed = await listReports({ ctx: get().ctx(), input: { schedule_id: schedule.id } });
    expect(listed.reports.map((r) => [r.id, r.schedule_id, r.delivery_state])).toEqual([[first!.id, schedule.id, "delivered"]]);
    // On-demand reports have no delivery state.
    const onDemand = await listReports({ ctx: get().ctx(), input: { client_id: A, limit: 100 } });
    expect(onDemand.reports.filter((r) => r.schedule_id === null).every((r) => r.delivery_state === null)).toBe(true);
  });

  it("lists newest first with a keyset cursor, filters by client and type, and fits the MCP output schema", async () => {
    const C = (await registerClient({ ctx: get().ctx(), input: { client_id: uniqueClientId("rep-c"), client_name: "Gamma", systems: [{ name: "API", health_url: "https://c.example.com/health" }] } })).client_id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await storeSampleReport(db(), C, { generatedAt: new Date(Date.UTC(2026, 10, 2, 9, i)), reportType: i === 2 ? "weekly" : "monthly" })).id);
    const ctx = get().ctx();
    const page1 = await listReports({ ctx, input: { client_id: C, limit: 2 } });
    expect(listReportsOutputSchema.safeParse(page1).success).toBe(true);
    expect(page1.reports.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const page2 = await listReports({ ctx, input: { client_id: C, limit: 2, cursor: page1.next_cursor! } });
    expect(page2.reports.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const page3 = await listReports({ ctx, input: { client_id: C, limit: 2, cursor: page2.next_cursor! } });
    expect(page3.reports.map((r) => r.id)).toEqual([ids[0]]);
    expect(page3.next_cursor).toBeNull();
    expect((await listReports({ ctx, input: { client_id: C, report_type: "weekly" } })).reports.map((r) => r.id)).toEqual([ids[2]]);
    const row = page1.reports[0]!;
    expect(row).toMatchObject({ client_id: C, client_name: "Gamma", report_type: "monthly", period_label: "October 2026", version: 4, overall_health: "degraded", generated_by: "test" });
    expect(row.links).toEqual({
      pdf: `/api/reports/${row.id}/download?format=pdf`,
      csv: `/api/reports/${row.id}/download?format=csv`,
      json: `/api/reports/${row.id}/download?format=json`,
      html: `/api/reports/${row.id}/download?format=html`,
      resource: `report://${C}/${row.id}`,
    });
    await expect(listReports({ ctx, input: { cursor: "bogus" } })).rejects.toMatchObject({ status: 422, issues: [{ path: "cursor" }] });
    await expect(listReports({ ctx, input: { client_id: "no-such-client-zz" } })).rejects.toMatchObject({ status: 404, message: 'Client "no-such-client-zz" was not found' });
  });

  it("a key bound to one client lists, reads and downloads its own reports only: another client's is 404", async () => {
    const mine = await storeSampleReport(db(), A, { period: { start: "2026-07-01T00:00:00.000Z", end: "2026-08-01T00:00:00.000Z", label: "July 2026" } });
    const theirs = await storeSampleReport(db(), B);
    const bound = get().ctx({ scopes: ["read"], clientRestriction: A });
    const listed = await listReports({ ctx: bound, input: { limit: 100 } });
    expect(listed.reports.length).toBeGreaterThan(0);
    expect(listed.reports.every((r) => r.client_id === A)).toBe(true);
    expect(listed.reports.map((r) => r.id)).toContain(mine.id);
    await expect(listReports({ ctx: bound, input: { client_id: B } })).rejects.toMatchObject({ status: 404 });
    expect((await getReport({ ctx: bound, input: { id: mine.id } })).id).toBe(mine.id);
    await expect(getReport({ ctx: bound, input: { id: theirs.id } })).rejects.toMatchObject({ status: 404, message: `Report "${theirs.id}" was not found` });
    await expect(downloadReport({ ctx: bound, input: { id: theirs.id, format: "json" } })).rejects.toMatchObject({ status: 404 });
    await expect(getReport({ ctx: get().ctx(), input: { id: randomUUID() } })).rejects.toMatchObject({ status: 404 });
    await expect(getReport({ ctx: get().ctx(), input: { id: "nope" } })).rejects.toMatchObject({ status: 422, issues: [{ path: "id" }] });
    // No read scope, no reports.
    await expect(listReports({ ctx: get().ctx({ scopes: [] }), input: {} })).rejects.toMatchObject({ status: 403 });
  });

  it("get returns the stored document in the contract's key order, fitting the MCP output schema", async () => {
    const stored = await storeSampleReport(db(), B, { period: NOV });
    const report = await getReport({ ctx: get().ctx(), input: { id: stored.id } });
    expect(generatedReportOutputSchema.safeParse(report).success).toBe(true);
    expect(Object.keys(report.report)).toEqual(["report_metadata", "executive_summary", "system_health", "performance_metrics", "recommendations", "methodology"]);
    expect(Object.keys(report.report.report_metadata).slice(0, 3)).toEqual(["report_id", "version", "client_id"]);
    expect(report.report.executive_summary.headline).toBe(sampleReportDocument().executive_summary.headline);
    // Everything else as stored: the fixture's figures, unchanged.
    expect(report.report.system_health).toEqual(sampleReportDocument().system_health);
    expect(report.report.performance_metrics).toEqual(sampleReportDocument().performance_metrics);
    expect(report).toMatchObject({ id: stored.id, client_id: B, period_label: "November 2026", period_start: NOV.start, period_end: NOV.end, version: 1 });
  });

  it("the JSON download is the stored document, byte-identical on every download, named after the client, period and version", async () => {
    const stored = await storeSampleReport(db(), B);
    const ctx = get().ctx({ scopes: ["read"] });
    const first = await downloadReport({ ctx, input: { id: stored.id, format: "json" } });
    expect(first).toMatchObject({ contentType: "application/json; charset=utf-8", disposition: "attachment", filename: `${B}-2026-10-monthly${v(stored.version)}.json` });
    const parsed = JSON.parse(first.body as string);
    expect(parsed.report_metadata).toMatchObject({ report_id: stored.id, client_id: B, version: stored.version });
    // Data recorded after the report changes nothing in it.
    const system = await db().system.findFirstOrThrow({ where: { client: { clientId: B } } });
    for (let m = 0; m < 5; m++) await recordCheck(get().ctx(), system, probeReport("down", null), new Date(Date.UTC(2026, 9, 10, 10, m)));
    await db().report.update({ where: { id: stored.id }, data: { periodLabel: "renamed" } });
    const again = await downloadReport({ ctx, input: { id: stored.id, format: "json" } });
    expect(Buffer.from(again.body as string).equals(Buffer.from(first.body as string))).toBe(true);
    expect(first.body).toBe(renderReportJson((await getReport({ ctx, input: { id: stored.id } })).report));
  });

  it("download input: unknown format, a section outside CSV, an unknown section or field are 422 naming it", async () => {
    const stored = await storeSampleReport(db(), B);
    const ctx = get().ctx();
    const bad = async (input: Record<string, unknown>, path: string) =>
      expect(downloadReport({ ctx, input: { id: stored.id, ...input } as never })).rejects.toMatchObject({ status: 422, issues: [expect.objectContaining({ path })] });
    await bad({ format: "docx" }, "format");
    await bad({ format: "json", section: "incidents" }, "section");
    await bad({ format: "csv", section: "everything" }, "section");
    await bad({ format: "csv", colour: "red" }, "colour");
    await bad({}, "format");
  });

  describe("renderings from the stored report", () => {
    it("CSV: every table, or one section alone with its own file name", async () => {
      const stored = await storeSampleReport(db(), B, { period: NOV });
      const all = await downloadReport({ ctx: get().ctx(), input: { id: stored.id, format: "csv" } });
      expect(all).toMatchObject({ contentType: "text/csv; charset=utf-8", disposition: "attachment", filename: `${B}-2026-11-monthly${v(stored.version)}.csv` });
      expect(all.body).toContain("Invoice sync");
      const incidents = await downloadReport({ ctx: get().ctx(), input: { id: stored.id, format: "csv", section: "daily_uptime" } });
      expect(incidents.filename).toBe(`${B}-2026-11-monthly${v(stored.version)}-daily-uptime.csv`);
      expect(incidents.body).toContain("97.917");
    });

    it("HTML: inline, the agency's name from the frozen branding", async () => {
      const stored = await storeSampleReport(db(), B, { period: NOV });
      const html = await downloadReport({ ctx: get().ctx(), input: { id: stored.id, format: "html" } });
      expect(html).toMatchObject({ contentType: "text/html; charset=utf-8", disposition: "inline" });
      expect(html.body).toContain("Northwind Automation");
      // The charts arrive as SVG data-URL images (img-src data: in the route's CSP).
      expect(html.body).toContain('src="data:image/svg+xml;base64,');
      expect(html.body).not.toMatch(/<script/i);
    });

    it("PDF: a PDF file named like the others", async () => {
      const stored = await storeSampleReport(db(), B, { period: NOV });
      const pdf = await downloadReport({ ctx: get().ctx(), input: { id: stored.id, format: "pdf" } });
      expect(pdf).toMatchObject({ contentType: "application/pdf", disposition: "attachment", filename: `${B}-2026-11-monthly${v(stored.version)}.pdf` });
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    });
  });

  describe("generate through the real computation", () => {
    it("generate stores a frozen v1, again v2 for the same period; the JSON download does not move when new data arrives", async () => {
      const now = new Date("2026-11-15T12:00:00Z");
      const ctx = get().ctx({ clock: { now: () => now }, actor: { type: "user", label: "ada@agency.test" } });
      const D = (await registerClient({ ctx, input: { client_id: uniqueClientId("rep-gen"), client_name: "Delta", systems: [{ name: "API", health_url: "https://d.example.com/health" }] } })).client_id;
      const v1 = await generateClientReport({ ctx, input: { client_id: D, report_type: "monthly", include_recommendations: true } });
      expect(generatedReportOutputSchema.safeParse(v1).success).toBe(true);
      expect(v1).toMatchObject({ client_id: D, report_type: "monthly", version: 1, period_start: "2026-10-01T00:00:00.000Z", period_end: "2026-11-01T00:00:00.000Z", generated_by: "ada@agency.test" });
      expect(v1.report.report_metadata).toMatchObject({ report_id: v1.id, version: 1, client_id: D });
      const json1 = (await downloadReport({ ctx, input: { id: v1.id, format: "json" } })).body;
      const system = await db().system.findFirstOrThrow({ where: { client: { clientId: D } } });
      for (let m = 0; m < 30; m++) await recordCheck(get().ctx(), system, probeReport("down", null), new Date(Date.UTC(2026, 9, 20, 10, m)));
      const v2 = await generateClientReport({ ctx, input: { client_id: D, report_type: "monthly" } });
      expect(v2).toMatchObject({ version: 2, period_start: v1.period_start, period_end: v1.period_end });
      const json1Again = (await downloadReport({ ctx, input: { id: v1.id, format: "json" } })).body;
      expect(json1Again).toBe(json1);
      const audit = await db().auditLog.findMany({ where: { action: "report.generate", targetId: D }, orderBy: { id: "asc" } });
      expect(audit.map((a) => (a.summary as { version: number }).version)).toEqual([1, 2]);
    });
  });

  it("generate needs the write scope, finds the client within the caller's scope and checks its input before computing anything", async () => {
    const before = await db().report.count();
    await expect(generateClientReport({ ctx: get().ctx({ scopes: ["read"] }), input: { client_id: A, report_type: "monthly" } })).rejects.toMatchObject({ status: 403 });
    await expect(generateClientReport({ ctx: get().ctx({ clientRestriction: A }), input: { client_id: B, report_type: "monthly" } })).rejects.toMatchObject({
      status: 404,
      message: `Client "${B}" was not found`,
    });
    await expect(generateClientReport({ ctx: get().ctx(), input: { client_id: "no-such-client-zz", report_type: "monthly" } })).rejects.toMatchObject({ status: 404 });
    const invalid = async (input: Record<string, unknown>, path: string) =>
      expect(generateClientReport({ ctx: get().ctx(), input: { client_id: A, ...input } as never })).rejects.toMatchObject({ status: 422, issues: [expect.objectContaining({ path })] });
    await invalid({ report_type: "yearly" }, "report_type");
    await invalid({ report_type: "monthly", include_recommendations: "yes" }, "include_recommendations");
    await invalid({ report_type: "monthly", format: "pdf" }, "format");
    expect(await db().report.count()).toBe(before);
  });

  it("bad periods are 422 naming the field (resolveReportPeriod's rules), and store nothing", async () => {
    const now = new Date("2026-11-15T12:00:00Z");
    const ctx = get().ctx({ clock: { now: () => now } });
    const before = await db().report.count();
    for (const [input, path] of [
      [{ start: "2026-10-31", end: "2026-10-01" }, "end"], // reversed
      [{ start: "2026-10-01", end: "2026-10-01" }, "end"], // empty
      [{ start: "2026-11-20", end: "2026-11-25" }, "end"], // in the future
      [{ start: "2024-01-01", end: "2025-06-01" }, "end"], // longer than a year
      [{ start: "1 October", end: "2026-10-31" }, "start"], // not a date
      [{ end: "2026-10-31" }, "start"], // missing
      [{ start: "2026-10-01" }, "end"],
      [{ start: "2026-10-01", end: "2026-10-31", period_containing: "2026-10-05" }, "period_containing"], // not for custom
      [{ report_type: "monthly", start: "2026-10-01" }, "start"], // not for periodic types
      [{ report_type: "monthly", period_containing: "October" }, "period_containing"],
      [{ report_type: "monthly", period_containing: "2026-11-10" }, "period_containing"], // not complete yet
    ] as const) {
      const error = await generateClientReport({ ctx, input: { client_id: A, report_type: "custom", ...input } }).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toMatchObject({ status: 422 });
      expect((error as { issues: { path: string }[] }).issues.map((i) => i.path), JSON.stringify(input)).toContain(path);
    }
    expect(await db().report.count()).toBe(before);
  });
});
