// Analytics over seeded metric_rollups (the collection ↔ analytics contract), on both databases,
// against figures computed by hand: partial coverage, a system that reported for half the
// period, money that floats would get wrong, day buckets of two zones across a DST change and a
// half-hour offset, the portfolio across currencies, and the scope of a client-bound caller.
import { beforeAll, describe, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { getAllClientsStatus } from "./clients-overview";
import { dailyMetricsCsv, getDailyMetrics } from "./get-daily-metrics";
import { getPerformanceMetrics } from "./get-performance-metrics";
import { getPortfolioMetrics } from "./get-portfolio-metrics";

const at = (iso: string) => new Date(iso);
const clockAt = (iso: string) => ({ now: () => new Date(iso) });

describeEachDatabase("metrics analytics", (get) => {
  const db = () => get().database.prisma;
  const ctxAt = (iso: string, overrides: Parameters<ReturnType<typeof get>["ctx"]>[0] = {}): Context => get().ctx({ clock: clockAt(iso), ...overrides });

  /** A client with systems, in a zone and currency; returns its client_id and system ids by name. */
  async function client(prefix: string, systems: string[], settings: { timeZone?: string; currency?: string; hourlyRateCents?: number } = {}) {
    const id = uniqueClientId(prefix);
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: `Metrics ${prefix}`, systems: systems.map((name) => ({ name, health_url: `https://${id}.example.com/${name.toLowerCase().replace(/\W+/g, "-")}` })) } });
    await db().client.update({ where: { clientId: id }, data: settings });
    const rows = await db().system.findMany({ where: { client: { clientId: id } }, select: { id: true, name: true } });
    return { id, sys: Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, string> };
  }

  describe("one client, UTC: a full system and one that reported for half the period", () => {
    const NOW = "2026-11-20T12:00:00Z";
    let acme: Awaited<ReturnType<typeof client>>;
    beforeAll(async () => {
      acme = await client("acme", ["Full", "Half"]);
      // Previous 24 h: Full 8 automations an hour, all successful.
      await seedHourlyRollups(db(), acme.sys.Full, at("2026-11-18T12:00:00Z"), 24, { total: 8, successful: 8 });
      // Current 24 h: Full 10 an hour (9 ok), 25.5 s processing, 10 cents and 0.1 h saved an hour.
      await seedHourlyRollups(db(), acme.sys.Full, at("2026-11-19T12:00:00Z"), 24, { total: 10, successful: 9, processing: "25.5", costCents: 10, timeSaved: "0.1" });
      // Half: only the last 12 hours, 4 an hour, all ok.
      await seedHourlyRollups(db(), acme.sys.Half, at("2026-11-20T00:00:00Z"), 12, { total: 4, successful: 4 });
      for (const s of Object.values(acme.sys)) await rollDaysUp(db(), s, "UTC");
    });

    it("24h: totals, rates, money, ROI, trend and coverage as computed by hand", async () => {
      const m = await getPerformanceMetrics({ ctx: ctxAt(NOW), input: { client_id: acme.id, timeframe: "24h" } });
      expect(m.period).toEqual({ start: "2026-11-19T12:00:00.000Z", end: "2026-11-20T12:00:00.000Z", hours: 24 });
      expect(m.previous_period).toEqual({ start: "2026-11-18T12:00:00.000Z", end: "2026-11-19T12:00:00.000Z", hours: 24 });
      expect(m.metrics).toEqual({
        total_automations: 288, // 24×10 + 12×4
        successful_automations: 264, // 24×9 + 48
        failed_automations: 24,
        success_rate: 91.67, // 264 / 288
        avg_processing_time: 2.125, // 24×25.5 s / 288
        currency: "USD",
        cost_savings: 2.4,
        cost_savings_cents: 240,
        roi_metrics: {
          time_saved_hours: 2.4,
          hourly_rate: 25,
          labor_cost_savings: 60, // 2.4 h × 25
          labor_cost_savings_cents: 6000,
          efficiency_improvement: 93.39, // 2.4 / (2.4 + 612 s / 3600)
        },
      });
      // Previous: 192 automations at 100 %: +50 % volume, −8.33 points → declining (success rate decides).
      expect(m.trends).toEqual({ automation_volume_trend: 50, success_rate_trend: -8.33, performance_direction: "declining", previous: { total_automations: 192, success_rate: 100 } });
      expect(m.coverage).toEqual({
        covered_share: 0.75,
        systems_total: 2,
        systems_reporting: 2,
        systems: [
          { system: "Full", covered_share: 1, covered_hours: 24, first_covered: "2026-11-19T12:00:00.000Z", last_covered: "2026-11-20T12:00:00.000Z" },
          { system: "Half", covered_share: 0.5, covered_hours: 12, first_covered: "2026-11-20T00:00:00.000Z", last_covered: "2026-11-20T12:00:00.000Z" },
        ],
      });
      expect(m.systems.map((s) => [s.system, s.total_automations, s.success_rate, s.covered_share])).toEqual([
        ["Full", 240, 90, 1],
        ["Half", 48, 100, 0.5],
      ]);
    });

    it("7d: whole days from daily buckets and the hours around them, nothing counted twice", async () => {
      const m = await getPerformanceMetrics({ ctx: ctxAt(NOW), input: { client_id: acme.id, timeframe: "7d" } });
      // 11-18 (whole day: 12 h × 8) + 11-19 (whole day: 12×8 + 12×10) from daily; 11-20 00–12 h from hourly (12×10 + 12×4).
      expect(m.metrics.total_automations).toBe(96 + 216 + 120 + 48);
      expect(m.trends.automation_volume_trend).toBeNull(); // nothing before: no volume change to state
      expect(m.trends.performance_direction).toBe("stable");
      // Reading daily rows for whole days only: if the 11-19 day row were ignored, 216 would be missing.
      await db().metricRollup.updateMany({ where: { systemId: acme.sys.Full, period: "hour", bucketStart: { gte: at("2026-11-19T00:00:00Z"), lt: at("2026-11-19T12:00:00Z") } }, data: { totalAutomations: 0 } });
      expect((await getPerformanceMetrics({ ctx: ctxAt(NOW), input: { client_id: acme.id, timeframe: "7d" } })).metrics.total_automations).toBe(480);
      await seedHourlyRollups(db(), acme.sys.Full, at("2026-11-19T00:00:00Z"), 12, { total: 8, successful: 8 });
    });

    it("a client-bound caller of another client gets not_found, like a missing client", async () => {
      const other = await client("other", ["API"]);
      await expect(getPerformanceMetrics({ ctx: ctxAt(NOW, { clientRestriction: other.id }), input: { client_id: acme.id } })).rejects.toMatchObject({ code: "not_found", message: `Client "${acme.id}" was not found` });
      const portfolio = await getPortfolioMetrics({ ctx: ctxAt(NOW, { clientRestriction: other.id }), input: { timeframe: "24h" } });
      expect(portfolio.by_client.map((c) => c.client_id)).toEqual([other.id]);
      expect(portfolio.metrics.total_automations).toBe(0);
      await expect(getDailyMetrics({ ctx: ctxAt(NOW, { clientRestriction: other.id }), input: { client_id: acme.id, start: "2026-11-18", end: "2026-11-20" } })).rejects.toMatchObject({ code: "not_found" });
    });

    it("bad input names the field", async () => {
      const bad = (input: Record<string, unknown>) => getPerformanceMetrics({ ctx: ctxAt(NOW), input: input as never });
      await expect(bad({ client_id: acme.id, timeframe: "1y" })).rejects.toMatchObject({ code: "validation_error", issues: [{ path: "timeframe" }] });
      await expect(bad({ client_id: acme.id, start: "2026-11-01" })).rejects.toMatchObject({ issues: [{ path: "end", message: "is required with start" }] });
      await expect(bad({ client_id: acme.id, start: "2025-01-01", end: "2026-11-01" })).rejects.toMatchObject({ issues: [{ path: "end", message: "the range must be at most 400 days" }] });
      await expect(bad({ client_id: acme.id, start: "2026-11-02", end: "2026-11-01" })).rejects.toMatchObject({ issues: [{ path: "end", message: "must be after start" }] });
      await expect(bad({ client_id: acme.id, start: "2026-11-01T10:10:00Z", end: "2026-11-01T10:50:00Z" })).rejects.toMatchObject({ issues: [{ path: "end" }] });
      await expect(bad({ client_id: acme.id, timeframe: "7d", start: "2026-11-01", end: "2026-11-02" })).rejects.toMatchObject({ issues: [{ path: "timeframe" }] });
      await expect(bad({ client_id: acme.id, start: "yesterday", end: "2026-11-02" })).rejects.toMatchObject({ issues: [{ path: "start" }] });
      await expect(bad({ client_id: acme.id, days: 3 })).rejects.toMatchObject({ issues: [{ path: "days" }] });
    });
  });

  it("money that floats would get wrong: 1,000 hours of 10 cents and 0.1 h saved is exactly 100.00 and 100 h", async () => {
    expect(Array.from({ length: 1000 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(100); // why this test exists
    const c = await client("cents", ["API"], { hourlyRateCents: 3333 });
    await seedHourlyRollups(db(), c.sys.API, at("2026-10-01T00:00:00Z"), 1000, { total: 1, successful: 1, costCents: 10, timeSaved: "0.1" });
    await rollDaysUp(db(), c.sys.API, "UTC");
    const m = await getPerformanceMetrics({ ctx: ctxAt("2026-12-01T00:00:00Z"), input: { client_id: c.id, timeframe: "90d" } });
    expect(m.metrics.total_automations).toBe(1000);
    expect(m.metrics.cost_savings).toBe(100);
    expect(m.metrics.cost_savings_cents).toBe(10_000);
    expect(m.metrics.roi_metrics.time_saved_hours).toBe(100);
    expect(m.metrics.roi_metrics.labor_cost_savings).toBe(3333); // 100 h × 33.33
    expect(m.coverage.systems[0].covered_hours).toBe(1000);
  });

  describe("day buckets in the client's zone", () => {
    it("America/New_York across the fall-back of 2026-11-01 (a 25-hour day)", async () => {
      const ny = await client("ny", ["API"], { timeZone: "America/New_York" });
      await seedHourlyRollups(db(), ny.sys.API, at("2026-10-30T04:00:00Z"), 120, { total: 1, successful: 1 });
      await rollDaysUp(db(), ny.sys.API, "America/New_York");
      const ctx = ctxAt("2026-11-10T00:00:00Z");
      // Whole local days 31 Oct (24 h), 1 Nov (25 h), 2 Nov (24 h), from daily buckets.
      const days = await getPerformanceMetrics({ ctx, input: { client_id: ny.id, start: "2026-10-31", end: "2026-11-03" } });
      expect(days.period).toEqual({ start: "2026-10-31T04:00:00.000Z", end: "2026-11-03T05:00:00.000Z", hours: 73 });
      expect(days.metrics.total_automations).toBe(73);
      expect(days.coverage.covered_share).toBe(1);
      // Hours, a whole 25-hour day, hours: 16 + 25 + 7.
      const mixed = await getPerformanceMetrics({ ctx, input: { client_id: ny.id, start: "2026-10-31T12:00:00Z", end: "2026-11-02T12:00:00Z" } });
      expect(mixed.metrics.total_automations).toBe(48);
      expect(mixed.coverage.covered_share).toBe(1);
      const daily = await getDailyMetrics({ ctx, input: { client_id: ny.id, start: "2026-10-31", end: "2026-11-03" } });
      expect(daily.rows.filter((r) => r.system === null).map((r) => [r.date, r.total_automations, r.covered_hours])).toEqual([
        ["2026-10-31", 24, 24],
        ["2026-11-01", 25, 25],
        ["2026-11-02", 24, 24],
      ]);
    });

    it("Asia/Kolkata (+5:30): local hours and days start at :30 UTC", async () => {
      const ind = await client("kolkata", ["API"], { timeZone: "Asia/Kolkata" });
      // 10 Nov (IST) 1 an hour, 11 Nov 2 an hour, 12 Nov 3 an hour: a day read from the wrong buckets shows.
      for (const [i, start] of ["2026-11-09T18:30:00Z", "2026-11-10T18:30:00Z", "2026-11-11T18:30:00Z"].entries()) {
        await seedHourlyRollups(db(), ind.sys.API, at(start), 24, { total: i + 1, successful: i + 1 });
      }
      await rollDaysUp(db(), ind.sys.API, "Asia/Kolkata");
      const ctx = ctxAt("2026-11-20T00:00:00Z");
      const days = await getPerformanceMetrics({ ctx, input: { client_id: ind.id, start: "2026-11-10", end: "2026-11-12" } });
      expect(days.period).toEqual({ start: "2026-11-09T18:30:00.000Z", end: "2026-11-11T18:30:00.000Z", hours: 48 });
      expect(days.metrics.total_automations).toBe(24 + 48);
      // 20:00Z rounds up to the local hour 20:30Z at both ends: 22 hours of 10 Nov + the whole 11 Nov + 2 hours of 12 Nov.
      const mixed = await getPerformanceMetrics({ ctx, input: { client_id: ind.id, start: "2026-11-09T20:00:00Z", end: "2026-11-11T20:00:00Z" } });
      expect(mixed.period.start).toBe("2026-11-09T20:30:00.000Z");
      expect(mixed.metrics.total_automations).toBe(22 + 48 + 6);
      // 24h at 21:10Z ends at the last complete local hour, 20:30Z: 22 hours of 10 Nov, 2 of 11 Nov.
      const rolling = await getPerformanceMetrics({ ctx: ctxAt("2026-11-10T21:10:00Z"), input: { client_id: ind.id, timeframe: "24h" } });
      expect(rolling.period.end).toBe("2026-11-10T20:30:00.000Z");
      expect(rolling.metrics.total_automations).toBe(22 + 4);
    });

    it("today on the dashboard is each client's own day (one query for all)", async () => {
      const utc = await client("today-utc", ["API"]);
      const ind = await client("today-ist", ["API"], { timeZone: "Asia/Kolkata" });
      // UTC client: 9 Nov 1 an hour, 10 Nov 2 an hour. Kolkata: 10 Nov IST 3 an hour, 11 Nov IST 5 an hour.
      await seedHourlyRollups(db(), utc.sys.API, at("2026-11-09T00:00:00Z"), 24, { total: 1, successful: 1 });
      await seedHourlyRollups(db(), utc.sys.API, at("2026-11-10T00:00:00Z"), 24, { total: 2, successful: 1 });
      await seedHourlyRollups(db(), ind.sys.API, at("2026-11-09T18:30:00Z"), 24, { total: 3, successful: 3 });
      await seedHourlyRollups(db(), ind.sys.API, at("2026-11-10T18:30:00Z"), 24, { total: 5, successful: 5 });
      await rollDaysUp(db(), utc.sys.API, "UTC");
      await rollDaysUp(db(), ind.sys.API, "Asia/Kolkata");
      // 20:00Z on 10 Nov is 01:30 on 11 Nov in Kolkata.
      const status = await getAllClientsStatus({ ctx: ctxAt("2026-11-10T20:00:00Z"), input: {} });
      const row = (id: string) => status.clients.find((c) => c.client_id === id)!;
      expect([row(utc.id).today_automations, row(utc.id).today_success_rate]).toEqual([48, 50]);
      expect([row(ind.id).today_automations, row(ind.id).today_success_rate]).toEqual([120, 100]);
      expect(status.overall_summary.total_automations_today).toBeGreaterThanOrEqual(168);
      const bound = await getAllClientsStatus({ ctx: ctxAt("2026-11-10T20:00:00Z", { clientRestriction: ind.id }), input: {} });
      expect(bound.overall_summary).toMatchObject({ total_automations_today: 120, overall_success_rate: 100 });
    });
  });

  it("portfolio: counts across clients, money by currency, never added across currencies", async () => {
    const usd = await client("pf-usd", ["API"], { currency: "USD", hourlyRateCents: 2000 });
    const eur = await client("pf-eur", ["API", "Batch"], { currency: "EUR", hourlyRateCents: 4000, timeZone: "Europe/Berlin" });
    const from = at("2027-02-01T00:00:00Z");
    await seedHourlyRollups(db(), usd.sys.API, from, 24, { total: 10, successful: 10, costCents: 100, timeSaved: "1" });
    await seedHourlyRollups(db(), eur.sys.API, from, 24, { total: 5, successful: 4, costCents: 50, timeSaved: "0.5" });
    for (const [s, z] of [[usd.sys.API, "UTC"], [eur.sys.API, "Europe/Berlin"]]) await rollDaysUp(db(), s, z);
    const range = { start: "2027-02-01T00:00:00Z", end: "2027-02-02T00:00:00Z" };
    const p = await getPortfolioMetrics({ ctx: ctxAt("2027-03-01T00:00:00Z"), input: range });
    const mine = p.by_client.filter((c) => [usd.id, eur.id].includes(c.client_id));
    expect(mine.map((c) => [c.client_id, c.currency, c.total_automations, c.cost_savings, c.covered_share])).toEqual(
      [
        [eur.id, "EUR", 120, 12, 0.5], // 2 systems, one reporting
        [usd.id, "USD", 240, 24, 1],
      ].sort((a, b) => (p.by_client.findIndex((c) => c.client_id === a[0]) - p.by_client.findIndex((c) => c.client_id === b[0]))),
    );
    const eurMoney = p.money.find((m) => m.currency === "EUR")!;
    expect(eurMoney).toMatchObject({ clients: 1, cost_savings: 12, time_saved_hours: 12, labor_cost_savings: 480 }); // only EUR client in this database
    expect(p.money.find((m) => m.currency === "USD")!.cost_savings).toBeGreaterThanOrEqual(24);
    expect(p.metrics.total_automations).toBeGreaterThanOrEqual(360);
    // A client-bound caller sees its own client only.
    const bound = await getPortfolioMetrics({ ctx: ctxAt("2027-03-01T00:00:00Z", { clientRestriction: eur.id }), input: range });
    expect(bound).toMatchObject({ clients: 1, metrics: { total_automations: 120, successful_automations: 96, success_rate: 80 }, coverage: { systems_total: 2, systems_reporting: 1 } });
    expect(bound.money).toEqual([{ currency: "EUR", clients: 1, cost_savings: 12, cost_savings_cents: 1200, time_saved_hours: 12, labor_cost_savings: 480, labor_cost_savings_cents: 48000 }]);
  });

  it("CSV export: one line per day and system plus the day's total, formulas defused", async () => {
    const c = await client("csv", ["=HYPERLINK(1)", "Plain"]);
    await seedHourlyRollups(db(), c.sys["=HYPERLINK(1)"], at("2026-11-01T00:00:00Z"), 48, { total: 2, successful: 1, costCents: 5 });
    await rollDaysUp(db(), c.sys["=HYPERLINK(1)"], "UTC");
    const { filename, text } = dailyMetricsCsv(await getDailyMetrics({ ctx: ctxAt("2026-11-10T00:00:00Z"), input: { client_id: c.id, start: "2026-11-01", end: "2026-11-03" } }));
    expect(filename).toBe(`clientpulse-${c.id}-metrics-2026-11-01-to-2026-11-02.csv`);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe('"date","system","total_automations","successful_automations","failed_automations","success_rate_pct","avg_processing_time_s","cost_savings_USD","time_saved_hours","covered_hours"');
    expect(lines.slice(1, 4)).toEqual([
      '"2026-11-01","(all systems)",48,24,24,50,0,1.2,0,24',
      `"2026-11-01","'=HYPERLINK(1)",48,24,24,50,0,1.2,0,24`,
      '"2026-11-01","Plain",0,0,0,,,0,0,0',
    ]);
    expect(lines).toHaveLength(7);
  });
});
