// npm run bench:reports -- [--days D] [--systems S] [--runs N] [--db pglite|postgres] [--fresh] …
//
// Client reports (issue #12) for one client with S systems and D days of history: builds (once;
// cached for PGlite) a database with one check a minute per system, stored as record-check
// stores them (dashboard-data.ts: raw health_checks, hour and day check_rollups with latency
// histograms, the confirmed status_changes, a maintenance window with outages in and across
// it), and 15-minute business-metric samples with their hour and day rollups in the client's
// zone. "Now" is 09:00 on the first day of the quarter after the history (when a scheduled
// quarterly report runs), so the last complete month and quarter are the history's last ones.
// Then, in-process (the figures are the verbs; every edge adds the same streaming):
//   - prepareReport (compute the frozen document) + storeReport + reading the row back +
//     renderReportPdf from the stored JSON, for the last complete month and quarter, N runs each:
//     p50 / p95 / max of each phase and of the whole, PDF size and pages;
//   - memory while C quarterly reports are prepared and rendered at once (Promise.all): RSS
//     sampled every 20 ms from a worker thread (which the busy event loop cannot delay), the
//     kernel's exact peak (VmHWM), and the JavaScript heap;
//   - PASS/FAIL: end-to-end p95 < 1 s monthly, < 2 s quarterly (ISSUE12 "Benchmark").
// --profile adds a CPU profile of quarterly runs, summarised by module and by function.
// A benchmark, not a test: exit 0 on PASS, 1 on FAIL, 2 on a usage or set-up error.
import { readFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { Worker } from "node:worker_threads";
import {
  benchCommandLine,
  benchDatabase,
  die,
  diskUsage,
  int,
  line,
  machineBusyPct,
  machineTimes,
  mb,
  migrationsFingerprint,
  ms,
  percentile,
  projectRoot,
  sleep,
  sortedCopy,
} from "./bench-lib";

const USAGE = `npm run bench:reports -- [options]
  --systems S        systems of the client (default 5)
  --days D           days of one-minute checks and 15-minute metrics (default 90)
  --zone Z           the client's IANA time zone (default Europe/Berlin)
  --runs N           measured monthly reports (default 20); quarterly: --quarter-runs
  --quarter-runs N   measured quarterly reports (default half of --runs, at least 1)
  --concurrent C     quarterly reports prepared and rendered at once for the memory figure
                     (default 4; 0 skips)
  --db KIND          pglite (default; the generated folder is cached under
                     node_modules/.cache/clientpulse-bench/) or postgres (DATABASE_URL's server
                     if set, else a throwaway cluster; a database is generated for the run and
                     dropped afterwards unless --keep)
  --fresh            regenerate the cached data folder
  --keep             keep the PostgreSQL database
  --save DIR         write the first monthly and quarterly reports (PDF, CSV, JSON) to DIR, to look at
  --profile          also CPU-profile a few quarterly reports (prepare + render) and print where
                     the time goes (the .cpuprofile is written to the temp dir)`;

const { flags, dbKind } = benchCommandLine(
  {
    systems: "number",
    days: "number",
    zone: "string",
    runs: "number",
    "quarter-runs": "number",
    concurrent: "number",
    fresh: "boolean",
    keep: "boolean",
    profile: "boolean",
    save: "string",
  },
  USAGE,
);
const systems = Math.floor(Number(flags.systems ?? 5));
const days = Math.floor(Number(flags.days ?? 90));
const zone = String(flags.zone ?? "Europe/Berlin");
const runs = Math.floor(Number(flags.runs ?? 20));
const quarterRuns = Math.floor(Number(flags["quarter-runs"] ?? Math.max(1, Math.ceil(runs / 2))));
const concurrent = Math.floor(Number(flags.concurrent ?? 4));
if (systems < 1 || systems > 50 || days < 2 || days > 400 || runs < 1 || quarterRuns < 1 || concurrent > 16) die(`invalid sizes\n${USAGE}`);

process.env.LOG_LEVEL ??= "error";
const { openDatabase } = await import("@/lib/db/client");
const { createContext } = await import("@/lib/context");
const { instantOfLocal, isKnownZone, localParts } = await import("@/lib/metrics/zone-time");
const { computeUptime } = await import("@/lib/monitoring/compute-uptime");
const { withoutMaintenance } = await import("@/lib/monitoring/maintenance-time");
const { inMaintenance, maintenanceIntervals } = await import("@/lib/maintenance/maintenance-at");
const { generateHistory, tableFigures } = await import("./dashboard-data");
type Database = import("@/lib/db/client").Database;
type DatabaseTarget = import("@/lib/db/client").DatabaseTarget;
type GenerateResult = import("./dashboard-data").GenerateResult;
type MaintenancePlan = import("./dashboard-data").MaintenancePlan;
type StateInterval = import("@/lib/monitoring/compute-uptime").StateInterval;
type ReportDocument = import("@/lib/reports/contracts").ReportDocument;
type ReportBranding = import("@/lib/reports/contracts").ReportBranding;
if (!isKnownZone(zone)) die(`--zone "${zone}" is not an IANA time zone this runtime knows`);

/** Bumped whenever the generated data changes shape; part of the cache key. */
const GENERATOR_VERSION = 2;
const CLIENT_ID = "acme";
const SYSTEM_NAMES = ["Invoice sync", "Order intake", "CRM enrichment", "Payroll export", "Support triage", "Lead scoring", "Inventory feed", "Email parser"];

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {});
  cleanups.length = 0;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

console.log(`ClientPulse bench:reports — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const log = (s: string) => console.log(s);

/** The first instant of the quarter holding t, in the zone. */
function quarterStart(t: number): number {
  const p = localParts(zone, t);
  return instantOfLocal(zone, p.year, Math.floor((p.month - 1) / 3) * 3 + 1, 1);
}

interface Meta {
  key: string;
  generatedAt: string;
  /** The history ends here: the first instant of a quarter in the client's zone. */
  anchor: string;
  zone: string;
  systems: number;
  days: number;
  generation: GenerateResult;
}

/**
 * The maintenance window: 02:00–04:00 on a day of the last month (16 days before the end) and
 * three outages: one inside it (down, a deploy restart), one across its end (a deploy that
 * overran: 20 minutes inside, 30 after) and a degraded spell inside it.
 */
function maintenancePlan(): MaintenancePlan {
  const day = days >= 20 ? days - 16 : Math.floor(days / 2);
  const ws = day * 1440 + 120;
  const outages: MaintenancePlan["outages"] = [
    { systemIdx: 0, fromMinute: ws + 5, toMinute: ws + 95, kind: "down_503" },
    { systemIdx: 1, fromMinute: ws + 100, toMinute: ws + 150, kind: "down_timeout" },
    { systemIdx: 2, fromMinute: ws + 30, toMinute: ws + 80, kind: "degraded_reported" },
  ];
  return { title: "Planned platform upgrade", startMinute: ws, minutes: 120, outages: outages.filter((o) => o.systemIdx < systems) };
}

async function generateInto(target: DatabaseTarget, key: string): Promise<Meta> {
  const anchor = new Date(quarterStart(Date.now()));
  console.log(
    `Generating 1 client × ${systems} systems × ${days} days of one-minute checks (${int(systems * days * 1440)} rows) and 15-minute metrics ` +
      `(${int(systems * days * 96)} samples), in ${zone}, ending ${anchor.toISOString()}:`,
  );
  const database = await openDatabase(target);
  try {
    const generation = await generateHistory(database, {
      systems,
      perClient: systems,
      days,
      anchor,
      log,
      zones: [zone],
      metricDays: days,
      attention: false,
      maintenance: maintenancePlan(),
    });
    // What an agency would have typed in: names, an SLA, money settings, white-label branding.
    const t = performance.now();
    const logo = readFileSync(path.join(projectRoot, "app", "icon.svg")).toString("base64");
    await database.runner.exec(`
      UPDATE clients SET client_id = '${CLIENT_ID}', name = 'Acme Logistics GmbH', industry = 'Logistics', sla_target = 99.9,
        currency = 'EUR', hourly_rate_cents = 4500, contact_email = 'ops@acme.example';
      UPDATE systems s SET name = COALESCE((ARRAY[${SYSTEM_NAMES.map((n) => `'${n}'`).join(", ")}])[s.position + 1], 'Automation ' || (s.position + 1));
      INSERT INTO agency_settings (id, agency_name, logo_type, logo, accent_color, report_footer, updated_by, updated_at)
        VALUES (1, 'Northwind Automation', 'image/svg+xml', decode('${logo}', 'base64'), '#0f766e', 'Northwind Automation · reports@northwind.example', 'bench', now())
        ON CONFLICT (id) DO UPDATE SET agency_name = EXCLUDED.agency_name, logo_type = EXCLUDED.logo_type, logo = EXCLUDED.logo,
          accent_color = EXCLUDED.accent_color, report_footer = EXCLUDED.report_footer;`);
    const seconds = (performance.now() - t) / 1000;
    generation.steps.push({ step: "names, SLA 99.9 %, EUR, agency branding", seconds });
    generation.totalSeconds += seconds;
    console.log(`Generated in ${generation.totalSeconds.toFixed(1)} s.`);
    return { key, generatedAt: new Date().toISOString(), anchor: anchor.toISOString(), zone, systems, days, generation };
  } finally {
    await database.close();
  }
}

// ---- the database: generated once (cached for PGlite) ------------------------------------------
let target: DatabaseTarget;
let meta: Meta;
let where: string;
const key = `s${systems}-d${days}-${zone.replace(/[^A-Za-z0-9]+/g, "_")}-g${GENERATOR_VERSION}-m${migrationsFingerprint()}`;
let dataDir: string | undefined;
if (dbKind === "pglite") {
  const folder = path.join(projectRoot, "node_modules", ".cache", "clientpulse-bench", `reports-${key}`);
  dataDir = path.join(folder, "data");
  const metaFile = path.join(folder, "meta.json");
  if (flags.fresh) rmSync(folder, { recursive: true, force: true });
  if (existsSync(metaFile)) {
    meta = JSON.parse(readFileSync(metaFile, "utf8")) as Meta;
    console.log(`Using the cached data folder (generated ${meta.generatedAt} in ${meta.generation.totalSeconds.toFixed(1)} s; --fresh regenerates).`);
  } else {
    // Generated under a temporary name and renamed when complete: an interrupted run leaves no
    // half-built cache behind.
    const building = `${folder}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    cleanups.push(() => rmSync(building, { recursive: true, force: true }));
    meta = await generateInto({ kind: "pglite", dataDir: path.join(building, "data") }, key);
    writeFileSync(path.join(building, "meta.json"), JSON.stringify(meta, null, 2));
    rmSync(folder, { recursive: true, force: true });
    renameSync(building, folder);
    cleanups.pop();
  }
  target = { kind: "pglite", dataDir };
  where = `embedded PGlite, ${path.relative(projectRoot, dataDir)} (${mb(diskUsage(dataDir))} on disk)`;
} else {
  const created = await benchDatabase("postgres", { prefix: "reports", keep: Boolean(flags.keep), cleanups });
  target = created.target;
  where = `${created.label}${flags.keep ? ", kept (--keep)" : ", dropped afterwards"}`;
  meta = await generateInto(target, key);
  // A PostgreSQL server's autovacuum would have analyzed a quarter-old database long ago.
  const database = await openDatabase(target);
  const t = performance.now();
  await database.runner.exec("VACUUM ANALYZE");
  await database.close();
  const seconds = (performance.now() - t) / 1000;
  meta.generation.steps.push({ step: "VACUUM ANALYZE (what autovacuum does)", seconds });
  meta.generation.totalSeconds += seconds;
}
console.log(line("data", where));
console.log(
  line("seeding", `${meta.generation.totalSeconds.toFixed(1)} s (${meta.generation.steps.map((s) => `${s.step.split(":")[0]} ${s.seconds.toFixed(1)} s`).join(", ")})`),
);

// ---- the seeded data, checked -------------------------------------------------------------------
const database = await openDatabase(target);
cleanups.push(() => database.close());
const anchor = new Date(meta.anchor);
// 09:00 on the quarter's first day: when DEFAULT_SCHEDULE_CRON's quarterly report runs.
const now = new Date(anchor.getTime() + 9 * 3_600_000);
const ctx = createContext({ db: database.prisma, actor: { type: "user", label: "bench@northwind.example" }, scopes: ["read", "write", "admin"], clock: { now: () => now } });
const run = database.runner;
const [client] = await run.query<{ id: string; name: string; sla_target: number }>(`SELECT id, name, sla_target FROM clients WHERE client_id = $1`, [CLIENT_ID]);
if (!client) die(`the data folder has no client "${CLIENT_ID}": run with --fresh`);

const a = localParts(zone, anchor.getTime());
const periods = {
  monthly: { start: new Date(instantOfLocal(zone, a.year, a.month - 1, 1)), end: anchor },
  quarterly: { start: new Date(instantOfLocal(zone, a.year, a.month - 3, 1)), end: anchor },
};
const historyStart = new Date(anchor.getTime() - days * 86_400_000);

const seededUptime = await checkSeeding(database);

/**
 * Row counts per table and, for the last complete quarter, each system's uptime read the way the
 * app reads it (status_changes → computeUptime, maintenance cut out with maintenanceIntervals
 * and withoutMaintenance) beside the share of up checks in the hour rollups (which count
 * maintenance checks apart): the two must agree closely, or the seeding is wrong.
 */
async function checkSeeding(db: Database): Promise<number | null> {
  const tables = await tableFigures(db);
  const [extra] = await db.runner.query<{ maint_checks: number; hour: number; day: number; mhour: number; mday: number; windows: number }>(`
    SELECT (SELECT count(*) FROM health_checks WHERE maintenance)::int AS maint_checks,
           (SELECT count(*) FROM check_rollups WHERE period = 'hour')::int AS hour, (SELECT count(*) FROM check_rollups WHERE period = 'day')::int AS day,
           (SELECT count(*) FROM metric_rollups WHERE period = 'hour')::int AS mhour, (SELECT count(*) FROM metric_rollups WHERE period = 'day')::int AS mday,
           (SELECT count(*) FROM maintenance_windows)::int AS windows`);
  const rows = new Map(tables.map((t) => [t.table, t]));
  const r = (t: string) => `${int(rows.get(t)?.rows ?? 0)} rows, ${mb(rows.get(t)?.bytes ?? 0)}`;
  console.log(`\nSeeded (1 client "${client!.name}", ${systems} systems, ${zone}, SLA ${client!.sla_target} %; history ${historyStart.toISOString()} – ${anchor.toISOString()}):`);
  console.log(line("health_checks", `${r("health_checks")} (${int(extra!.maint_checks)} in maintenance)`));
  console.log(line("check_rollups", `${r("check_rollups")} (${int(extra!.hour)} hour, ${int(extra!.day)} day)`));
  console.log(line("status_changes", r("status_changes")));
  console.log(line("metric_samples", r("metric_samples")));
  console.log(line("metric_rollups", `${r("metric_rollups")} (${int(extra!.mhour)} hour, ${int(extra!.mday)} day, ${zone})`));
  console.log(line("maintenance_windows", `${extra!.windows}`));

  const q = periods.quarterly;
  const sys = await db.runner.query<{ id: string; name: string }>(`SELECT id, name FROM systems WHERE client_ref = $1 ORDER BY position`, [client!.id]);
  const changes = await db.runner.query<{ system_id: string; to_status: StateInterval["status"]; started_at: Date; ended_at: Date | null }>(
    `SELECT system_id, to_status::text AS to_status, started_at, ended_at FROM status_changes
     WHERE system_id = ANY($1::uuid[]) AND started_at < $3 AND (ended_at IS NULL OR ended_at > $2) ORDER BY started_at`,
    [sys.map((s) => s.id), q.start, q.end],
  );
  const rollups = await db.runner.query<{ system_id: string; up: number; checks: number; maint: number }>(
    `SELECT system_id, sum(healthy + degraded)::float8 AS up, sum(checks)::float8 AS checks, sum(maintenance)::float8 AS maint FROM check_rollups
     WHERE period = 'hour' AND system_id = ANY($1::uuid[]) AND bucket_start >= $2 AND bucket_start < $3 GROUP BY system_id`,
    [sys.map((s) => s.id), q.start, q.end],
  );
  const maintenance = (await maintenanceIntervals(db.prisma, [client!.id], q.start, q.end)).get(client!.id) ?? [];
  const maintMinutes = maintenance.reduce((s, m) => s + (m.end.getTime() - m.start.getTime()), 0) / 60_000;
  // The stored maintenance flags against record-check's own rule (inMaintenance), at the edges:
  // each system's first and last check inside the window and its neighbours outside.
  const edges = await db.runner.query<{ checked_at: Date; maintenance: boolean }>(
    `SELECT checked_at, maintenance FROM (
       SELECT h.checked_at, h.maintenance, b.lo, b.hi FROM health_checks h
       CROSS JOIN (SELECT min(checked_at) AS lo, max(checked_at) AS hi FROM health_checks WHERE maintenance) b
       WHERE h.system_id = ANY($1::uuid[]) AND h.checked_at BETWEEN b.lo - interval '61 seconds' AND b.hi + interval '61 seconds') x
     WHERE checked_at < lo + interval '61 seconds' OR checked_at > hi - interval '61 seconds'`,
    [sys.map((s) => s.id)],
  );
  let agree = 0;
  for (const e of edges) if ((await inMaintenance(db.prisma, client!.id, new Date(e.checked_at))) === e.maintenance) agree++;
  if (agree !== edges.length) throw new Error(`stored maintenance flags disagree with inMaintenance() on ${edges.length - agree} of ${edges.length} checks at the window's edges`);
  console.log(`  maintenance flags: ${agree} of ${edges.length} checks at the window's edges agree with inMaintenance() (record-check's rule)`);
  console.log(`  last complete quarter ${q.start.toISOString()} – ${q.end.toISOString()}, maintenance ${maintMinutes} min (read back with maintenanceIntervals);`);
  console.log("  uptime from status_changes (computeUptime, maintenance cut out); checks up from the hour rollups (lone unconfirmed timeouts count there, not in time):");
  let known = 0;
  let up = 0;
  for (const s of sys) {
    const intervals = changes
      .filter((c) => c.system_id === s.id)
      .map((c) => ({ status: c.to_status, start: new Date(c.started_at), end: c.ended_at ? new Date(c.ended_at) : q.end }));
    const u = computeUptime(withoutMaintenance(intervals, maintenance), q);
    const incidents = changes.filter((c) => c.system_id === s.id && c.to_status !== "healthy" && new Date(c.started_at) >= q.start).length;
    const roll = rollups.find((x) => x.system_id === s.id);
    known += u.knownMs;
    up += u.healthyMs + u.degradedMs;
    console.log(
      line(
        `  ${s.name}`,
        `uptime ${u.uptimePct === null ? "—" : u.uptimePct.toFixed(3)} % (time-weighted), ${roll ? ((roll.up / roll.checks) * 100).toFixed(3) : "—"} % of checks up; ` +
          `${incidents} incidents, ${(u.downMs / 60_000).toFixed(0)} min down, ${int(roll?.maint ?? 0)} maintenance checks`,
      ),
    );
  }
  console.log(line("  client (time-weighted)", `${known ? ((up / known) * 100).toFixed(3) : "—"} %`));
  return known ? (up / known) * 100 : null;
}

// ---- the reports --------------------------------------------------------------------------------
const { prepareReport, storeReport } = await import("@/lib/reports/generate-report");
const { renderReportPdf } = await import("@/lib/reports/render/pdf");
const { renderReportCsv } = await import("@/lib/reports/render/csv");
const { renderReportJson } = await import("@/lib/reports/render/json");
const { reportFilename } = await import("@/lib/reports/filename");

interface RunFigures {
  prepare: number;
  store: number;
  load: number;
  render: number;
  total: number;
  pdfBytes: number;
  pages: number;
  jsonBytes: number;
  doc: ReportDocument;
}

const pagesOf = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;

/** Generate and download: prepare, store (frozen), read the row back, render the PDF from it. */
async function oneReport(type: "monthly" | "quarterly"): Promise<RunFigures> {
  const t0 = performance.now();
  const prepared = await prepareReport(ctx, { client_id: CLIENT_ID, report_type: type, include_recommendations: true });
  const t1 = performance.now();
  const stored = await ctx.db.$transaction((tx) => storeReport(tx, prepared));
  const t2 = performance.now();
  const row = await ctx.db.report.findUniqueOrThrow({ where: { id: stored?.id ?? prepared.id }, select: { data: true, branding: true } });
  const t3 = performance.now();
  const doc = row.data as unknown as ReportDocument;
  const pdf = await renderReportPdf(doc, row.branding as unknown as ReportBranding);
  const t4 = performance.now();
  if (flags.save && !saved.has(type)) {
    // What a person would download: kept outside the timings' loop's concern (once per type).
    saved.add(type);
    const dir = String(flags.save);
    mkdirSync(dir, { recursive: true });
    const file = (ext: string) => path.join(dir, reportFilename(doc.report_metadata, ext));
    writeFileSync(file("pdf"), pdf);
    writeFileSync(file("csv"), renderReportCsv(doc));
    writeFileSync(file("json"), renderReportJson(doc));
    console.log(`  saved ${file("pdf")} (and .csv, .json)`);
  }
  return { prepare: t1 - t0, store: t2 - t1, load: t3 - t2, render: t4 - t3, total: t4 - t0, pdfBytes: pdf.length, pages: pagesOf(pdf), jsonBytes: JSON.stringify(row.data).length, doc };
}
const saved = new Set<string>();

// The process's very first report: font parsing, first queries, code not yet optimised (a server's first
// report after a start). Also tells whether every part has landed.
let cold: RunFigures;
try {
  cold = await oneReport("monthly");
} catch (error) {
  const message = (error as Error).message;
  if (/not implemented yet/.test(message)) {
    console.log(`\nThe report parts are not all on this branch yet (${message}): the seeding above is ready; merge main when they land.`);
    await cleanup();
    process.exit(2);
  }
  throw error;
}
console.log(`\nFirst report of the process (cold: fonts, first queries, unoptimised code): ${ms(cold.total)} (prepare ${ms(cold.prepare)}, store ${ms(cold.store)}, read ${ms(cold.load)}, render ${ms(cold.render)})`);

type Phase = "prepare" | "store" | "load" | "render" | "total";
const PHASES: [Phase, string][] = [
  ["prepare", "prepareReport (compute)"],
  ["store", "storeReport"],
  ["load", "read the stored row"],
  ["render", "renderReportPdf (stored doc)"],
  ["total", "end to end"],
];
const results: Record<"monthly" | "quarterly", { first: RunFigures; runs: RunFigures[] }> = {} as never;
const machineBefore = machineTimes();
for (const [type, n] of [["monthly", runs], ["quarterly", quarterRuns]] as const) {
  const first = await oneReport(type); // the first of its type: its own code paths and queries
  await oneReport(type); // warm-up
  const list: RunFigures[] = [];
  for (let i = 0; i < n; i++) list.push(await oneReport(type));
  results[type] = { first, runs: list };
}
const busy = machineBusyPct(machineBefore, machineTimes());

const fmtRow = (label: string, values: Float64Array) =>
  `  ${label.padEnd(34)} ${ms(percentile(values, 50)).padStart(9)} ${ms(percentile(values, 95)).padStart(9)} ${ms(values[values.length - 1]!).padStart(9)}`;
for (const type of ["monthly", "quarterly"] as const) {
  const { first, runs: list } = results[type];
  const m = first.doc.report_metadata;
  const sh = first.doc.system_health;
  const pm = first.doc.performance_metrics;
  console.log(`\n${type === "monthly" ? "Monthly" : "Quarterly"} report: ${m.period_label} (${m.period.start} – ${m.period.end}, ${m.time_zone}), ${list.length} runs after 2 warm-ups:`);
  console.log(
    `  document: uptime ${sh.uptime_summary ?? "—"} % (seeding check, quarter: ${type === "quarterly" && seededUptime !== null ? `${seededUptime.toFixed(3)} %` : "—"}), ` +
      `${sh.incidents_total} incidents, MTTR ${sh.mttr_minutes ?? "—"} min, ${int(pm.automation_summary.total_automations)} automations, ` +
      `${m.include_recommendations ? "with" : "without"} recommendations; JSON ${(first.jsonBytes / 1024).toFixed(0)} kB`,
  );
  console.log(`  PDF: ${(first.pdfBytes / 1024).toFixed(0)} kB, ${first.pages} pages`);
  console.log(`  ${"".padEnd(34)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"max".padStart(9)}   first of its type`);
  for (const [phase, label] of PHASES) console.log(`${fmtRow(label, sortedCopy(list.map((r) => r[phase])))}   ${ms(first[phase])}`);
}
console.log(`  (machine ${busy.toFixed(0)} % busy over these runs, all processes)`);

// ---- memory with several reports at once -------------------------------------------------------
/**
 * k quarterly reports prepared and rendered at once (Promise.all), after a full collection:
 * RSS sampled every 20 ms by a worker thread and the kernel's exact peak (VmHWM, reset first);
 * the JavaScript heap sampled on the main thread (between tasks, and after each report).
 */
async function memoryPhase(k: number) {
  // Two full collections with a pause between: what earlier runs left behind is freed and its
  // pages handed back, so "before" is the process at rest, not the last run's high-water mark.
  const gc = collectGarbage();
  gc?.();
  await sleep(100);
  gc?.();
  await sleep(100);
  const before = process.memoryUsage();
  const hwmReset = resetPeakRss();
  const sampler = startRssSampler(20);
  await sampler.ready; // the thread's start-up is not part of the phase
  let heapPeak = before.heapUsed;
  let externalPeak = before.external;
  const sampleHeap = () => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    externalPeak = Math.max(externalPeak, m.external);
  };
  const heapTimer = setInterval(sampleHeap, 20);
  const t = performance.now();
  const each = await Promise.all(
    Array.from({ length: k }, async () => {
      const s = performance.now();
      const prepared = await prepareReport(ctx, { client_id: CLIENT_ID, report_type: "quarterly", include_recommendations: true });
      sampleHeap();
      const pdf = await renderReportPdf(prepared.document, prepared.branding);
      sampleHeap();
      if (pdf.length === 0) throw new Error("empty PDF");
      return performance.now() - s;
    }),
  );
  const wall = performance.now() - t;
  clearInterval(heapTimer);
  const { peak, samples } = await sampler.stop();
  const hwm = hwmReset ? peakRss() : null;
  gc?.();
  return { k, wall, each: sortedCopy(each), rssBefore: before.rss, rssPeak: Math.max(peak, hwm ?? 0), hwm, heapBefore: before.heapUsed, heapPeak, externalPeak, samples, rssAfter: process.memoryUsage().rss };
}

if (concurrent > 0) {
  console.log(`
Memory: quarterly reports prepared and rendered at once (Promise.all of prepareReport + renderReportPdf; ${dbKind === "pglite" ? "PGlite answers one query at a time" : "PostgreSQL pool"}):`);
  console.log(`  ${"at once".padEnd(8)} ${"wall".padStart(8)} ${"each max".padStart(9)}   ${"RSS before → peak (VmHWM)".padEnd(30)} ${"heap used before → peak".padEnd(26)} external peak  RSS samples`);
  for (const k of concurrent > 1 ? [1, concurrent] : [1]) {
    const c = await memoryPhase(k);
    console.log(
      `  ${String(k).padEnd(8)} ${ms(c.wall).padStart(8)} ${ms(c.each[c.each.length - 1]!).padStart(9)}   ` +
        `${`${mb(c.rssBefore)} → ${mb(c.rssPeak)}${c.hwm !== null ? ` (${mb(c.hwm)})` : ""}`.padEnd(30)} ${`${mb(c.heapBefore)} → ${mb(c.heapPeak)} (+${mb(c.heapPeak - c.heapBefore)})`.padEnd(26)} ${mb(c.externalPeak).padStart(13)}  ${c.samples} every 20 ms`,
    );
  }
  if (dbKind === "pglite") console.log("  (RSS includes the embedded PGlite database's WebAssembly memory: it runs in this process, as in the server.)");
}

// ---- optional CPU profile -------------------------------------------------------------------------
if (flags.profile) await profileReports(Math.max(3, Math.min(quarterRuns, 10)));

// ---- clean up the rows this run added, verdicts ------------------------------------------------
await run.query(`DELETE FROM reports WHERE client_ref = $1`, [client!.id]);
await cleanup();

const budgets = [
  ["monthly PDF end to end p95", percentile(sortedCopy(results.monthly.runs.map((r) => r.total)), 95), 1000],
  ["quarterly PDF end to end p95", percentile(sortedCopy(results.quarterly.runs.map((r) => r.total)), 95), 2000],
] as const;
let pass = true;
console.log("");
for (const [label, v, budget] of budgets) {
  const ok = v < budget;
  pass &&= ok;
  console.log(line(label, `${ms(v)} ${ok ? "PASS" : "FAIL"} (budget < ${budget / 1000} s)`));
}
process.exit(pass ? 0 : 1);

// ---- helpers ----------------------------------------------------------------------------------------

/** global.gc without --expose-gc on the command line (the server does the same once at start). */
function collectGarbage(): (() => void) | null {
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

/** Linux: resets the process's peak RSS (VmHWM) so the next reading is this phase's peak. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

function peakRss(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples the whole process's RSS every `intervalMs` from a worker thread: its own event loop
 * keeps the pace while the main thread is busy rendering.
 */
function startRssSampler(intervalMs: number): { ready: Promise<void>; stop(): Promise<{ peak: number; samples: number }> } {
  const worker = new Worker(
    `const { parentPort } = require("node:worker_threads");
     let peak = 0, samples = 0;
     const tick = () => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; samples++; };
     tick();
     const timer = setInterval(tick, ${intervalMs});
     parentPort.postMessage("ready");
     parentPort.on("message", () => { clearInterval(timer); tick(); parentPort.postMessage({ peak, samples }); });`,
    { eval: true },
  );
  return {
    ready: new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    }),
    stop: () =>
      new Promise((resolve, reject) => {
        worker.once("message", (m: { peak: number; samples: number }) => {
          void worker.terminate();
          resolve(m);
        });
        worker.once("error", reject);
        worker.postMessage("stop");
      }),
  };
}

/**
 * A CPU profile (V8's sampling profiler through node:inspector) of `n` quarterly reports, prepare
 * and render, summarised by where the code lives (this project's files, each package, PGlite's
 * WebAssembly, garbage collection, idle time waiting for a database server) and by function.
 */
async function profileReports(n: number) {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 250 });
  await session.post("Profiler.start");
  const spans = { prepare: 0, render: 0 };
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const prepared = await prepareReport(ctx, { client_id: CLIENT_ID, report_type: "quarterly", include_recommendations: true });
    const t1 = performance.now();
    await renderReportPdf(prepared.document, prepared.branding);
    spans.prepare += t1 - t0;
    spans.render += performance.now() - t1;
  }
  const { profile } = await session.post("Profiler.stop");
  await session.post("Profiler.disable");
  session.disconnect();
  const file = path.join(os.tmpdir(), `bench-reports-${process.pid}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));

  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
  const nodes = new Map<number, Node>((profile.nodes as Node[]).map((nd) => [nd.id, nd]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  const where = (nd: Node): string => {
    const { url, functionName } = nd.callFrame;
    if (!url) return functionName.startsWith("(") ? functionName : "(native)";
    if (url.startsWith("wasm://")) return "PGlite WebAssembly (the database)";
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1]!;
    if (url.startsWith("node:")) return "node internals";
    const rel = url.replace(/^file:\/\//, "").replace(`${projectRoot}/`, "");
    return rel;
  };
  const byWhere = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, t] of self) {
    const nd = nodes.get(id)!;
    total += t;
    const w = where(nd);
    byWhere.set(w, (byWhere.get(w) ?? 0) + t);
    const fn = `${nd.callFrame.functionName || "(anonymous)"}  ${w}${nd.callFrame.url.includes("/node_modules/") ? `:${nd.callFrame.lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  }
  // Inclusive time of this project's code: each sample counts once for every project file (and
  // function) on its stack, so "lib/reports/render/pdf.ts" includes the pdfkit work it calls.
  const parent = new Map<number, number>();
  for (const nd of nodes.values()) for (const c of nd.children ?? []) parent.set(c, nd.id);
  const projectFile = (nd: Node) => {
    const url = nd.callFrame.url;
    return url.startsWith("file://") && !url.includes("/node_modules/") ? url.replace(/^file:\/\//, "").replace(`${projectRoot}/`, "") : null;
  };
  const inclFile = new Map<string, number>();
  const inclFunction = new Map<string, number>();
  for (const [id, t] of self) {
    const files = new Set<string>();
    const fns = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const nd = nodes.get(cur)!;
      const file = projectFile(nd);
      if (!file || file.startsWith("scripts/")) continue;
      files.add(file);
      // (tsx's transpiled lines are not the source's: the file names the place)
      fns.add(`${nd.callFrame.functionName || "(anonymous)"}  ${file}`);
    }
    for (const f of files) inclFile.set(f, (inclFile.get(f) ?? 0) + t);
    for (const f of fns) inclFunction.set(f, (inclFunction.get(f) ?? 0) + t);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((x, y) => y[1] - x[1]).slice(0, k);
  console.log(`\nCPU profile of ${n} quarterly reports (prepare ${ms(spans.prepare / n)}, render ${ms(spans.render / n)} each on average; ${file}):`);
  console.log("  self time by where the code lives:");
  for (const [w, t] of top(byWhere, 14)) console.log(`    ${(((t / total) * 100).toFixed(1) + " %").padStart(7)}  ${ms(t / n).padStart(9)}/report  ${w}`);
  console.log("  hottest functions (self time):");
  for (const [f, t] of top(byFunction, 16)) console.log(`    ${(((t / total) * 100).toFixed(1) + " %").padStart(7)}  ${ms(t / n).padStart(9)}/report  ${f}`);
  console.log("  this project's files, inclusive (what they call included; a sample counts once per file on its stack):");
  for (const [f, t] of top(inclFile, 14)) console.log(`    ${(((t / total) * 100).toFixed(1) + " %").padStart(7)}  ${ms(t / n).padStart(9)}/report  ${f}`);
  console.log("  this project's functions, inclusive:");
  for (const [f, t] of top(inclFunction, 20)) console.log(`    ${(((t / total) * 100).toFixed(1) + " %").padStart(7)}  ${ms(t / n).padStart(9)}/report  ${f}`);

  // The database's share: every Prisma operation of prepareReport timed through a query
  // extension (raw SQL included), grouped by model.operation or by the SQL's first words. The
  // extension runs them one at a time, so each time is the operation's own (PGlite answers one
  // query at a time anyway; on PostgreSQL this takes away the parallelism of Promise.all).
  const timings = new Map<string, { calls: number; ms: number; rows: number }>();
  let queue: Promise<unknown> = Promise.resolve();
  const timed = database.prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const turn = queue;
        let release!: () => void;
        queue = new Promise<void>((r) => (release = r));
        await turn;
        const t = performance.now();
        const result = await query(args).finally(release);
        const label = model ? `${model}.${operation}` : `${operation} ${sqlText(args).replace(/\s+/g, " ").trim().slice(0, 90)}`;
        const entry = timings.get(label) ?? { calls: 0, ms: 0, rows: 0 };
        entry.calls++;
        entry.ms += performance.now() - t;
        entry.rows += Array.isArray(result) ? result.length : result ? 1 : 0;
        timings.set(label, entry);
        return result;
      },
    },
  }) as unknown as typeof database.prisma;
  const timedCtx = { ...ctx, db: timed };
  let prepareMs = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await prepareReport(timedCtx, { client_id: CLIENT_ID, report_type: "quarterly", include_recommendations: true });
    prepareMs += performance.now() - t;
  }
  const sqlMs = [...timings.values()].reduce((x, e) => x + e.ms, 0);
  const calls = [...timings.values()].reduce((x, e) => x + e.calls, 0);
  console.log(
    `  database operations of prepareReport (quarterly, ${n} runs, through a timing extension): ${(calls / n).toFixed(0)} per report, ${ms(sqlMs / n)} in them of ${ms(prepareMs / n)} ` +
      `per report (one at a time; the rest of the time is JavaScript):`,
  );
  for (const [label, e] of [...timings].sort((x, y) => y[1].ms - x[1].ms).slice(0, 12)) {
    console.log(`    ${ms(e.ms / n).padStart(9)}/report  ${String(e.calls / n).padStart(4)}×  ${int(e.rows / n).padStart(7)} rows  ${label}`);
  }
}

/** The SQL of a raw Prisma operation's arguments (a tagged template or Prisma.sql), for labels. */
function sqlText(args: unknown): string {
  const a = args as { strings?: readonly string[]; sql?: string } | readonly unknown[] | undefined;
  if (Array.isArray(a)) return Array.isArray(a[0]) ? (a[0] as string[]).join("?") : String(a[0] ?? "");
  if (a && typeof a === "object" && "strings" in a && a.strings) return a.strings.join("?");
  if (a && typeof a === "object" && "sql" in a && typeof a.sql === "string") return a.sql;
  return "";
}
