// PostgreSQL only (a second connection holds a lock the child's write waits on): a scheduler in
// its own process gets SIGTERM while a batch of checks is half written — its transaction has
// inserted the checks and waits on a rollup row another connection holds — and more finished
// checks queue behind it. The graceful stop waits for the batch, writes the queue, and exits:
// every probe the targets answered is stored exactly once, with rollups equal to the raw rows.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { systemContext } from "@/lib/context";
import { openDatabase, type Database } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { uniqueClientId } from "@/test/support/databases";

const adminUrl = inject("pgUrl");
const describePg = adminUrl ? describe : describe.skip;
const SYSTEMS = 24;
const HOUR_MS = 3_600_000;

describePg("scheduler shutdown with a batch half written [postgres]", () => {
  const name = `cp_shutdown_${randomBytes(5).toString("hex")}`;
  const url = (() => {
    const u = new URL(adminUrl ?? "postgresql://x@127.0.0.1/x");
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let database: Database;
  let server: Server;
  let base = "";
  const requests = new Map<string, number>();
  let answered = 0;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`CREATE DATABASE "${name}"`);
    await a.end();
    Object.assign(process.env, { ALLOWED_PRIVATE_TARGETS: "127.0.0.1", LOG_LEVEL: "silent" });
    resetEnvCache();
    database = await openDatabase({ kind: "postgres", url });
    // Even systems answer at once, odd ones after 0.8 s: their checks finish while the first
    // batch is blocked, so they queue behind it.
    server = createServer((req, res) => {
      requests.set(req.url!, (requests.get(req.url!) ?? 0) + 1);
      const slow = Number(req.url!.split("/").pop()) % 2 === 1;
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "healthy", endpoints_checked: 1, endpoints_healthy: 1 }), () => answered++);
      }, slow ? 800 : 0);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await database?.close().catch(() => {});
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    process.env = savedEnv;
    resetEnvCache();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  });

  it("SIGTERM mid-batch: the batch completes, the queued checks are written, nothing lost, nothing doubled", async () => {
    const prisma = database.prisma;
    const clientId = uniqueClientId("term");
    await registerClient({
      ctx: systemContext(prisma),
      input: { client_id: clientId, client_name: "Term Co", systems: Array.from({ length: SYSTEMS }, (_, i) => ({ name: `S${i}`, health_url: `${base}/s/${i}`, check_interval_seconds: 600 })) },
    });
    await prisma.client.update({ where: { clientId }, data: { allowPrivateTargets: true } });
    const systems = await prisma.system.findMany({ where: { client: { clientId } }, select: { id: true, name: true } });
    // Everything due now, once (the interval is 10 min).
    await prisma.system.updateMany({ where: { client: { clientId } }, data: { nextCheckAt: new Date(Date.now() - 1000) } });

    // Another connection holds the hour rollup rows of every system (this hour and the next, in
    // case the run crosses an hour): the child's first batch inserts its checks, then waits.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const ids = systems.map((s) => s.id);
    await holder.query(
      `INSERT INTO check_rollups (system_id, period, bucket_start, latency_hist)
       SELECT id, 'hour', b, '{}'::int[] FROM unnest($1::uuid[]) id, unnest($2::timestamptz[]) b`,
      [ids, [new Date(hour).toISOString(), new Date(hour + HOUR_MS).toISOString()]],
    );
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM check_rollups WHERE system_id = ANY($1::uuid[]) AND period = 'hour' FOR UPDATE", [ids]);

    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/support/scheduler-child.ts")], {
      cwd: path.resolve("."),
      env: { ...process.env, CHILD_DATABASE_URL: url, ALLOWED_PRIVATE_TARGETS: "127.0.0.1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      // Every target answered: the probes are done, their checks are in a blocked batch or queued.
      const deadline = Date.now() + 60_000;
      while (answered < SYSTEMS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(requests.size).toBe(SYSTEMS);
      expect(answered).toBe(SYSTEMS);
      // Half written: the child's batch transaction waits on the held rows (nothing committed).
      const lockWaits = async () =>
        (await holder.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", [name])).rows[0].n as number;
      while ((await lockWaits()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await lockWaits(), out).toBeGreaterThan(0);
      expect((await holder.query("SELECT count(*)::int AS n FROM health_checks WHERE system_id = ANY($1::uuid[])", [ids])).rows[0].n).toBe(0);

      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      expect(out).toContain("sigterm");
      expect(out).not.toContain("stopped"); // still waiting for its batch
      await holder.query("COMMIT");
      expect(await exited).toBe(0);
    } finally {
      await holder.end().catch(() => {});
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    expect(out).toContain("stopped");

    // Nothing lost: every answered probe is stored; nothing doubled: once each.
    expect([...requests.values()].every((n) => n === 1)).toBe(true);
    const checked = out.split("\n").filter((l) => l.startsWith("checked "));
    expect(checked).toHaveLength(SYSTEMS);
    // (A slow answer on a busy machine may be degraded by latency; none is an error.)
    expect(checked.filter((l) => !/ (healthy|degraded)$/.test(l))).toEqual([]);
    const rows = await prisma.healthCheck.groupBy({ by: ["systemId"], where: { systemId: { in: ids } }, _count: true });
    expect(rows).toHaveLength(SYSTEMS);
    expect(rows.every((r) => r._count === 1)).toBe(true);
    const rollups = await prisma.checkRollup.aggregate({ where: { systemId: { in: ids }, period: "hour" }, _sum: { checks: true, healthy: true, degraded: true } });
    expect(rollups._sum.checks).toBe(SYSTEMS);
    expect(rollups._sum.healthy! + rollups._sum.degraded!).toBe(SYSTEMS);
    const states = await prisma.system.findMany({ where: { id: { in: ids } }, select: { status: true, lastCheckAt: true } });
    expect(states.filter((s) => s.status === "unknown" || s.lastCheckAt === null)).toEqual([]);
  }, 120_000);
});
