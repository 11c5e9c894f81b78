// The report's computed sections on both databases, against figures worked out by hand.
//
// Seeding (what goes through the real write path and what is written as rows):
// - Acme (UTC, October 2026): the confirmed state history is written as status_changes rows and
//   latency as check_rollups rows (a month of 1-minute checks through recordCheck would take
//   minutes); Invoice sync's metrics as metric_rollups rows (test/support/metric-rollups.ts);
//   CRM bridge's metrics through the real acceptMetricSamples (15-minute samples); the
//   maintenance window through the real createMaintenanceWindow.
// - London (Europe/London, October 2026 has 745 h): checks every 3 hours through the real recordCheck
//   (state history, check rollups), a recurring maintenance window through
//   createMaintenanceWindow, metric rollups as rows.
// - Empty clients: nothing at all, and no systems.
import { beforeAll, describe, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { createMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import { acceptMetricSamples } from "@/lib/metrics/accept-metric-sample";
import type { SampleValues } from "@/lib/metrics/validate-metrics";
import { histogramOf, mergeHistograms } from "@/lib/monitoring/latency-histogram";
import { recordCheck } from "@/lib/monitoring/record-check";
import type { SystemStatus } from "@/lib/monitoring/confirm-state";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { probeReport } from "@/test/support/probes";
import { resolveReportPeriod, type ResolvedReportPeriod } from "../periods";
import type { ReportType } from "../contracts";
import { computeReportDocument, computeSections } from "./compute-report";

const NOW = new Date("2026-11-02T09:00:00Z");
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describeEachDatabase("report computation", (get) => {
  const db = () => get().database.prisma;
  const ctxAt = (t: Date): Context => get().ctx({ clock: { now: () => t } });

  async function client(prefix: string, systems: string[], settings: { timeZone?: string; currency?: string; hourlyRateCents?: number; slaTarget?: number } = {}) {
    const id = uniqueClientId(prefix);
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: `Report ${prefix}`, systems: systems.map((name) => ({ name, health_url: `https://${id}.example.com/${name.toLowerCase().replace(/\W+/g, "-")}` })) } });
    const row = await db().client.update({ where: { clientId: id }, data: settings });
    // Systems existed since August (registerClient stamps the real "now").
    await db().system.updateMany({ where: { clientRef: row.id }, data: { createdAt: at("2026-08-01T00:00:00Z") } });
    const rows = await db().system.findMany({ where: { clientRef: row.id }, select: { id: true, name: true } });
    return { id, ref: row.id, sys: Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, string> };
  }

  /** A confirmed state history: consecutive [status, from, to (null = open), reason]. */
  async function states(systemId: string, list: [SystemStatus, string, string | null, string?][]) {
    let from: SystemStatus = "unknown";
    for (const [status, start, end, reason] of list) {
      await db().statusChange.create({ data: { systemId, fromStatus: from, toStatus: status, reason: reason ?? `reported ${status}`, startedAt: at(start), endedAt: end ? at(end) : null } });
      from = status;
    }
  }

  async function latencyDay(systemId: string, day: string, n: number, ms: number, period: "day" | "hour" = "day") {
    await db().checkRollup.create({
      data: { systemId, period, bucketStart: at(day), checks: n, healthy: n, latencyCount: n, latencySum: n * ms, latencyMax: ms, latencyHist: mergeHistograms(Array.from({ length: n }, () => histogramOf(ms))) },
    });
  }

  const compute = (ref: string, period: ResolvedReportPeriod, reportType: ReportType = "monthly") =>
    computeSections(ctxAt(NOW), { clientRef: ref, reportType, period, includeRecommendations: true, reportId: "00000000-0000-4000-8000-00000000000a", version: 1, generatedAt: NOW, generatedBy: "ada@agency.test", agencyName: "Northwind" });

  describe("Acme, October 2026 in UTC: an outage, a maintenance window over another, a degraded spell, a pause, a late system", () => {
    let acme: Awaited<ReturnType<typeof client>>;
    let doc: Awaited<ReturnType<typeof compute>>;

    beforeAll(async () => {
      acme = await client("acme", ["Invoice sync", "CRM bridge", "Email parser", "Late hook"], { slaTarget: 99.8, currency: "EUR", hourlyRateCents: 2500 });
      const { sys } = acme;
      await db().system.update({ where: { id: sys["Email parser"] }, data: { createdAt: at("2026-10-16T12:00:00Z") } });
      await db().system.update({ where: { id: sys["Late hook"] }, data: { createdAt: at("2026-11-01T00:00:00Z") } }); // after the period: left out
      await createMaintenanceWindow({ ctx: ctxAt(at("2026-09-01T00:00:00Z")), input: { client_id: acme.id, title: "Database upgrade", starts_at: "2026-10-20T01:45:00Z", ends_at: "2026-10-20T03:00:00Z" } });

      await states(sys["Invoice sync"], [
        ["healthy", "2026-08-01T00:00:00Z", "2026-09-30T23:00:00Z"],
        ["down", "2026-09-30T23:00:00Z", "2026-10-01T00:30:00Z", "HTTP 500"], // 60 min in September, 30 in October
        ["healthy", "2026-10-01T00:30:00Z", "2026-10-14T08:00:00Z"],
        ["down", "2026-10-14T08:00:00Z", "2026-10-14T09:30:00Z", "HTTP 503 from /health"], // 90 min
        ["healthy", "2026-10-14T09:30:00Z", "2026-10-20T01:00:00Z"],
        ["down", "2026-10-20T01:00:00Z", "2026-10-20T02:00:00Z", "connection refused"], // 45 min counted, 15 in maintenance
        ["healthy", "2026-10-20T02:00:00Z", null],
      ]);
      await states(sys["CRM bridge"], [
        ["healthy", "2026-08-01T00:00:00Z", "2026-10-22T12:00:00Z"],
        ["degraded", "2026-10-22T12:00:00Z", "2026-10-22T12:45:00Z", "latency 3400 ms > 2000 ms"],
        ["healthy", "2026-10-22T12:45:00Z", "2026-10-28T00:00:00Z"],
        ["unknown", "2026-10-28T00:00:00Z", "2026-10-29T00:00:00Z", "paused"],
        ["healthy", "2026-10-29T00:00:00Z", null],
      ]);
      await states(sys["Email parser"], [
        ["healthy", "2026-10-16T12:00:00Z", "2026-10-20T02:00:00Z"],
        ["down", "2026-10-20T02:00:00Z", "2026-10-20T02:30:00Z", "HTTP 502"], // wholly inside maintenance: planned
        ["healthy", "2026-10-20T02:30:00Z", null],
      ]);
      await states(sys["Late hook"], [["down", "2026-10-05T00:00:00Z", null, "must not appear"]]);

      // Latency: Invoice sync 100 checks at 200 ms and 100 at 400 ms; CRM bridge 50 at 3,400 ms;
      // rows outside the period (30 Sep, 1 Nov) must not count.
      await latencyDay(sys["Invoice sync"], "2026-10-05T00:00:00Z", 100, 200);
      await latencyDay(sys["Invoice sync"], "2026-10-06T00:00:00Z", 100, 400);
      await latencyDay(sys["Invoice sync"], "2026-09-30T00:00:00Z", 100, 5000);
      await latencyDay(sys["Invoice sync"], "2026-11-01T00:00:00Z", 10, 5000, "hour");
      await latencyDay(sys["CRM bridge"], "2026-10-22T00:00:00Z", 50, 3400);

      // Metrics. Invoice sync: September 8 an hour (all ok, 20 s, 30 cents, 0.1 h); October 10 an
      // hour (9 ok, 25.5 s, 33 cents, 0.1 h).
      await seedHourlyRollups(db(), sys["Invoice sync"], at("2026-09-01T00:00:00Z"), 720, { total: 8, successful: 8, processing: "20", costCents: 30, timeSaved: "0.1" });
      await seedHourlyRollups(db(), sys["Invoice sync"], at("2026-10-01T00:00:00Z"), 744, { total: 10, successful: 9, processing: "25.5", costCents: 33, timeSaved: "0.1" });
      await rollDaysUp(db(), sys["Invoice sync"], "UTC");
      // CRM bridge, through the real path: 15-minute samples from 16 Oct 12:00 (2 ok, 3 s, 7 cents, 0.025 h each).
      const samples: SampleValues[] = [];
      for (let t = Date.parse("2026-10-16T12:00:00Z"); t < Date.parse("2026-11-01T00:00:00Z"); t += HOUR / 4) {
        samples.push({ periodStart: new Date(t), periodEnd: new Date(t + HOUR / 4), total: 2, successful: 2, failed: 0, processingMilli: 3000n, costCents: 7n, timeSavedMilli: 25n, errorReductionPct: null, processImprovement: null });
      }
      expect((await acceptMetricSamples(db(), { systemId: sys["CRM bridge"], source: "push", samples, at: NOW, label: "test" })).accepted).toBe(1488);

      doc = await compute(acme.ref, resolveReportPeriod("UTC", "monthly", NOW));
    }, 120_000);

    it("metadata: the client, the period and its previous one, the zone", () => {
      expect(doc.report_metadata).toMatchObject({
        client_id: acme.id,
        report_type: "monthly",
        period_label: "October 2026",
        period: { start: "2026-10-01T00:00:00.000Z", end: "2026-11-01T00:00:00.000Z", label: "October 2026", hours: 744 },
        previous_period: { start: "2026-09-01T00:00:00.000Z", end: "2026-10-01T00:00:00.000Z", label: "September 2026", hours: 720 },
        time_zone: "UTC",
        generated_at: NOW.toISOString(),
        generated_by: "ada@agency.test",
        sla_target: 99.8,
        currency: "EUR",
        agency_name: "Northwind",
        include_recommendations: true,
      });
    });

    it("uptime per system with maintenance left out, coverage, previous period; the late system is left out", () => {
      const [inv, crm, email] = doc.system_health.systems;
      expect(doc.system_health.systems.map((s) => s.system)).toEqual(["Invoice sync", "CRM bridge", "Email parser"]);
      // Invoice sync: 44,640 min − 75 maintenance = 44,565 monitored; down 30 + 90 + 45 = 165 → 44,400 / 44,565.
      expect(inv).toEqual({
        system: "Invoice sync",
        uptime_pct: 99.63,
        sla_met: false,
        monitored_minutes: 44565,
        down_minutes: 165,
        degraded_minutes: 0,
        maintenance_minutes: 75,
        coverage: 1,
        monitored_from: "2026-10-01T00:00:00.000Z",
        monitored_to: "2026-11-01T00:00:00.000Z",
        incidents: 3,
        avg_response_ms: 300, // (100 × 200 + 100 × 400) / 200
        p95_response_ms: 400, // the 190th of 200 lies in the 400 ms bucket, capped at the slowest check
        degraded_threshold_ms: 2000,
        previous_uptime_pct: 99.861, // 60 min down of 43,200
      });
      // CRM bridge: degraded counts as up; paused 1,440 min unknown → 43,125 monitored, coverage 43,125 / 44,565.
      expect(crm).toMatchObject({ uptime_pct: 100, sla_met: true, monitored_minutes: 43125, down_minutes: 0, degraded_minutes: 45, coverage: 0.9676, incidents: 1, avg_response_ms: 3400, p95_response_ms: 3400, previous_uptime_pct: 100 });
      // Email parser: from 16 Oct 12:00 (22,320 min − 75 maintenance); its outage lay wholly in maintenance.
      expect(email).toMatchObject({
        uptime_pct: 100,
        monitored_minutes: 22245,
        down_minutes: 0,
        coverage: 0.4991,
        monitored_from: "2026-10-16T12:00:00.000Z",
        incidents: 0,
        avg_response_ms: null,
        p95_response_ms: null,
        previous_uptime_pct: null,
      });
    });

    it("client-wide uptime, SLA and error budget", () => {
      const h = doc.system_health;
      // 109,935 monitored minutes, 165 down → 99.84991 %.
      expect(h.uptime_summary).toBe(99.85);
      expect(h.sla_target).toBe(99.8);
      expect(h.sla_met).toBe(true);
      // allowed = 0.2 % × 109,935 = 219.87; degraded minutes do not count.
      expect(h.error_budget).toEqual({ allowed_minutes: 219.87, used_minutes: 165, remaining_minutes: 54.87, used_pct: 75.04 });
    });

    it("incidents clipped to the period, chronological, with the maintenance part apart; MTTR over recovered down incidents", () => {
      expect(doc.system_health.incidents).toEqual([
        { system: "Invoice sync", status: "down", started_at: "2026-10-01T00:00:00.000Z", ended_at: "2026-10-01T00:30:00.000Z", duration_minutes: 30, reason: "HTTP 500", during_maintenance_minutes: 0, started_before_period: true },
        { system: "Invoice sync", status: "down", started_at: "2026-10-14T08:00:00.000Z", ended_at: "2026-10-14T09:30:00.000Z", duration_minutes: 90, reason: "HTTP 503 from /health", during_maintenance_minutes: 0 },
        { system: "Invoice sync", status: "down", started_at: "2026-10-20T01:00:00.000Z", ended_at: "2026-10-20T02:00:00.000Z", duration_minutes: 60, reason: "connection refused", during_maintenance_minutes: 15 },
        { system: "CRM bridge", status: "degraded", started_at: "2026-10-22T12:00:00.000Z", ended_at: "2026-10-22T12:45:00.000Z", duration_minutes: 45, reason: "latency 3400 ms > 2000 ms", during_maintenance_minutes: 0 },
      ]);
      expect(doc.system_health.incidents_total).toBe(4);
      // (90 full minutes of the first + 90 + 60) / 3; the degraded spell is not a recovery from downtime.
      expect(doc.system_health.mttr_minutes).toBe(80);
      expect(doc.system_health.mttr_incidents).toBe(3);
    });

    it("critical issues and highlights in words with their numbers", () => {
      expect(doc.system_health.critical_issues).toEqual([
        "Invoice sync was down for 30 min from 1 Oct 00:00 (HTTP 500).",
        "Invoice sync was down for 1 h 30 min from 14 Oct 08:00 (HTTP 503 from /health).",
        "Invoice sync was down for 45 min from 20 Oct 01:00 (connection refused) (another 15 min fell in maintenance and is not counted).",
        "Invoice sync: 99.63 % uptime, below the 99.8 % target (2 h 45 min down over 30 d 22 h monitored).",
      ]);
      expect(doc.system_health.performance_highlights).toEqual(["Invoice sync answered in ≈ 400 ms or less for 95 % of checks, well under its 2,000 ms threshold."]);
    });

    it("daily uptime per local day, client-wide", () => {
      const daily = new Map(doc.system_health.daily_uptime.map((d) => [d.date, d.uptime_pct]));
      expect(doc.system_health.daily_uptime).toHaveLength(31);
      expect(daily.get("2026-10-01")).toBe(98.958); // 30 of 2,880 min down
      expect(daily.get("2026-10-14")).toBe(96.875); // 90 of 2,880
      expect(daily.get("2026-10-20")).toBe(98.901); // 45 of 3 × 1,365 (75 min maintenance out)
      expect(daily.get("2026-10-28")).toBe(100); // CRM bridge paused: left out, not down
      expect(daily.get("2026-10-31")).toBe(100);
    });

    it("automations, money to the cent, ROI and efficiency against September", () => {
      const p = doc.performance_metrics;
      expect(p.has_data).toBe(true);
      expect(p.automation_summary).toEqual({
        total_automations: 10416, // 744 × 10 + 1,488 × 2
        successful_automations: 9672,
        failed_automations: 744,
        success_rate: 92.86,
        avg_processing_time: 2.25, // (744 × 25.5 + 1,488 × 3) s / 10,416
        previous: { total_automations: 5760, successful_automations: 5760, failed_automations: 0, success_rate: 100, avg_processing_time: 2.5 },
        volume_change_pct: 80.83,
        success_rate_change: -7.14,
        processing_time_change_pct: -10,
        performance_direction: "declining",
      });
      expect(p.roi_analysis).toEqual({
        currency: "EUR",
        cost_savings: { cents: 34968, amount: 349.68 }, // 744 × 33 + 1,488 × 7
        previous_cost_savings: { cents: 21600, amount: 216 },
        cost_savings_change_pct: 61.89,
        time_saved_hours: 111.6, // 74.4 + 37.2
        hourly_rate: 25,
        labor_cost_savings: { cents: 279000, amount: 2790 },
        total_value: { cents: 313968, amount: 3139.68 },
      });
      // 111.6 h saved / (111.6 + 6.51 h processing); September 72 / (72 + 4).
      expect(p.efficiency_gains).toEqual({ efficiency_improvement: 94.49, previous_efficiency_improvement: 94.74, automations_per_day: 336, hours_saved_per_day: 3.6 });
      expect(p.systems).toEqual([
        { system: "Invoice sync", total_automations: 7440, successful_automations: 6696, failed_automations: 744, success_rate: 90, avg_processing_time: 2.55, cost_savings: { cents: 24552, amount: 245.52 }, time_saved_hours: 74.4, covered_share: 1 },
        { system: "CRM bridge", total_automations: 2976, successful_automations: 2976, failed_automations: 0, success_rate: 100, avg_processing_time: 1.5, cost_savings: { cents: 10416, amount: 104.16 }, time_saved_hours: 37.2, covered_share: 0.5 },
      ]);
    });

    it("daily automations per local day and metrics coverage", () => {
      const p = doc.performance_metrics;
      expect(p.daily_automations).toHaveLength(31);
      const day = new Map(p.daily_automations.map((d) => [d.date, d]));
      expect(day.get("2026-10-14")).toEqual({ date: "2026-10-14", total: 240, successful: 216, failed: 24, reported: true });
      expect(day.get("2026-10-16")).toEqual({ date: "2026-10-16", total: 336, successful: 312, failed: 24, reported: true }); // + 12 h × 4 × 2
      expect(day.get("2026-10-20")).toEqual({ date: "2026-10-20", total: 432, successful: 408, failed: 24, reported: true });
      expect(p.coverage).toEqual([
        { system: "Invoice sync", covered_share: 1, first_covered: "2026-10-01T00:00:00.000Z", last_covered: "2026-11-01T00:00:00.000Z" },
        { system: "CRM bridge", covered_share: 0.5, first_covered: "2026-10-16T12:00:00.000Z", last_covered: "2026-11-01T00:00:00.000Z" },
        { system: "Email parser", covered_share: 0, first_covered: null, last_covered: null },
      ]);
    });

    it("methodology: the maintenance excluded, coverage per system, and a note for every partial figure", () => {
      const m = doc.methodology;
      expect(m.maintenance.excluded_minutes).toBe(75);
      expect(m.maintenance.windows).toEqual([{ title: "Database upgrade", start: "2026-10-20T01:45:00.000Z", end: "2026-10-20T03:00:00.000Z", minutes: 75 }]);
      expect(m.maintenance.text).toContain("1 maintenance window (1 h 15 min in all)");
      expect(m.coverage.map((c) => [c.system, c.health_coverage, c.metrics_coverage])).toEqual([
        ["Invoice sync", 1, 1],
        ["CRM bridge", 0.9676, 0.5],
        ["Email parser", 0.4991, 0],
      ]);
      expect(m.notes).toEqual([
        "CRM bridge's uptime covers 96.8 % of the period: for the rest its state was not known (paused, or no checks made).",
        "Email parser was monitored from 16 Oct 12:00 only: its uptime covers 49.9 % of the period.",
        "CRM bridge reported metrics from 16 Oct 12:00 only: its automation figures cover 50 % of the period.",
        "Email parser reported no automation metrics in this period.",
      ]);
      for (const text of [m.uptime, m.success_rate, m.response_time]) expect(text.length).toBeGreaterThan(80);
      expect(m.uptime).toContain("99.8 %");
    });

    it("the whole document: the summary and recommendations read these sections; it survives JSON as is", async () => {
      const args = { clientRef: acme.ref, reportType: "monthly" as const, period: resolveReportPeriod("UTC", "monthly", NOW), includeRecommendations: true, reportId: "r", version: 1, generatedAt: NOW, generatedBy: "ada@agency.test", agencyName: "Northwind" };
      const full = await computeReportDocument(ctxAt(NOW), args);
      expect(full.system_health).toEqual(doc.system_health);
      expect(full.executive_summary.overall_health).toBe("degraded"); // Invoice sync missed the target
      expect(full.recommendations.included).toBe(true);
      // CRM bridge's p95 (≈ 3,400 ms) is over its 2,000 ms degraded threshold: the slow_p95 rule reads both from here.
      expect(full.recommendations.performance_optimizations.map((r) => [r.rule, r.evidence.system])).toContainEqual(["slow_p95", "CRM bridge"]);
      expect(JSON.parse(JSON.stringify(full))).toEqual(full); // no BigInt, no Date, no undefined left
      expect(full.methodology.uptime).toContain('Overall health is "no data"');
      const without = await computeReportDocument(ctxAt(NOW), { ...args, includeRecommendations: false });
      expect(without.recommendations.included).toBe(false);
      expect(without.report_metadata.include_recommendations).toBe(false);
    });

    it("a custom range: the first half of October against the equal span before", async () => {
      const half = await compute(acme.ref, resolveReportPeriod("UTC", "custom", NOW, { start: "2026-10-01", end: "2026-10-16" }), "custom");
      expect(half.report_metadata.period_label).toBe("1 Oct – 15 Oct 2026");
      expect(half.system_health.systems.map((s) => s.system)).toEqual(["Invoice sync", "CRM bridge"]); // Email parser came later
      // 15 days = 21,600 min, down 30 + 90 = 120.
      expect(half.system_health.systems[0]).toMatchObject({ uptime_pct: 99.444, down_minutes: 120, maintenance_minutes: 0, incidents: 2 });
      expect(half.performance_metrics.automation_summary.total_automations).toBe(3600); // 360 h × 10
      expect(half.performance_metrics.automation_summary.previous?.total_automations).toBe(2880); // 16–30 Sep: 360 h × 8
    });
  });

  describe("no data", () => {
    it("a period with no data says so: nulls, not zeros", async () => {
      const empty = await client("empty", ["Lonely"]);
      const doc = await compute(empty.ref, resolveReportPeriod("UTC", "monthly", NOW));
      const h = doc.system_health;
      expect(h.uptime_summary).toBeNull();
      expect(h.sla_met).toBeNull();
      expect(h.error_budget).toBeNull();
      expect(h.mttr_minutes).toBeNull();
      expect(h.systems).toEqual([
        expect.objectContaining({ system: "Lonely", uptime_pct: null, sla_met: null, monitored_minutes: 0, coverage: 0, monitored_from: null, avg_response_ms: null, p95_response_ms: null, previous_uptime_pct: null }),
      ]);
      expect(h.daily_uptime).toHaveLength(31);
      expect(h.daily_uptime.every((d) => d.uptime_pct === null)).toBe(true);
      expect(h.critical_issues).toEqual([]);
      expect(h.performance_highlights).toEqual([]);
      const p = doc.performance_metrics;
      expect(p.has_data).toBe(false);
      expect(p.automation_summary).toMatchObject({ total_automations: 0, success_rate: null, avg_processing_time: null, previous: null, volume_change_pct: null, performance_direction: "stable" });
      expect(p.roi_analysis.previous_cost_savings).toBeNull();
      expect(p.efficiency_gains).toEqual({ efficiency_improvement: null, previous_efficiency_improvement: null, automations_per_day: null, hours_saved_per_day: null });
      expect(p.daily_automations).toEqual([]);
      expect(doc.methodology.notes).toEqual(["Lonely has no monitoring data for this period: it has no uptime figure.", "No system reported automation metrics in this period: the performance section has no figures."]);
      expect(doc.methodology.maintenance).toEqual({ excluded_minutes: 0, windows: [], text: "No maintenance windows fell in this period." });
    });

    it("a client whose only system came after the period has no systems in it", async () => {
      const none = await client("none", ["Future"]);
      await db().system.updateMany({ where: { clientRef: none.ref }, data: { createdAt: at("2026-11-01T00:00:00Z") } });
      const doc = await compute(none.ref, resolveReportPeriod("UTC", "monthly", NOW));
      expect(doc.system_health.systems).toEqual([]);
      expect(doc.system_health.uptime_summary).toBeNull();
      expect(doc.performance_metrics.has_data).toBe(false);
      expect(doc.methodology.notes).toEqual(["The client had no systems in this period.", "No system reported in this period."]);
    });

    it("another client's id is not found for a caller bound to a client", async () => {
      const other = await client("other", ["X"]);
      const period = resolveReportPeriod("UTC", "monthly", NOW);
      await expect(
        computeSections(get().ctx({ clock: { now: () => NOW }, clientRestriction: "someone-else" }), { clientRef: other.ref, reportType: "monthly", period, includeRecommendations: false, reportId: "x", version: 1, generatedAt: NOW, generatedBy: "t", agencyName: "A" }),
      ).rejects.toThrow(/not found/);
    });
  });

  describe("London across the end of summer time: checks through recordCheck, a recurring window", () => {
    const ZONE = "Europe/London";
    let lon: Awaited<ReturnType<typeof client>>;

    beforeAll(async () => {
      lon = await client("london", ["Shop"], { timeZone: ZONE, currency: "GBP" });
      const shop = lon.sys.Shop;
      // Sundays 03:00 London time for 30 minutes: 4, 11, 18 Oct at 02:00 UTC (BST), 25 Oct at 03:00 UTC (GMT).
      await createMaintenanceWindow({ ctx: ctxAt(at("2026-09-01T00:00:00Z")), input: { client_id: lon.id, title: "Sunday restart", recurrence: "0 3 * * 0", duration_minutes: 30, starts_at: "2026-09-01T00:00:00Z" } });
      // A check every 3 hours over October (local) from its first instant, and hourly around the
      // outage: down at 10:00 and 11:00 UTC on 25 Oct (two agreeing probes confirm it), healthy
      // again from 12:00.
      const ctx = get().ctx();
      const times = new Set<number>();
      for (let t = Date.parse("2026-09-30T23:00:00Z"); t <= Date.parse("2026-10-31T23:00:00Z"); t += 3 * HOUR) times.add(t);
      for (const h of ["09", "10", "11", "12", "13"]) times.add(Date.parse(`2026-10-25T${h}:00:00Z`));
      const down = new Set([Date.parse("2026-10-25T10:00:00Z"), Date.parse("2026-10-25T11:00:00Z")]);
      for (const t of [...times].sort((a, b) => a - b)) await recordCheck(ctx, { id: shop }, down.has(t) ? probeReport("down", null) : probeReport("healthy", 100), new Date(t));
      await seedHourlyRollups(db(), shop, at("2026-09-30T23:00:00Z"), 745, { total: 1, successful: 1 });
      await rollDaysUp(db(), shop, ZONE);
    }, 180_000);

    it("October has 745 hours; the 25 h day, the recurring maintenance and the outage are counted by hand", async () => {
      const doc = await compute(lon.ref, resolveReportPeriod(ZONE, "monthly", NOW));
      expect(doc.report_metadata.period).toEqual({ start: "2026-09-30T23:00:00.000Z", end: "2026-11-01T00:00:00.000Z", label: "October 2026", hours: 745 });
      // Down from the first probe of the confirming run (10:00) to the first healthy one (12:00): 120 min.
      // 44,700 min − 4 × 30 maintenance = 44,580 monitored.
      expect(doc.system_health.systems[0]).toMatchObject({ uptime_pct: 99.731, monitored_minutes: 44580, down_minutes: 120, maintenance_minutes: 120, coverage: 1, incidents: 1, avg_response_ms: 100 });
      expect(doc.system_health.incidents).toEqual([{ system: "Shop", status: "down", started_at: "2026-10-25T10:00:00.000Z", ended_at: "2026-10-25T12:00:00.000Z", duration_minutes: 120, reason: "HTTP 503", during_maintenance_minutes: 0 }]);
      expect(doc.system_health.mttr_minutes).toBe(120);
      const daily = doc.system_health.daily_uptime;
      expect(daily).toHaveLength(31);
      expect(daily[0]!.date).toBe("2026-10-01");
      expect(daily.find((d) => d.date === "2026-10-25")!.uptime_pct).toBe(91.837); // (1,500 − 30 − 120) / 1,470
      expect(doc.system_health.critical_issues[0]).toBe("Shop was down for 2 h from 25 Oct 10:00 (HTTP 503).");
      expect(doc.methodology.maintenance.windows.map((w) => [w.start, w.minutes])).toEqual([
        ["2026-10-04T02:00:00.000Z", 30],
        ["2026-10-11T02:00:00.000Z", 30],
        ["2026-10-18T02:00:00.000Z", 30],
        ["2026-10-25T03:00:00.000Z", 30],
      ]);
      expect(doc.methodology.maintenance.excluded_minutes).toBe(120);
      expect(doc.methodology.notes).toContain("This period has 745 hours, not 744: the clocks changed (daylight saving time) in Europe/London.");
      // Day buckets are London days: 25 Oct holds 25 hourly automations.
      const points = new Map(doc.performance_metrics.daily_automations.map((d) => [d.date, d.total]));
      expect(doc.performance_metrics.daily_automations).toHaveLength(31);
      expect(points.get("2026-10-24")).toBe(24);
      expect(points.get("2026-10-25")).toBe(25);
      expect(doc.performance_metrics.automation_summary.total_automations).toBe(745);
    });

    it("the week containing the change has 169 hours and seven local days", async () => {
      const doc = await compute(lon.ref, resolveReportPeriod(ZONE, "weekly", NOW, { containing: "2026-10-25" }), "weekly");
      expect(doc.report_metadata.period).toMatchObject({ label: "Week of 19 Oct 2026", hours: 169 });
      expect(doc.system_health.daily_uptime.map((d) => d.date)).toEqual(["2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23", "2026-10-24", "2026-10-25"]);
      expect(doc.performance_metrics.automation_summary.total_automations).toBe(169);
      expect(doc.performance_metrics.automation_summary.previous?.total_automations).toBe(168);
      // 169 × 60 − 30 maintenance (Sunday 25 Oct) = 10,110 monitored, 120 down.
      expect(doc.system_health.systems[0]).toMatchObject({ monitored_minutes: 10110, down_minutes: 120, maintenance_minutes: 30, uptime_pct: 98.813 });
    });
  });
});
