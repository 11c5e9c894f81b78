// The metrics write path on both databases, against real local HTTP servers standing in for
// client metrics URLs, on a fake clock: bad payloads are rejected with their reason and store
// nothing; collection is gap-free across an outage and a restart (spans contiguous, totals equal
// the source's); a misbehaving URL never stalls the loop or other clients; money is exact;
// rollups split across hour and day boundaries in two zones, including a DST change day.
// PostgreSQL only: three scheduler instances never pull the same span twice.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { updateClient } from "@/lib/clients/update-client";
import { updateSystem } from "@/lib/clients/update-system";
import { createContext } from "@/lib/context";
import { openDatabase, type Database, type Db } from "@/lib/db/client";
import { createScheduler } from "@/lib/monitoring/scheduler";
import { resetEnvCache } from "@/lib/env";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { sourceTotals, startMetricsSource, type SourceMode } from "@/test/support/metrics-source";
import { acceptMetricSample } from "./accept-metric-sample";
import { collectMetrics } from "./collect-metrics";
import { ingestMetrics } from "./ingest-metrics";
import { applyPullLogRetention, metricsCollection } from "./metrics-collection";
import type { DuePull } from "./claim-due-pulls";
import type { PullResult } from "./pull-metrics";
import { validateMetricsPayload } from "./validate-metrics";
import { untrusted } from "@/lib/input";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function fakeClock(start: number) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms), get t() { return t; } };
}

type Source = Awaited<ReturnType<typeof startMetricsSource>>;

/** Registers a client whose systems pull from the source (loopback allowed); returns its id and system ids by name. */
async function clientWith(db: Db, source: Source, systems: { name: string; key: string; timeoutMs?: number }[], opts: { timeZone?: string; intervalSec?: number } = {}) {
  const ctx = createContext({ db, actor: { type: "system", label: "test" }, scopes: ["read", "write", "admin"] });
  const clientId = uniqueClientId("metrics");
  await registerClient({
    ctx,
    input: {
      client_id: clientId,
      client_name: "Metrics Co",
      time_zone: opts.timeZone,
      systems: systems.map((s) => ({
        name: s.name,
        health_url: `${source.base}/health`,
        metrics_url: source.url(s.key),
        check_interval_seconds: 3600,
        timeout_ms: s.timeoutMs ?? 1000,
      })),
    },
  });
  await db.client.update({ where: { clientId }, data: { allowPrivateTargets: true } });
  if (opts.intervalSec) await db.system.updateMany({ where: { client: { clientId } }, data: { metricsIntervalSec: opts.intervalSec } });
  const rows = await db.system.findMany({ where: { client: { clientId } } });
  return { clientId, ids: Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, string> };
}

/** Only these systems are due: every other one is parked far in the future (the database is shared by the block). */
async function isolate(db: Db, ids: string[], now: Date) {
  const far = new Date(Date.UTC(2999, 0, 1));
  await db.system.updateMany({ where: { id: { notIn: ids } }, data: { nextMetricsAt: null, nextCheckAt: far } });
  await db.system.updateMany({ where: { id: { in: ids } }, data: { nextMetricsAt: now, nextCheckAt: far } });
}

async function samplesOf(db: Db, systemId: string) {
  return db.metricSample.findMany({ where: { systemId }, orderBy: { periodStart: "asc" } });
}

describeEachDatabase("metrics collection", (get) => {
  let source: Source;
  const db = () => get().database.prisma;
  beforeAll(async () => {
    source = await startMetricsSource();
  });
  afterAll(() => source.close());

  it("a new system with a metrics URL is due at once; removing the URL clears it, setting it again makes it due", async () => {
    const { clientId, ids } = await clientWith(db(), source, [{ name: "API", key: uniqueClientId("k") }]);
    expect((await db().system.findUniqueOrThrow({ where: { id: ids.API } })).nextMetricsAt).not.toBeNull();
    const ctx = get().ctx();
    await updateSystem({ ctx, input: { client_id: clientId, system: "API", metrics_url: null } });
    expect((await db().system.findUniqueOrThrow({ where: { id: ids.API } })).nextMetricsAt).toBeNull();
    await updateSystem({ ctx, input: { client_id: clientId, system: "API", metrics_url: source.url("again") } });
    expect((await db().system.findUniqueOrThrow({ where: { id: ids.API } })).nextMetricsAt).not.toBeNull();
  });

  it("each bad answer becomes a stored reason on that system, nothing else is stored, and the failure is retried with back-off", async () => {
    const cases: [SourceMode, RegExp][] = [
      ["invalid", /^metrics rejected: successful \d+ > total \d+$/],
      ["down", /^metrics pull failed: HTTP 503$/],
      ["not_json", /^metrics pull failed: the response is not JSON \(application\/json: "\{\\"total_automations\\": 4"\)$/],
      ["html", /^metrics pull failed: the response is not JSON \(text\/html: "<html><body>Login required<\/body><\/html>"\)$/],
      ["huge", /^metrics pull failed: response larger than 1 MB$/],
      ["hang", /^metrics pull failed: timeout after 500 ms$/],
    ];
    const clock = fakeClock(Date.UTC(2026, 11, 3, 10, 0, 0));
    const systems = cases.map(([mode], i) => ({ name: `S${i}`, key: `bad-${mode}-${uniqueClientId()}`, timeoutMs: mode === "hang" ? 500 : 5000 }));
    const { ids } = await clientWith(db(), source, systems);
    systems.forEach((s, i) => source.setMode(s.key, cases[i][0]));
    await isolate(db(), Object.values(ids), clock.now());
    const scheduler = createScheduler({ db: db(), clock, work: [metricsCollection()] });
    await scheduler.drain();
    for (const [i, [mode, reason]] of cases.entries()) {
      const id = ids[`S${i}`];
      const pulls = await db().metricPull.findMany({ where: { systemId: id } });
      expect(pulls, mode).toHaveLength(1);
      expect(pulls[0].outcome, mode).toBe(mode === "invalid" ? "rejected" : "error");
      expect(pulls[0].message, mode).toMatch(reason);
      expect(pulls[0].spanStart).toEqual(new Date(clock.t - 15 * MINUTE)); // the first span: one interval back
      expect(await db().metricSample.count({ where: { systemId: id } }), mode).toBe(0);
      expect(await db().metricRollup.count({ where: { systemId: id } }), mode).toBe(0);
      const system = await db().system.findUniqueOrThrow({ where: { id } });
      expect(system.metricsCursor, mode).toBeNull();
      expect(system.metricsFailures, mode).toBe(1);
      expect(system.nextMetricsAt, mode).toEqual(new Date(clock.t + MINUTE)); // retried after 1 min, not the 15-min interval
    }
    expect(scheduler.stats().work["metrics pull"]).toMatchObject({ claimed: cases.length, failed: 0 });
  });

  it("collects gap-free across an outage and a restart: spans contiguous, totals equal the source's, exact money in the rollups", async () => {
    const key = `gapfree-${uniqueClientId()}`;
    const { ids } = await clientWith(db(), source, [{ name: "Orders", key }], { intervalSec: 300 });
    const t0 = Date.UTC(2026, 11, 3, 8, 0, 0);
    const clock = fakeClock(t0);
    await isolate(db(), [ids.Orders], clock.now());
    const results: PullResult[] = [];
    const instance = () => createScheduler({ db: db(), clock, work: [metricsCollection({ onPull: (_job: DuePull, r) => r && results.push(r) })] });
    let scheduler = instance();
    // 3 hours in 1-minute steps: an outage from 0:50 to 1:40 (503s), a restart at 2:10.
    for (let minute = 0; minute <= 180; minute++) {
      source.setMode(key, minute >= 50 && minute < 100 ? "down" : "ok");
      if (minute === 130) scheduler = instance(); // a new process: nothing carried over but the database
      const started = await scheduler.runOnce();
      await Promise.all(started);
      clock.advance(MINUTE);
    }
    const samples = await samplesOf(db(), ids.Orders);
    expect(results.filter((r) => r.outcome === "error").length).toBeGreaterThanOrEqual(5); // retried during the outage with back-off
    expect(samples.length).toBeGreaterThan(10);
    expect(samples[0].periodStart.getTime()).toBe(t0 - 5 * MINUTE);
    for (let i = 1; i < samples.length; i++) expect(samples[i].periodStart).toEqual(samples[i - 1].periodEnd); // contiguous: no gap, no overlap
    const first = samples[0].periodStart.getTime();
    const last = samples.at(-1)!.periodEnd.getTime();
    expect(last).toBeGreaterThan(t0 + 170 * MINUTE);
    const truth = sourceTotals(first, last);
    const sum = (f: (s: (typeof samples)[number]) => number | bigint) => samples.reduce((a, s) => a + BigInt(f(s)), 0n);
    expect(sum((s) => s.totalAutomations)).toBe(BigInt(truth.total));
    expect(sum((s) => s.successfulAutomations)).toBe(BigInt(truth.successful));
    expect(sum((s) => s.costSavingsCents)).toBe(BigInt(truth.cents));
    // The sample right after the outage covers the outage.
    const bridging = samples.find((s) => s.periodStart.getTime() <= t0 + 50 * MINUTE && s.periodEnd.getTime() >= t0 + 100 * MINUTE);
    expect(bridging).toBeDefined();
    // Rollups hold exactly the samples, with their coverage.
    for (const period of ["hour", "day"] as const) {
      const agg = await db().metricRollup.aggregate({ where: { systemId: ids.Orders, period }, _sum: { totalAutomations: true, costSavingsCents: true, coveredMs: true } });
      expect(agg._sum.totalAutomations, period).toBe(BigInt(truth.total));
      expect(agg._sum.costSavingsCents, period).toBe(BigInt(truth.cents));
      expect(agg._sum.coveredMs, period).toBe(BigInt(last - first));
    }
    const system = await db().system.findUniqueOrThrow({ where: { id: ids.Orders } });
    expect(system.metricsCursor).toEqual(new Date(last));
    expect(system.metricsFailures).toBe(0);
    // No span was asked for again after it had been accepted.
    const asked = source.requests.filter((r) => r.key === key && r.mode === "ok");
    for (let i = 1; i < asked.length; i++) expect(asked[i].start).toBe(asked[i - 1].end);
  });

  it("a client whose metrics URLs hang never holds up another client's pulls", async () => {
    const clock = fakeClock(Date.UTC(2026, 11, 3, 9, 0, 0));
    const hangs = [1, 2, 3, 4, 5, 6].map((i) => ({ name: `H${i}`, key: `hang-${i}-${uniqueClientId()}`, timeoutMs: 3000 }));
    for (const h of hangs) source.setMode(h.key, "hang");
    const hung = await clientWith(db(), source, hangs);
    const fine = await clientWith(db(), source, [{ name: "OK", key: `fine-${uniqueClientId()}` }]);
    await isolate(db(), [...Object.values(hung.ids), fine.ids.OK], clock.now());
    const done: string[] = [];
    const scheduler = createScheduler({ db: db(), clock, work: [metricsCollection({ concurrency: 4, onPull: (job) => done.push(job.id) })] });
    const began = Date.now();
    const started = await scheduler.runOnce();
    // The hung client got its share (2 of 4 slots) but not the reserve: the other client's pull started and finished.
    await expect.poll(() => done.includes(fine.ids.OK), { timeout: 2000 }).toBe(true);
    expect(Date.now() - began).toBeLessThan(2500);
    expect(scheduler.stats().work["metrics pull"].inFlight).toBeGreaterThan(0);
    await scheduler.stop();
    await Promise.allSettled(started);
    expect((await samplesOf(db(), fine.ids.OK)).length).toBe(1);
  });

  it("pull now (collectMetrics): pulls the span since the last sample, then has nothing to collect", async () => {
    const key = `now-${uniqueClientId()}`;
    const { clientId, ids } = await clientWith(db(), source, [{ name: "API", key }, { name: "No metrics", key: "x" }]);
    await db().system.update({ where: { id: ids["No metrics"] }, data: { metricsUrl: null, nextMetricsAt: null } });
    const clock = fakeClock(Date.UTC(2026, 11, 3, 11, 0, 0));
    const ctx = get().ctx({ clock });
    const first = await collectMetrics({ ctx, input: { client_id: clientId } });
    expect(first.systems).toMatchObject([{ system: "API", outcome: "accepted", span_start: "2026-12-03T10:45:00.000Z", span_end: "2026-12-03T11:00:00.000Z" }]);
    expect(first.systems[0].total_automations).toBe(sourceTotals(Date.UTC(2026, 11, 3, 10, 45), Date.UTC(2026, 11, 3, 11, 0)).total);
    const again = await collectMetrics({ ctx, input: { client_id: clientId, system: "api" } });
    expect(again.systems[0].outcome).toBe("nothing_due");
    clock.advance(7 * MINUTE);
    const later = await collectMetrics({ ctx, input: { client_id: clientId, system: "API" } });
    expect(later.systems[0]).toMatchObject({ outcome: "accepted", span_start: "2026-12-03T11:00:00.000Z", span_end: "2026-12-03T11:07:00.000Z" });
    await expect(collectMetrics({ ctx, input: { client_id: clientId, system: "No metrics" } })).rejects.toMatchObject({ status: 422, issues: [{ path: "system" }] });
    await expect(collectMetrics({ ctx, input: { client_id: clientId, system: "Nope" } })).rejects.toMatchObject({ status: 404 });
    const pulls = await db().metricPull.findMany({ where: { systemId: ids.API }, orderBy: { id: "asc" } });
    expect(pulls.map((p) => [p.source, p.outcome])).toEqual([
      ["manual", "accepted"],
      ["manual", "accepted"],
    ]);
  });

  it("two pulls now of the same system at once: one collects the span, the other stores nothing; callers are rate-limited like check now", async () => {
    const key = `race-${uniqueClientId()}`;
    const { clientId, ids } = await clientWith(db(), source, [{ name: "API", key }]);
    const clock = fakeClock(Date.UTC(2026, 11, 3, 11, 30, 0));
    const ctx = get().ctx({ clock });
    const [a, b] = await Promise.all([collectMetrics({ ctx, input: { client_id: clientId } }), collectMetrics({ ctx, input: { client_id: clientId } })]);
    const outcomes = [a.systems[0].outcome, b.systems[0].outcome].sort();
    expect(outcomes[0]).toBe("accepted");
    expect(["already_recorded", "superseded", "nothing_due"]).toContain(outcomes[1]);
    expect(await db().metricSample.count({ where: { systemId: ids.API } })).toBe(1);
    expect(await db().metricPull.count({ where: { systemId: ids.API, outcome: { in: ["rejected", "error"] } } })).toBe(0);
    expect((await db().system.findUniqueOrThrow({ where: { id: ids.API } })).metricsFailures).toBe(0);

    const saved = process.env.CHECK_NOW_PER_MINUTE;
    process.env.CHECK_NOW_PER_MINUTE = "2";
    resetEnvCache();
    try {
      const keyCtx = get().ctx({ clock, actor: { type: "api_key", id: randomBytes(8).toString("hex"), label: 'key "t"' } });
      await collectMetrics({ ctx: keyCtx, input: { client_id: clientId } });
      await collectMetrics({ ctx: keyCtx, input: { client_id: clientId } });
      await expect(collectMetrics({ ctx: keyCtx, input: { client_id: clientId } })).rejects.toMatchObject({ status: 429 });
    } finally {
      if (saved === undefined) delete process.env.CHECK_NOW_PER_MINUTE;
      else process.env.CHECK_NOW_PER_MINUTE = saved;
      resetEnvCache();
    }
  });

  it("push is idempotent on (system, period); other numbers or an overlap are a conflict; bad payloads store only their reason", async () => {
    const { clientId, ids } = await clientWith(db(), source, [{ name: "Invoices", key: "push" }]);
    const ctx = get().ctx({ clock: fakeClock(Date.UTC(2026, 11, 3, 12, 0, 0)) });
    const body = {
      client_id: clientId,
      system: "invoices",
      period: { start: "2026-12-03T10:00:00Z", end: "2026-12-03T11:00:00Z" },
      total_automations: 450,
      successful_automations: 428,
      failed_automations: 22,
      total_processing_time: 1125.5,
      cost_savings: 2840.75,
    };
    expect(await ingestMetrics({ ctx, input: body })).toMatchObject({ outcome: "accepted", system: "Invoices", total_automations: 450 });
    expect(await ingestMetrics({ ctx, input: body })).toMatchObject({ outcome: "already_recorded" });
    await expect(ingestMetrics({ ctx, input: { ...body, total_automations: 451 } })).rejects.toMatchObject({ status: 409, issues: [{ path: "period" }] });
    await expect(ingestMetrics({ ctx, input: { ...body, period: { start: "2026-12-03T10:30:00Z", end: "2026-12-03T11:30:00Z" } } })).rejects.toMatchObject({ status: 409 });
    await expect(ingestMetrics({ ctx, input: { ...body, period: { start: "2026-12-03T11:00:00Z", end: "2026-12-03T11:30:00Z" }, successful_automations: 430, total_automations: 428, failed_automations: 0 } })).rejects.toMatchObject({
      status: 422,
      issues: [{ path: "successful_automations", message: "successful 430 > total 428" }],
    });
    await expect(ingestMetrics({ ctx, input: untrusted({ ...body, cost_savings: "2840.75" }) })).rejects.toMatchObject({ status: 422, issues: [{ path: "cost_savings" }] });
    const samples = await samplesOf(db(), ids.Invoices);
    expect(samples).toHaveLength(1);
    expect(samples[0].costSavingsCents).toBe(284_075n);
    expect(samples[0].totalProcessingTime.toFixed(3)).toBe("1125.500");
    const day = await db().metricRollup.findMany({ where: { systemId: ids.Invoices, period: "day" } });
    expect(day.map((d) => d.totalAutomations)).toEqual([450n]);
    const pulls = await db().metricPull.findMany({ where: { systemId: ids.Invoices }, orderBy: { id: "asc" } });
    expect(pulls.map((p) => [p.source, p.outcome])).toEqual([
      ["push", "accepted"],
      ["push", "accepted"],
      ["push", "rejected"],
      ["push", "rejected"],
      ["push", "rejected"],
      ["push", "rejected"],
    ]);
    expect(pulls[1].message).toMatch(/^already recorded/);
    expect(pulls[2].message).toBe("metrics rejected: period 2026-12-03T10:00:00.000Z – 2026-12-03T11:00:00.000Z was already recorded with different numbers (total 450, now 451)");
    expect(pulls[4].message).toBe("metrics rejected: successful 430 > total 428");
    expect(pulls[5].message).toBe("metrics rejected: cost_savings must be a number");
    // A push never counts against the pull schedule.
    expect((await db().system.findUniqueOrThrow({ where: { id: ids.Invoices } })).metricsFailures).toBe(0);
  });

  it("money is exact: 1000 samples of 0.10 sum to 100.00 in samples and rollups", async () => {
    const { ids } = await clientWith(db(), source, [{ name: "Tiny", key: "tiny" }]);
    const t0 = Date.UTC(2026, 10, 20, 0, 0, 0);
    const at = new Date(Date.UTC(2026, 11, 3));
    // Ten transactions of a hundred: acceptMetricSample also runs inside a caller's transaction.
    for (let batch = 0; batch < 10; batch++) {
      await db().$transaction(
        async (tx) => {
          for (let i = batch * 100; i < (batch + 1) * 100; i++) {
            const v = validateMetricsPayload(
              {
                period: { start: new Date(t0 + i * MINUTE).toISOString(), end: new Date(t0 + (i + 1) * MINUTE).toISOString() },
                total_automations: 1,
                successful_automations: 1,
                failed_automations: 0,
                total_processing_time: 0.1,
                cost_savings: 0.1,
              },
              { now: at, mode: "push" },
            );
            if (!v.ok) throw new Error(v.reason);
            await acceptMetricSample(db(), { systemId: ids.Tiny, source: "push", sample: v.sample, at }, tx);
          }
        },
        { timeout: 60_000 },
      );
    }
    const raw = await db().$queryRaw<{ n: bigint | number; cents: bigint | string; secs: string }[]>`
      SELECT count(*) AS n, SUM(cost_savings_cents) AS cents, SUM(total_processing_time)::text AS secs FROM metric_samples WHERE system_id = ${ids.Tiny}::uuid`;
    expect(Number(raw[0].n)).toBe(1000);
    expect(BigInt(raw[0].cents)).toBe(10_000n);
    expect(raw[0].secs).toBe("100.000");
    for (const period of ["hour", "day"] as const) {
      const agg = await db().metricRollup.aggregate({ where: { systemId: ids.Tiny, period }, _sum: { costSavingsCents: true, totalProcessingTime: true } });
      expect(agg._sum.costSavingsCents).toBe(10_000n);
      expect(agg._sum.totalProcessingTime?.toFixed(3)).toBe("100.000");
    }
  }, 120_000);

  it("rollups split across hour and day boundaries in the client's zone (New York across the 2026-11-01 DST change, Kolkata at half hours), sums exact", async () => {
    const ny = await clientWith(db(), source, [{ name: "NY", key: "ny" }], { timeZone: "America/New_York" });
    const kol = await clientWith(db(), source, [{ name: "KOL", key: "kol" }], { timeZone: "Asia/Kolkata" });
    const at = new Date(Date.UTC(2026, 11, 3));
    const accept = (systemId: string, start: string, end: string, total: number, cents: bigint) => {
      const v = validateMetricsPayload(
        { period: { start, end }, total_automations: total, successful_automations: total, failed_automations: 0, total_processing_time: 0, cost_savings: Number(cents) / 100 },
        { now: at, mode: "push" },
      );
      if (!v.ok) throw new Error(v.reason);
      return acceptMetricSample(db(), { systemId, source: "push", sample: v.sample, at });
    };
    const rollups = async (systemId: string, period: "hour" | "day") =>
      (await db().metricRollup.findMany({ where: { systemId, period }, orderBy: { bucketStart: "asc" } })).map((r) => [r.bucketStart.toISOString(), Number(r.totalAutomations), Number(r.coveredMs) / MINUTE, Number(r.costSavingsCents)]);

    // 03:00Z–07:00Z on 1 Nov: New York's midnight (EDT) is 04:00Z; 01:00–02:00 happens twice (05:00Z EDT, 06:00Z EST).
    for (const sys of [ny.ids.NY, kol.ids.KOL]) await accept(sys, "2026-11-01T03:00:00Z", "2026-11-01T07:00:00Z", 401, 1001n);
    expect(await rollups(ny.ids.NY, "hour")).toEqual([
      ["2026-11-01T03:00:00.000Z", 101, 60, 251],
      ["2026-11-01T04:00:00.000Z", 100, 60, 250],
      ["2026-11-01T05:00:00.000Z", 100, 60, 250],
      ["2026-11-01T06:00:00.000Z", 100, 60, 250],
    ]);
    expect(await rollups(ny.ids.NY, "day")).toEqual([
      ["2026-10-31T04:00:00.000Z", 100, 60, 250], // 401 × ¼ = 100.25, 401 × ¾ = 300.75: the larger remainder gets the unit
      ["2026-11-01T04:00:00.000Z", 301, 180, 751],
    ]);
    // Kolkata (UTC+5:30): hours begin at :30 UTC, the day at 18:30Z the evening before.
    expect(await rollups(kol.ids.KOL, "hour")).toEqual([
      ["2026-11-01T02:30:00.000Z", 50, 30, 125],
      ["2026-11-01T03:30:00.000Z", 101, 60, 251],
      ["2026-11-01T04:30:00.000Z", 100, 60, 250],
      ["2026-11-01T05:30:00.000Z", 100, 60, 250],
      ["2026-11-01T06:30:00.000Z", 50, 30, 125],
    ]);
    expect(await rollups(kol.ids.KOL, "day")).toEqual([["2026-10-31T18:30:00.000Z", 401, 240, 1001]]);

    // The rest of New York's 25-hour day, in one sample: its day bucket covers 25 hours.
    await accept(ny.ids.NY, "2026-11-01T07:00:00Z", "2026-11-02T05:00:00Z", 2200, 22_000n);
    const day = await rollups(ny.ids.NY, "day");
    expect(day[1]).toEqual(["2026-11-01T04:00:00.000Z", 2501, 25 * 60, 22_751]);
    const hours = await db().metricRollup.count({ where: { systemId: ny.ids.NY, period: "hour", bucketStart: { gte: new Date("2026-11-01T04:00:00Z"), lt: new Date("2026-11-02T05:00:00Z") } } });
    expect(hours).toBe(25);
    const sums = await db().metricRollup.groupBy({ by: ["period"], where: { systemId: ny.ids.NY }, _sum: { totalAutomations: true, costSavingsCents: true } });
    for (const s of sums) expect([s._sum.totalAutomations, s._sum.costSavingsCents]).toEqual([2601n, 23_001n]);
  });

  it("after the client's time zone changes, the next accepted sample rebuilds the rollups in the new zone, sums unchanged", async () => {
    const { clientId, ids } = await clientWith(db(), source, [{ name: "Z", key: "z" }], { timeZone: "America/New_York" });
    const ctx = get().ctx({ clock: fakeClock(Date.UTC(2026, 11, 3)) });
    const push = (start: string, end: string, total: number, cost: number) =>
      ingestMetrics({ ctx, input: { client_id: clientId, system: "Z", period: { start, end }, total_automations: total, successful_automations: total - 1, failed_automations: 1, total_processing_time: 10.25, cost_savings: cost } });
    await push("2026-07-01T02:00:00Z", "2026-07-01T06:00:00Z", 400, 10.01); // New York's summer midnight: 04:00Z
    await push("2026-11-20T03:00:00Z", "2026-11-20T07:00:00Z", 41, 0.07); // winter midnight: 05:00Z
    const days = async () => (await db().metricRollup.findMany({ where: { systemId: ids.Z, period: "day" }, orderBy: { bucketStart: "asc" } })).map((r) => r.bucketStart.toISOString());
    expect(await days()).toEqual(["2026-06-30T04:00:00.000Z", "2026-07-01T04:00:00.000Z", "2026-11-19T05:00:00.000Z", "2026-11-20T05:00:00.000Z"]);

    await updateClient({ ctx, input: { client_id: clientId, time_zone: "Asia/Kolkata" } });
    await push("2026-11-21T00:00:00Z", "2026-11-21T01:00:00Z", 9, 1.5);
    // Kolkata's days begin at 18:30Z the evening before: every sample is in one of its days.
    expect(await days()).toEqual(["2026-06-30T18:30:00.000Z", "2026-11-19T18:30:00.000Z", "2026-11-20T18:30:00.000Z"]);
    for (const period of ["hour", "day"] as const) {
      const agg = await db().metricRollup.aggregate({
        where: { systemId: ids.Z, period },
        _sum: { totalAutomations: true, successfulAutomations: true, failedAutomations: true, costSavingsCents: true, coveredMs: true, totalProcessingTime: true },
      });
      expect(agg._sum.totalAutomations, period).toBe(450n);
      expect(agg._sum.successfulAutomations, period).toBe(447n);
      expect(agg._sum.failedAutomations, period).toBe(3n);
      expect(agg._sum.costSavingsCents, period).toBe(1158n);
      expect(agg._sum.coveredMs, period).toBe(BigInt(9 * HOUR));
      expect(agg._sum.totalProcessingTime?.toFixed(3), period).toBe("30.750");
    }
    const hours = await db().metricRollup.findMany({ where: { systemId: ids.Z, period: "hour" } });
    for (const h of hours) expect(h.bucketStart.getUTCMinutes()).toBe(30); // Kolkata's hours begin at :30 UTC
  });

  it("the pull log is bounded: 30 days, and the last 200 per system", async () => {
    const { ids } = await clientWith(db(), source, [{ name: "Log", key: "log" }]);
    const now = Date.UTC(2026, 11, 3);
    await db().metricPull.createMany({
      data: Array.from({ length: 260 }, (_, i) => ({ systemId: ids.Log, at: new Date(now - i * HOUR), source: "pull", outcome: "error", message: `#${i}` })),
    });
    await db().metricPull.create({ data: { systemId: ids.Log, at: new Date(now - 40 * 86_400_000), source: "pull", outcome: "error" } });
    await applyPullLogRetention(db(), new Date(now));
    const left = await db().metricPull.findMany({ where: { systemId: ids.Log }, orderBy: { at: "desc" } });
    expect(left).toHaveLength(200);
    expect(left[0].message).toBe("#0");
    expect(left.at(-1)!.message).toBe("#199");

    // …as part of the scheduler's own retention pass.
    await db().metricPull.createMany({ data: Array.from({ length: 50 }, () => ({ systemId: ids.Log, at: new Date(), source: "pull", outcome: "error" })) });
    const scheduler = createScheduler({ db: db(), pollMs: 20, retention: { rawDays: 30 }, work: [metricsCollection()] });
    await isolate(db(), [], new Date());
    scheduler.start();
    try {
      await expect.poll(() => db().metricPull.count({ where: { systemId: ids.Log } }), { timeout: 10_000 }).toBe(200);
    } finally {
      await scheduler.stop();
    }
  });
});

// ── PostgreSQL only: three instances share the pulls and never pull a span twice ────────────
const adminUrl = inject("pgUrl");
const describePg = adminUrl ? describe : describe.skip;

describePg("metrics collection on PostgreSQL, three instances [postgres]", () => {
  const name = `cp_metrics_${randomBytes(5).toString("hex")}`;
  const url = (() => {
    const u = new URL(adminUrl ?? "postgresql://x@127.0.0.1/x");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let instances: Database[] = [];
  let source: Source;

  beforeAll(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`CREATE DATABASE "${name}"`);
    await a.end();
    source = await startMetricsSource();
    instances = [await openDatabase({ kind: "postgres", url })];
    instances.push(await openDatabase({ kind: "postgres", url }, { migrate: false }), await openDatabase({ kind: "postgres", url }, { migrate: false }));
  });
  afterAll(async () => {
    await Promise.all(instances.map((d) => d.close().catch(() => {})));
    await source?.close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });

  it("three schedulers claiming at the same moments pull every span exactly once", async () => {
    const db = instances[0]!.prisma;
    const keys = new Map<string, string>(); // source key → system id
    for (let c = 0; c < 6; c++) {
      const systems = Array.from({ length: 5 }, (_, i) => ({ name: `S${i}`, key: `multi-${c}-${i}-${uniqueClientId()}` }));
      const { ids } = await clientWith(db, source, systems, { intervalSec: 60 });
      for (const s of systems) keys.set(s.key, ids[s.name]);
    }
    const t0 = Date.UTC(2026, 11, 3, 6, 0, 0);
    const clock = fakeClock(t0);
    await db.system.updateMany({ data: { nextMetricsAt: clock.now(), nextCheckAt: new Date(Date.UTC(2999, 0, 1)) } });
    const byInstance = new Map<number, number>();
    const schedulers = instances.map((d, i) =>
      createScheduler({ db: d.prisma, clock, work: [metricsCollection({ concurrency: 8, onPull: () => byInstance.set(i, (byInstance.get(i) ?? 0) + 1) })] }),
    );
    // Five intervals in 5 s steps; every round all three instances claim at the same instant.
    for (let step = 0; step <= 60; step++) {
      const started = await Promise.all(schedulers.map((s) => s.runOnce()));
      await Promise.all(started.flat());
      clock.advance(5000);
    }
    expect(byInstance.size).toBeGreaterThan(1); // the work was shared
    for (const [key, systemId] of keys) {
      const asked = source.requests.filter((r) => r.key === key).sort((a, b) => a.start - b.start);
      expect(asked.length).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < asked.length; i++) expect(asked[i].start, key).toBe(asked[i - 1].end); // contiguous, never twice
      const samples = await db.metricSample.findMany({ where: { systemId }, orderBy: { periodStart: "asc" } });
      expect(samples.map((s) => [s.periodStart.getTime(), s.periodEnd.getTime()])).toEqual(asked.map((r) => [r.start, r.end]));
      const first = samples[0].periodStart.getTime();
      expect(first).toBeGreaterThanOrEqual(t0 - MINUTE);
      const total = samples.reduce((n, s) => n + s.totalAutomations, 0);
      expect(total, key).toBe(sourceTotals(first, samples.at(-1)!.periodEnd.getTime()).total);
    }
    expect(await db.metricPull.count({ where: { outcome: { not: "accepted" } } })).toBe(0);
  }, 120_000);
});
