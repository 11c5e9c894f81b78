// Uptime and p95 latency per client as the dashboard summary serves them, computed from data
// written by the real recordCheck on a fake clock, on both databases; and that closed hours are
// read once and then served from the process cache.
import { beforeAll, expect, it } from "vitest";
import { getAllClientsStatus } from "@/lib/monitoring/get-all-clients-status";
import { registerClient } from "@/lib/clients/register-client";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { clientHealthStats } from "./client-health-stats";
import { histogramOf, histogramPercentile, mergeHistograms } from "./latency-histogram";
import { recordCheck } from "./record-check";


describeEachDatabase("client health stats", (get) => {
  const start = Date.UTC(2030, 0, 10, 0, 0, 0); // far from other tests' hours (the hour cache is per database)
  let clientId: string;
  const latencies: number[] = [];
  const latenciesOfHour: number[][] = [[], [], [], []];

  beforeAll(async () => {
    clientId = uniqueClientId("stats");
    const ctx = get().ctx();
    await registerClient({
      ctx,
      input: { client_id: clientId, client_name: "Stats Co", systems: [{ name: "A", health_url: "https://a.example.com/health" }, { name: "B", health_url: "https://b.example.com/health" }] },
    });
    const systems = await get().database.prisma.system.findMany({ where: { client: { clientId } }, orderBy: { name: "asc" } });
    const [a, b] = systems;
    // 4 hours of 1-minute checks. A: healthy for 3 h then down for 1 h; B: healthy throughout.
    for (let m = 0; m < 240; m++) {
      const at = new Date(start + m * 60_000);
      const ms = 100 + (m % 50) * 4;
      const aUp = m < 180;
      await recordCheck(ctx, a!, aUp ? probeReport("healthy", ms) : probeReport("down", null), at);
      await recordCheck(ctx, b!, probeReport("healthy", ms + 1), at);
      const answered = [...(aUp ? [ms] : []), ms + 1]; // a failed probe has no latency
      latencies.push(...answered);
      latenciesOfHour[Math.floor(m / 60)]!.push(...answered);
    }
  }, 120_000);

  it("computes time-weighted uptime over all systems and p95 from the hourly histograms", async () => {
    const now = new Date(start + 240 * 60_000);
    const status = await getAllClientsStatus({ ctx: get().ctx({ clock: { now: () => now } }), input: {} });
    const row = status.clients.find((c) => c.client_id === clientId)!;
    // A: healthy from its first check (0:00) until the down run began (3:00, confirmed at 3:01).
    const aUp = 180 * 60_000;
    const aDown = (240 - 180) * 60_000; // 3:00 until now (4:00): the down state is open
    const bUp = 240 * 60_000;
    const expected = Math.round(((aUp + bUp) / (aUp + aDown + bUp)) * 100 * 100) / 100;
    // Watched for 4 hours, from the first check: 4 h of the 24 h window, 4 h of the 30 days.
    const coveredFrom = new Date(start).toISOString();
    expect(row.uptime_24h).toEqual({ pct: expected, covered_from: coveredFrom, coverage: 0.1666 });
    expect(row.uptime_30d).toEqual({ pct: expected, covered_from: coveredFrom, coverage: 0.0055 });
    expect(row.p95_approximate).toBe(true);
    // p95 over the complete hours (0:00–3:00); the open hour joins once it closes.
    const complete = latenciesOfHour.slice(0, 3).flat();
    const want = histogramPercentile(mergeHistograms(complete.map(histogramOf)), 95, Math.max(...complete));
    expect(row.p95_response_ms).toBe(want);
    expect(row.p95_response_ms).toBeGreaterThan(250);
    expect(row.p95_response_ms).toBeLessThan(330);
  });

  it("reads closed hours once: later requests only read the open hour", async () => {
    const prisma = get().database.prisma;
    const client = await prisma.client.findUniqueOrThrow({ where: { clientId }, include: { systems: true } });
    const now = new Date(start + 5 * 3_600_000); // 5:00, so hours 0–3 are closed
    const first = await clientHealthStats(get().ctx({ clock: { now: () => now } }), [client]);
    // Rewrite a closed hour behind the cache's back: the cached figure must not move.
    await prisma.checkRollup.updateMany({ where: { systemId: { in: client.systems.map((s) => s.id) }, period: "hour" }, data: { latencyHist: mergeHistograms([histogramOf(40_000)]) } });
    const second = await clientHealthStats(get().ctx({ clock: { now: () => now } }), [client]);
    expect(second.get(client.id)!.p95ResponseMs24h).toBe(first.get(client.id)!.p95ResponseMs24h);
    expect(first.get(client.id)!.p95ResponseMs24h).toBeLessThan(1000);
  });

  it("a system younger than its first complete hour counts its open hour", async () => {
    const id = uniqueClientId("young");
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: "Young Co", systems: [{ name: "A", health_url: "https://y.example.com/health" }] } });
    const prisma = get().database.prisma;
    const client = await prisma.client.findUniqueOrThrow({ where: { clientId: id }, include: { systems: true } });
    const t0 = Date.UTC(2030, 5, 1, 8, 10);
    for (let i = 0; i < 5; i++) await recordCheck(get().ctx(), client.systems[0]!, probeReport("healthy", 400), new Date(t0 + i * 60_000));
    const stats = await clientHealthStats(get().ctx({ clock: { now: () => new Date(t0 + 5 * 60_000) } }), [client]);
    expect(stats.get(client.id)!.p95ResponseMs24h).toBeGreaterThan(360);
    expect(stats.get(client.id)!.p95ResponseMs24h).toBeLessThanOrEqual(400);
    // Five minutes of checks: the 24 h figure says so (5 of 1,440 minutes), from the first check.
    expect(stats.get(client.id)!.uptime24h).toEqual({ pct: 100, covered_from: new Date(t0).toISOString(), coverage: 0.0034 });
  });

  it("says null, not 0, for a client with no checks yet", async () => {
    const id = uniqueClientId("fresh");
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: "Fresh Co", systems: [{ name: "A", health_url: "https://f.example.com/health" }] } });
    const status = await getAllClientsStatus({ ctx: get().ctx(), input: {} });
    expect(status.clients.find((c) => c.client_id === id)).toMatchObject({ uptime_24h: null, uptime_30d: null, p95_response_ms: null });
  });
});
