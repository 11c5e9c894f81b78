// The alert engine inside a real scheduler run, on a fake clock, against local HTTP systems, on
// both databases: a system goes down → the alert fires after for_count and one message is
// queued; it recovers → one recovery message; a 3-system burst → one message per channel
// (marked "client down"); a maintenance window mutes; an acknowledgement stops reminders.
// PostgreSQL only: three scheduler instances evaluating at once → one alert, one queued event.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { createContext, systemContext } from "@/lib/context";
import { openDatabase, type Database, type Db } from "@/lib/db/client";
import { createScheduler } from "@/lib/monitoring/scheduler";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { acknowledgeAlert } from "../acknowledge-alert";
import { getAlert } from "../get-alert";
import { listAlerts } from "../list-alerts";
import { closeOrphanedAlerts, evaluateCheckBatch, evaluateClient } from "./evaluate";
import { alertPass } from "./periodic-pass";

// Minutes of scheduler rounds per test: slow on a busy machine, never stuck.
vi.setConfig({ testTimeout: 180_000 });

/** Systems whose health each test sets: GET /<key> answers 200 or 503. */
async function startFleet() {
  const down = new Set<string>();
  const server: Server = createServer((req, res) => {
    const isDown = down.has(req.url ?? "");
    res.writeHead(isDown ? 503 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: isDown ? "down" : "healthy" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, down, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

function fakeClock(start: number) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

type Fleet = Awaited<ReturnType<typeof startFleet>>;

async function setupClient(db: Db, fleet: Fleet, names: string[], now: Date) {
  const clientId = uniqueClientId("alert");
  const ctx = createContext({ db, actor: { type: "system", label: "test" }, scopes: ["read", "write", "admin"] });
  await registerClient({ ctx, input: { client_id: clientId, client_name: `Alert Co ${clientId}`, systems: names.map((n) => ({ name: n, health_url: `${fleet.base}/${clientId}/${n}`, check_interval_seconds: 60, timeout_ms: 10_000 })) } });
  const client = await db.client.update({ where: { clientId }, data: { allowPrivateTargets: true }, select: { id: true } });
  // One confirmation: each check moves the confirmed state, so for_count alone decides the timing.
  await db.system.updateMany({ where: { clientRef: client.id }, data: { confirmations: 1, nextCheckAt: now } });
  // Only this client's systems are due in this test's scheduler run.
  await db.system.updateMany({ where: { clientRef: { not: client.id } }, data: { nextCheckAt: new Date(Date.UTC(2999, 0, 1)) } });
  const systems = await db.system.findMany({ where: { clientRef: client.id }, orderBy: { name: "asc" } });
  const path = (name: string) => `/${clientId}/${name}`;
  return { clientId, clientRef: client.id, systems, path };
}

async function channel(db: Db, type: "webhook" | "slack" = "webhook") {
  return db.alertChannel.create({ data: { type, name: `${type} ${randomBytes(3).toString("hex")}`, destination: type === "slack" ? "https://hooks.slack.com/services/T/B/x" : "https://example.com/hook" } });
}

async function threshold(db: Db, clientRef: string, channelIds: string[], data: { metric?: string; comparison?: string; value?: number; forCount?: number; remindEveryMinutes?: number | null; windowMinutes?: number; notifyRecovery?: boolean } = {}) {
  return db.alertThreshold.create({
    data: {
      clientRef,
      metric: data.metric ?? "status",
      comparison: data.comparison ?? "greater_or_equal",
      value: data.value ?? 2,
      forCount: data.forCount ?? 1,
      severity: "critical",
      windowMinutes: data.windowMinutes ?? 0,
      remindEveryMinutes: data.remindEveryMinutes ?? null,
      notifyRecovery: data.notifyRecovery ?? true,
      channels: { create: channelIds.map((channelId) => ({ channelId })) },
    },
  });
}

const items = (db: Db, clientRef: string, eventKey?: string) =>
  db.notificationItem.findMany({ where: { alert: { clientRef }, ...(eventKey ? { eventKey } : {}) }, orderBy: { id: "asc" } });

describeEachDatabase("alert engine in the scheduler", (get) => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet();
  });
  afterAll(() => fleet.close());

  function schedulerFor(db: Db, clock: ReturnType<typeof fakeClock>) {
    return createScheduler({ db, clock, work: [alertPass()], afterChecks: evaluateCheckBatch });
  }
  /** Runs the scheduler for `minutes`, in 5 s steps. */
  async function run(s: ReturnType<typeof schedulerFor>, clock: ReturnType<typeof fakeClock>, minutes: number) {
    for (let i = 0; i < minutes * 12; i++) {
      await Promise.all(await s.runOnce());
      clock.advance(5_000);
    }
  }

  it("fires after for_count failing checks, queues the message once, and the recovery once", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 1, 9, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const ch = await channel(db);
    await threshold(db, c.clientRef, [ch.id], { forCount: 3 });
    const s = schedulerFor(db, clock);
    await run(s, clock, 2);
    expect(await db.alert.count({ where: { clientRef: c.clientRef } })).toBe(0);
    // Clear evaluations of a subject that is ok take no transaction and write nothing.
    expect(await db.alertEvaluation.count({ where: { clientRef: c.clientRef, subjectKey: c.systems[0]!.id } })).toBe(0);

    fleet.down.add(c.path("API"));
    await run(s, clock, 1.5); // two failing checks: pending, not firing
    expect(await db.healthCheck.count({ where: { systemId: c.systems[0]!.id, status: "down" } })).toBe(2);
    expect(await db.alert.count({ where: { clientRef: c.clientRef } })).toBe(0);
    const pending = await db.alertEvaluation.findFirst({ where: { clientRef: c.clientRef, subjectKey: c.systems[0]!.id } });
    expect(pending).toMatchObject({ state: "pending", streak: 2 });
    await run(s, clock, 3); // the third fires; more failing checks change nothing
    const alerts = await db.alert.findMany({ where: { clientRef: c.clientRef } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ state: "firing", severity: "critical", metric: "status", observedValue: 2, muted: false });
    expect(alerts[0]!.message).toContain("API: status down");
    expect((await items(db, c.clientRef)).map((i) => i.eventKey)).toEqual(["firing"]);

    fleet.down.delete(c.path("API"));
    await run(s, clock, 3);
    const after = await db.alert.findUniqueOrThrow({ where: { id: alerts[0]!.id } });
    expect(after.state).toBe("resolved");
    expect((await items(db, c.clientRef)).map((i) => i.eventKey)).toEqual(["firing", "resolved"]);
    const detail = await getAlert({ ctx: get().ctx(), input: { alert_id: after.id } });
    expect(detail.events.map((e) => e.kind)).toEqual(["firing", "resolved"]);
    expect(detail.deliveries).toHaveLength(2);
    expect(detail.deliveries.every((d) => d.alert_ids.includes(after.id) && d.channel.id === ch.id)).toBe(true);
  });

  it("groups a 3-system burst into one message per channel, marked client down", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 1, 12, 0, 0));
    const c = await setupClient(db, fleet, ["A", "B", "C"], clock.now());
    const [hook, slack] = [await channel(db), await channel(db, "slack")];
    await threshold(db, c.clientRef, [hook.id, slack.id]);
    const s = schedulerFor(db, clock);
    await run(s, clock, 1.5);
    for (const n of ["A", "B", "C"]) fleet.down.add(c.path(n));
    await run(s, clock, 1.5);
    const alerts = await db.alert.findMany({ where: { clientRef: c.clientRef, state: "firing" } });
    expect(alerts).toHaveLength(3);
    const notifications = await db.notification.findMany({ where: { clientRef: c.clientRef }, include: { items: true } });
    expect(notifications).toHaveLength(2); // one per channel
    expect(notifications.map((n) => n.channelId).sort()).toEqual([hook.id, slack.id].sort());
    for (const n of notifications) expect(n.items.map((i) => i.alertId).sort()).toEqual(alerts.map((a) => a.id).sort());
    // The alert that made every system down is marked so the message can say "client down".
    expect(await db.alertEvent.count({ where: { alertId: { in: alerts.map((a) => a.id) }, kind: "client_down" } })).toBe(1);
    for (const n of ["A", "B", "C"]) fleet.down.delete(c.path(n));
  });

  it("mutes an alert that fires inside a maintenance window: recorded, nothing queued, no recovery message", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 2, 9, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const ch = await channel(db);
    await threshold(db, c.clientRef, [ch.id]);
    await db.maintenanceWindow.create({ data: { clientRef: c.clientRef, title: "upgrade", startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + 10 * 60_000) } });
    const s = schedulerFor(db, clock);
    await run(s, clock, 1);
    fleet.down.add(c.path("API"));
    await run(s, clock, 3);
    const alert = await db.alert.findFirstOrThrow({ where: { clientRef: c.clientRef } });
    expect(alert).toMatchObject({ state: "firing", muted: true });
    expect(await items(db, c.clientRef)).toEqual([]);
    fleet.down.delete(c.path("API"));
    await run(s, clock, 2);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ state: "resolved" });
    expect(await items(db, c.clientRef)).toEqual([]);
    expect((await db.alertEvent.findMany({ where: { alertId: alert.id }, orderBy: { id: "asc" } })).map((e) => e.kind)).toEqual(["firing", "muted", "resolved"]);
  });

  it("reminds while firing and unacknowledged; an acknowledgement stops reminders and is recorded with who and when", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 3, 9, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const ch = await channel(db);
    await threshold(db, c.clientRef, [ch.id], { remindEveryMinutes: 5 });
    const s = schedulerFor(db, clock);
    fleet.down.add(c.path("API"));
    await run(s, clock, 12);
    expect((await items(db, c.clientRef)).map((i) => i.eventKey)).toEqual(["firing", "reminder:1", "reminder:2"]);
    const alert = await db.alert.findFirstOrThrow({ where: { clientRef: c.clientRef } });
    const ctx = get().ctx({ actor: { type: "user", label: "ada@agency.io" }, clock });
    const acked = await acknowledgeAlert({ ctx, input: { alert_id: alert.id } });
    expect(acked.alert).toMatchObject({ acknowledged_by: "ada@agency.io", state: "firing" });
    expect(acked.alert.acknowledged_at).toBe(clock.now().toISOString());
    expect((await acknowledgeAlert({ ctx, input: { alert_id: alert.id } })).already_acknowledged).toBe(true);
    await run(s, clock, 15);
    expect((await items(db, c.clientRef)).map((i) => i.eventKey)).toEqual(["firing", "reminder:1", "reminder:2"]);
    const audit = await db.auditLog.findFirst({ where: { action: "alert.acknowledge", targetId: c.clientId } });
    expect(audit?.actorLabel).toBe("ada@agency.io");
    const listed = await listAlerts({ ctx, input: { client_id: c.clientId, acknowledged: true } });
    expect(listed.alerts.map((a) => a.id)).toEqual([alert.id]);
    fleet.down.delete(c.path("API"));
  });

  it("never evaluates a window that was never watched (no '100 %'), and skips inactive clients", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 4, 9, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const ch = await channel(db);
    await threshold(db, c.clientRef, [ch.id], { metric: "uptime", comparison: "less_than", value: 200, windowMinutes: 60 });
    const ctx = systemContext(db, clock);
    expect(await evaluateClient(ctx, { clientRef: c.clientRef, origin: "manual" })).toMatchObject({ evaluated: 0 });
    // After checks: the window has coverage and 100 % < 200 % breaches (a rule that always fires).
    const s = schedulerFor(db, clock);
    await run(s, clock, 2);
    expect(await db.alert.count({ where: { clientRef: c.clientRef, metric: "uptime" } })).toBe(1);
    await db.client.update({ where: { id: c.clientRef }, data: { active: false } });
    expect(await evaluateClient(ctx, { clientRef: c.clientRef, origin: "manual" })).toMatchObject({ evaluated: 0 });
  });

  it("closes a firing alert nothing will evaluate again (system paused), quietly", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 4, 15, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const ch = await channel(db);
    await threshold(db, c.clientRef, [ch.id]);
    const s = schedulerFor(db, clock);
    fleet.down.add(c.path("API"));
    await run(s, clock, 2);
    const alert = await db.alert.findFirstOrThrow({ where: { clientRef: c.clientRef } });
    expect(alert.state).toBe("firing");
    await db.system.update({ where: { id: c.systems[0]!.id }, data: { enabled: false } });
    expect(await closeOrphanedAlerts(db, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ state: "resolved" });
    expect((await db.alertEvent.findFirstOrThrow({ where: { alertId: alert.id, kind: "closed" } })).detail).toBe("closed: the system was paused or removed");
    expect((await items(db, c.clientRef)).map((i) => i.eventKey)).toEqual(["firing"]);
    fleet.down.delete(c.path("API"));
  });

  it("an evaluation error never fails the check", async () => {
    const db = get().database.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 5, 9, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const s = createScheduler({ db, clock, afterChecks: async () => { throw new Error("boom"); } });
    await run(s, clock, 1);
    expect(await db.healthCheck.count({ where: { systemId: c.systems[0]!.id } })).toBeGreaterThan(0);
    expect(s.stats().failed).toBe(0);
  });
});

// ── PostgreSQL only: three instances ─────────────────────────────────────────────────────────
const adminUrl = inject("pgUrl");
const describePg = adminUrl ? describe : describe.skip;

describePg("alert engine on three instances [postgres]", () => {
  const name = `cp_alerts_${randomBytes(5).toString("hex")}`;
  const url = (() => {
    const u = new URL(adminUrl ?? "postgresql://x@127.0.0.1/x");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let instances: Database[] = [];
  let fleet: Fleet;
  beforeAll(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
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
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });

  it("three schedulers evaluating at the same moments: exactly one alert and one queued event", async () => {
    const db = instances[0]!.prisma;
    const clock = fakeClock(Date.UTC(2026, 11, 6, 9, 0, 0));
    const c = await setupClient(db, fleet, ["API"], clock.now());
    const ch = await channel(db);
    // Client-wide uptime (moved by checks AND by the periodic pass) and status.
    await threshold(db, c.clientRef, [ch.id]);
    await threshold(db, c.clientRef, [ch.id], { metric: "uptime", comparison: "less_than", value: 99, windowMinutes: 60 });
    const schedulers = instances.map((d) => createScheduler({ db: d.prisma, clock, work: [alertPass()], afterChecks: evaluateCheckBatch }));
    fleet.down.add(c.path("API"));
    for (let i = 0; i < 5 * 12; i++) {
      // Besides the scheduled work, every instance evaluates the client at the same instant.
      const started = await Promise.all(schedulers.map((s) => s.runOnce()));
      await Promise.all([...started.flat(), ...instances.map((d) => evaluateClient(systemContext(d.prisma, clock), { clientRef: c.clientRef, origin: "pass" }))]);
      clock.advance(5_000);
    }
    const alerts = await db.alert.findMany({ where: { clientRef: c.clientRef } });
    expect(alerts.map((a) => a.metric).sort()).toEqual(["status", "uptime"]);
    const queued = await items(db, c.clientRef);
    expect(queued.map((i) => i.eventKey)).toEqual(["firing", "firing"]);
    expect(new Set(queued.map((i) => i.alertId)).size).toBe(2);
    fleet.down.delete(c.path("API"));
  });
});
