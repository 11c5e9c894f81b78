// The client page's chart series and last pulls, on both databases: every bucket listed (null
// where nothing was collected), sums across systems per bucket, daily buckets of the client's
// zone, and the pull log newest first, bounded and scoped.
import { beforeAll, describe, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { getPerformanceSeries } from "./get-performance-series";
import { listMetricPulls } from "./list-metric-pulls";

const at = (iso: string) => new Date(iso);

describeEachDatabase("performance series and last pulls", (get) => {
  const db = () => get().database.prisma;
  const ctxAt = (iso: string, overrides: Parameters<ReturnType<typeof get>["ctx"]>[0] = {}): Context => get().ctx({ clock: { now: () => new Date(iso) }, ...overrides });

  async function client(prefix: string, systems: string[], settings: { timeZone?: string; currency?: string } = {}) {
    const id = uniqueClientId(prefix);
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: `Series ${prefix}`, systems: systems.map((name) => ({ name, health_url: `https://${id}.example.com/${name.toLowerCase()}` })) } });
    await db().client.update({ where: { clientId: id }, data: settings });
    const rows = await db().system.findMany({ where: { client: { clientId: id } }, select: { id: true, name: true } });
    return { id, sys: Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, string> };
  }

  describe("series", () => {
    const NOW = "2026-11-20T12:20:00Z";
    let c: Awaited<ReturnType<typeof client>>;
    beforeAll(async () => {
      c = await client("series", ["One", "Two"], { currency: "EUR" });
      // One: 10 an hour (9 ok) for the last 6 hours; Two: 5 an hour, all ok, for the last 2.
      await seedHourlyRollups(db(), c.sys.One, at("2026-11-20T06:00:00Z"), 6, { total: 10, successful: 9, processing: "25.5", costCents: 10 });
      await seedHourlyRollups(db(), c.sys.Two, at("2026-11-20T10:00:00Z"), 2, { total: 5, successful: 5, costCents: 1 });
      // Three days earlier, to show in the 7-day view.
      await seedHourlyRollups(db(), c.sys.One, at("2026-11-17T00:00:00Z"), 24, { total: 1, successful: 1 });
      for (const s of Object.values(c.sys)) await rollDaysUp(db(), s, "UTC");
    });

    it("24h: 24 hourly buckets ending at the last complete hour, systems summed, empty hours null", async () => {
      const s = await getPerformanceSeries({ ctx: ctxAt(NOW), input: { client_id: c.id, timeframe: "24h" } });
      expect(s).toMatchObject({ granularity: "hour", time_zone: "UTC", currency: "EUR", start: "2026-11-19T12:00:00.000Z", end: "2026-11-20T12:00:00.000Z" });
      expect(s.buckets).toHaveLength(24);
      expect(s.days).toEqual({ start: "2026-11-19", end: "2026-11-21" });
      expect(s.buckets[0]).toEqual({ start: "2026-11-19T12:00:00.000Z", total_automations: null, successful_automations: null, failed_automations: null, total_processing_time: null, cost_savings_cents: null });
      expect(s.buckets[18]).toEqual({ start: "2026-11-20T06:00:00.000Z", total_automations: 10, successful_automations: 9, failed_automations: 1, total_processing_time: 25.5, cost_savings_cents: 10 });
      expect(s.buckets[23]).toEqual({ start: "2026-11-20T11:00:00.000Z", total_automations: 15, successful_automations: 14, failed_automations: 1, total_processing_time: 25.5, cost_savings_cents: 11 });
    });

    it("7d: the last 7 local days, today so far included, from daily buckets", async () => {
      const s = await getPerformanceSeries({ ctx: ctxAt(NOW), input: { client_id: c.id, timeframe: "7d" } });
      expect(s.granularity).toBe("day");
      expect(s.days).toEqual({ start: "2026-11-14", end: "2026-11-21" });
      expect(s.buckets.map((b) => b.start.slice(0, 10))).toEqual(["2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]);
      expect(s.buckets.map((b) => b.total_automations)).toEqual([null, null, null, 24, null, null, 70]);
      const month = await getPerformanceSeries({ ctx: ctxAt(NOW), input: { client_id: c.id } });
      expect(month.timeframe).toBe("30d");
      expect(month.buckets).toHaveLength(30);
    });

    it("days of the client's zone: Asia/Kolkata days start at 18:30 UTC", async () => {
      const k = await client("kolkata", ["K"], { timeZone: "Asia/Kolkata" });
      await seedHourlyRollups(db(), k.sys.K, at("2026-11-19T18:30:00Z"), 3, { total: 2, successful: 2 });
      await rollDaysUp(db(), k.sys.K, "Asia/Kolkata");
      const s = await getPerformanceSeries({ ctx: ctxAt(NOW), input: { client_id: k.id, timeframe: "7d" } });
      expect(s.buckets.at(-1)).toMatchObject({ start: "2026-11-19T18:30:00.000Z", total_automations: 6 });
      expect(s.end).toBe("2026-11-20T18:30:00.000Z");
    });

    it("bad input names the field; another client's bound caller gets not_found", async () => {
      await expect(getPerformanceSeries({ ctx: ctxAt(NOW), input: { client_id: c.id, timeframe: "1y" } as never })).rejects.toMatchObject({ code: "validation_error", issues: [expect.objectContaining({ path: "timeframe" })] });
      await expect(getPerformanceSeries({ ctx: ctxAt(NOW, { clientRestriction: "someone-else" }), input: { client_id: c.id } })).rejects.toMatchObject({ code: "not_found" });
    });
  });

  it("last pulls: newest first across systems, with outcome and message, bounded, scoped", async () => {
    const c = await client("pulls", ["Billing", "CRM"]);
    const base = Date.parse("2026-11-20T10:00:00Z");
    await db().metricPull.createMany({
      data: [
        { systemId: c.sys.Billing, at: new Date(base), source: "pull", outcome: "accepted", spanStart: new Date(base - 900_000), spanEnd: new Date(base), durationMs: 42 },
        { systemId: c.sys.CRM, at: new Date(base + 60_000), source: "push", outcome: "rejected", message: "metrics rejected: successful 430 > total 428" },
        { systemId: c.sys.Billing, at: new Date(base + 120_000), source: "manual", outcome: "error", message: "metrics URL answered 503" },
      ],
    });
    const all = await listMetricPulls({ ctx: ctxAt("2026-11-20T12:00:00Z"), input: { client_id: c.id } });
    expect(all.pulls.map((p) => [p.system, p.source, p.outcome, p.message])).toEqual([
      ["Billing", "manual", "error", "metrics URL answered 503"],
      ["CRM", "push", "rejected", "metrics rejected: successful 430 > total 428"],
      ["Billing", "pull", "accepted", null],
    ]);
    expect(all.pulls[2]).toMatchObject({ at: "2026-11-20T10:00:00.000Z", span_start: "2026-11-20T09:45:00.000Z", span_end: "2026-11-20T10:00:00.000Z", duration_ms: 42 });
    const one = await listMetricPulls({ ctx: ctxAt("2026-11-20T12:00:00Z"), input: { client_id: c.id, limit: 1 } });
    expect(one.pulls).toHaveLength(1);
    await expect(listMetricPulls({ ctx: ctxAt("2026-11-20T12:00:00Z"), input: { client_id: c.id, limit: 101 } })).rejects.toMatchObject({ code: "validation_error", issues: [expect.objectContaining({ path: "limit" })] });
    await expect(listMetricPulls({ ctx: ctxAt("2026-11-20T12:00:00Z", { clientRestriction: "someone-else" }), input: { client_id: c.id } })).rejects.toMatchObject({ code: "not_found" });
  });
});
