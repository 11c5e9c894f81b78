// The batched write (acceptMetricSamples) keeps every guarantee of the one-sample path, and the
// retention of raw samples (METRICS_RETENTION_DAYS) — both databases.
import { expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { acceptMetricSample, acceptMetricSamples } from "./accept-metric-sample";
import { ingestMetrics } from "./ingest-metrics";
import { applyMetricsRetention } from "./metrics-collection";
import type { SampleValues } from "./validate-metrics";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 20, 12, 0, 0); // a week after New York's spring-forward

/** Irregular spans (20 min to 2 days, across local midnights and the DST change) with awkward numbers. */
function samples(from: number, n: number): SampleValues[] {
  const out: SampleValues[] = [];
  let t = from;
  for (let i = 0; i < n; i++) {
    const len = [20 * 60_000, HOUR, 95 * 60_000, 2 * DAY, 7 * HOUR][i % 5];
    const total = 7 + ((i * 37) % 101);
    const failed = i % 3;
    out.push({
      periodStart: new Date(t),
      periodEnd: new Date(t + len),
      total,
      successful: total - failed,
      failed,
      processingMilli: BigInt(1000 * total + i),
      costCents: BigInt(10 * total + 1),
      timeSavedMilli: i % 4 === 0 ? null : BigInt(333 * total),
      errorReductionPct: null,
      processImprovement: null,
    });
    t += len + (i % 7 === 0 ? 15 * 60_000 : 0); // now and then a gap
  }
  return out;
}

async function newSystem(db: Db, ctx: Parameters<typeof registerClient>[0]["ctx"], timeZone: string) {
  const clientId = uniqueClientId("batch");
  await registerClient({ ctx, input: { client_id: clientId, client_name: clientId, time_zone: timeZone, systems: [{ name: "Runner", health_url: "https://api.example.com/health" }] } });
  return db.system.findFirstOrThrow({ where: { client: { clientId } }, select: { id: true, clientRef: true } }).then((s) => ({ ...s, clientId }));
}

const rollups = (db: Db, systemId: string) =>
  db.metricRollup
    .findMany({ where: { systemId }, orderBy: [{ period: "asc" }, { bucketStart: "asc" }] })
    .then((rows) => rows.map(({ systemId: _s, ...r }) => ({ ...r, totalProcessingTime: r.totalProcessingTime.toFixed(3), timeSavedHours: r.timeSavedHours.toFixed(3) })));

describeEachDatabase("acceptMetricSamples", (get) => {
  const db = () => get().database.prisma;

  it("stores exactly what accepting the samples one by one stores: samples, hour and day rollups, cursor", async () => {
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const batch = samples(NOW - 20 * DAY, 40);
    const one = await newSystem(db(), ctx, "America/New_York");
    const many = await newSystem(db(), ctx, "America/New_York");
    for (const s of batch) expect((await acceptMetricSample(db(), { systemId: one.id, source: "pull", sample: s, at: new Date(NOW) })).outcome).toBe("accepted");
    const result = await acceptMetricSamples(db(), { systemId: many.id, source: "pull", samples: batch, at: new Date(NOW), label: "history" });
    expect(result).toMatchObject({ outcome: "accepted", accepted: 40 });

    const expected = await rollups(db(), one.id);
    expect(expected.filter((r) => r.period === "day").length).toBeGreaterThan(10);
    expect(await rollups(db(), many.id)).toEqual(expected);
    const cols = { select: { periodStart: true, periodEnd: true, totalAutomations: true, costSavingsCents: true, timeSavedHours: true, totalProcessingTime: true, source: true } } as const;
    const strip = (rows: { totalProcessingTime: { toFixed(n: number): string }; timeSavedHours: { toFixed(n: number): string } | null }[]) =>
      rows.map((r) => ({ ...r, totalProcessingTime: r.totalProcessingTime.toFixed(3), timeSavedHours: r.timeSavedHours?.toFixed(3) ?? null }));
    expect(strip(await db().metricSample.findMany({ where: { systemId: many.id }, orderBy: { periodStart: "asc" }, ...cols }))).toEqual(
      strip(await db().metricSample.findMany({ where: { systemId: one.id }, orderBy: { periodStart: "asc" }, ...cols })),
    );
    const cursor = (id: string) => db().system.findUniqueOrThrow({ where: { id }, select: { metricsCursor: true } });
    expect(await cursor(many.id)).toEqual({ metricsCursor: batch.at(-1)!.periodEnd });
    expect(await cursor(many.id)).toEqual(await cursor(one.id));
    // one log line for the batch
    const log = await db().metricPull.findMany({ where: { systemId: many.id } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: "accepted", spanStart: batch[0].periodStart, spanEnd: batch.at(-1)!.periodEnd });
  });

  it("all or nothing: a batch overlapping an accepted sample stores nothing and logs why; a batch out of order is refused", async () => {
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const sys = await newSystem(db(), ctx, "UTC");
    const batch = samples(NOW - 10 * DAY, 10);
    await acceptMetricSample(db(), { systemId: sys.id, source: "push", sample: batch[6], at: new Date(NOW) });
    const before = await rollups(db(), sys.id);
    const result = await acceptMetricSamples(db(), { systemId: sys.id, source: "pull", samples: batch, at: new Date(NOW), label: "history" });
    expect(result.outcome).toBe("overlap");
    expect(result.message).toContain(`overlaps the accepted sample ${batch[6].periodStart.toISOString()}`);
    expect(await db().metricSample.count({ where: { systemId: sys.id } })).toBe(1);
    expect(await rollups(db(), sys.id)).toEqual(before);
    expect(await db().metricPull.count({ where: { systemId: sys.id, outcome: "rejected" } })).toBe(1);
    await expect(acceptMetricSamples(db(), { systemId: sys.id, source: "pull", samples: [batch[1], batch[0]], at: new Date(NOW), label: "x" })).rejects.toThrow(/out of order or overlaps/);
  });
});

describeEachDatabase("metrics retention", (get) => {
  const db = () => get().database.prisma;

  it("deletes raw samples that ended more than METRICS_RETENTION_DAYS (default 400) ago, keeps every rollup", async () => {
    expect(getEnv().METRICS_RETENTION_DAYS).toBe(400);
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const sys = await newSystem(db(), ctx, "Europe/Berlin");
    const old = samples(NOW - 420 * DAY, 12); // ends ≈ 410 days ago
    const kept = samples(NOW - 399 * DAY, 3);
    const recent = samples(NOW - 5 * DAY, 3);
    await acceptMetricSamples(db(), { systemId: sys.id, source: "pull", samples: [...old, ...kept, ...recent], at: new Date(NOW), label: "seed" });
    const before = await rollups(db(), sys.id);

    const deleted = await applyMetricsRetention(db(), new Date(NOW));
    expect(deleted).toBeGreaterThanOrEqual(old.length);
    const left = await db().metricSample.findMany({ where: { systemId: sys.id }, orderBy: { periodStart: "asc" }, select: { periodStart: true } });
    expect(left.map((s) => s.periodStart)).toEqual([...kept, ...recent].map((s) => s.periodStart));
    expect(await rollups(db(), sys.id)).toEqual(before);

    // a shorter window from the caller (the env's value in the scheduler)
    await applyMetricsRetention(db(), new Date(NOW), 30);
    expect(await db().metricSample.count({ where: { systemId: sys.id } })).toBe(recent.length);
    expect(await rollups(db(), sys.id)).toEqual(before);
  });

  it("refuses a push for a period older than the horizon (422 naming period.start, nothing stored), accepts one inside it", async () => {
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const sys = await newSystem(db(), ctx, "UTC");
    const push = (startAgoDays: number) => ({
      client_id: sys.clientId,
      system: "Runner",
      period: { start: new Date(NOW - startAgoDays * DAY).toISOString(), end: new Date(NOW - startAgoDays * DAY + HOUR).toISOString() },
      total_automations: 5,
      successful_automations: 5,
      failed_automations: 0,
      total_processing_time: 1,
      cost_savings: 1,
    });
    const error = await ingestMetrics({ ctx, input: push(401) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "period.start", message: expect.stringMatching(/^is before .*: samples older than 400 days are not kept/) }]);
    expect(await db().metricSample.count({ where: { systemId: sys.id } })).toBe(0);
    expect(await db().metricRollup.count({ where: { systemId: sys.id } })).toBe(0);
    expect(await db().metricPull.findFirst({ where: { systemId: sys.id }, select: { outcome: true } })).toEqual({ outcome: "rejected" });
    expect((await ingestMetrics({ ctx, input: push(399) })).outcome).toBe("accepted");
  });
});
