// npm run bench:metrics -- [--clients N] [--systems-per-client S] [--days D] [--db pglite|postgres] [--fresh] …
//
// Business-metrics analytics over a quarter of 15-minute samples: builds (once; cached for PGlite)
// a database with N clients × S systems × D days of samples seeded straight into metric_samples
// (bulk SQL, as accepted samples would be stored) and their hourly and daily metric_rollups in each
// client's zone (the rollup contract: a 15-minute sample lies inside one local hour), then times
// the verbs in-process (no HTTP server: the figures are the verb and its queries, what every edge
// adds the same few milliseconds of JSON to): get_performance_metrics for 30 d and 90 d on random
// clients, the dashboard summary (get_all_clients_status with today's metrics), the portfolio view,
// and the database size per system-month. Prints PASS/FAIL against SPEC.md (p95 < 100 ms for
// get_performance_metrics and the summary). A benchmark, not a test: exit 0 on PASS, 1 on FAIL,
// 2 on a usage or set-up error.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchCommandLine, die, int, line, mb, ms, percentile, postgresServer, projectRoot, redact, sortedCopy, withDatabase } from "./bench-lib";

const USAGE = `npm run bench:metrics -- [options]
  --clients N             clients (default 500)
  --systems-per-client S  systems per client (default 3)
  --days D                days of 15-minute samples (default 90)
  --db KIND               pglite (default; the generated folder is cached under
                          node_modules/.cache/clientpulse-bench/) or postgres (DATABASE_URL's
                          server if set, else a throwaway cluster; dropped afterwards)
  --fresh                 regenerate the cached data folder
  --requests R            get_performance_metrics calls per timeframe (default 200)
  --summary-requests R    dashboard summary calls (default 50)
  --ingest-samples N      samples pushed through POST /api/ingest/metrics, sequentially and then
                          4 at a time (default 2000; a fresh database of its own)
  --ingest-only           only the ingest throughput (no dataset generation, quick)`;

const { flags, dbKind } = benchCommandLine(
  { clients: "number", "systems-per-client": "number", days: "number", fresh: "boolean", requests: "number", "summary-requests": "number", "ingest-samples": "number", "ingest-only": "boolean" },
  USAGE,
);
const clients = Math.floor(Number(flags.clients ?? 500));
const perClient = Math.floor(Number(flags["systems-per-client"] ?? 3));
const days = Math.floor(Number(flags.days ?? 90));
const requests = Math.floor(Number(flags.requests ?? 200));
const summaryRequests = Math.floor(Number(flags["summary-requests"] ?? 50));
const ingestSamples = Math.floor(Number(flags["ingest-samples"] ?? 2000));
if (clients < 1 || perClient < 1 || perClient > 50 || days < 1 || requests < 1 || summaryRequests < 1 || ingestSamples < 8) die(`invalid sizes\n${USAGE}`);

process.env.LOG_LEVEL ??= "error";
const { openDatabase } = await import("@/lib/db/client");
const { systemContext } = await import("@/lib/context");
const { getPerformanceMetrics } = await import("@/lib/metrics/get-performance-metrics");
const { getPortfolioMetrics } = await import("@/lib/metrics/get-portfolio-metrics");
const { getAllClientsStatus } = await import("@/lib/metrics/clients-overview");
const { getAllClientsStatus: statusWithoutMetrics } = await import("@/lib/monitoring/get-all-clients-status");
const { todayMetricsByClient } = await import("@/lib/metrics/today-metrics");
const { setProcessDatabase } = await import("@/lib/db/client");
const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
const { registerClient } = await import("@/lib/clients/register-client");
type Database = import("@/lib/db/client").Database;
type DatabaseTarget = import("@/lib/db/client").DatabaseTarget;

/** Bumped whenever the generated data changes shape; part of the cache key. */
const GENERATOR_VERSION = 1;
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"];
const CURRENCIES = ["USD", "USD", "EUR", "INR"];
const SLOT_MS = 15 * 60_000;

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
  cleanups.length = 0;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

console.log(`ClientPulse bench:metrics — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

// ---- ingest throughput ----------------------------------------------------------------------------
/**
 * POST /api/ingest/metrics, in-process: the real route handler (API-key auth, JSON body, the
 * validation, the overlap check, the rollups, the cursor, the pull log — one transaction per
 * sample) with a real write-scoped key, on a fresh database of its own (the analytics dataset is
 * not touched). 15-minute samples, consecutive per system: one system sequentially, then four
 * systems pushed at once (one push in flight per system, as a sender waits for its answer).
 */
async function measureIngest(database: Database, samples: number): Promise<void> {
  setProcessDatabase(database);
  const { POST } = await import("@/app/api/ingest/metrics/route");
  const admin = systemContext(database.prisma);
  const tag = randomBytes(3).toString("hex");
  const clientId = `bench-ingest-${tag}`;
  const systems = ["Seq", "Par 1", "Par 2", "Par 3", "Par 4"];
  await registerClient({ ctx: admin, input: { client_id: clientId, client_name: "Bench ingest", systems: systems.map((name) => ({ name, health_url: "https://bench.example.com/health" })) } });
  const { key } = await createApiKey({ ctx: admin, input: { name: `bench-ingest-${tag}`, scopes: ["write"] } });
  const startMs = Math.floor(Date.now() / SLOT_MS) * SLOT_MS - (samples + 1) * SLOT_MS;
  const push = async (system: string, k: number) => {
    const total = 40 + (k % 17);
    const res = await POST(
      new Request("http://localhost/api/ingest/metrics", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          client_id: clientId,
          system,
          period: { start: new Date(startMs + k * SLOT_MS).toISOString(), end: new Date(startMs + (k + 1) * SLOT_MS).toISOString() },
          total_automations: total,
          successful_automations: total - 2,
          failed_automations: 2,
          total_processing_time: 12.345,
          cost_savings: 3.21,
          efficiency_gains: { time_saved_hours: 1.5, error_reduction_percentage: 80, process_improvement: 35 },
        }),
      }),
    );
    if (res.status !== 201) die(`ingest: expected 201, got ${res.status}: ${await res.text()}`);
  };
  await push("Seq", 0); // warm-up (route module, prepared statements)
  let t = performance.now();
  const cpu0 = process.cpuUsage();
  for (let k = 1; k < samples; k++) await push("Seq", k);
  const seq = (samples - 1) / ((performance.now() - t) / 1000);
  const cpu = process.cpuUsage(cpu0);
  // This process's CPU per push (PGlite runs in it): the figure that the machine's load does not inflate.
  const cpuMs = (cpu.user + cpu.system) / 1000 / (samples - 1);
  const per = Math.floor(samples / 4);
  t = performance.now();
  await Promise.all(systems.slice(1).map(async (name) => {
    for (let k = 0; k < per; k++) await push(name, k);
  }));
  const par = (4 * per) / ((performance.now() - t) / 1000);
  const stored = await database.prisma.metricSample.count({ where: { system: { client: { clientId } } } });
  if (stored !== samples + 4 * per) die(`ingest: ${stored} samples stored, expected ${samples + 4 * per}`);
  console.log(line("sequential (1 system)", `${int(seq)} samples/s  (${int(samples)} pushes, each 201; ${cpuMs.toFixed(1)} ms of this process's CPU per push${dbKind === "pglite" ? ", the database included" : ""})`));
  console.log(line("4 concurrent (4 systems)", `${int(par)} samples/s  (${int(4 * per)} pushes, each 201)`));
}

if (flags["ingest-only"]) {
  console.log(`\nIngest throughput, POST /api/ingest/metrics in-process with a write-scoped API key (${dbKind}):`);
  let database: Database;
  if (dbKind === "pglite") database = await openDatabase({ kind: "pglite" });
  else {
    const { adminUrl } = await postgresServer(cleanups);
    const name = `cp_bench_ingest_${randomBytes(3).toString("hex")}`;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    });
    database = await openDatabase({ kind: "postgres", url: withDatabase(adminUrl, name) });
  }
  await measureIngest(database, ingestSamples);
  await database.close();
  await cleanup();
  process.exit(0);
}

interface Meta {
  key: string;
  generatedAt: string;
  /** Samples end here (an hour boundary); the verbs run with this as "now". */
  anchor: string;
  samples: number;
  generateSeconds: { clients: number; samples: number; hourly: number; daily: number; analyze: number };
}

async function generate(database: Database, anchor: Date): Promise<Meta> {
  const run = database.runner;
  const t0 = performance.now();
  const secs = (t: number) => (performance.now() - t) / 1000;
  const zones = `ARRAY[${ZONES.map((z) => `'${z}'`).join(",")}]`;
  const currencies = `ARRAY[${CURRENCIES.map((c) => `'${c}'`).join(",")}]`;
  await run.exec(`
    INSERT INTO clients (id, client_id, name, time_zone, currency, hourly_rate_cents, updated_at)
    SELECT gen_random_uuid(), 'bench-metrics-' || lpad(i::text, 5, '0'), 'Bench Metrics ' || lpad(i::text, 5, '0'),
      (${zones})[1 + i % ${ZONES.length}], (${currencies})[1 + i % ${CURRENCIES.length}], 2000 + (i % 7) * 500, now()
    FROM generate_series(1, ${clients}) AS i;
    INSERT INTO systems (id, client_ref, name, health_url, metrics_url, position, updated_at)
    SELECT gen_random_uuid(), c.id, 'System ' || k, 'https://' || c.client_id || '.example.com/s' || k || '/health', 'https://' || c.client_id || '.example.com/s' || k || '/metrics', k, now()
    FROM clients c CROSS JOIN generate_series(1, ${perClient}) AS k WHERE c.client_id LIKE 'bench-metrics-%';`);
  const tClients = secs(t0);

  // Samples in batches of systems (one statement each), so memory stays bounded.
  const systemIds = (await run.query<{ id: string }>(`SELECT s.id FROM systems s JOIN clients c ON c.id = s.client_ref WHERE c.client_id LIKE 'bench-metrics-%' ORDER BY s.id`)).map((r) => r.id);
  const slots = (days * 86_400_000) / SLOT_MS;
  const start = new Date(anchor.getTime() - days * 86_400_000).toISOString();
  const t1 = performance.now();
  // Bulk load without the secondary indexes, then build them once (what a restore does): the same
  // table and indexes in the end, in a fraction of the time.
  await run.exec(`DROP INDEX IF EXISTS metric_samples_system_id_period_start_key; DROP INDEX IF EXISTS metric_samples_system_id_period_end_idx;
    ALTER TABLE metric_samples DROP CONSTRAINT metric_samples_system_id_fkey;`);
  const BATCH = Math.max(1, Math.floor(400_000 / slots));
  for (let i = 0; i < systemIds.length; i += BATCH) {
    const batch = systemIds.slice(i, i + BATCH);
    // Figures vary with the slot and the system (deterministic): 10–39 automations, a few failures,
    // 2.5 s each, 12 cents and 3 minutes saved each.
    await run.query(
      `INSERT INTO metric_samples (system_id, period_start, period_end, collected_at, source, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
       SELECT sys, p, p + interval '15 minutes', p + interval '15 minutes', 'pull', t, t - f, f, t * 2.5, t * 12, t * 0.05
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(sys, n)
       CROSS JOIN generate_series(0, ${slots - 1}) AS g
       CROSS JOIN LATERAL (SELECT $2::timestamptz + g * interval '15 minutes' AS p, 10 + ((g * 7 + n::int) % 30) AS t, (g + n::int) % 3 AS f) AS x`,
      [batch, start],
    );
    if ((i / BATCH) % 10 === 0) process.stdout.write(`  samples: ${int(Math.min(systemIds.length, i + BATCH) * slots)} of ${int(systemIds.length * slots)} (${secs(t1).toFixed(0)} s)\r`);
  }
  await run.exec(`CREATE UNIQUE INDEX metric_samples_system_id_period_start_key ON metric_samples (system_id, period_start);
    CREATE INDEX metric_samples_system_id_period_end_idx ON metric_samples (system_id, period_end);
    ALTER TABLE metric_samples ADD CONSTRAINT metric_samples_system_id_fkey FOREIGN KEY (system_id) REFERENCES systems(id) ON DELETE CASCADE ON UPDATE CASCADE;`);
  const tSamples = secs(t1);
  console.log(`  samples: ${int(systemIds.length * slots)} rows in ${tSamples.toFixed(0)} s (${int((systemIds.length * slots) / tSamples)} rows/s, direct INSERT … SELECT)`);

  const t2 = performance.now();
  for (let i = 0; i < systemIds.length; i += BATCH * 4) {
    await run.query(
      `INSERT INTO metric_rollups (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
       SELECT m.system_id, 'hour', date_trunc('hour', m.period_start, c.time_zone), count(*), SUM(EXTRACT(EPOCH FROM (m.period_end - m.period_start)) * 1000)::bigint,
         SUM(m.total_automations), SUM(m.successful_automations), SUM(m.failed_automations), SUM(m.total_processing_time), SUM(m.cost_savings_cents), SUM(m.time_saved_hours)
       FROM metric_samples m JOIN systems s ON s.id = m.system_id JOIN clients c ON c.id = s.client_ref
       WHERE m.system_id = ANY($1::uuid[])
       GROUP BY m.system_id, 3, c.time_zone`,
      [systemIds.slice(i, i + BATCH * 4)],
    );
  }
  const tHourly = secs(t2);
  const t3 = performance.now();
  await run.exec(`
    INSERT INTO metric_rollups (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
    SELECT r.system_id, 'day', date_trunc('day', r.bucket_start, c.time_zone), SUM(r.samples), SUM(r.covered_ms), SUM(r.total_automations), SUM(r.successful_automations),
      SUM(r.failed_automations), SUM(r.total_processing_time), SUM(r.cost_savings_cents), SUM(r.time_saved_hours)
    FROM metric_rollups r JOIN systems s ON s.id = r.system_id JOIN clients c ON c.id = s.client_ref
    WHERE r.period = 'hour'
    GROUP BY r.system_id, 3, c.time_zone;`);
  const tDaily = secs(t3);
  const t4 = performance.now();
  await run.exec("ANALYZE");
  return {
    key: "",
    generatedAt: new Date().toISOString(),
    anchor: anchor.toISOString(),
    samples: systemIds.length * slots,
    generateSeconds: { clients: tClients, samples: tSamples, hourly: tHourly, daily: tDaily, analyze: secs(t4) },
  };
}

// ---- the database -------------------------------------------------------------------------------
let target: DatabaseTarget;
let meta: Meta;
const key = `c${clients}-s${perClient}-d${days}-g${GENERATOR_VERSION}`;
const anchorNow = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
if (dbKind === "pglite") {
  const folder = path.join(projectRoot, "node_modules", ".cache", "clientpulse-bench", `metrics-${key}`);
  const metaFile = path.join(folder, "meta.json");
  if (flags.fresh) rmSync(folder, { recursive: true, force: true });
  if (existsSync(metaFile)) {
    meta = JSON.parse(readFileSync(metaFile, "utf8")) as Meta;
    console.log(`Using the cached data folder ${path.relative(projectRoot, folder)} (generated ${meta.generatedAt}; --fresh regenerates). "Now" is its anchor, ${meta.anchor}.`);
  } else {
    const building = `${folder}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    cleanups.push(() => rmSync(building, { recursive: true, force: true }));
    console.log(`Generating ${int(clients)} clients × ${perClient} systems × ${days} days of 15-minute samples (${int(clients * perClient * days * 96)} rows), ending ${anchorNow.toISOString()}:`);
    const database = await openDatabase({ kind: "pglite", dataDir: path.join(building, "data") });
    meta = { ...(await generate(database, anchorNow)), key };
    await database.close();
    writeFileSync(path.join(building, "meta.json"), JSON.stringify(meta, null, 2));
    rmSync(folder, { recursive: true, force: true });
    renameSync(building, folder);
    cleanups.pop();
  }
  target = { kind: "pglite", dataDir: path.join(folder, "data") };
} else {
  const { adminUrl, where } = await postgresServer(cleanups);
  const name = `cp_bench_metrics_${randomBytes(3).toString("hex")}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
  });
  target = { kind: "postgres", url: withDatabase(adminUrl, name) };
  console.log(`PostgreSQL: ${redact(target.url)} on ${where}, generated for this run and dropped afterwards.`);
  const database = await openDatabase(target);
  meta = { ...(await generate(database, anchorNow)), key };
  await database.close();
}
const g = meta.generateSeconds;
console.log(line("generation", `clients ${g.clients.toFixed(1)} s, samples ${g.samples.toFixed(0)} s, hourly rollups ${g.hourly.toFixed(0)} s, daily ${g.daily.toFixed(0)} s, ANALYZE ${g.analyze.toFixed(0)} s`));

// ---- the measurements ---------------------------------------------------------------------------
const database = await openDatabase(target);
const anchor = new Date(meta.anchor);
// "Now" is half an hour after the last sample: today's daily buckets and the last complete hour exist.
const ctx = systemContext(database.prisma, { now: () => new Date(anchor.getTime() + 30 * 60_000) });
const ids = (await database.runner.query<{ client_id: string }>(`SELECT client_id FROM clients WHERE client_id LIKE 'bench-metrics-%' ORDER BY client_id`)).map((r) => r.client_id);
let seed = 42;
const pick = () => ids[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % ids.length]!;

async function timed(n: number, fn: () => Promise<unknown>): Promise<Float64Array> {
  for (let i = 0; i < Math.min(10, n); i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return sortedCopy(out);
}
const report = (label: string, s: Float64Array) => console.log(line(label, `p50 ${ms(percentile(s, 50))}  p95 ${ms(percentile(s, 95))}  max ${ms(s[s.length - 1]!)}  (${s.length} calls)`));

console.log(`\nget_performance_metrics (one random client of ${int(ids.length)} each call, in-process):`);
const sample = await getPerformanceMetrics({ ctx, input: { client_id: ids[0]!, timeframe: "90d" } });
console.log(`  check: ${ids[0]} 90d → ${int(sample.metrics.total_automations)} automations, coverage ${sample.coverage.covered_share}, ${sample.metrics.cost_savings} ${sample.metrics.currency}`);
const p30 = await timed(requests, () => getPerformanceMetrics({ ctx, input: { client_id: pick(), timeframe: "30d" } }));
report("30d", p30);
const p90 = await timed(requests, () => getPerformanceMetrics({ ctx, input: { client_id: pick(), timeframe: "90d" } }));
report("90d", p90);
const p24 = await timed(requests, () => getPerformanceMetrics({ ctx, input: { client_id: pick(), timeframe: "24h" } }));
report("24h", p24);

console.log(`\nDashboard summary (get_all_clients_status with today's metrics, ${int(ids.length)} clients, no health checks seeded):`);
const summary = await getAllClientsStatus({ ctx, input: {} });
console.log(`  check: total_automations_today ${int(summary.overall_summary.total_automations_today)}, overall_success_rate ${summary.overall_summary.overall_success_rate}`);
const ps = await timed(summaryRequests, () => getAllClientsStatus({ ctx, input: {} }));
report("summary", ps);
report("  same, without today's metrics", await timed(summaryRequests, () => statusWithoutMetrics({ ctx, input: {} })));
const refs = (await database.runner.query<{ id: string }>(`SELECT id FROM clients WHERE client_id LIKE 'bench-metrics-%'`)).map((r) => r.id);
report("  today's metrics query alone", await timed(summaryRequests, () => todayMetricsByClient(ctx, refs)));

console.log("\nPortfolio (every client, one query; not budgeted):");
const pp = await timed(Math.min(5, requests), () => getPortfolioMetrics({ ctx, input: { timeframe: "90d" } }));
report("portfolio 90d", pp);

console.log("\nIngest throughput:");
console.log(`  direct INSERT … SELECT into metric_samples while generating: ${int(meta.samples / g.samples)} samples/s (no validation, no rollup work).`);
console.log("  POST /api/ingest/metrics in-process with a write-scoped API key (validation, overlap check, rollups, cursor, log; a fresh database):");
{
  // PGlite: an in-memory database of its own; PostgreSQL: this run's throwaway database (dropped afterwards).
  const ingestDb = dbKind === "pglite" ? await openDatabase({ kind: "pglite" }) : await openDatabase(target);
  await measureIngest(ingestDb, ingestSamples);
  await ingestDb.close();
}

const size = async (t: string) => Number((await database.runner.query<{ b: string }>(`SELECT pg_total_relation_size('${t}')::text AS b`))[0]!.b);
const [samplesBytes, rollupsBytes] = [await size("metric_samples"), await size("metric_rollups")];
const systemMonths = ids.length * perClient * (days / 30);
console.log(`\nDatabase size (tables with their indexes), ${int(systemMonths)} system-months:`);
console.log(line("metric_samples", `${mb(samplesBytes)}  → ${(samplesBytes / systemMonths / 1024).toFixed(0)} kB per system-month`));
console.log(line("metric_rollups (hourly + daily)", `${mb(rollupsBytes)}  → ${(rollupsBytes / systemMonths / 1024).toFixed(0)} kB per system-month`));
await database.close();
await cleanup();

const budget = 100;
const verdicts = [
  ["get_performance_metrics 30d p95", percentile(p30, 95)],
  ["get_performance_metrics 90d p95", percentile(p90, 95)],
  ["dashboard summary p95", percentile(ps, 95)],
] as const;
let pass = true;
console.log("");
for (const [label, v] of verdicts) {
  const ok = v < budget;
  pass &&= ok;
  console.log(line(label, `${ms(v)} ${ok ? "PASS" : "FAIL"} (budget < ${budget} ms)`));
}
process.exit(pass ? 0 : 1);
