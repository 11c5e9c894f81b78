// npm run bench:dashboard -- [--systems N] [--days D] [--db pglite|postgres] [--fresh] …
//
// GET /api/dashboard/summary of the real production server over a month of history: builds
// (once; cached) a database with N systems and D days of one check a minute as the app would
// have stored it (dashboard-data.ts), starts `next start` on it with the scheduler off, and
// times the endpoint with an API key: a warm-up, then sequential requests, then a few at once.
// Prints latency percentiles, the server's CPU and memory, the database's size on disk and rows
// per table, and PASS/FAIL against SPEC.md's p95 < 100 ms. A benchmark, not a test: exit code
// 0 on PASS, 1 on FAIL, 2 on a usage or set-up error. Needs a production build (`npm run build`).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchCommandLine, migrationsFingerprint, postgresServer, die, diskUsage, freePort, int, line, machineBusyPct, machineTimes, mb, ms, percentile, processTreeFigures, projectRoot, redact, sleep, sortedCopy, withDatabase } from "./bench-lib";

const USAGE = `npm run bench:dashboard -- [options]
  --systems N        systems (default 1000)
  --per-client P     systems per client (default 10, so 100 clients)
  --days D           days of one-minute history (default 30: 43.2 M checks at 1,000 systems)
  --db KIND          pglite (default; the generated folder is cached under
                     node_modules/.cache/clientpulse-bench/) or postgres (DATABASE_URL's server
                     if set, else a throwaway cluster; a database is generated for the run and
                     dropped afterwards)
  --fresh            regenerate the cached data folder
  --analyze          run ANALYZE before measuring (embedded PGlite has no autovacuum, so the
                     app's own database has no planner statistics; this shows the difference)
  --requests R       sequential requests measured (default 200)
  --warmup W         requests before measuring (default 20)
  --concurrent C     then R requests with C in flight (default 4; 0 skips)
  --parts R          time each part of the summary in-process R times (default 100; 0 skips)
  --no-server        only the in-process parts (no production build needed)
  --keep             keep the PostgreSQL database`;

const { flags, dbKind } = benchCommandLine({
    systems: "number",
    "per-client": "number",
    days: "number",
    fresh: "boolean",
    analyze: "boolean",
    requests: "number",
    warmup: "number",
    concurrent: "number",
    keep: "boolean",
    parts: "number",
    "no-server": "boolean",
  }, USAGE);
const systems = Math.floor(Number(flags.systems ?? 1000));
const perClient = Math.floor(Number(flags["per-client"] ?? 10));
const days = Math.floor(Number(flags.days ?? 30));
const requests = Math.floor(Number(flags.requests ?? 200));
const warmup = Math.floor(Number(flags.warmup ?? 20));
const concurrent = Math.floor(Number(flags.concurrent ?? 4));
if (systems < 1 || perClient < 1 || perClient > 50 || days < 1 || requests < 1) die(`invalid sizes\n${USAGE}`);
const buildId = path.join(projectRoot, ".next", "BUILD_ID");
const partRequests = Math.floor(Number(flags.parts ?? 100));
const withServer = !flags["no-server"];
if (withServer && !existsSync(buildId)) die("no production build: run `npm run build` (or `npx next build`) first");

process.env.LOG_LEVEL ??= "error";
const { openDatabase } = await import("@/lib/db/client");
const { systemContext } = await import("@/lib/context");
const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
const { generateHistory, tableFigures } = await import("./dashboard-data");
type GenerateResult = import("./dashboard-data").GenerateResult;
type TableFigures = import("./dashboard-data").TableFigures;
type DatabaseTarget = import("@/lib/db/client").DatabaseTarget;

/** Bumped whenever the generated data changes shape; part of the cache key. */
const GENERATOR_VERSION = 4;

const cleanups: (() => Promise<void> | void)[] = [];
let server: ChildProcess | undefined;
async function cleanup() {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
  cleanups.length = 0;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

console.log(`ClientPulse bench:dashboard — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const log = (s: string) => console.log(s);

interface Meta {
  key: string;
  generatedAt: string;
  anchor: string;
  systems: number;
  perClient: number;
  days: number;
  generation: GenerateResult;
  analyzed: boolean;
}


function printTables(tables: TableFigures[]) {
  for (const t of tables) console.log(line(`  ${t.table}`, `${Number.isFinite(t.rows) ? `${int(t.rows).padStart(12)} rows` : "".padStart(17)}  ${mb(t.bytes).padStart(8)}`));
}

// ---- the database: generated once (cached for PGlite) --------------------------------------
let target: DatabaseTarget;
let meta: Meta;
let dataDir: string | undefined;
const key = `s${systems}-p${perClient}-d${days}-g${GENERATOR_VERSION}-m${migrationsFingerprint()}`;

async function generateInto(t: DatabaseTarget): Promise<Meta> {
  const anchor = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  console.log(`Generating ${int(systems)} systems × ${days} days of one-minute checks (${int(systems * days * 1440)} rows), ending ${anchor.toISOString()}:`);
  const database = await openDatabase(t);
  try {
    const generation = await generateHistory(database, { systems, perClient, days, anchor, log });
    console.log(`Generated in ${generation.totalSeconds.toFixed(0)} s (${(generation.totalSeconds / 60).toFixed(1)} min).`);
    return { key, generatedAt: new Date().toISOString(), anchor: anchor.toISOString(), systems, perClient, days, generation, analyzed: false };
  } finally {
    await database.close();
  }
}

if (dbKind === "pglite") {
  const cacheRoot = path.join(projectRoot, "node_modules", ".cache", "clientpulse-bench");
  const folder = path.join(cacheRoot, `dashboard-${key}`);
  dataDir = path.join(folder, "data");
  const metaFile = path.join(folder, "meta.json");
  if (flags.fresh) rmSync(folder, { recursive: true, force: true });
  if (existsSync(metaFile)) {
    meta = JSON.parse(readFileSync(metaFile, "utf8")) as Meta;
    const ageH = (Date.now() - Date.parse(meta.anchor)) / 3_600_000;
    console.log(`Using the cached data folder ${path.relative(projectRoot, folder)} (generated ${meta.generatedAt}, in ${meta.generation.totalSeconds.toFixed(0)} s; --fresh regenerates).`);
    if (ageH > 24) console.log(`  note: its history ended ${ageH.toFixed(0)} h ago, so the last ${ageH.toFixed(0)} h have no checks; --fresh for a current month.`);
  } else {
    // Generated under a temporary name and renamed when complete: an interrupted run leaves no
    // half-built cache behind.
    const building = `${folder}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    cleanups.push(() => rmSync(building, { recursive: true, force: true }));
    meta = await generateInto({ kind: "pglite", dataDir: path.join(building, "data") });
    writeFileSync(path.join(building, "meta.json"), JSON.stringify(meta, null, 2));
    rmSync(folder, { recursive: true, force: true });
    renameSync(building, folder);
    cleanups.pop();
  }
  target = { kind: "pglite", dataDir };
  if (flags.analyze && !meta.analyzed) {
    const database = await openDatabase(target);
    const t = performance.now();
    await database.runner.exec("ANALYZE");
    await database.close();
    meta.analyzed = true;
    writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    console.log(`ANALYZE ran in ${((performance.now() - t) / 1000).toFixed(1)} s (recorded in the cache: later runs measure the analyzed database).`);
  }
} else {
  const { adminUrl, where } = await postgresServer(cleanups);
  const name = `cp_bench_dash_${randomBytes(3).toString("hex")}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    die(`cannot create a database on ${redact(adminUrl)} (${(error as Error).message}); give DATABASE_URL a role that may CREATE DATABASE`);
  } finally {
    await admin.end();
  }
  if (!flags.keep) {
    const url = adminUrl;
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    });
  }
  target = { kind: "postgres", url: withDatabase(adminUrl, name) };
  console.log(`PostgreSQL: ${redact(target.url)} on ${where}, generated for this run${flags.keep ? " and kept (--keep)" : ", dropped afterwards"}.`);
  meta = await generateInto(target);
  // A PostgreSQL server's autovacuum would have analyzed a month-old database long ago.
  const database = await openDatabase(target);
  const t = performance.now();
  await database.runner.exec("VACUUM ANALYZE");
  await database.close();
  meta.analyzed = true;
  console.log(`VACUUM ANALYZE (what autovacuum does) ran in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
}

// ---- an API key and the sizes, then the production server ---------------------------------
let apiKey: string;
let tables: TableFigures[];
let databaseBytes: number;
{
  const database = await openDatabase(target);
  const created = await createApiKey({ ctx: systemContext(database.prisma), input: { name: `bench-dashboard-${Date.now()}`, scopes: ["read"] } });
  apiKey = created.key;
  const sizes = await tableFigures(database, false);
  const counted = new Map(meta.generation.tables.map((t) => [t.table, t.rows]));
  tables = sizes.map((s) => ({ ...s, rows: counted.get(s.table) ?? Number.NaN }));
  databaseBytes = Number((await database.runner.query<{ b: string }>("SELECT pg_database_size(current_database())::text AS b"))[0]!.b);
  await database.close();
}

// ---- the summary's parts, in-process (what each costs; the server adds routing and JSON) -----
interface PartFigures {
  part: string;
  first: number;
  times: Float64Array;
  cpu: Float64Array;
  note?: string;
}
const partFigures: PartFigures[] = [];
if (partRequests > 0) {
  const database = await openDatabase(target);
  const { getAllClientsStatus } = await import("@/lib/metrics/clients-overview");
  const { clientHealthStats } = await import("@/lib/monitoring/client-health-stats");
  const { clientAttention } = await import("@/lib/monitoring/client-attention");
  const { loadStalledVerdicts } = await import("@/lib/monitoring/load-stalled-facts");
  const { todayMetricsByClient } = await import("@/lib/metrics/today-metrics");
  const { loadStatusSources } = await import("@/lib/clients/load-status-sources");
  const { loadStateHistory } = await import("@/lib/monitoring/state-history");
  // "Now" is a minute after the generated history ends, so its last hour (the flapping systems)
  // is judged as generated however old the cached folder is; the server below uses the real clock.
  const partsNow = new Date(Date.parse(meta.anchor) + 60_000);
  const ctx = systemContext(database.prisma, { now: () => partsNow });
  const loadClients = async () => (await loadStatusSources(ctx, { includeInactive: false })).clients;
  const clients = await loadClients();
  const refs = clients.map((c) => c.id);
  const enabled = clients.flatMap((c) => c.systems.filter((s) => s.enabled));
  const history = await loadStateHistory(ctx, enabled);
  const parts: [string, () => Promise<unknown>][] = [
    ["summary (get_all_clients_status, today's metrics)", () => getAllClientsStatus({ ctx, input: {} })],
    ["  clients and systems rows", loadClients],
    ["  state history (kept per process)", () => loadStateHistory(ctx, enabled)],
    ["  state history, read afresh", () => loadStateHistory(ctx, enabled.map((s) => ({ id: s.id })))],
    ["  health stats (uptime 24 h/30 d, p95)", () => clientHealthStats(ctx, clients, history)],
    ["  attention (flags, SLA, stalled)", () => clientAttention(ctx, clients, history)],
    ["    stalled verdicts alone", () => loadStalledVerdicts(ctx, clients.flatMap((c) => c.systems))],
    ["  today's metrics", () => todayMetricsByClient(ctx, refs)],
  ];
  console.log(`\nThe summary's parts in-process (${int(clients.length)} clients, now = ${partsNow.toISOString()}), first call then ${partRequests} calls after 5 warm-up:`);
  for (const [part, fn] of parts) {
    const t0 = performance.now();
    await fn();
    const first = performance.now() - t0;
    for (let i = 0; i < 5; i++) await fn();
    const times: number[] = [];
    // This process's CPU per call (PGlite runs in it): the figure the machine's load inflates least.
    const cpu: number[] = [];
    for (let i = 0; i < partRequests; i++) {
      const t = performance.now();
      const c0 = process.cpuUsage();
      await fn();
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t);
      cpu.push((c.user + c.system) / 1000);
    }
    const f = { part, first, times: sortedCopy(times), cpu: sortedCopy(cpu) };
    partFigures.push(f);
    console.log(line(part, `p50 ${ms(percentile(f.times, 50))} · p95 ${ms(percentile(f.times, 95))} · max ${ms(f.times[f.times.length - 1]!)} (first ${ms(first)}) · CPU p50 ${ms(percentile(f.cpu, 50))}`));
  }
  const s = await getAllClientsStatus({ ctx, input: {} });
  const o = s.overall_summary;
  console.log(
    line(
      "  what it found",
      `${o.needs_attention_clients} clients need attention: ${o.down_clients} down, ${o.degraded_clients} degraded, ${o.flapping_clients} flapping, ${o.below_sla_clients} below SLA, ${o.misconfigured_clients} misconfigured, ${o.stalled_clients} stalled; ${int(o.total_automations_today)} automations today (${o.overall_success_rate} %)`,
    ),
  );
  await database.close();
}
if (!withServer) {
  await cleanup();
  const p95 = partFigures.length ? percentile(partFigures[0]!.times, 95) : Number.NaN;
  console.log(`\n  ${p95 < 100 ? "PASS" : "FAIL"}  in-process summary p95 ${ms(p95)} < 100 ms (no server: --no-server)`);
  process.exit(p95 < 100 ? 0 : 1);
}

const port = await freePort();
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  SCHEDULER: "off",
  PORT: String(port),
  LOG_LEVEL: "warn",
};
delete serverEnv.DATABASE_URL;
if (target.kind === "pglite") serverEnv.DATA_DIR = dataDir;
else serverEnv.DATABASE_URL = target.url;
const logFile = path.join(os.tmpdir(), `cp-bench-dashboard-server-${process.pid}.log`);
const serverLog = createWriteStream(logFile);
const serverStarted = performance.now();
server = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
  cwd: projectRoot,
  env: serverEnv,
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout!.pipe(serverLog);
server.stderr!.pipe(serverLog);
const base = `http://127.0.0.1:${port}`;
for (;;) {
  if (server.exitCode !== null) {
    await sleep(200);
    die(`the server exited (code ${server.exitCode}); its log:\n${readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n")}`);
  }
  try {
    const r = await fetch(`${base}/api/health-check`, { signal: AbortSignal.timeout(5000) });
    await r.text();
    if (r.ok) break;
  } catch {
    /* not listening yet */
  }
  if (performance.now() - serverStarted > 180_000) die(`the server did not answer /api/health-check within 180 s (log: ${logFile})`);
  await sleep(250);
}
const startupMs = performance.now() - serverStarted;

const serverProcessFigures = () => processTreeFigures(server!.pid!);

// ---- the measurement ---------------------------------------------------------------------------
const url = `${base}/api/dashboard/summary`;
let responseBytes = 0;
let clientsInResponse: number | undefined;
async function timedRequest(): Promise<number> {
  const t = performance.now();
  const r = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  const body = await r.text();
  const elapsed = performance.now() - t;
  if (!r.ok) throw new Error(`GET /api/dashboard/summary answered HTTP ${r.status}: ${body.slice(0, 300)}`);
  responseBytes = body.length;
  return elapsed;
}

const first = await timedRequest();
{
  const r = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  const json = (await r.json()) as { clients?: unknown[]; overall_summary?: { total_systems?: number } };
  clientsInResponse = json.clients?.length ?? 0;
  if (json.overall_summary?.total_systems !== systems) console.log(`  note: the response counts ${json.overall_summary?.total_systems} systems, expected ${systems}`);
}
for (let i = 0; i < warmup; i++) await timedRequest();
const before = serverProcessFigures();
const machineA = machineTimes();
const sequential: number[] = [];
const seqStarted = performance.now();
for (let i = 0; i < requests; i++) sequential.push(await timedRequest());
const seqWall = (performance.now() - seqStarted) / 1000;
const afterSeq = serverProcessFigures();
const parallel: number[] = [];
let parWall = 0;
if (concurrent > 0) {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async () => {
      while (next++ < requests) parallel.push(await timedRequest());
    }),
  );
  parWall = (performance.now() - t) / 1000;
}
const afterPar = serverProcessFigures();
const machineB = machineTimes();
await cleanup();
const folderBytes = dataDir ? diskUsage(path.dirname(dataDir)) : Number.NaN;

// ---- report ---------------------------------------------------------------------------------------
const seq = sortedCopy(sequential);
const par = sortedCopy(parallel);
const summaryOf = (s: Float64Array) => `p50 ${ms(percentile(s, 50))} · p95 ${ms(percentile(s, 95))} · p99 ${ms(percentile(s, 99))} · max ${ms(s[s.length - 1] ?? Number.NaN)}`;
console.log("");
console.log(`Results — GET /api/dashboard/summary, ${dbKind === "pglite" ? "embedded PGlite" : "PostgreSQL"}, ${int(systems)} systems (${clientsInResponse} clients), ${days} days of one-minute history`);
console.log(line("server start-up", `${(startupMs / 1000).toFixed(1)} s to the first /api/health-check answer`));
console.log(line("first request (cold)", ms(first)));
console.log(line(`sequential, ${requests} after ${warmup} warm-up`, summaryOf(seq)));
console.log(line("  throughput", `${(requests / seqWall).toFixed(1)} requests/s; server CPU ${(((afterSeq.cpuSec - before.cpuSec) / requests) * 1000).toFixed(1)} ms per request`));
if (concurrent > 0) {
  console.log(line(`${concurrent} in flight, ${requests} requests`, summaryOf(par)));
  console.log(line("  throughput", `${(requests / parWall).toFixed(1)} requests/s; server CPU ${(((afterPar.cpuSec - afterSeq.cpuSec) / requests) * 1000).toFixed(1)} ms per request`));
}
console.log(line("machine busy, all processes", `${machineBusyPct(machineA, machineB).toFixed(1)} % of ${os.cpus().length} cores while measuring (other work on the box makes figures noisy)`));
console.log(line("response size", `${int(responseBytes)} bytes`));
console.log(line("server resident memory", `${mb(before.rss)} after warm-up, ${mb(afterPar.rss)} at the end`));
console.log(line("planner statistics", meta.analyzed ? "present (ANALYZE ran)" : "none (as the app leaves an embedded database: no autovacuum)"));
console.log(line("database size", `${mb(databaseBytes)} (pg_database_size)`));
if (dataDir) console.log(line("data folder on disk", `${mb(folderBytes)}, of which write-ahead log ${mb(diskUsage(path.join(dataDir, "pglite", "pg_wal")))} (${path.relative(projectRoot, path.dirname(dataDir))})`));
console.log(line("generation", `${meta.generation.totalSeconds.toFixed(0)} s on ${meta.generatedAt.slice(0, 10)}: ${meta.generation.steps.map((s) => `${s.step.split(":")[0]!.trim()} ${s.seconds.toFixed(0)} s`).join(", ")}`));
for (const v of meta.generation.verification) console.log(line("check", v));
console.log(line("tables (rows counted at generation; size now)", ""));
printTables(tables);

const p95 = percentile(seq, 95);
const pass = p95 < 100;
console.log("");
console.log("Verdict against SPEC.md budgets");
console.log(`  ${pass ? "PASS" : "FAIL"}  sequential p95 ${ms(p95)} < 100 ms${systems !== 1000 || days !== 30 ? ` (note: the budget is stated for 1,000 systems × 30 days; this run had ${int(systems)} × ${days})` : ""}`);
console.log(`  ${pass ? "PASS" : "FAIL"}`);
rmSync(logFile, { force: true });
process.exit(pass ? 0 : 1);
