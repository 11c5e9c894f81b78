// recordCheck on both databases: the hour and day rollups follow every stored check, and two
// writers recording the same system at once (the scheduler and "check now") serialise on the
// system row instead of losing a state transition or colliding on the (system, time) key.
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { bucketIndex } from "./latency-histogram";
import { recordCheck, recordChecks } from "./record-check";


describeEachDatabase("record check", (get) => {
  let systemId: string;
  const base = Date.UTC(2026, 10, 20, 10, 0, 0); // 10:00 UTC

  beforeAll(async () => {
    const clientId = uniqueClientId("rec");
    await registerClient({ ctx: get().ctx(), input: { client_id: clientId, client_name: "Rec Co", systems: [{ name: "API", health_url: "https://example.com/health" }] } });
    systemId = (await get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId } } })).id;
  });

  it("keeps hour and day rollups with counts, latency and histogram", async () => {
    const ctx = get().ctx();
    await recordCheck(ctx, { id: systemId }, probeReport("healthy", 100), new Date(base + 60_000));
    await recordCheck(ctx, { id: systemId }, probeReport("degraded", 2500), new Date(base + 120_000));
    await recordCheck(ctx, { id: systemId }, probeReport("down", null), new Date(base + 180_000));
    await recordCheck(ctx, { id: systemId }, probeReport("healthy", 120), new Date(base + 3_600_000 + 5_000)); // the next hour

    const rows = await get().database.prisma.checkRollup.findMany({ where: { systemId }, orderBy: [{ period: "asc" }, { bucketStart: "asc" }] });
    const hours = rows.filter((r) => r.period === "hour");
    const days = rows.filter((r) => r.period === "day");
    expect(hours.map((h) => h.bucketStart.toISOString())).toEqual(["2026-11-20T10:00:00.000Z", "2026-11-20T11:00:00.000Z"]);
    expect(hours[0]).toMatchObject({ checks: 3, healthy: 1, degraded: 1, down: 1, latencyCount: 2, latencySum: 2600, latencyMax: 2500 });
    expect(hours[1]).toMatchObject({ checks: 1, healthy: 1, latencyCount: 1, latencySum: 120 });
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ checks: 4, healthy: 2, degraded: 1, down: 1, latencyCount: 3, latencySum: 2720 });
    expect(days[0]!.bucketStart.toISOString()).toBe("2026-11-20T00:00:00.000Z");
    const hist = days[0]!.latencyHist;
    expect(hist.reduce((a, b) => a + b, 0)).toBe(3);
    expect(hist[bucketIndex(2500)!]).toBe(1);
    expect(hist[bucketIndex(100)!] + (bucketIndex(100) === bucketIndex(120) ? 0 : hist[bucketIndex(120)!])).toBe(2);
    expect(await get().database.prisma.healthCheck.count({ where: { systemId } })).toBe(4);
  });

  it("serialises concurrent writers: every check stored, strictly ordered, the run confirmed", async () => {
    const ctx = get().ctx();
    const at = new Date(base + 10 * 3_600_000);
    // Two writers at the same instant: the key (system, time) would collide without the lock.
    const results = await Promise.all([recordCheck(ctx, { id: systemId }, probeReport("down", null), at), recordCheck(ctx, { id: systemId }, probeReport("down", null), at)]);
    const times = results.map((r) => r.checkedAt.getTime()).sort();
    expect(times[1]! - times[0]!).toBe(1);
    const sys = await get().database.prisma.system.findUniqueOrThrow({ where: { id: systemId } });
    expect(sys.status).toBe("down"); // two agreeing probes confirmed it, though they raced
    expect(sys.pendingStatus).toBeNull();
  });

  it("keeps order and confirmation when one batch holds two checks of the same system", async () => {
    const ctx = get().ctx();
    const clientId = uniqueClientId("batch");
    await registerClient({ ctx, input: { client_id: clientId, client_name: "Batch Co", systems: [{ name: "API", health_url: "https://example.com/health" }, { name: "Web", health_url: "https://example.com/web" }] } });
    const [api, web] = await get().database.prisma.system.findMany({ where: { client: { clientId } }, orderBy: { name: "asc" } });
    const t = base + 20 * 3_600_000;
    // Healthy first (leaving unknown needs no confirmation), each in its own batch.
    await recordChecks(ctx, [{ systemId: api!.id, report: probeReport("healthy", 90), probeAt: new Date(t) }, { systemId: web!.id, report: probeReport("healthy", 95), probeAt: new Date(t) }]);
    // One batch: two down probes of API (the second finished "earlier" by the clock: stored 1 ms
    // after the first, never before it), with a check of Web between them.
    const outcomes = await recordChecks(ctx, [
      { systemId: api!.id, report: probeReport("down", null), probeAt: new Date(t + 60_000) },
      { systemId: web!.id, report: probeReport("healthy", 80), probeAt: new Date(t + 60_000) },
      { systemId: api!.id, report: probeReport("down", null), probeAt: new Date(t + 59_000) },
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const [first, , second] = outcomes.map((o) => (o.ok ? o.recorded : null));
    expect(first!.confirmedStatus).toBe("healthy"); // one down probe is not an outage
    expect(first!.change).toBeNull();
    expect(second!.checkedAt.getTime()).toBe(t + 60_001);
    expect(second!.confirmedStatus).toBe("down"); // the second agreeing probe confirms it…
    expect(second!.change).toMatchObject({ from: "healthy", to: "down" });
    expect(second!.change!.at.getTime()).toBe(t + 60_000); // …dated from the first
    const checks = await get().database.prisma.healthCheck.findMany({ where: { systemId: api!.id }, orderBy: { checkedAt: "asc" } });
    expect(checks.map((c) => [c.checkedAt.getTime() - t, c.status])).toEqual([[0, "healthy"], [60_000, "down"], [60_001, "down"]]);
    const sys = await get().database.prisma.system.findUniqueOrThrow({ where: { id: api!.id } });
    expect(sys).toMatchObject({ status: "down", pendingStatus: null, pendingCount: 0, statusReason: "HTTP 503", statusRule: "http_5xx" });
    expect(sys.lastCheckAt!.getTime()).toBe(t + 60_001);
    expect(sys.statusChangedAt!.getTime()).toBe(t + 60_000);
    const history = await get().database.prisma.statusChange.findMany({ where: { systemId: api!.id }, orderBy: { startedAt: "asc" } });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.endedAt?.getTime() ?? null])).toEqual([["unknown", "healthy", t + 60_000], ["healthy", "down", null]]);
    // The rollups equal the raw rows.
    const hour = await get().database.prisma.checkRollup.findFirstOrThrow({ where: { systemId: api!.id, period: "hour" } });
    expect(hour).toMatchObject({ checks: 3, healthy: 1, down: 2, latencyCount: 1, latencySum: 90 });
    const webHour = await get().database.prisma.checkRollup.findFirstOrThrow({ where: { systemId: web!.id, period: "hour" } });
    expect(webHour).toMatchObject({ checks: 2, healthy: 2, latencyCount: 2, latencySum: 175, latencyMax: 95 });
  });

  it("refuses only the check of a system that no longer exists; the rest of the batch is stored", async () => {
    const ctx = get().ctx();
    const clientId = uniqueClientId("gone");
    await registerClient({ ctx, input: { client_id: clientId, client_name: "Gone Co", systems: [{ name: "API", health_url: "https://example.com/health" }] } });
    const api = await get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId } } });
    const at = new Date(base + 30 * 3_600_000);
    const outcomes = await recordChecks(ctx, [
      { systemId: "00000000-0000-4000-8000-000000000000", report: probeReport("healthy", 50), probeAt: at },
      { systemId: api.id, report: probeReport("healthy", 50), probeAt: at },
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(!outcomes[0]!.ok && outcomes[0]!.error.message).toMatch(/no longer exists/);
    expect(outcomes[1]).toMatchObject({ ok: true, recorded: { status: "healthy", confirmedStatus: "healthy" } });
    expect(await get().database.prisma.healthCheck.count({ where: { systemId: api.id } })).toBe(1);
    await expect(recordCheck(ctx, { id: "00000000-0000-4000-8000-000000000000" }, probeReport("healthy", 50), at)).rejects.toThrow(/no longer exists/);
  });
});
