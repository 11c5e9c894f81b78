// recordCheck on both databases: the hour and day rollups follow every stored check, and two
// writers recording the same system at once (the scheduler and "check now") serialise on the
// system row instead of losing a state transition or colliding on the (system, time) key.
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { bucketIndex } from "./latency-histogram";
import { recordCheck } from "./record-check";


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
});
