// The demo's metrics history (backfill-demo-metrics.ts) on both databases, on a fake clock: a
// freshly loaded demo tells its story at once — Keystone improving and Harper & Cole declining
// over 30 days (the real thresholds), Swift Freight's Shipment Tracking stalled while healthy —
// and the scheduler's next pull continues exactly where the history ends.
import { beforeAll, expect, it } from "vitest";
import type { Context } from "@/lib/context";
import { getAllClientsStatus } from "@/lib/metrics/clients-overview";
import { claimDuePulls } from "@/lib/metrics/claim-due-pulls";
import { getPerformanceMetrics } from "@/lib/metrics/get-performance-metrics";
import { performanceDirection, SUCCESS_RATE_POINTS } from "@/lib/metrics/performance-direction";
import { pullSpan } from "@/lib/metrics/pull-schedule";
import { forgetLearnedHistories } from "@/lib/monitoring/load-stalled-facts";
import { describeEachDatabase } from "@/test/support/databases";
import { DEMO_LOAD_TIMEOUT_MS } from "@/test/support/demo";
import { backfillSpans, DEMO_HISTORY_DAYS, demoHistory } from "./backfill-demo-metrics";
import { DEMO_CLIENTS, DEMO_SYSTEMS } from "./fleet-model";
import { loadDemoWorkspace } from "./load-demo-workspace";

// In the last third of the model's 90-day cycle (anchored 2026-10-01), where the story is told;
// 20 minutes past the hour, so the history ends with a partial hour.
const NOW = Date.parse("2026-12-15T12:20:00Z");
const HOUR = 3_600_000;

describeEachDatabase("the demo's metrics history", (get) => {
  let ctx: Context;
  let loadMs = 0;

  beforeAll(async () => {
    ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const started = performance.now();
    await loadDemoWorkspace({ ctx, input: { base_url: "http://localhost:3000" } });
    loadMs = performance.now() - started;
    console.log(`[${get().kind}] demo load with ${DEMO_HISTORY_DAYS} days of hourly history: ${Math.round(loadMs)} ms`);
    // Health is the checker's business: every demo system confirmed green (the stalled rule needs it).
    await get().database.prisma.system.updateMany({ data: { status: "healthy", statusChangedAt: new Date(NOW - 3 * HOUR), lastCheckAt: new Date(NOW) } });
  }, DEMO_LOAD_TIMEOUT_MS);

  it("stores hourly samples of every demo system up to now, its cursor at the end, and one log line each", async () => {
    const prisma = get().database.prisma;
    const spans = backfillSpans(new Date(NOW));
    expect(spans).toHaveLength(DEMO_HISTORY_DAYS * 24 + 1);
    expect(spans.at(-1)).toEqual({ start: new Date(NOW - 20 * 60_000), end: new Date(NOW) });
    expect(await prisma.metricSample.count()).toBe(DEMO_SYSTEMS.length * spans.length);
    const systems = await prisma.system.findMany({ select: { metricsCursor: true, metricsFailures: true } });
    expect(systems).toHaveLength(DEMO_SYSTEMS.length);
    for (const s of systems) expect(s).toEqual({ metricsCursor: new Date(NOW), metricsFailures: 0 });
    // Hourly, never one long span: nights stay quiet in the hour rollups.
    const longest = await prisma.$queryRaw<{ ms: number }[]>`SELECT max(EXTRACT(EPOCH FROM period_end - period_start) * 1000)::float8 AS ms FROM metric_samples`;
    expect(longest[0].ms).toBe(HOUR);
    const pulls = await prisma.metricPull.findMany({ select: { outcome: true, spanStart: true, spanEnd: true, message: true } });
    expect(pulls).toHaveLength(DEMO_SYSTEMS.length);
    for (const p of pulls) {
      expect(p).toMatchObject({ outcome: "accepted", spanStart: spans[0].start, spanEnd: new Date(NOW) });
      expect(p.message).toMatch(/^demo history: 1441 samples, \d+ automations/);
    }
  });

  it("keeps every automation of the model: the rollups sum to what the fleet's metrics URL answers", async () => {
    const prisma = get().database.prisma;
    const shipment = DEMO_SYSTEMS.find((s) => s.name === "Shipment Tracking")!;
    const expected = demoHistory(shipment, new Date(NOW)).reduce((a, s) => a + s.total, 0);
    const stored = await prisma.system.findFirstOrThrow({ where: { name: "Shipment Tracking" }, select: { id: true } });
    for (const period of ["hour", "day"] as const) {
      const sum = await prisma.metricRollup.aggregate({ where: { systemId: stored.id, period }, _sum: { totalAutomations: true } });
      expect(Number(sum._sum.totalAutomations), period).toBe(expected);
    }
    // The stall: nothing in the 6 hours before the load (from 06:20), runs before that.
    const last6 = await prisma.metricSample.aggregate({ where: { systemId: stored.id, periodStart: { gte: new Date(NOW - 6 * HOUR) } }, _sum: { totalAutomations: true } });
    expect(last6._sum.totalAutomations).toBe(0);
    const before = await prisma.metricSample.findFirstOrThrow({ where: { systemId: stored.id, periodEnd: new Date(Math.ceil((NOW - 6 * HOUR) / HOUR) * HOUR) } });
    expect(before.totalAutomations).toBeGreaterThan(0);
  });

  it("30 days: Keystone improving and Harper & Cole declining by the real thresholds, over a fully covered previous period", async () => {
    const keystone = await getPerformanceMetrics({ ctx, input: { client_id: "keystone-realty-001", timeframe: "30d" } });
    const harper = await getPerformanceMetrics({ ctx, input: { client_id: "harper-cole-law-001", timeframe: "30d" } });
    for (const m of [keystone, harper]) {
      expect(m.coverage.covered_share).toBe(1);
      expect(m.trends.previous.total_automations).toBeGreaterThan(0);
    }
    expect(keystone.trends.success_rate_trend!).toBeGreaterThanOrEqual(SUCCESS_RATE_POINTS);
    expect(keystone.trends.performance_direction).toBe("improving");
    expect(harper.trends.success_rate_trend!).toBeLessThanOrEqual(-SUCCESS_RATE_POINTS);
    expect(harper.trends.performance_direction).toBe("declining");
    // the verdict is the documented rule applied to the shown figures
    for (const m of [keystone, harper]) {
      expect(performanceDirection({ successRatePoints: m.trends.success_rate_trend, volumeChangePct: m.trends.automation_volume_trend })).toBe(m.trends.performance_direction);
    }
  });

  it("get_all_clients_status flags Swift Freight's Shipment Tracking stalled while healthy, and only it", async () => {
    forgetLearnedHistories();
    const status = await getAllClientsStatus({ ctx, input: {} });
    const stalled = status.clients.flatMap((c) => c.attention.flags.filter((f) => f.kind === "stalled").map((f) => ({ client: c.client_id, ...f })));
    expect(stalled).toHaveLength(1);
    expect(stalled[0]).toMatchObject({ client: "swift-freight-001", system: "Shipment Tracking", since: new Date(Math.ceil((NOW - 6 * HOUR) / HOUR) * HOUR).toISOString() });
    // Silent since 06:20 (6 h before the load); the hour sample 06:00–07:00 still counted runs.
    expect(stalled[0].reason).toMatch(/^no automations for 5 h 20 min/);
    const swift = status.clients.find((c) => c.client_id === "swift-freight-001")!;
    expect(swift.overall_status).toBe("healthy");
    expect(swift.attention.needs_attention).toBe(true);
    expect(status.overall_summary.stalled_clients).toBe(1);
    // today's figures are filled from the history
    expect(status.clients.every((c) => c.today_automations > 0)).toBe(true);
  });

  it("the scheduler's next pull of every demo system starts exactly at the history's end", async () => {
    const later = new Date(NOW + 15 * 60_000);
    const claimed = await claimDuePulls(get().database.prisma, later, { concurrency: 50, inFlightByClient: new Map() });
    expect(claimed).toHaveLength(DEMO_SYSTEMS.length);
    for (const c of claimed) {
      expect(c.cursor).toEqual(new Date(NOW));
      expect(pullSpan(c.cursor, later, c.intervalSec)).toEqual({ start: new Date(NOW), end: later, behind: false });
    }
  });

  it("a second load writes no history again", async () => {
    const before = await get().database.prisma.metricSample.count();
    const again = await loadDemoWorkspace({ ctx, input: { base_url: "http://localhost:3000" } });
    expect(again.created).toEqual([]);
    expect(again.skipped).toEqual(DEMO_CLIENTS.map((c) => c.clientId));
    expect(await get().database.prisma.metricSample.count()).toBe(before);
  });
});
