// npm run bench:checks -- [--systems N] [--minutes M] [--db pglite|postgres] [--instances K] …
//
// Sustained health checking with the real scheduler against a local fleet of simulated client
// systems (fleet-server.ts, in its own process). Registers N systems through the real
// registerClient verb on a fresh database, runs K scheduler instances (scheduler-worker.ts, one
// process each, like K servers), warms up, then measures a window and prints: checks per second,
// scheduler lag percentiles, failures, CPU and resident memory of each instance and of the
// fleet, double checks, and PASS/FAIL against SPEC.md's budgets. A benchmark, not a test: it
// prints figures; the exit code is 0 on PASS, 1 on FAIL, 2 on a usage or set-up error.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import {
  benchCommandLine,
  benchDatabase,
  cpuSeconds,
  die,
  diskUsage,
  forkTs,
  int,
  line,
  machineBusyPct,
  machineTimes,
  mb,
  ms,
  nextMessage,
  pct,
  percentile,
  processTreeFigures,
  sleep,
  sortedCopy,
} from "./bench-lib";
import type { WorkerConfig, WorkerProgress, WorkerResult, WorkerTimeline } from "./scheduler-worker";

const USAGE = `npm run bench:checks -- [options]
  --systems N        systems to check (default 1000; 5000 with --db postgres)
  --minutes M        measured window in minutes (default 3)
  --warmup S         warm-up seconds before the window (default 65)
  --db KIND          pglite (default: a fresh embedded database in a temp folder) or postgres
                     (DATABASE_URL's server if set, else a throwaway cluster; a fresh database is
                     created on it for the run and dropped afterwards)
  --instances K      scheduler processes sharing the PostgreSQL database (default 1; PGlite: 1)
  --concurrency C    probes in flight per instance (default 64, the server's default)
  --per-client S     systems per registered client (default 10)
  --phases MODE      new: systems are new, the scheduler spreads their first checks over 10 s
                     (default; a bulk import); uniform: first due times spread over the whole
                     interval (a fleet registered over time)
  --fleet-ports P    HTTP servers in the fleet process (default 4)
  --interval S       check interval of the systems in seconds (default 60)
  --hanging H        add one more client with H systems that never answer (each check times out
                     after 10 s, at the same interval): fair scheduling, measured on the others;
                     the figures then leave that client's checks out
  --server           check with the real production server (next start, scheduler on) instead
                     of a bare scheduler process: measures the whole server's memory and CPU
                     (needs npm run build; the scheduler's lag is not observable then)
  --keep             keep the temp database folder / bench database`;

const { flags, dbKind } = benchCommandLine({
    systems: "number",
    minutes: "number",
    warmup: "number",
    instances: "number",
    concurrency: "number",
    "per-client": "number",
    phases: "string",
    "fleet-ports": "number",
    interval: "number",
    hanging: "number",
    server: "boolean",
    keep: "boolean",
  }, USAGE);
const systemsCount = Math.floor(Number(flags.systems ?? (dbKind === "postgres" ? 5000 : 1000)));
const minutes = Number(flags.minutes ?? 3);
const warmupSec = Number(flags.warmup ?? 65);
const instances = Math.floor(Number(flags.instances ?? 1));
const concurrency = Math.floor(Number(flags.concurrency ?? 64));
const perClient = Math.floor(Number(flags["per-client"] ?? 10));
const phases = String(flags.phases ?? "new");
const fleetPorts = Math.floor(Number(flags["fleet-ports"] ?? 4));
const INTERVAL_SEC = Math.floor(Number(flags.interval ?? 60));
const hangingCount = Math.floor(Number(flags.hanging ?? 0));
const TAIL_MS = 12_000; // > the 10 s check timeout: checks started in the window get to finish
if (INTERVAL_SEC < 10 || INTERVAL_SEC > 3600) die(`--interval must be 10…3600 (a check may take its 10 s timeout)\n${USAGE}`);
if (flags.server && hangingCount) die("--hanging measures the scheduler's lag: not with --server");
if (systemsCount < 1 || minutes <= 0 || instances < 1 || concurrency < 1 || perClient < 1 || perClient > 50) die(`invalid sizes\n${USAGE}`);
if (dbKind === "pglite" && instances !== 1) die("PGlite belongs to one process: --instances needs --db postgres");
if (phases !== "new" && phases !== "uniform") die("--phases must be new or uniform");
if (flags.server && instances !== 1) die("--server runs one server: no --instances");

// The app's settings, before anything reads lib/env: loopback targets are allowed for this run
// only; warnings of individual checks are counted by the benchmark rather than logged.
process.env.ALLOWED_PRIVATE_TARGETS = "127.0.0.1";
process.env.LOG_LEVEL ??= "error";
process.env.SCHEDULER_CONCURRENCY = String(concurrency);

const { openDatabase } = await import("@/lib/db/client");
const { registerClient } = await import("@/lib/clients/register-client");
const { systemContext } = await import("@/lib/context");
type DatabaseTarget = import("@/lib/db/client").DatabaseTarget;

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let cleaningUp = false;
async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

const runId = randomBytes(3).toString("hex");
const startedAt = new Date();
console.log(`ClientPulse bench:checks — ${startedAt.toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

// ---- the fleet -------------------------------------------------------------------------
const fleet = forkTs("fleet-server.ts", [String(fleetPorts)]);
children.push(fleet);
const { ports } = await nextMessage<{ type: "ready"; ports: number[] }>(fleet, "ready", 30_000);
const fleetStats = async () => {
  fleet.send({ type: "stats" });
  return nextMessage<{ type: "stats"; cpu: NodeJS.CpuUsage; rss: number; requests: number; counts: Record<string, number> }>(fleet, "stats", 10_000);
};

// ---- the database ----------------------------------------------------------------------
const { target, label: dbLabel, postmasterPid } = await benchDatabase(dbKind, { prefix: `checks_${runId}`, keep: Boolean(flags.keep), cleanups });

// ---- registration through the real verb -------------------------------------------------
const clientsCount = Math.ceil(systemsCount / perClient);
let hangingIds: string[] = [];
const setupStarted = performance.now();
{
  const database = await openDatabase(target);
  const ctx = systemContext(database.prisma);
  let next = 0;
  const registerOne = async (c: number) => {
    const systems = [];
    for (let s = 0; s < perClient && c * perClient + s < systemsCount; s++) {
      const i = c * perClient + s;
      systems.push({ name: `System ${s + 1}`, health_url: `http://127.0.0.1:${ports[i % ports.length]}/s/${i}/health`, check_interval_seconds: INTERVAL_SEC });
    }
    await registerClient({ ctx, input: { client_id: `bench-${runId}-${String(c).padStart(5, "0")}`, client_name: `Bench client ${c}`, industry: "Benchmark", systems } });
  };
  // PGlite runs one statement at a time anyway; PostgreSQL takes a few registrations at once.
  const lanes = dbKind === "postgres" ? 4 : 1;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < clientsCount) await registerOne(next++);
    }),
  );
  if (hangingCount > 0) {
    // One client owning every hanging system: a registration takes 50 systems at most, the rest
    // join the same client directly.
    const hogId = `bench-${runId}-hanging`;
    const hogUrl = (i: number) => `http://127.0.0.1:${ports[i % ports.length]}/hang/${i}/health`;
    await registerClient({
      ctx,
      input: {
        client_id: hogId,
        client_name: "Hanging client",
        systems: Array.from({ length: Math.min(50, hangingCount) }, (_, i) => ({ name: `Hanging ${i + 1}`, health_url: hogUrl(i), check_interval_seconds: INTERVAL_SEC })),
      },
    });
    const hog = await database.prisma.client.findUniqueOrThrow({ where: { clientId: hogId } });
    if (hangingCount > 50) {
      await database.prisma.system.createMany({
        data: Array.from({ length: hangingCount - 50 }, (_, k) => ({ clientRef: hog.id, name: `Hanging ${51 + k}`, healthUrl: hogUrl(50 + k), checkIntervalSec: INTERVAL_SEC })),
      });
    }
    hangingIds = (await database.prisma.system.findMany({ where: { clientRef: hog.id }, select: { id: true } })).map((r) => r.id);
  }
  if (phases === "uniform") {
    await database.prisma.$executeRaw`UPDATE systems SET next_check_at = now() + make_interval(secs => random() * check_interval_sec)`;
  }
  await database.close();
}
const setupSec = (performance.now() - setupStarted) / 1000;
const folderOf = (t: DatabaseTarget) => (t.kind === "pglite" ? { all: diskUsage(t.dataDir!), wal: diskUsage(path.join(t.dataDir!, "pglite", "pg_wal")) } : undefined);
const diskBefore = folderOf(target);
console.log(`Registered ${int(systemsCount)} systems (${int(clientsCount)} clients) through registerClient in ${setupSec.toFixed(1)} s on ${dbLabel}.`);
if (hangingCount) console.log(`Plus one client with ${int(hangingCount)} systems that never answer (not counted in the figures below).`);

if (flags.server) {
  const { runServerMode } = await import("./checks-server");
  let pass = false;
  try {
    pass = await runServerMode({ target, systems: systemsCount, intervalSec: INTERVAL_SEC, concurrency, warmupSec, minutes, fleetStats, openDatabase });
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
  }
  await cleanup();
  process.exit(pass ? 0 : 1);
}

// ---- the scheduler instances --------------------------------------------------------------
const workers: ChildProcess[] = [];
for (let k = 0; k < instances; k++) {
  const config: WorkerConfig = { instance: k + 1, target, concurrency, retentionDays: 30, ignoreSystemIds: hangingIds };
  const worker = forkTs("scheduler-worker.ts", [JSON.stringify(config)]);
  children.push(worker);
  workers.push(worker);
}
const readies = await Promise.all(workers.map((w) => nextMessage<{ type: "ready"; openMs: number; rss: number }>(w, "ready", 120_000)));
const t0 = Date.now() + 200;
const timeline: WorkerTimeline = { type: "start", warmEnd: t0 + warmupSec * 1000, measureEnd: t0 + warmupSec * 1000 + minutes * 60_000, stopAt: 0 };
timeline.stopAt = timeline.measureEnd + TAIL_MS;
const results = workers.map((w) => nextMessage<WorkerResult>(w, "result", (timeline.stopAt - Date.now()) + 120_000));
for (const w of workers) w.send(timeline);
console.log(
  `${instances} scheduler instance(s) started (database opened in ${readies.map((r) => `${Math.round(r.openMs)} ms`).join(", ")}); ` +
    `warm-up ${warmupSec} s, then ${minutes} min measured. Progress every 10 s:`,
);

const progress = new Map<number, WorkerProgress>();
for (const w of workers) {
  w.on("message", (m: { type?: string }) => {
    if (m?.type !== "progress") return;
    const p = m as WorkerProgress;
    progress.set(p.instance, p);
    if (progress.size === instances) {
      const all = [...progress.values()];
      const elapsed = Math.round((p.at - t0) / 1000);
      const phase = p.at < timeline.warmEnd ? "warm-up" : p.at < timeline.measureEnd ? "measuring" : "tail";
      console.log(
        `  t=${String(elapsed).padStart(4)} s ${phase.padEnd(9)} checks/10 s ${all.map((x) => x.checks).join("+")}` +
          `  lag p95 ${all.map((x) => ms(x.lagP95)).join(" | ")}  max ${all.map((x) => ms(x.lagMax)).join(" | ")}` +
          `  rss ${all.map((x) => mb(x.rss)).join(" | ")}  in flight ${all.map((x) => x.inFlight).join("+")}`,
      );
      progress.clear();
    }
  });
}

await sleep(Math.max(0, timeline.warmEnd - Date.now()));
const fleetA = await fleetStats();
const machineA = machineTimes();
const postgresA = postmasterPid ? processTreeFigures(postmasterPid) : undefined;
await sleep(Math.max(0, timeline.measureEnd - Date.now()));
const fleetB = await fleetStats();
const machineB = machineTimes();
const postgresB = postmasterPid ? processTreeFigures(postmasterPid) : undefined;
const diskDuring = folderOf(target); // while the instance still has the database open
const finished = await Promise.all(results);
// Each instance closes its database and exits after reporting (PGlite's folder is then free).
await Promise.all(workers.map((w) => (w.exitCode !== null ? undefined : new Promise((r) => w.once("exit", r)))));

// ---- figures ------------------------------------------------------------------------------
const windowSec = minutes * 60;
const cores = os.cpus().length;
const allLags = sortedCopy(finished.flatMap((r) => r.lags));
const checks = allLags.length;
const expectedRate = systemsCount / INTERVAL_SEC;
const rate = checks / windowSec;
const failed = finished.reduce((n, r) => n + r.failed, 0);
const failedWholeRun = finished.reduce((n, r) => n + r.failedWholeRun, 0);
const statuses: Record<string, number> = {};
for (const r of finished) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
const perSecond = finished[0]!.perSecond.map((_, i) => finished.reduce((n, r) => n + (r.perSecond[i] ?? 0), 0));

// A double check: the same system started twice within half an interval (over the whole run,
// across all instances).
const bySystem = new Map<string, number[]>();
for (const r of finished) {
  for (let i = 0; i < r.checkSystem.length; i++) {
    const id = r.systems[r.checkSystem[i]!]!;
    let list = bySystem.get(id);
    if (!list) bySystem.set(id, (list = []));
    list.push(r.checkStartedAt[i]!);
  }
}
let doubleChecks = 0;
let minGapMs = Infinity;
for (const list of bySystem.values()) {
  list.sort((a, b) => a - b);
  for (let i = 1; i < list.length; i++) {
    const gap = list[i]! - list[i - 1]!;
    minGapMs = Math.min(minGapMs, gap);
    if (gap < (INTERVAL_SEC * 1000) / 2) doubleChecks++;
  }
}
const recordedWholeRun = finished.reduce((n, r) => n + r.checksWholeRun, 0);

// Cross-check against what the app stored.
let storedChecks: number;
let storedDoubles: number;
let rollupChecks: number;
{
  const database = await openDatabase(target, { migrate: false });
  const [row] = await database.prisma.$queryRaw<{ n: bigint; doubles: bigint }[]>`
    SELECT count(*) AS n, count(*) FILTER (WHERE gap < make_interval(secs => ${INTERVAL_SEC / 2})) AS doubles
    FROM (SELECT checked_at - lag(checked_at) OVER (PARTITION BY system_id ORDER BY checked_at) AS gap FROM health_checks) g`;
  const [roll] = await database.prisma.$queryRaw<{ n: bigint | null }[]>`SELECT sum(checks) AS n FROM check_rollups WHERE period = 'hour'`;
  storedChecks = Number(row!.n);
  storedDoubles = Number(row!.doubles);
  rollupChecks = Number(roll!.n ?? 0);
  await database.close();
}

const diskAfter = folderOf(target);
const fleetCpu = cpuSeconds(fleetA.cpu, fleetB.cpu);
const machineBusy = machineBusyPct(machineA, machineB);

console.log("");
console.log(`Results — ${dbKind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ${int(systemsCount)} systems at ${INTERVAL_SEC} s, ${instances} instance(s), concurrency ${concurrency}, phases ${phases}, window ${windowSec} s after ${warmupSec} s warm-up`);
console.log(line("checks in the window", `${int(checks)} = ${rate.toFixed(2)}/s sustained (expected ${expectedRate.toFixed(2)}/s = N/${INTERVAL_SEC}; ${((rate / expectedRate) * 100).toFixed(1)} %)`));
console.log(line("by status", ["healthy", "degraded", "down", "error"].map((s) => `${s} ${int(statuses[s] ?? 0)}`).join(" · ")));
console.log(line("checks failed (not recorded)", `${int(failed)} in the window, ${int(failedWholeRun)} over the whole run (run with LOG_LEVEL=warn to see why)${finished.some((r) => r.dbErrors) ? `; scheduler rounds failed on the database: ${finished.map((r) => r.dbErrors).join("+")}` : ""}`));
console.log(line("scheduler lag (start − due)", `p50 ${ms(percentile(allLags, 50))} · p95 ${ms(percentile(allLags, 95))} · p99 ${ms(percentile(allLags, 99))} · max ${ms(allLags[allLags.length - 1] ?? Number.NaN)}`));
const sortedPerSecond = [...perSecond].sort((a, b) => a - b);
console.log(line("checks started per second", `median ${percentile(sortedPerSecond, 50)} · p95 ${percentile(sortedPerSecond, 95)} · max ${sortedPerSecond[sortedPerSecond.length - 1]}`));
for (const r of finished) {
  const label = instances > 1 ? `instance ${r.instance} (pid ${r.pid})` : `scheduler process (pid ${r.pid})`;
  const sorted = sortedCopy(r.lags);
  if (instances > 1) {
    console.log(line(`${label} checks`, `${int(r.lags.length)} = ${(r.lags.length / windowSec).toFixed(2)}/s; lag p50 ${ms(percentile(sorted, 50))} · p95 ${ms(percentile(sorted, 95))} · p99 ${ms(percentile(sorted, 99))} · max ${ms(sorted[sorted.length - 1] ?? Number.NaN)}`));
  }
  console.log(line(`${label} CPU`, `${r.cpuSec.toFixed(1)} s = ${pct((r.cpuSec / windowSec) * 100)} of one core, ${pct((r.cpuSec / windowSec / cores) * 100)} of the machine (${cores} cores)`));
  console.log(line(`${label} RSS`, `p50 ${mb(r.rssP50)} · max ${mb(r.rssMax)} in the window (max ${mb(r.rssMaxWholeRun)} over the whole run; ${mb(readies[r.instance - 1]!.rss)} right after opening the database; JS heap max ${mb(r.heapUsedMax)})`));
  console.log(line(`${label} event-loop delay`, `p99 ${ms(r.eventLoopP99Ms)} · max ${ms(r.eventLoopMaxMs)}`));
}
console.log(line("fleet process CPU", `${fleetCpu.toFixed(1)} s = ${pct((fleetCpu / windowSec) * 100)} of one core (${int(fleetB.requests - fleetA.requests)} requests; RSS ${mb(fleetB.rss)})`));
const postgresCpu = postgresA && postgresB ? postgresB.cpuSec - postgresA.cpuSec : 0;
if (postgresA && postgresB) {
  console.log(line("PostgreSQL server CPU", `${postgresCpu.toFixed(1)} s = ${pct((postgresCpu / windowSec) * 100)} of one core (${postgresB.processes} processes; RSS ${mb(postgresB.rss)}, shared memory counted in each)`));
}
console.log(line("machine busy, all processes", `${pct(machineBusy)} of ${cores} cores (what the lines above do not account for is other work on the box: figures are noisy then)`));
console.log(line(`double checks (< ${INTERVAL_SEC / 2} s apart)`, `${int(doubleChecks)} over the whole run (${int(recordedWholeRun)} checks; shortest gap ${Number.isFinite(minGapMs) ? `${(minGapMs / 1000).toFixed(1)} s` : "n/a"})`));
{
  // Fair scheduling: how many times each system was checked in the window, against window ÷ interval.
  const inWindow = new Map<string, number>();
  for (const r of finished) {
    for (let i = 0; i < r.checkSystem.length; i++) {
      const at = r.checkStartedAt[i]!;
      const id = r.systems[r.checkSystem[i]!]!;
      if (at >= timeline.warmEnd && at < timeline.measureEnd) inWindow.set(id, (inWindow.get(id) ?? 0) + 1);
    }
  }
  const perSystem = sortedCopy(inWindow.values());
  console.log(line("checks per system in the window", `min ${perSystem[0] ?? 0} · median ${percentile(perSystem, 50)} · max ${perSystem[perSystem.length - 1] ?? 0} (expected ${(windowSec / INTERVAL_SEC).toFixed(1)}; ${int(systemsCount - perSystem.length)} systems never checked)`));
  if (hangingCount) console.log(line("hanging client", `${int(finished.reduce((n, r) => n + r.ignoredChecks, 0))} timed-out checks of its ${int(hangingCount)} systems over the whole run; in flight at most ${finished.map((r) => r.ignoredInFlightMax).join("+")} of ${concurrency} slots`));
}
console.log(line("stored by the app", `${int(storedChecks)} health_checks rows (${int(rollupChecks)} in hourly rollups; ${int(storedDoubles)} < ${INTERVAL_SEC / 2} s apart) for ${int(recordedWholeRun)} recorded checks`));

// With several instances on one PostgreSQL each reads the same server-wide position: take one.
const walBytes = Math.max(...finished.map((r) => r.walBytes));
const walPerCheck = walBytes / Math.max(1, checks);
console.log(line("write-ahead log written", `${mb(walBytes)} in the window = ${(walPerCheck / 1024).toFixed(1)} KB per check (${mb(walPerCheck * systemsCount * 1440)} a day at ${int(systemsCount)} systems)`));
if (diskBefore && diskDuring && diskAfter) {
  console.log(
    line(
      "data folder (PGlite)",
      `${mb(diskBefore.all)} before, ${mb(diskDuring.all)} at the end of the window, ${mb(diskAfter.all)} after closing ` +
        `(write-ahead log folder ${mb(diskBefore.wal)} → ${mb(diskDuring.wal)} → ${mb(diskAfter.wal)})`,
    ),
  );
}

// ---- verdict ------------------------------------------------------------------------------
const verdicts: { ok: boolean; warn?: boolean; text: string }[] = [];
const p95 = percentile(allLags, 95);
verdicts.push({ ok: rate >= expectedRate * 0.95, text: `sustained ${rate.toFixed(2)} checks/s ≥ 95 % of N/${INTERVAL_SEC} = ${(expectedRate * 0.95).toFixed(2)}/s` });
verdicts.push({ ok: p95 < 1000, text: `scheduler lag p95 ${ms(p95)} < 1 s` });
verdicts.push({ ok: failed === 0, text: `${failed} checks failed to be recorded in the window (0 expected)` });
if (failedWholeRun > failed) verdicts.push({ ok: true, warn: true, text: `${failedWholeRun - failed} checks failed to be recorded outside the window (warm-up burst or tail): lost checks` });
if (dbKind === "pglite") {
  const rssMax = Math.max(...finished.map((r) => r.rssMax));
  verdicts.push({ ok: rssMax < 400 * 1048576, text: `resident memory max ${mb(rssMax)} < 400 MB (scheduler + database process, without Next.js)` });
  if (systemsCount < 1000) verdicts.push({ ok: true, text: `note: the budget is stated for 1,000 systems; this run had ${int(systemsCount)}` });
} else {
  verdicts.push({ ok: doubleChecks === 0 && storedDoubles === 0, text: `double checks ${doubleChecks} (and ${storedDoubles} stored) = 0` });
  verdicts.push({ ok: instances <= 3, text: `${instances} instance(s) within the budget's 1–3` });
  if (systemsCount < 10_000) verdicts.push({ ok: true, text: `note: the PostgreSQL budget is ≥ 10,000 systems; this run had ${int(systemsCount)} (try --systems 10000 --instances 2)` });
}
if (machineBusy - ((finished.reduce((n, r) => n + r.cpuSec, 0) + fleetCpu + postgresCpu) / windowSec / cores) * 100 > 25) {
  verdicts.push({ ok: true, text: "note: other processes kept the machine busy during the window; figures are noisy" });
}
console.log("");
console.log("Verdict against SPEC.md budgets");
for (const v of verdicts) console.log(`  ${v.text.startsWith("note:") ? "    " : v.warn ? "WARN" : v.ok ? "PASS" : "FAIL"}  ${v.text}`);
const pass = verdicts.every((v) => v.ok);
console.log(`  ${pass ? "PASS" : "FAIL"}`);

await cleanup();
process.exit(pass ? 0 : 1);
