// The scheduler against real local HTTP servers on both databases, on a fake clock: systems are
// checked once per interval with jitter, a hung target holds only its own slot, a flapping
// target never confirms, stop() aborts in-flight probes. PostgreSQL only: three instances
// claiming at the same moments never check a system twice in one interval, and a database
// outage is survived (the loop backs off and resumes).
import { randomBytes } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { createContext } from "@/lib/context";
import { openDatabase, type Database } from "@/lib/db/client";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { scheduleNewSystems } from "./claim-due-systems";
import { createScheduler, type CheckEvent } from "./scheduler";

/** A fleet of fake client systems: /ok answers healthy, /hang never answers, /flap alternates. */
async function startFleet() {
  let flips = 0;
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/hang")) {
      hanging.add(res);
      return;
    }
    const down = req.url?.startsWith("/flap") ? flips++ % 2 === 1 : false;
    res.writeHead(down ? 503 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: down ? "down" : "healthy", endpoints_checked: 2, endpoints_healthy: down ? 0 : 2 }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function fakeClock(start: number) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), get t() { return t; } };
}

describeEachDatabase("scheduler", (get) => {
  let fleet: Awaited<ReturnType<typeof startFleet>>;
  beforeAll(async () => {
    fleet = await startFleet();
  });
  afterAll(() => fleet.close());

  /** Registers a client with the given systems (loopback allowed) and returns their ids by name. */
  async function client(systems: { name: string; path: string; interval?: number; timeout?: number }[], opts: { active?: boolean } = {}) {
    const clientId = uniqueClientId("sched");
    const ctx = get().ctx();
    await registerClient({
      ctx,
      input: {
        client_id: clientId,
        client_name: "Sched Co",
        systems: systems.map((s) => ({ name: s.name, health_url: `${fleet.base}${s.path}`, check_interval_seconds: s.interval ?? 60, timeout_ms: s.timeout ?? 1000 })),
      },
    });
    const prisma = get().database.prisma;
    await prisma.client.update({ where: { clientId }, data: { allowPrivateTargets: true, active: opts.active ?? true } });
    const rows = await prisma.system.findMany({ where: { client: { clientId } } });
    return Object.fromEntries(rows.map((r) => [r.name, r.id]));
  }

  // Each test runs its own scheduler over the whole (shared) database, so each first parks every
  // other system far in the future: only this test's systems are due.
  async function isolate(ids: string[]) {
    await get().database.prisma.system.updateMany({ where: { id: { notIn: ids } }, data: { nextCheckAt: new Date(Date.UTC(2999, 0, 1)) } });
  }

  it("spreads first checks, then checks each system once per interval with ±2 % jitter", async () => {
    const ids = await client([{ name: "A", path: "/ok/a" }, { name: "B", path: "/ok/b" }, { name: "C", path: "/ok/c" }]);
    await isolate(Object.values(ids));
    const clock = fakeClock(Date.UTC(2026, 10, 21, 9, 0, 0));
    const events: CheckEvent[] = [];
    const scheduler = createScheduler({ db: get().database.prisma, clock, onCheck: (e) => events.push(e) });

    await scheduler.drain(); // schedules them within the next 10 s; nothing is due yet
    expect(events).toHaveLength(0);
    const first = await get().database.prisma.system.findMany({ where: { id: { in: Object.values(ids) } } });
    for (const s of first) {
      expect(s.nextCheckAt!.getTime()).toBeGreaterThanOrEqual(clock.t);
      expect(s.nextCheckAt!.getTime()).toBeLessThanOrEqual(clock.t + 10_000);
    }

    clock.advance(10_000);
    await scheduler.drain();
    expect(events.map((e) => e.systemId).sort()).toEqual(Object.values(ids).sort());
    expect(events.map((e) => e.status)).not.toContain("error"); // each probe answered and was stored

    // Half an interval later nothing is due; one interval later each is due exactly once more.
    clock.advance(30_000);
    await scheduler.drain();
    expect(events).toHaveLength(3);
    clock.advance(32_000);
    await scheduler.drain();
    expect(events).toHaveLength(6);
    for (const id of Object.values(ids)) {
      const [a, b] = events.filter((e) => e.systemId === id);
      const gap = b!.scheduledAt.getTime() - a!.scheduledAt.getTime();
      expect(gap).toBeGreaterThanOrEqual(60_000 * 0.98);
      expect(gap).toBeLessThanOrEqual(60_000 * 1.02);
    }
    expect(await get().database.prisma.healthCheck.count({ where: { systemId: { in: Object.values(ids) } } })).toBe(6);
  });

  it("a bulk import is spread over the whole interval, not the first ten seconds", async () => {
    const ids: string[] = [];
    for (let c = 0; c < 3; c++) {
      const clientId = uniqueClientId("bulk");
      ids.push(clientId);
      await registerClient({
        ctx: get().ctx(),
        input: { client_id: clientId, client_name: "Bulk Co", systems: Array.from({ length: 50 }, (_, i) => ({ name: `S${i}`, health_url: `${fleet.base}/ok/${c}/${i}` })) },
      });
    }
    const now = Date.UTC(2026, 10, 24, 0, 0, 0);
    await scheduleNewSystems(get().database.prisma, new Date(now));
    const due = (await get().database.prisma.system.findMany({ where: { client: { clientId: { in: ids } } } })).map((s) => s.nextCheckAt!.getTime() - now);
    expect(Math.min(...due)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...due)).toBeLessThanOrEqual(60_000);
    expect(due.filter((d) => d > 10_000).length).toBeGreaterThan(75); // ~125 of 150 expected past 10 s
  });

  it("a hung target holds one slot until its timeout; the others are checked meanwhile", async () => {
    const ids = await client([{ name: "Hung", path: "/hang", timeout: 800 }, { name: "Fine 1", path: "/ok/1" }, { name: "Fine 2", path: "/ok/2" }]);
    await isolate(Object.values(ids));
    await get().database.prisma.system.updateMany({ where: { id: { in: Object.values(ids) } }, data: { nextCheckAt: new Date(Date.UTC(2026, 10, 21, 9, 0, 0)) } });
    const clock = fakeClock(Date.UTC(2026, 10, 21, 9, 0, 1));
    const done: string[] = [];
    const scheduler = createScheduler({ db: get().database.prisma, clock, concurrency: 2, onCheck: (e) => done.push(e.systemId) });

    const started = await scheduler.runOnce();
    expect(started).toHaveLength(2); // the cap
    expect(scheduler.stats().inFlight).toBe(2);
    // Rounds keep claiming as slots free up, while the hung probe still waits for its timeout.
    const deadline = Date.now() + 5000;
    while (done.length < 2 && Date.now() < deadline) {
      await scheduler.runOnce();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(done).toContain(ids["Fine 1"]);
    expect(done).toContain(ids["Fine 2"]);
    await scheduler.drain();
    const hung = await get().database.prisma.system.findUniqueOrThrow({ where: { id: ids.Hung } });
    expect(hung.status).toBe("down");
    expect(hung.statusReason).toBe("timeout after 800 ms");
  });

  it("one client's hanging systems never delay another client's checks", async () => {
    // Client A: 100 systems that never answer (their 60 s timeout outlasts the test), all due a
    // second before client B's three 10 s systems: oldest-first claiming alone would hand A
    // every slot and B would wait for A's timeouts.
    const prisma = get().database.prisma;
    const hog = await client(Array.from({ length: 50 }, (_, i) => ({ name: `Hang ${i}`, path: `/hang/${i}`, interval: 60, timeout: 60_000 })));
    // A registration takes 50 systems at most: the other 50 go straight into the table.
    const first = await prisma.system.findUniqueOrThrow({ where: { id: hog["Hang 0"] } });
    await prisma.system.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ clientRef: first.clientRef, name: `Hang ${50 + i}`, healthUrl: `${fleet.base}/hang/${50 + i}`, checkIntervalSec: 60, timeoutMs: 60_000 })),
    });
    const hogIds = (await prisma.system.findMany({ where: { clientRef: first.clientRef } })).map((s) => s.id);
    expect(hogIds).toHaveLength(100);
    const fairIds = Object.values(await client(["B1", "B2", "B3"].map((name) => ({ name, path: `/ok/${name}`, interval: 10, timeout: 1000 }))));
    await isolate([...hogIds, ...fairIds]);
    const t0 = Date.UTC(2026, 10, 25, 0, 0, 0);
    await prisma.system.updateMany({ where: { id: { in: hogIds } }, data: { nextCheckAt: new Date(t0 - 1000) } });
    await prisma.system.updateMany({ where: { id: { in: fairIds } }, data: { nextCheckAt: new Date(t0) } });
    const clock = fakeClock(t0);
    const events: CheckEvent[] = [];
    const scheduler = createScheduler({ db: prisma, clock, onCheck: (e) => events.push(e) }); // the default 64 slots
    try {
      // 120 simulated seconds in 1 s rounds; A's probes hang (in real time) through all of them.
      for (let step = 0; step < 120; step++) {
        const started = await scheduler.runOnce();
        await Promise.race([Promise.allSettled(started), new Promise((r) => setTimeout(r, 250))]);
        clock.advance(1000);
      }
      for (const id of fairIds) {
        const mine = events.filter((e) => e.systemId === id);
        expect(mine.map((e) => e.status)).toEqual(mine.map(() => "healthy"));
        expect(mine.length, "checks of a 10 s system in 120 s").toBeGreaterThanOrEqual(12); // every 10 s: 0, 10, … 110 (± 2 % jitter)
        expect(mine.length).toBeLessThanOrEqual(13);
        for (const e of mine) expect(e.startedAt.getTime() - e.scheduledAt.getTime()).toBeLessThan(1000); // started in the round it was due
        for (let i = 1; i < mine.length; i++) {
          const gap = mine[i]!.scheduledAt.getTime() - mine[i - 1]!.scheduledAt.getTime();
          expect(gap).toBeGreaterThanOrEqual(10_000 * 0.98);
          expect(gap).toBeLessThanOrEqual(10_000 * 1.02);
        }
      }
      // A holds at most three quarters of the slots: a quarter always stays free for the others.
      expect(scheduler.stats().inFlight).toBeGreaterThan(0);
      expect(scheduler.stats().inFlight).toBeLessThanOrEqual(48);
    } finally {
      await scheduler.stop();
    }
  });

  it("claims round-robin across clients, and a per-client cap holds a client to it", async () => {
    const many = await client(["M1", "M2", "M3", "M4", "M5"].map((name) => ({ name, path: `/ok/${name}` })));
    const one = await client([{ name: "O1", path: "/ok/o1" }]);
    const other = await client([{ name: "P1", path: "/ok/p1" }]);
    const hang = await client(Array.from({ length: 10 }, (_, i) => ({ name: `H${i}`, path: `/hang/cap/${i}`, timeout: 60_000 })));
    const prisma = get().database.prisma;
    await isolate([...Object.values(many), ...Object.values(one), ...Object.values(other), ...Object.values(hang)]);
    const t0 = Date.UTC(2026, 10, 26, 0, 0, 0);
    // The client with five systems is due first; with three free slots, each client still gets one.
    await prisma.system.updateMany({ where: { id: { in: Object.values(many) } }, data: { nextCheckAt: new Date(t0 - 5000) } });
    await prisma.system.updateMany({ where: { id: { in: [...Object.values(one), ...Object.values(other)] } }, data: { nextCheckAt: new Date(t0) } });
    await prisma.system.updateMany({ where: { id: { in: Object.values(hang) } }, data: { nextCheckAt: new Date(t0 + 30_000) } });
    const clock = fakeClock(t0);
    const events: CheckEvent[] = [];
    const small = createScheduler({ db: prisma, clock, concurrency: 3, onCheck: (e) => events.push(e) });
    await Promise.all(await small.runOnce());
    const firstRound = events.map((e) => e.systemId);
    expect(firstRound).toHaveLength(3);
    expect(firstRound).toContain(one.O1);
    expect(firstRound).toContain(other.P1);
    expect(firstRound.filter((id) => Object.values(many).includes(id))).toHaveLength(1);
    await small.drain();
    expect(events).toHaveLength(7);

    // SCHEDULER_PER_CLIENT_CONCURRENCY: ten hanging systems of one client, at most four at once.
    clock.advance(30_000);
    const capped = createScheduler({ db: prisma, clock, concurrency: 64, perClientConcurrency: 4 });
    try {
      for (let i = 0; i < 3; i++) await capped.runOnce();
      expect(capped.stats().inFlight).toBe(4);
    } finally {
      await capped.stop();
    }
  });

  it("a flapping target never confirms a change: it stays healthy with a pending run", async () => {
    const ids = await client([{ name: "Flappy", path: "/flap" }]);
    await isolate(Object.values(ids));
    const clock = fakeClock(Date.UTC(2026, 10, 22, 0, 0, 0));
    const statuses: string[] = [];
    const scheduler = createScheduler({ db: get().database.prisma, clock, onCheck: (e) => statuses.push(e.status) });
    await scheduler.drain();
    for (let i = 0; i < 8; i++) {
      clock.advance(61_500);
      await scheduler.drain();
    }
    expect(statuses.length).toBeGreaterThanOrEqual(7);
    expect(new Set(statuses)).toEqual(new Set(["healthy", "down"]));
    const changes = await get().database.prisma.statusChange.findMany({ where: { systemId: ids.Flappy } });
    expect(changes.map((c) => c.toStatus)).toEqual(["healthy"]); // unknown → healthy, and nothing since
  });

  it("skips disabled systems and inactive clients, and restarts the phase after downtime instead of a backlog", async () => {
    const paused = await client([{ name: "Off client", path: "/ok/x" }], { active: false });
    const ids = await client([{ name: "Disabled", path: "/ok/d" }, { name: "Late", path: "/ok/l" }]);
    await get().database.prisma.system.update({ where: { id: ids.Disabled }, data: { enabled: false } });
    const all = [...Object.values(ids), ...Object.values(paused)];
    await isolate(all);
    const old = new Date(Date.UTC(2026, 10, 23, 0, 0, 0));
    await get().database.prisma.system.updateMany({ where: { id: { in: all } }, data: { nextCheckAt: old } });
    const clock = fakeClock(old.getTime() + 3_600_000); // an hour of downtime
    const events: CheckEvent[] = [];
    const scheduler = createScheduler({ db: get().database.prisma, clock, onCheck: (e) => events.push(e) });
    await scheduler.drain();
    expect(events.map((e) => e.systemId)).toEqual([ids.Late]); // once, not 60 times
    const late = await get().database.prisma.system.findUniqueOrThrow({ where: { id: ids.Late } });
    expect(late.nextCheckAt!.getTime()).toBeGreaterThanOrEqual(clock.t);
    expect(late.nextCheckAt!.getTime()).toBeLessThanOrEqual(clock.t + 60_000);
  });

  it("stop() aborts in-flight probes promptly and records nothing for them", async () => {
    const ids = await client([{ name: "Hung long", path: "/hang", interval: 60, timeout: 30_000 }]);
    await isolate(Object.values(ids));
    await get().database.prisma.system.update({ where: { id: ids["Hung long"] }, data: { nextCheckAt: new Date(Date.UTC(2026, 10, 21, 0, 0, 0)) } });
    const scheduler = createScheduler({ db: get().database.prisma, clock: fakeClock(Date.UTC(2026, 10, 21, 0, 0, 5)) });
    await scheduler.runOnce();
    expect(scheduler.stats().inFlight).toBe(1);
    const began = Date.now();
    await scheduler.stop();
    expect(Date.now() - began).toBeLessThan(2000);
    expect(scheduler.stats().inFlight).toBe(0);
    expect(await get().database.prisma.healthCheck.count({ where: { systemId: ids["Hung long"] } })).toBe(0);
  });
});

// ── PostgreSQL only: several instances, and outages ────────────────────────────────────────
const adminUrl = inject("pgUrl");
const describePg = adminUrl ? describe : describe.skip;

describePg("scheduler on PostgreSQL [postgres]", () => {
  const name = `cp_sched_${randomBytes(5).toString("hex")}`;
  const url = (() => {
    const u = new URL(adminUrl ?? "postgresql://x@127.0.0.1/x");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  const admin = () => new pg.Client({ connectionString: adminUrl });
  let instances: Database[] = [];
  let fleet: Awaited<ReturnType<typeof startFleet>>;

  beforeAll(async () => {
    const a = admin();
    await a.connect();
    await a.query(`CREATE DATABASE "${name}"`);
    await a.end();
    fleet = await startFleet();
    instances = [await openDatabase({ kind: "postgres", url })];
    instances.push(await openDatabase({ kind: "postgres", url }, { migrate: false }), await openDatabase({ kind: "postgres", url }, { migrate: false }));
  });
  afterAll(async () => {
    await Promise.all(instances.map((d) => d.close().catch(() => {})));
    await fleet?.close();
    const a = admin();
    await a.connect();
    await a.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });

  it("three instances claiming at the same moments check every system exactly once per interval", async () => {
    const ctx = createContext({ db: instances[0]!.prisma, actor: { type: "system", label: "test" }, scopes: ["read", "write", "admin"] });
    const clientIds: string[] = [];
    for (let c = 0; c < 6; c++) {
      const clientId = uniqueClientId("multi");
      clientIds.push(clientId);
      await registerClient({
        ctx,
        input: {
          client_id: clientId,
          client_name: `Multi ${c}`,
          systems: Array.from({ length: 10 }, (_, i) => ({ name: `S${i}`, health_url: `${fleet.base}/ok/${c}/${i}`, check_interval_seconds: 60 })),
        },
      });
    }
    await instances[0]!.prisma.client.updateMany({ where: { clientId: { in: clientIds } }, data: { allowPrivateTargets: true } });

    const clock = fakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));
    const events: (CheckEvent & { instance: number })[] = [];
    const schedulers = instances.map((db, i) =>
      createScheduler({ db: db.prisma, clock, concurrency: 16, onCheck: (e) => events.push({ ...e, instance: i }) }),
    );
    // Three intervals in 1 s steps; every round all three instances claim at the same instant.
    for (let step = 0; step <= 180; step++) {
      const started = await Promise.all(schedulers.map((s) => s.runOnce()));
      await Promise.all(started.flat());
      clock.advance(1000);
    }
    expect(events.map((e) => e.status)).not.toContain("error");
    const bySystem = new Map<string, number[]>();
    for (const e of events) bySystem.set(e.systemId, [...(bySystem.get(e.systemId) ?? []), e.scheduledAt.getTime()]);
    expect(bySystem.size).toBe(60);
    for (const times of bySystem.values()) {
      times.sort((a, b) => a - b);
      expect(times.length).toBeGreaterThanOrEqual(3);
      expect(times.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(60_000 * 0.98);
    }
    // The work was shared, not done by one instance alone.
    expect(new Set(events.map((e) => e.instance)).size).toBeGreaterThan(1);
    const stored = await instances[0]!.prisma.healthCheck.count();
    expect(stored).toBe(events.length);
  });

  it("survives the database going away: the loop backs off, then resumes checking", async () => {
    const db = instances[1]!;
    await db.prisma.system.updateMany({ data: { nextCheckAt: null } });
    const events: CheckEvent[] = [];
    const scheduler = createScheduler({ db: db.prisma, pollMs: 50, onCheck: (e) => events.push(e) });
    await db.prisma.system.updateMany({ data: { checkIntervalSec: 10, timeoutMs: 1000 } });
    scheduler.start();
    try {
      await expect.poll(() => events.length, { timeout: 20_000 }).toBeGreaterThan(0);
      // The outage: nobody may connect, and every open connection is cut.
      const a = admin();
      await a.connect();
      await a.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await a.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      await expect.poll(() => scheduler.stats().dbErrors, { timeout: 10_000 }).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1000));
      await a.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await a.end();
      const before = await db.prisma.healthCheck.count().catch(() => -1);
      expect(before).toBeGreaterThan(0);
      await expect.poll(async () => db.prisma.healthCheck.count(), { timeout: 30_000, interval: 500 }).toBeGreaterThan(before);
    } finally {
      await scheduler.stop();
    }
  }, 60_000);
});
