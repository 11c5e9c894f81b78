// Deliveries per second one worker sustains against a local webhook receiver, and proof that
// none was lost or sent twice. For `npm run bench:alerts` (the lead's) to call:
//
//   import { measureDeliveryRate } from "./alert-delivery";
//   const r = await measureDeliveryRate(database.prisma, { notifications: 2000, concurrency: 16 });
//
// or on its own: npx tsx scripts/bench/alert-delivery.ts [--count N] [--concurrency C] [--db pglite|postgres]
// (pglite: in memory; postgres: DATABASE_URL's server or a throwaway cluster, a fresh database on it).
// What is measured: the real scheduler loop with the alert delivery kind (claim with a lease,
// render, sign, POST through safe-fetch, mark in one transaction), from the moment N due
// notifications exist until the receiver has answered all of them; the receiver is a bare
// node:http server answering 200 at once, so the figure is the worker's cost, not the network's.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import type { Db } from "@/lib/db/client";

export interface DeliveryRateResult {
  notifications: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  /** Receiver hits per message id beyond the first (must be 0). */
  duplicates: number;
  /** Messages not delivered at the end (must be 0). */
  lost: number;
  /** Due → receiver, per message. */
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** This process's CPU per delivery (PGlite's included when embedded): the figure machine load does not inflate. */
  cpuMsPerDelivery: number;
}

export async function measureDeliveryRate(db: Db, { notifications = 1000, concurrency = 32, timeoutMs = 300_000 } = {}): Promise<DeliveryRateResult> {
  const { resetEnvCache } = await import("@/lib/env");
  const { createScheduler } = await import("@/lib/monitoring/scheduler");
  const { alertDelivery } = await import("@/lib/alerts/delivery/delivery-worker");
  const { enqueueAlertEvent } = await import("@/lib/alerts/outbox");

  const hits = new Map<string, number>();
  const arrivals: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["webhook-id"]);
      hits.set(id, (hits.get(id) ?? 0) + 1);
      arrivals.push(Date.now());
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const savedPrivate = process.env.ALLOWED_PRIVATE_TARGETS;
  process.env.ALLOWED_PRIVATE_TARGETS = [savedPrivate, "127.0.0.1"].filter(Boolean).join(",");
  resetEnvCache();
  try {
    const tag = Math.random().toString(36).slice(2, 8);
    const channel = await db.alertChannel.create({
      data: { type: "webhook", name: `bench ${tag}`, destination: `http://127.0.0.1:${port}/hook`, secret: `whsec_${Buffer.from("bench-secret-bench-secret-bench!").toString("base64")}` },
    });
    // Seeded not yet due, then made due at once, so the clock starts with all N waiting.
    const far = new Date(Date.now() + 86_400_000);
    const clients = Math.max(1, Math.ceil(notifications / 50));
    const ids: string[] = [];
    for (let c = 0; c < clients; c++) {
      const client = await db.client.create({ data: { clientId: `bench-dlv-${tag}-${c}`, name: `Bench ${c}` } });
      const n = Math.min(50, notifications - c * 50);
      await db.$transaction(async (tx) => {
        for (let i = 0; i < n; i++) {
          const alert = await tx.alert.create({ data: { clientRef: client.id, severity: "warning", metric: "uptime", comparison: "less_than", thresholdValue: 95, observedValue: 90, message: "uptime 90 % < 95 %", startedAt: new Date() } });
          ids.push(...(await enqueueAlertEvent(tx, { alertId: alert.id, clientRef: client.id, eventKey: "firing", channelIds: [channel.id], at: far, groupWindowMs: 0 })));
        }
      });
    }
    const start = Date.now();
    const cpu0 = process.cpuUsage();
    await db.notification.updateMany({ where: { id: { in: ids } }, data: { sendAfter: new Date(start), nextAttemptAt: new Date(start) } });
    const scheduler = createScheduler({ db, pollMs: Number(process.env.BENCH_POLL_MS ?? 250), work: [alertDelivery({ concurrency })] });
    scheduler.start();
    // Done when every message is recorded delivered (the receiver's answer alone is not the end of a delivery).
    let delivered = 0;
    while (Date.now() - start < timeoutMs) {
      await new Promise((r) => setTimeout(r, 20));
      if (arrivals.length < ids.length) continue;
      delivered = await db.notification.count({ where: { id: { in: ids }, state: "delivered" } });
      if (delivered === ids.length) break;
    }
    const seconds = (Date.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await scheduler.stop();
    // stop() awaits the sends in flight but not a claim round already running; let it end
    // before the caller closes the database.
    await new Promise((r) => setTimeout(r, 500));
    const lat = arrivals.map((t) => t - start).sort((a, b) => a - b);
    const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? NaN;
    return {
      notifications: ids.length,
      concurrency,
      seconds,
      perSecond: ids.length / seconds,
      duplicates: [...hits.values()].reduce((n, k) => n + k - 1, 0),
      lost: ids.length - delivered,
      latencyP50Ms: q(0.5),
      latencyP95Ms: q(0.95),
      cpuMsPerDelivery: (cpu.user + cpu.system) / 1000 / ids.length,
    };
  } finally {
    if (savedPrivate === undefined) delete process.env.ALLOWED_PRIVATE_TARGETS;
    else process.env.ALLOWED_PRIVATE_TARGETS = savedPrivate;
    resetEnvCache();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
  };
  process.env.LOG_LEVEL ??= "error";
  const { openDatabase } = await import("@/lib/db/client");
  const cleanups: (() => unknown)[] = [];
  let database: Awaited<ReturnType<typeof openDatabase>>;
  if (arg("db", "pglite") === "postgres") {
    // DATABASE_URL's server, or a throwaway cluster; a fresh database on it.
    const { postgresServer, withDatabase } = await import("./bench-lib");
    const { adminUrl } = await postgresServer(cleanups);
    const name = `cp_bench_delivery_${Math.random().toString(36).slice(2, 8)}`;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    });
    database = await openDatabase({ kind: "postgres", url: withDatabase(adminUrl, name) });
  } else database = await openDatabase({ kind: "pglite" });
  try {
    const r = await measureDeliveryRate(database.prisma, { notifications: Number(arg("count", "1000")), concurrency: Number(arg("concurrency", "32")) });
    console.log(JSON.stringify({ database: database.kind, ...r, perSecond: Math.round(r.perSecond), seconds: Number(r.seconds.toFixed(2)) }));
    process.exitCode = r.duplicates || r.lost ? 1 : 0;
  } finally {
    await database.close();
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
  }
}
