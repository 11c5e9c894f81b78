// "Stalled" end to end on both databases, on a fake clock: metrics history seeded straight into
// metric_samples / metric_rollups (the collection's contract), assessed by getAllClientsStatus
// (the REST summary and the dashboard), listClients, and MCP get_all_clients_status through the
// SDK's own Client.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { allClientsStatusOutputSchema, type AllClientsStatus } from "@/lib/clients/schemas";
import type { Context } from "@/lib/context";
import { resetEnvCache } from "@/lib/env";
import { createMcpServer } from "@/lib/mcp/server";
import { describeEachDatabase, uniqueClientId, type TestDatabase } from "@/test/support/databases";
import type { SystemStatus } from "./confirm-state";
import { getAllClientsStatus } from "./get-all-clients-status";
import { listClients } from "./list-clients";
import { forgetLearnedHistories, LEARN_PER_CALL, loadStalledVerdicts, quietHistories, RELEARN_AFTER_HOURS } from "./load-stalled-facts";
import { learnQuietHistory, type QuietHourBucket } from "./stalled";

const NOW = Date.UTC(2031, 0, 15, 12, 0, 0);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Script {
  status: SystemStatus;
  /** Days of hourly history before the cursor: busy, except 00:00–03:00 UTC every night (usual gap 4 h). */
  days: number;
  lastActiveAgo: number;
  cursorAgo: number;
}

async function seed(db: TestDatabase, ctx: Context, clientId: string, name: string, s: Script) {
  await registerClient({ ctx, input: { client_id: clientId, client_name: name, systems: [{ name: `${name} Runner`, health_url: "https://api.example.com/health" }] } });
  const prisma = db.database.prisma;
  const system = await prisma.system.findFirstOrThrow({ where: { client: { clientId } } });
  const cursor = NOW - s.cursorAgo;
  const lastActive = NOW - s.lastActiveAgo;
  await prisma.system.update({
    where: { id: system.id },
    data: { status: s.status, statusReason: s.status, statusChangedAt: new Date(NOW - 20 * DAY), lastCheckAt: new Date(NOW), metricsCursor: new Date(cursor), metricsIntervalSec: 900 },
  });
  const rollups = [];
  for (let start = Math.floor(cursor / HOUR) * HOUR - s.days * DAY; start < cursor; start += HOUR) {
    const hourOfDay = new Date(start).getUTCHours();
    const quiet = hourOfDay < 3 || start >= lastActive;
    const total = quiet ? 0 : 10;
    rollups.push({
      systemId: system.id,
      period: "hour" as const,
      bucketStart: new Date(start),
      samples: 4,
      coveredMs: BigInt(Math.min(HOUR, cursor - start)),
      totalAutomations: BigInt(total),
      successfulAutomations: BigInt(total),
    });
  }
  await prisma.metricRollup.createMany({ data: rollups });
  const sample = (from: number, to: number, total: number) => ({
    systemId: system.id,
    periodStart: new Date(from),
    periodEnd: new Date(to),
    source: "pull",
    totalAutomations: total,
    successfulAutomations: total,
    failedAutomations: 0,
    totalProcessingTime: "0",
    costSavingsCents: 0n,
  });
  await prisma.metricSample.createMany({ data: [sample(lastActive - 15 * MIN, lastActive, 3), sample(lastActive, cursor, 0)] });
}

describeEachDatabase("needs attention: stalled automations", (get) => {
  const ids = { stalled: "", behind: "", young: "", degraded: "", running: "" };
  let ctx: Context;

  beforeAll(async () => {
    ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const quiet = { lastActiveAgo: 9 * HOUR + 15 * MIN, cursorAgo: 5 * MIN };
    const make = async (key: keyof typeof ids, name: string, s: Script) => {
      ids[key] = uniqueClientId(key);
      await seed(get(), ctx, ids[key], name, s);
    };
    // Quiet 9 h 10 min up to its last sample, usually at most 4 h apart (stalled beyond 2 × 4 h + 1 h).
    await make("stalled", "Alpha Stalled", { status: "healthy", days: 14, ...quiet });
    // The same silence, but nothing collected for 45 min (pulls every 15): a collection problem.
    await make("behind", "Bravo Behind", { status: "healthy", days: 14, lastActiveAgo: quiet.lastActiveAgo, cursorAgo: 45 * MIN });
    // The same silence with 3 days of history: not judged yet.
    await make("young", "Charlie Young", { status: "healthy", days: 3, ...quiet });
    // Not green: its own flag says so, never "stalled".
    await make("degraded", "Delta Degraded", { status: "degraded", days: 14, ...quiet });
    await make("running", "Echo Running", { status: "healthy", days: 14, lastActiveAgo: 20 * MIN, cursorAgo: 5 * MIN });
  }, 120_000);

  const row = (s: AllClientsStatus, id: string) => s.clients.find((c) => c.client_id === id)!;

  it("a healthy system whose automations stopped for longer than its usual gap makes its client need attention", async () => {
    const s = await getAllClientsStatus({ ctx, input: {} });
    const stalled = row(s, ids.stalled);
    expect(stalled.overall_status).toBe("healthy");
    expect(stalled.attention.needs_attention).toBe(true);
    expect(stalled.attention.flags).toEqual([
      { kind: "stalled", system: "Alpha Stalled Runner", reason: "no automations for 9 h 10 min; usually at most 4 h apart", since: new Date(NOW - 9 * HOUR - 15 * MIN).toISOString() },
    ]);
    for (const id of [ids.behind, ids.young, ids.running]) expect(row(s, id).attention, id).toMatchObject({ needs_attention: false, flags: [] });
    expect(row(s, ids.degraded).attention.flags.map((f) => f.kind)).toEqual(["degraded"]);
  });

  it("sorts attention first (degraded before stalled) and counts stalled clients; the clients list agrees", async () => {
    const s = await getAllClientsStatus({ ctx, input: {} });
    expect(s.clients.map((c) => c.client_id)).toEqual([ids.degraded, ids.stalled, ids.behind, ids.young, ids.running]);
    expect(s.overall_summary).toMatchObject({ needs_attention_clients: 2, stalled_clients: 1, degraded_clients: 1, healthy_clients: 4 });
    const list = await listClients({ ctx, input: {} });
    expect(list.clients.find((c) => c.client_id === ids.stalled)!.attention).toEqual(row(s, ids.stalled).attention);
  });

  it("the floor comes from STALLED_MIN_GAP_MINUTES", async () => {
    const saved = process.env.STALLED_MIN_GAP_MINUTES;
    try {
      process.env.STALLED_MIN_GAP_MINUTES = "551"; // 9 h 11 min: just above the silence
      resetEnvCache();
      expect(row(await getAllClientsStatus({ ctx, input: {} }), ids.stalled).attention.flags).toEqual([]);
      process.env.STALLED_MIN_GAP_MINUTES = "549";
      resetEnvCache();
      expect(row(await getAllClientsStatus({ ctx, input: {} }), ids.stalled).attention.flags[0]).toMatchObject({
        kind: "stalled",
        reason: "no automations for 9 h 10 min; usually at most 4 h apart",
      });
    } finally {
      if (saved === undefined) delete process.env.STALLED_MIN_GAP_MINUTES;
      else process.env.STALLED_MIN_GAP_MINUTES = saved;
      resetEnvCache();
    }
  });

  it("a key bound to another client does not see the stalled client", async () => {
    const bound = get().ctx({ clock: { now: () => new Date(NOW) }, clientRestriction: ids.running, scopes: ["read"] });
    const s = await getAllClientsStatus({ ctx: bound, input: {} });
    expect(s.clients.map((c) => c.client_id)).toEqual([ids.running]);
    expect(s.overall_summary.stalled_clients).toBe(0);
  });

  it("MCP get_all_clients_status: the triage call names the stalled system, why and since when", async () => {
    const server = createMcpServer(ctx);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const mcp = new Client({ name: "triage", version: "1" });
    await mcp.connect(b);
    try {
      const result = (await mcp.callTool({ name: "get_all_clients_status", arguments: { attention_only: true } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      const data = allClientsStatusOutputSchema.parse(result.structuredContent);
      expect(data.clients.map((c) => c.client_id)).toEqual([ids.degraded, ids.stalled]);
      expect(data.clients[1]!.attention.flags).toEqual([
        { kind: "stalled", system: "Alpha Stalled Runner", reason: "no automations for 9 h 10 min; usually at most 4 h apart", since: new Date(NOW - 9 * HOUR - 15 * MIN).toISOString() },
      ]);
      expect(data.overall_summary.stalled_clients).toBe(1);
    } finally {
      await mcp.close();
    }
  });
});

describeEachDatabase("stalled: the learned history in SQL", (get) => {
  it("quietHistories agrees with learnQuietHistory: gaps, partly collected hours, runs at the window's edges, the run in progress", async () => {
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const id = uniqueClientId("sql");
    await registerClient({ ctx, input: { client_id: id, client_name: "Sql Twin", systems: [{ name: "A", health_url: "https://api.example.com/health" }, { name: "B", health_url: "https://api.example.com/health" }] } });
    const prisma = get().database.prisma;
    const [a, b] = await prisma.system.findMany({ where: { client: { clientId: id } }, orderBy: { name: "asc" } });
    // A pseudo-random but fixed pattern: quiet stretches of many lengths, missing hours, partial coverage.
    const from = NOW - 3 * DAY;
    const hoursOf = (seed: number): QuietHourBucket[] => {
      const out: QuietHourBucket[] = [];
      let x = seed;
      for (let t = from - 5 * HOUR; t < NOW; t += HOUR) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const r = x % 100;
        if (r < 5) continue; // not collected at all
        const coveredMs = r < 12 ? 20 * MIN : r < 18 ? 30 * MIN : HOUR;
        const total = r % 3 === 0 || r > 70 ? 0 : r;
        out.push({ start: new Date(t), coveredMs, totalAutomations: total });
      }
      return out;
    };
    const seeds = { [a!.id]: 7, [b!.id]: 4242 };
    for (const [systemId, seed] of Object.entries(seeds)) {
      await prisma.metricRollup.createMany({
        data: hoursOf(seed).map((h) => ({ systemId, period: "hour" as const, bucketStart: h.start, coveredMs: BigInt(h.coveredMs), totalAutomations: BigInt(h.totalAutomations) })),
      });
    }
    const window = { from: new Date(from), to: new Date(NOW - 2 * HOUR) };
    const sql = await quietHistories(ctx, [a!.id, b!.id], window);
    for (const [systemId, seed] of Object.entries(seeds)) {
      const expected = learnQuietHistory(hoursOf(seed), window);
      expect(expected.longestQuietRunHours, "the pattern has quiet runs").toBeGreaterThan(1);
      expect(sql.get(systemId)).toEqual(expected);
    }
    expect(await quietHistories(ctx, [], window)).toEqual(new Map());
  });

  it("learns at most LEARN_PER_CALL systems a call; the rest are judged on the next calls, then from the hour's memory", async () => {
    forgetLearnedHistories();
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const count = LEARN_PER_CALL + 5;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = uniqueClientId("many");
      ids.push(id);
      await seed(get(), ctx, id, `Many ${String(i).padStart(2, "0")}`, { status: "healthy", days: 8, lastActiveAgo: 10 * HOUR, cursorAgo: 5 * MIN });
    }
    const stalledCount = async () => (await getAllClientsStatus({ ctx, input: {} })).clients.filter((c) => ids.includes(c.client_id) && c.attention.flags.some((f) => f.kind === "stalled")).length;
    expect(await stalledCount()).toBe(LEARN_PER_CALL);
    expect(await stalledCount()).toBe(count);
    expect(await stalledCount()).toBe(count);
  }, 120_000);
});

// Its own database: the only candidate, so the first call surely learns it.
describeEachDatabase("stalled: relearning", (get) => {
  it("relearns a system's history after RELEARN_AFTER_HOURS: history that grew to enough is then judged", async () => {
    forgetLearnedHistories();
    let now = NOW;
    const ctx = get().ctx({ clock: { now: () => new Date(now) } });
    const id = uniqueClientId("grows");
    // 6 days of history: not judged.
    await seed(get(), ctx, id, "Grows", { status: "healthy", days: 6, lastActiveAgo: 10 * HOUR, cursorAgo: 5 * MIN });
    const flags = async () => (await getAllClientsStatus({ ctx, input: {} })).clients.find((c) => c.client_id === id)!.attention.flags.map((f) => f.kind);
    expect(await flags()).toEqual([]);
    // Two more days arrive (older rollups, as a backfill would write): the learned history is remembered for now…
    const prisma = get().database.prisma;
    const system = await prisma.system.findFirstOrThrow({ where: { client: { clientId: id } } });
    const firstHour = Math.floor((NOW - 5 * MIN) / HOUR) * HOUR - 6 * DAY;
    await prisma.metricRollup.createMany({
      data: Array.from({ length: 48 }, (_, i) => ({ systemId: system.id, period: "hour" as const, bucketStart: new Date(firstHour - (i + 1) * HOUR), coveredMs: BigInt(HOUR), totalAutomations: 10n })),
    });
    now = NOW + (RELEARN_AFTER_HOURS - 1) * HOUR;
    await prisma.system.update({ where: { id: system.id }, data: { metricsCursor: new Date(now - 5 * MIN) } });
    expect(await flags()).toEqual([]);
    // …and relearned once it is RELEARN_AFTER_HOURS old.
    now = NOW + RELEARN_AFTER_HOURS * HOUR;
    await prisma.system.update({ where: { id: system.id }, data: { metricsCursor: new Date(now - 5 * MIN) } });
    expect(await flags()).toEqual(["stalled"]);
  }, 60_000);
});

describeEachDatabase("stalled: the recent-activity shortcut", (get) => {
  it("a system quiet beyond the floor whose last active hour is recent is still judged (the rollup shortcut only skips systems active within the floor)", async () => {
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    forgetLearnedHistories();
    const quiet = uniqueClientId("quiet");
    const busy = uniqueClientId("busy");
    // Quiet 3 h 10 min up to its cursor (beyond the 2 h floor), its last active hour 4 h ago:
    // inside the recent rollups scanned, but not within the floor of its cursor.
    await seed(get(), ctx, quiet, "Foxtrot Quiet", { status: "healthy", days: 14, lastActiveAgo: 3 * HOUR + 15 * MIN, cursorAgo: 5 * MIN });
    await seed(get(), ctx, busy, "Golf Busy", { status: "healthy", days: 14, lastActiveAgo: 20 * MIN, cursorAgo: 5 * MIN });
    const systems = await get().database.prisma.system.findMany({ where: { client: { clientId: { in: [quiet, busy] } } }, select: { id: true, enabled: true, status: true, client: { select: { clientId: true } } } });
    const verdicts = await loadStalledVerdicts(ctx, systems);
    const id = (c: string) => systems.find((s) => s.client.clientId === c)!.id;
    // Usually at most 4 h apart (its nights): running, not stalled, but judged.
    expect(verdicts.get(id(quiet))).toMatchObject({ state: "running", quietMs: 3 * HOUR + 10 * MIN });
    expect(verdicts.has(id(busy))).toBe(false);
  });
});
