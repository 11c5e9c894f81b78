// PostgreSQL only: several delivery workers share one database. Three schedulers (three
// connection pools, as three servers) deliver 200 notifications, each exactly once (counted at
// the receiver by webhook-id); and a worker killed with SIGKILL mid-delivery leaves its message
// leased, which is sent again after the lease runs out, with the same webhook-id, and recorded once.
import { spawn } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createScheduler } from "@/lib/monitoring/scheduler";
import { uniqueClientId } from "@/test/support/databases";
import { startHookReceiver, type HookReceiver } from "@/test/support/hook-receiver";
import { messageId } from "../delivery-output";
import { enqueueAlertEvent } from "../outbox";
import { LEASE_MS } from "./claim-due-notifications";
import { alertDelivery } from "./delivery-worker";

const adminUrl = inject("pgUrl");
const describePg = adminUrl ? describe : describe.skip;
const FAR = new Date(Date.UTC(2999, 0, 1));
const SECRET = `whsec_${Buffer.from("another-32-byte-secret-for-tests").toString("base64")}`;

describePg("alert delivery on PostgreSQL, several instances [postgres]", () => {
  const name = `cp_delivery_${randomBytes(5).toString("hex")}`;
  const url = (() => {
    const u = new URL(adminUrl ?? "postgresql://x@127.0.0.1/x");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let instances: Database[] = [];
  let hooks: HookReceiver;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`CREATE DATABASE "${name}"`);
    await a.end();
    hooks = await startHookReceiver();
    Object.assign(process.env, { ALLOWED_PRIVATE_TARGETS: "127.0.0.1", APP_URL: "https://pulse.example.com", LOG_LEVEL: "silent" });
    resetEnvCache();
    instances = [await openDatabase({ kind: "postgres", url })];
    instances.push(await openDatabase({ kind: "postgres", url }, { migrate: false }), await openDatabase({ kind: "postgres", url }, { migrate: false }));
  });
  afterAll(async () => {
    await Promise.all(instances.map((d) => d.close().catch(() => {})));
    await hooks?.close();
    process.env = savedEnv;
    resetEnvCache();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });

  async function seed(path: string, clients: number, perClient: number, at: Date) {
    const db = instances[0]!.prisma;
    const ch = await db.alertChannel.create({ data: { type: "webhook", name: `hook ${path}`, destination: `${hooks.base}${path}`, secret: SECRET } });
    const ids: string[] = [];
    for (let c = 0; c < clients; c++) {
      const client = await db.client.create({ data: { clientId: uniqueClientId("multi"), name: `Client ${c}`, systems: { create: [{ name: "API", healthUrl: "https://example.com/h", nextCheckAt: FAR }] } }, include: { systems: true } });
      for (let i = 0; i < perClient; i++) {
        const alert = await db.alert.create({ data: { clientRef: client.id, systemId: client.systems[0]!.id, severity: "warning", metric: "uptime", comparison: "less_than", thresholdValue: 95, observedValue: 90, message: `alert ${i}`, startedAt: at } });
        ids.push(...(await db.$transaction((tx) => enqueueAlertEvent(tx, { alertId: alert.id, clientRef: client.id, eventKey: "firing", channelIds: [ch.id], at, groupWindowMs: 0 }))));
      }
    }
    return { channel: ch, ids };
  }

  it("three schedulers deliver 200 notifications, each exactly once", async () => {
    const t0 = Date.now();
    const { ids } = await seed("/three", 10, 20, new Date(t0));
    expect(new Set(ids).size).toBe(200);
    const byInstance = new Map<number, number>();
    const schedulers = instances.map((d, i) =>
      createScheduler({ db: d.prisma, work: [alertDelivery({ concurrency: 8, workerId: `instance-${i}`, onAttempt: () => byInstance.set(i, (byInstance.get(i) ?? 0) + 1) })] }),
    );
    // Every round, all three claim at the same moment.
    for (let step = 0; step < 100; step++) {
      const started = await Promise.all(schedulers.map((s) => s.runOnce()));
      await Promise.all(started.flat());
      if ((await instances[0]!.prisma.notification.count({ where: { id: { in: ids }, state: "pending" } })) === 0) break;
    }
    const hits = new Map<string, number>();
    for (const r of hooks.to("/three")) hits.set(r.headers["webhook-id"]!, (hits.get(r.headers["webhook-id"]!) ?? 0) + 1);
    expect(hits.size).toBe(200);
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(hits.keys())).toEqual(new Set(ids.map(messageId)));
    expect(await instances[0]!.prisma.notification.count({ where: { id: { in: ids }, state: "delivered" } })).toBe(200);
    expect(await instances[0]!.prisma.deliveryAttempt.count({ where: { notificationId: { in: ids } } })).toBe(200);
    expect(byInstance.size).toBeGreaterThan(1); // the work was shared
  }, 120_000);

  it("SIGKILL mid-delivery: after the lease runs out the message is sent again with the same webhook-id and recorded once", async () => {
    const { ids } = await seed("/crash", 1, 1, new Date());
    const [id] = ids;
    hooks.script("/crash", "hang");
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/support/delivery-child.ts")], {
      cwd: path.resolve("."),
      env: { ...process.env, CHILD_DATABASE_URL: url, ALLOWED_PRIVATE_TARGETS: "127.0.0.1", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    // Kill it the moment the receiver holds its request: sent, not yet recorded.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child never sent: ${out}`)), 60_000);
      hooks.on((r) => {
        if (r.path === "/crash") {
          clearTimeout(timer);
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    expect(await exited).toBe("SIGKILL");
    expect(out).toContain(`claimed ${id}`);
    expect(out).not.toContain("finished");
    const db = instances[0]!.prisma;
    const leased = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(leased).toMatchObject({ state: "pending", lockedBy: "crashing-child", attempts: 0 });

    // A restarted server: nothing is claimable while the dead worker's lease lasts…
    const now = Date.now();
    const restarted = alertDelivery({ workerId: "restarted" });
    const run = async (at: number) => {
      const clock = { now: () => new Date(at) };
      const jobs = await restarted.claim(db, clock.now(), { concurrency: 8, inFlightByClient: new Map() });
      await Promise.all(jobs.map((j) => restarted.run(j, { db, clock, signal: new AbortController().signal })));
      return jobs.length;
    };
    expect(await run(now)).toBe(0);
    // …then it is sent again (the receiver answers 200 now), with the same webhook-id.
    expect(await run(leased.lockedUntil!.getTime() + 1)).toBe(1);
    expect(await run(now + LEASE_MS * 3)).toBe(0);
    const reqs = hooks.to("/crash");
    expect(reqs.map((r) => r.headers["webhook-id"])).toEqual([messageId(id!), messageId(id!)]);
    expect(reqs.filter((r) => r.status === 200)).toHaveLength(1);
    const row = await db.notification.findUniqueOrThrow({ where: { id }, include: { attemptsLog: true } });
    expect(row).toMatchObject({ state: "delivered", attempts: 1, lockedBy: null });
    expect(row.attemptsLog.map((a) => [a.attempt, a.outcome])).toEqual([[1, "delivered"]]);
  }, 120_000);

  it("grouping holds across instances: a burst of one client's alerts enqueued at once from three servers makes one message", async () => {
    const db = instances[0]!.prisma;
    const ch = await db.alertChannel.create({ data: { type: "webhook", name: "group hook", destination: `${hooks.base}/burst`, secret: SECRET } });
    const client = await db.client.create({ data: { clientId: uniqueClientId("burst"), name: "Burst", systems: { create: [{ name: "API", healthUrl: "https://example.com/h", nextCheckAt: FAR }] } } });
    const at = new Date();
    const alerts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => db.alert.create({ data: { clientRef: client.id, severity: "warning", metric: "uptime", comparison: "less_than", thresholdValue: 95, observedValue: 90, message: `alert ${i}`, startedAt: at } })),
    );
    const ids = await Promise.all(
      alerts.map((a, i) =>
        instances[i % 3]!.prisma.$transaction(async (tx) => {
          const out = await enqueueAlertEvent(tx, { alertId: a.id, clientRef: client.id, eventKey: "firing", channelIds: [ch.id], at });
          await new Promise((r) => setTimeout(r, 20)); // hold the transaction open a moment, as an alert verb would
          return out;
        }),
      ),
    );
    expect(new Set(ids.flat()).size).toBe(1);
    expect(await db.notificationItem.count({ where: { notificationId: ids[0]![0] } })).toBe(12);
  });
});
