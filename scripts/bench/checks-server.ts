// `npm run bench:checks -- --server`: the same fleet and registered systems, but checked by the
// real production server (`next start`, scheduler on, started from instrumentation.ts) instead
// of a bare scheduler process. What this adds: the resident memory and CPU of the whole server
// (Next.js included) while it checks N systems, which is what SPEC.md's memory budget is about.
// What it cannot see: the scheduler's lag (no hook from outside the process); checks per second
// and failures come from the rows the server stored.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseTarget } from "@/lib/db/client";
import { cpuSeconds, freePort, int, line, machineBusyPct, machineTimes, mb, pct, percentile, processTreeFigures, projectRoot, sleep, sortedCopy } from "./bench-lib";

export interface ServerModeOptions {
  target: DatabaseTarget;
  systems: number;
  intervalSec: number;
  concurrency: number;
  warmupSec: number;
  minutes: number;
  fleetStats: () => Promise<{ cpu: NodeJS.CpuUsage; requests: number; rss: number }>;
  openDatabase: typeof import("@/lib/db/client").openDatabase;
}

export async function runServerMode(o: ServerModeOptions): Promise<boolean> {
  if (!existsSync(path.join(projectRoot, ".next", "BUILD_ID"))) throw new Error("--server needs a production build: run `npm run build` first");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    SCHEDULER: "on",
    SCHEDULER_CONCURRENCY: String(o.concurrency),
    ALLOWED_PRIVATE_TARGETS: "127.0.0.1",
    LOG_LEVEL: "error",
  };
  delete env.DATABASE_URL;
  if (o.target.kind === "pglite") env.DATA_DIR = o.target.dataDir;
  else env.DATABASE_URL = o.target.url;
  const logFile = path.join(os.tmpdir(), `cp-bench-checks-server-${process.pid}.log`);
  const log = createWriteStream(logFile);
  const started = performance.now();
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const stop = async () => {
    if (server.exitCode !== null) return;
    server.kill("SIGTERM"); // instrumentation-node.ts stops the scheduler and closes the database
    await new Promise((r) => server.once("exit", r));
  };
  process.once("exit", () => server.kill("SIGKILL"));
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited (code ${server.exitCode}): ${readFileSync(logFile, "utf8").slice(-1500)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health-check`, { signal: AbortSignal.timeout(5000) });
        await r.text();
        if (r.ok) break;
      } catch {
        /* not yet */
      }
      if (performance.now() - started > 180_000) throw new Error(`the server did not answer within 180 s (log: ${logFile})`);
      await sleep(250);
    }
    const t0 = Date.now();
    console.log(`The production server (pid ${server.pid}) answers after ${((performance.now() - started) / 1000).toFixed(1)} s and checks on its own; warm-up ${o.warmupSec} s, then ${o.minutes} min measured.`);
    const warmEnd = t0 + o.warmupSec * 1000;
    const measureEnd = warmEnd + o.minutes * 60_000;
    const samples: { at: number; rss: number }[] = [];
    const sampler = setInterval(() => samples.push({ at: Date.now(), rss: processTreeFigures(server.pid!).rss }), 1000);
    const progress = setInterval(() => {
      const last = samples.at(-1);
      console.log(`  t=${String(Math.round((Date.now() - t0) / 1000)).padStart(4)} s ${Date.now() < warmEnd ? "warm-up  " : "measuring"} server rss ${last ? mb(last.rss) : "?"}`);
    }, 10_000);
    await sleep(warmEnd - Date.now());
    const cpuA = processTreeFigures(server.pid!).cpuSec;
    const fleetA = await o.fleetStats();
    const machineA = machineTimes();
    await sleep(measureEnd - Date.now());
    const cpuB = processTreeFigures(server.pid!).cpuSec;
    const fleetB = await o.fleetStats();
    const machineB = machineTimes();
    clearInterval(sampler);
    clearInterval(progress);
    await stop();

    const database = await o.openDatabase(o.target, { migrate: false });
    const byStatus = await database.prisma.$queryRaw<{ status: string; n: bigint }[]>`
      SELECT status::text, count(*) AS n FROM health_checks WHERE checked_at >= ${new Date(warmEnd)} AND checked_at < ${new Date(measureEnd)} GROUP BY 1`;
    const [doubles] = await database.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) FILTER (WHERE gap < interval '30 seconds') AS n
      FROM (SELECT checked_at - lag(checked_at) OVER (PARTITION BY system_id ORDER BY checked_at) AS gap FROM health_checks) g`;
    await database.close();

    const windowSec = o.minutes * 60;
    const checks = byStatus.reduce((n, r) => n + Number(r.n), 0);
    const rate = checks / windowSec;
    const expected = o.systems / o.intervalSec;
    const rss = sortedCopy(samples.filter((s) => s.at >= warmEnd && s.at < measureEnd).map((s) => s.rss));
    const rssMax = rss[rss.length - 1] ?? Number.NaN;
    const cpu = cpuB - cpuA;
    const fleetCpu = cpuSeconds(fleetA.cpu, fleetB.cpu);
    const cores = os.cpus().length;
    console.log("");
    console.log(`Results — the production server (next start, scheduler on), ${o.target.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ${int(o.systems)} systems at ${o.intervalSec} s, concurrency ${o.concurrency}, window ${windowSec} s after ${o.warmupSec} s warm-up`);
    console.log(line("checks stored in the window", `${int(checks)} = ${rate.toFixed(2)}/s (expected ${expected.toFixed(2)}/s; ${((rate / expected) * 100).toFixed(1)} %)`));
    console.log(line("by status", ["healthy", "degraded", "down"].map((s) => `${s} ${int(Number(byStatus.find((r) => r.status === s)?.n ?? 0))}`).join(" · ")));
    console.log(line("scheduler lag", "not observable from outside the server (run without --server)"));
    console.log(line("server CPU", `${cpu.toFixed(1)} s = ${pct((cpu / windowSec) * 100)} of one core, ${pct((cpu / windowSec / cores) * 100)} of the machine`));
    console.log(line("server resident memory", `p50 ${mb(percentile(rss, 50))} · max ${mb(rssMax)} in the window (whole run max ${mb(Math.max(...samples.map((s) => s.rss)))})`));
    console.log(line("fleet process CPU", `${fleetCpu.toFixed(1)} s = ${pct((fleetCpu / windowSec) * 100)} of one core (${int(fleetB.requests - fleetA.requests)} requests)`));
    console.log(line("machine busy, all processes", `${pct(machineBusyPct(machineA, machineB))} of ${cores} cores`));
    console.log(line("double checks (< 30 s apart)", `${int(Number(doubles!.n))} stored`));
    const verdicts = [
      { ok: rate >= expected * 0.95, text: `sustained ${rate.toFixed(2)} checks/s ≥ 95 % of N/60 = ${(expected * 0.95).toFixed(2)}/s` },
      { ok: rssMax < 400 * 1048576, text: `server resident memory max ${mb(rssMax)} < 400 MB` },
      { ok: Number(doubles!.n) === 0, text: "no double checks" },
    ];
    console.log("");
    console.log("Verdict against SPEC.md budgets");
    for (const v of verdicts) console.log(`  ${v.ok ? "PASS" : "FAIL"}  ${v.text}`);
    const pass = verdicts.every((v) => v.ok);
    console.log(`  ${pass ? "PASS" : "FAIL"}`);
    rmSync(logFile, { force: true });
    return pass;
  } finally {
    await stop();
  }
}
