// Retention on both databases: raw checks past the window go, recent ones stay; hourly rollups
// go after 90 days, daily ones after two years; the state history (uptime's source) is kept.
// And the running scheduler applies it by itself.
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { applyRetention } from "./apply-retention";
import { recordCheck } from "./record-check";
import { createScheduler } from "./scheduler";

const healthy = probeReport("healthy", 50);
const DAY = 86_400_000;

describeEachDatabase("retention", (get) => {
  const now = new Date(Date.UTC(2032, 0, 1, 12));
  let systemId: string;

  beforeAll(async () => {
    const clientId = uniqueClientId("ret");
    await registerClient({ ctx: get().ctx(), input: { client_id: clientId, client_name: "Ret Co", systems: [{ name: "API", health_url: "https://r.example.com/health" }] } });
    systemId = (await get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId } } })).id;
    // Checks 800, 100, 40, 29 and 1 day(s) ago; the system leaves its open (parked) schedule alone.
    for (const daysAgo of [800, 100, 40, 29, 1]) await recordCheck(get().ctx(), { id: systemId }, healthy, new Date(now.getTime() - daysAgo * DAY));
  });

  it("keeps raw checks for the window, hourly rollups 90 days and daily rollups two years", async () => {
    const prisma = get().database.prisma;
    const result = await applyRetention(prisma, now, { rawDays: 30 });
    const checks = await prisma.healthCheck.findMany({ where: { systemId }, orderBy: { checkedAt: "asc" } });
    expect(checks.map((c) => Math.round((now.getTime() - c.checkedAt.getTime()) / DAY))).toEqual([29, 1]);
    expect(result.checksDeleted).toBeGreaterThanOrEqual(3);
    const rollups = await prisma.checkRollup.findMany({ where: { systemId } });
    const ages = (period: "hour" | "day") =>
      rollups.filter((r) => r.period === period).map((r) => Math.floor((now.getTime() - r.bucketStart.getTime()) / DAY)).sort((a, b) => b - a);
    expect(ages("hour")).toEqual([40, 29, 1]);
    expect(ages("day")).toEqual([100, 40, 29, 1]);
    expect(await prisma.statusChange.count({ where: { systemId } })).toBe(1); // unknown → healthy, 800 days ago: kept
  });

  it("runs from the scheduler without being asked", async () => {
    const prisma = get().database.prisma;
    await recordCheck(get().ctx(), { id: systemId }, healthy, new Date(now.getTime() + 5000));
    await prisma.healthCheck.create({ data: { systemId, checkedAt: new Date(now.getTime() - 60 * DAY), status: "healthy", reason: "old", responseTimeMs: 1 } });
    await prisma.system.updateMany({ data: { nextCheckAt: new Date(Date.UTC(2999, 0, 1)) } }); // nothing to probe
    const scheduler = createScheduler({ db: prisma, clock: { now: () => new Date(now.getTime() + 10_000) }, pollMs: 20, retention: { rawDays: 30 }, checkpoint: true });
    scheduler.start();
    try {
      await expect.poll(() => prisma.healthCheck.count({ where: { systemId, reason: "old" } }), { timeout: 5000 }).toBe(0);
    } finally {
      await scheduler.stop();
    }
    expect(await prisma.healthCheck.count({ where: { systemId } })).toBeGreaterThan(0);
  });
});
