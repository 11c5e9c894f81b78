// The state history kept between requests (state-history.ts) answers what a fresh process would:
// the dashboard summary with the cache warm equals the summary after forgetting it, across state
// changes written by the real recordCheck, a pause, the window sliding on, and a clock that goes
// back (tests' fake clocks), on both databases. And it is really kept: a history deleted behind
// the writers' back (never done by the app) still reads from the cache until the system changes.
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { updateSystem } from "@/lib/clients/update-system";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { probeReport } from "@/test/support/probes";
import { getAllClientsStatus } from "./get-all-clients-status";
import { recordCheck } from "./record-check";
import { forgetStateHistories } from "./state-history";

const MIN = 60_000;
const DAY = 86_400_000;

describeEachDatabase("state history kept between requests", (get) => {
  const t0 = Date.UTC(2031, 2, 1, 0, 0, 0); // far from other suites' fake clocks
  let clientId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    clientId = uniqueClientId("hist");
    await registerClient({
      ctx: get().ctx(),
      input: { client_id: clientId, client_name: "History Co", sla_target: 99.9, systems: ["A", "B", "C"].map((name) => ({ name, health_url: `https://${name.toLowerCase()}.example.com/health` })) },
    });
    const rows = await get().database.prisma.system.findMany({ where: { client: { clientId } } });
    ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  });

  const check = (name: string, status: "healthy" | "down", atMs: number) => recordCheck(get().ctx(), { id: ids[name]! }, probeReport(status, status === "down" ? null : 120), new Date(atMs));

  /** This client's row of the summary at `atMs`, with the history kept from earlier calls. */
  async function warm(atMs: number) {
    const status = await getAllClientsStatus({ ctx: get().ctx({ clock: { now: () => new Date(atMs) } }), input: {} });
    return status.clients.find((c) => c.client_id === clientId)!;
  }
  /** The same after forgetting every kept history: what a restarted process answers. */
  async function cold(atMs: number) {
    forgetStateHistories(get().database.prisma);
    return warm(atMs);
  }
  async function expectSameAsFresh(atMs: number) {
    const kept = await warm(atMs);
    expect(kept).toEqual(await cold(atMs));
    // Warm again (the cold call filled the cache at this instant): still the same.
    expect(await warm(atMs)).toEqual(kept);
    return kept;
  }

  it("answers what a fresh process answers across changes, a pause, the sliding window and a clock going back", async () => {
    // Two checks a system confirm healthy (2 confirmations).
    for (const name of ["A", "B", "C"]) for (const m of [0, 1]) await check(name, "healthy", t0 + m * MIN);
    const healthy = await expectSameAsFresh(t0 + 10 * MIN);
    expect(healthy).toMatchObject({ overall_status: "healthy", uptime_24h: { pct: 100 } });

    // A goes down (confirmed at the second failing check): the kept history must not hide it.
    await warm(t0 + 20 * MIN);
    await check("A", "down", t0 + 21 * MIN);
    await check("A", "down", t0 + 22 * MIN);
    const down = await expectSameAsFresh(t0 + 30 * MIN);
    expect(down.overall_status).toBe("down");
    expect(down.uptime_24h!.pct).toBeLessThan(100);
    expect(down.attention.flags.map((f) => f.kind)).toContain("down");

    // Flapping: A recovers, fails, recovers within the hour.
    for (const [m, s] of [[31, "healthy"], [32, "healthy"], [40, "down"], [41, "down"], [50, "healthy"], [51, "healthy"]] as const) {
      await warm(t0 + m * MIN - 1);
      await check("A", s, t0 + m * MIN);
    }
    const flapping = await expectSameAsFresh(t0 + 55 * MIN);
    expect(flapping.attention.flags.map((f) => f.kind)).toContain("flapping");

    // B paused (its open state ends; unknown from then on).
    await warm(t0 + 60 * MIN);
    await updateSystem({ ctx: get().ctx({ clock: { now: () => new Date(t0 + 61 * MIN) } }), input: { client_id: clientId, system: "B", enabled: false } });
    await expectSameAsFresh(t0 + 70 * MIN);
    await updateSystem({ ctx: get().ctx(), input: { client_id: clientId, system: "B", enabled: true } });

    // The window slides on: the day of the outage leaves the 24 h window, later the 30 d one.
    await expectSameAsFresh(t0 + 2 * DAY);
    const later = await expectSameAsFresh(t0 + 31 * DAY);
    expect(later.uptime_24h!.pct).toBe(100);
    // A clock that goes back (another test's fake clock) is answered as a fresh process would.
    await expectSameAsFresh(t0 + 45 * MIN);
    await expectSameAsFresh(t0 + 5 * MIN);
  });

  it("serves a system's history from the process while its status_changed_at stands, and rereads it when it moves", async () => {
    const prisma = get().database.prisma;
    const at = t0 + 40 * DAY;
    for (const m of [0, 1]) await check("C", "healthy", at + m * MIN);
    await check("C", "down", at + 10 * MIN);
    await check("C", "down", at + 11 * MIN);
    const before = await cold(at + 20 * MIN);
    expect(before.down_systems).toBe(1);
    // Behind the writers' back (the app never does this): the kept history still answers.
    await prisma.statusChange.deleteMany({ where: { systemId: ids.C! } });
    expect((await warm(at + 20 * MIN)).uptime_24h).toEqual(before.uptime_24h);
    // The next confirmed change moves status_changed_at: C's history is read again, now without
    // the deleted states, exactly as a fresh process reads it.
    await check("C", "healthy", at + 30 * MIN);
    await check("C", "healthy", at + 31 * MIN);
    const after = await warm(at + 40 * MIN);
    expect(after).toEqual(await cold(at + 40 * MIN));
    expect(after.uptime_24h!.pct).toBe(100);
  });
});
