// The history `npm run bench:dashboard` measures against: S systems (clients of P systems each,
// registered through the real registerClient verb) with D days of one check a minute, stored
// the way lib/monitoring/record-check.ts stores them:
//
//   health_checks   one row per check: healthy ("reported healthy", 200, a log-normal latency
//                   around a per-system base of 35–295 ms), lone unconfirmed timeouts (~0.05 %),
//                   and the rows of incidents
//   incidents       ~0.2 per system per day (on distinct days, 2 min – 4 h): HTTP 503, timeouts,
//                   reported degraded (4/5 endpoints), latency above 2000 ms; plus ~1 % of
//                   systems in an incident right now
//   status_changes  the confirmed states those rows produce with 2 confirmations: unknown →
//                   healthy at the first check, then each incident and its recovery, dated by the
//                   first probe of the agreeing run, with the confirming (second) probe's reason
//   check_rollups   hour and day rows computed FROM the raw rows with GROUP BY, latency
//                   histograms in the buckets of lib/monitoring/latency-histogram.ts (its
//                   bucketIndex translated to SQL, verified against the TypeScript on a sample)
//   systems         current status / reason / changed-at / last check / pending, as left by
//                   the last check
//   maintenance     optional (bench:reports): a one-off window of every client created through
//                   createMaintenanceWindow, outages planned in and across it; its checks are
//                   stored with maintenance = true and counted apart in the rollups
//
// Each check row carries classify-probe's rule for its reason; random() is seeded, so the same
// sizes give the same incidents.
//
// Everything is generated in bulk SQL (INSERT … SELECT generate_series), minute-major like the
// scheduler appends rows, in chunks of minutes.
import { histogramOf, mergeHistograms, bucketIndex, HISTOGRAM_BUCKETS } from "@/lib/monitoring/latency-histogram";
import { initialSystemState, nextSystemState, type StateChange } from "@/lib/monitoring/confirm-state";
import type { ProbeStatus } from "@/lib/monitoring/classify-probe";
import type { Database } from "@/lib/db/client";
import { registerClient } from "@/lib/clients/register-client";
import { createMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import { systemContext } from "@/lib/context";
import { int } from "./bench-lib";

export interface GenerateOptions {
  systems: number;
  perClient: number;
  days: number;
  /** The end of the history (exclusive); checks are one a minute before it. */
  anchor: Date;
  log: (line: string) => void;
  /** Clients' zones, in turn (default ZONES below). */
  zones?: readonly string[];
  /** Days of 15-minute metric samples before the anchor (default min(days, 28)). */
  metricDays?: number;
  /** Flapping, misconfigured, stalled and quiet systems for the attention rules (default true). */
  attention?: boolean;
  /** One maintenance window for every client, with outages inside it (default none). */
  maintenance?: MaintenancePlan;
}

/**
 * A one-off maintenance window of every client, created through createMaintenanceWindow a week
 * before it starts (a window counts only from its creation), and outages of some systems in or
 * across it. Minutes count from the history's start; the window's day gets no random incident.
 */
export interface MaintenancePlan {
  title: string;
  startMinute: number;
  minutes: number;
  outages: { systemIdx: number; fromMinute: number; toMinute: number; kind: "down_503" | "down_timeout" | "degraded_reported" }[];
}

export interface TableFigures {
  table: string;
  rows: number;
  bytes: number;
}

export interface GenerateResult {
  steps: { step: string; seconds: number }[];
  totalSeconds: number;
  tables: TableFigures[];
  verification: string[];
}

/** lib/monitoring/latency-histogram.ts bucketIndex(), in SQL, on a float8 expression. */
function sqlBucketIndex(x: string): string {
  return (
    `(CASE WHEN ${x} IS NULL OR ${x} < 0 OR ${x} = 'NaN'::float8 OR ${x} = 'Infinity'::float8 THEN NULL ` +
    `WHEN ${x} <= 1 THEN 0 ` +
    `ELSE LEAST(GREATEST(ceil(ln(${x}) / ln(2::float8) * 4 - 1e-9)::int, 1), ${HISTOGRAM_BUCKETS - 1}) END)`
  );
}

const histArraySql = () =>
  `ARRAY[${Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `COALESCE(sum(n) FILTER (WHERE bk = ${i}), 0)`).join(", ")}]::int[]`;

const APP_TABLES = ["clients", "systems", "health_checks", "check_rollups", "status_changes", "metric_samples", "metric_rollups", "api_keys", "audit_logs"];

/** Clients' zones, in turn: today's metrics are each client's own day. */
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"];

/** Flapping (bench_flap) and misconfigured (bench_misc) systems, as of the anchor A (SQL). */
const attentionSql = (A: string) => `
    -- Flapping: healthy since before the last hour, then down/up/down/up inside it.
    CREATE UNLOGGED TABLE bench_flap AS
      SELECT s.id FROM systems s JOIN bench_sys2 b ON b.id = s.id
      WHERE b.idx % 50 = 3 AND s.status = 'healthy' AND s.status_changed_at < ${A} - interval '70 minutes';
    UPDATE status_changes sc SET ended_at = ${A} - interval '50 minutes' FROM bench_flap f WHERE sc.system_id = f.id AND sc.ended_at IS NULL;
    INSERT INTO status_changes (system_id, from_status, to_status, reason, started_at, ended_at)
      SELECT f.id, v.fr::"HealthStatus", v.t::"HealthStatus", v.reason, ${A} - v.a * interval '1 minute', ${A} - v.b * interval '1 minute'
      FROM bench_flap f CROSS JOIN (VALUES ('healthy', 'down', 'HTTP 500', 50, 45), ('down', 'healthy', 'reported healthy', 45, 20),
                                           ('healthy', 'down', 'HTTP 500', 20, 15)) v(fr, t, reason, a, b);
    INSERT INTO status_changes (system_id, from_status, to_status, reason, started_at, ended_at)
      SELECT f.id, 'down', 'healthy', 'reported healthy', ${A} - interval '15 minutes', NULL FROM bench_flap f;
    UPDATE systems s SET status_changed_at = ${A} - interval '15 minutes', status_reason = 'reported healthy', status_rule = 'reported_healthy' FROM bench_flap f WHERE f.id = s.id;
    -- Misconfigured: the checks have been refused by the network policy for 2 hours.
    CREATE UNLOGGED TABLE bench_misc AS
      SELECT s.id FROM systems s JOIN bench_sys2 b ON b.id = s.id
      WHERE b.idx % 100 = 11 AND s.status = 'healthy' AND s.status_changed_at < ${A} - interval '2 hours';
    UPDATE status_changes sc SET ended_at = ${A} - interval '2 hours' FROM bench_misc m WHERE sc.system_id = m.id AND sc.ended_at IS NULL;
    INSERT INTO status_changes (system_id, from_status, to_status, reason, started_at, ended_at)
      SELECT m.id, 'healthy', 'unknown', 'blocked by network policy: 10.0.0.5', ${A} - interval '2 hours', NULL FROM bench_misc m;
    UPDATE systems s SET status = 'unknown', status_changed_at = ${A} - interval '2 hours', status_reason = 'blocked by network policy: 10.0.0.5',
      status_rule = 'blocked_by_policy', pending_status = NULL, pending_count = 0, pending_since = NULL FROM bench_misc m WHERE m.id = s.id;`;

/**
 * What the attention rules and today's metrics read beside the health history, so the summary
 * does all of its work (bench:dashboard):
 * - flapping: 2 % of the healthy systems (idx % 50 = 3) went down and up twice in the last hour
 *   (4 confirmed changes: the default threshold);
 * - misconfigured: 1 % (idx % 100 = 11) are unknown since 2 h ago, their checks refused by the
 *   network policy (rule blocked_by_policy);
 * - business metrics for every system (15-minute samples, min(days, 28) days, pulled up to the
 *   anchor, in each client's zone: ZONES in turn) with their hourly and daily rollups, so
 *   today's figures are read for every client; 1 % (idx % 100 = 7) have counted no automation
 *   for the last 6 h (stalled); 10 % (idx % 100 in 20–29) are quiet 3 hours in 8 and right now
 *   (candidates whose usual gap is learned, judged running).
 */
async function addAttentionAndMetrics(database: Database, options: GenerateOptions): Promise<void> {
  const run = database.runner;
  const A = `'${options.anchor.toISOString()}'::timestamptz`;
  const metricDays = options.metricDays ?? Math.min(options.days, 28);
  const zones = options.zones ?? ZONES;
  const attention = options.attention ?? true;
  await run.exec(`
    CREATE UNLOGGED TABLE bench_sys2 AS
      SELECT s.id, (row_number() OVER (ORDER BY s.client_ref, s.position, s.id) - 1)::int AS idx FROM systems s;
    UPDATE clients c SET time_zone = (ARRAY[${zones.map((z) => `'${z}'`).join(",")}])[1 + (x.n % ${zones.length})]
      FROM (SELECT id, (row_number() OVER (ORDER BY client_id) - 1)::int AS n FROM clients) x WHERE x.id = c.id;
    ${attention ? attentionSql(A) : "CREATE UNLOGGED TABLE bench_flap (id uuid); CREATE UNLOGGED TABLE bench_misc (id uuid);"}
    -- Metrics collected up to the anchor.
    UPDATE systems s SET metrics_url = replace(s.health_url, '/health', '/metrics'), metrics_interval_sec = 900, metrics_cursor = ${A},
      next_metrics_at = ${A} + interval '15 minutes';
    DROP INDEX IF EXISTS metric_samples_system_id_period_start_key; DROP INDEX IF EXISTS metric_samples_system_id_period_end_idx;
    ALTER TABLE metric_samples DROP CONSTRAINT IF EXISTS metric_samples_system_id_fkey;
    INSERT INTO metric_samples (system_id, period_start, period_end, collected_at, source, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
      SELECT b.id, p, p + interval '15 minutes', p + interval '15 minutes', 'pull', t, t - f, f, t * 2.5, t * 12, t * 0.05
      FROM bench_sys2 b
      CROSS JOIN generate_series(1, ${metricDays * 96}) AS g
      CROSS JOIN LATERAL (SELECT ${A} - g * interval '15 minutes' AS p) AS pp
      CROSS JOIN LATERAL (SELECT CASE
          WHEN ${attention} AND b.idx % 100 = 7 AND g <= 24 THEN 0
          WHEN ${attention} AND b.idx % 100 BETWEEN 20 AND 29 AND (g <= 12 OR ((g - 1) / 4) % 8 < 3) THEN 0
          ELSE 10 + ((g * 7 + b.idx) % 30) END AS t) AS x
      CROSS JOIN LATERAL (SELECT CASE WHEN t = 0 THEN 0 ELSE (g + b.idx) % 3 END AS f) AS y;
    CREATE UNIQUE INDEX metric_samples_system_id_period_start_key ON metric_samples (system_id, period_start);
    CREATE INDEX metric_samples_system_id_period_end_idx ON metric_samples (system_id, period_end);
    ALTER TABLE metric_samples ADD CONSTRAINT metric_samples_system_id_fkey FOREIGN KEY (system_id) REFERENCES systems(id) ON DELETE CASCADE ON UPDATE CASCADE;
    -- Rollups in each client's zone (a 15-minute sample lies inside one local hour of these zones).
    INSERT INTO metric_rollups (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
      SELECT m.system_id, 'hour', date_trunc('hour', m.period_start, c.time_zone), count(*), SUM(EXTRACT(EPOCH FROM (m.period_end - m.period_start)) * 1000)::bigint,
        SUM(m.total_automations), SUM(m.successful_automations), SUM(m.failed_automations), SUM(m.total_processing_time), SUM(m.cost_savings_cents), SUM(m.time_saved_hours)
      FROM metric_samples m JOIN systems s ON s.id = m.system_id JOIN clients c ON c.id = s.client_ref
      GROUP BY m.system_id, 3, c.time_zone;
    INSERT INTO metric_rollups (system_id, period, bucket_start, samples, covered_ms, total_automations, successful_automations, failed_automations, total_processing_time, cost_savings_cents, time_saved_hours)
      SELECT r.system_id, 'day', date_trunc('day', r.bucket_start, c.time_zone), SUM(r.samples), SUM(r.covered_ms), SUM(r.total_automations), SUM(r.successful_automations),
        SUM(r.failed_automations), SUM(r.total_processing_time), SUM(r.cost_savings_cents), SUM(r.time_saved_hours)
      FROM metric_rollups r JOIN systems s ON s.id = r.system_id JOIN clients c ON c.id = s.client_ref
      WHERE r.period = 'hour'
      GROUP BY r.system_id, 3, c.time_zone;
    DROP TABLE bench_sys2, bench_flap, bench_misc;`);
}

/**
 * The plan's outages replace the random incidents near the window (an hour either side, every
 * system): the same bench_incidents rows, so the checks, confirmed states and rollups follow.
 */
function maintenancePlanSql(plan: MaintenancePlan | undefined, perClient: number): string {
  if (!plan) return "";
  const from = plan.startMinute - 60;
  const to = plan.startMinute + plan.minutes + 60;
  for (const o of plan.outages) {
    if (!(o.fromMinute >= from + 10 && o.toMinute > o.fromMinute && o.toMinute <= to - 10)) throw new Error(`maintenance outage ${o.fromMinute}–${o.toMinute} must lie within 50 minutes of the window`);
  }
  const values = plan.outages.map((o) => `(${o.systemIdx}, '${o.kind}', ${o.fromMinute}, ${o.toMinute})`).join(", ");
  return `
      DELETE FROM bench_incidents WHERE m_start < ${to} + 2 AND m_end > ${from} - 2;
      ${plan.outages.length ? `INSERT INTO bench_incidents (system_id, idx, day, rk, rd, kind, m_start, m_end)
        SELECT s.id, s.idx, ${Math.floor(plan.startMinute / 1440)}, 0, 0, o.kind, o.m_start, o.m_end
        FROM bench_sys s JOIN (VALUES ${values}) o(k, kind, m_start, m_end) ON s.idx % ${perClient} = o.k;` : ""}`;
}

export async function generateHistory(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const { systems, perClient, days, anchor, log } = options;
  const run = database.runner;
  const steps: GenerateResult["steps"] = [];
  const started = performance.now();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    const seconds = (performance.now() - t) / 1000;
    steps.push({ step: name, seconds });
    log(`  ${name.padEnd(52)} ${seconds.toFixed(1).padStart(7)} s`);
    return result;
  };
  const minutes = days * 1440;
  const start = new Date(anchor.getTime() - minutes * 60_000);
  const startSql = `'${start.toISOString()}'::timestamptz`;
  const at = (minuteExpr: string) => `${startSql} + make_interval(mins => ${minuteExpr})`;

  await step(`register: ${int(Math.ceil(systems / perClient))} clients through registerClient`, async () => {
    const ctx = systemContext(database.prisma);
    for (let c = 0; c * perClient < systems; c++) {
      const list = [];
      for (let s = 0; s < perClient && c * perClient + s < systems; s++) {
        const i = c * perClient + s;
        list.push({ name: `Automation ${s + 1}`, health_url: `https://client-${c}.example.com/systems/${i}/health`, check_interval_seconds: 60 });
      }
      await registerClient({
        ctx,
        input: { client_id: `client-${String(c).padStart(4, "0")}`, client_name: `Client ${String(c).padStart(4, "0")}`, industry: ["Logistics", "Retail", "Finance", "Health"][c % 4], systems: list },
      });
    }
  });

  if (options.maintenance) {
    const plan = options.maintenance;
    const startsAt = new Date(start.getTime() + plan.startMinute * 60_000);
    await step(`maintenance: one window per client through createMaintenanceWindow`, async () => {
      // Declared a week ahead: a window counts only from its creation (maintenanceIntervals).
      const ctx = systemContext(database.prisma, { now: () => new Date(startsAt.getTime() - 7 * 86_400_000) });
      for (const { client_id } of await run.query<{ client_id: string }>(`SELECT client_id FROM clients ORDER BY client_id`)) {
        await createMaintenanceWindow({
          ctx,
          input: { client_id, title: plan.title, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + plan.minutes * 60_000).toISOString() },
        });
      }
    });
  }

  await step("plan: per-system parameters and incidents", async () => {
    await run.exec(`
      DROP TABLE IF EXISTS bench_sys, bench_incidents, bench_minutes, bench_changes, bench_changes2, bench_agg;
      -- The same incidents on every generation of the same sizes (random() below is seeded).
      SELECT setseed(0.42);
      CREATE UNLOGGED TABLE bench_sys AS
        SELECT id, (row_number() OVER (ORDER BY client_ref, position, id) - 1)::int AS idx FROM systems;
      ALTER TABLE bench_sys ADD COLUMN phase float8, ADD COLUMN base float8;
      UPDATE bench_sys SET phase = (idx * 7919 % 60) + 0.137, base = 35 + (idx * 37 % 260);
      CREATE UNIQUE INDEX ON bench_sys (idx);
      -- Incidents on distinct days (not the last one), none in the first 10 minutes of a day's
      -- check grid, each over before the day ends: they never overlap and always recover.
      CREATE UNLOGGED TABLE bench_incidents AS
        SELECT s.id AS system_id, s.idx, d.day, r.rk, r.rd,
               CASE WHEN r.rk < 0.4 THEN 'down_503' WHEN r.rk < 0.6 THEN 'down_timeout' WHEN r.rk < 0.85 THEN 'degraded_reported' ELSE 'degraded_latency' END AS kind,
               d.day * 1440 + 10 + floor(r.rs * 1130)::int AS m_start,
               0 AS m_end
        FROM bench_sys s
        CROSS JOIN LATERAL (
          SELECT day FROM generate_series(0, ${Math.max(days - 2, -1)}) day WHERE s.idx >= 0
          ORDER BY random() LIMIT LEAST(floor(random() * (0.2 * ${days} + 1))::int, ${Math.max(days - 1, 0)})
        ) d
        CROSS JOIN LATERAL (SELECT random() AS rk, random() AS rs, random() AS rd WHERE d.day >= 0) r;
      UPDATE bench_incidents SET m_end = m_start + CASE kind
          WHEN 'down_503' THEN 2 + floor(rd * 58) WHEN 'down_timeout' THEN 2 + floor(rd * 28)
          WHEN 'degraded_reported' THEN 5 + floor(rd * 235) ELSE 5 + floor(rd * 115) END;
      ${maintenancePlanSql(options.maintenance, perClient)}
      -- About 1 % of systems are in an incident right now (started in the last two hours).
      INSERT INTO bench_incidents (system_id, idx, day, rk, rd, kind, m_start, m_end)
        SELECT id, idx, ${days - 1}, rk, 0, CASE WHEN rk < 0.6 THEN 'down_503' ELSE 'degraded_reported' END,
               ${minutes} - 2 - floor(random() * 110)::int, ${minutes}
        FROM (SELECT id, idx, random() AS rk, random() AS pick FROM bench_sys) x WHERE pick < 0.01;
      CREATE INDEX ON bench_incidents (system_id, m_start);
      -- The incident of every (system, minute) it covers, and its neighbours, which get no lone
      -- timeout (one right before or after an incident would shift its confirmation).
      CREATE UNLOGGED TABLE bench_minutes AS
        SELECT i.idx, g.m, i.kind FROM bench_incidents i CROSS JOIN LATERAL generate_series(i.m_start, i.m_end - 1) g(m)
        UNION ALL
        SELECT i.idx, g.m, 'calm' FROM bench_incidents i CROSS JOIN LATERAL (VALUES (i.m_start - 1), (i.m_end), (i.m_end + 1)) g(m)
        WHERE g.m < ${minutes};
      ANALYZE bench_sys; ANALYZE bench_minutes;`);
  });

  // The raw checks, minute-major like the scheduler appends them, in chunks of minutes, each row
  // with its incident (or none) already decided, so nothing is updated afterwards.
  // Bulk-load practice: the table's key, indexes and foreign keys are dropped for the load and
  // rebuilt from their own definitions afterwards (about 3× faster on PGlite than maintaining
  // them row by row; the same schema, with freshly packed indexes). Lone timeouts (~0.05 %) only
  // on even minutes and never next to an incident: none is ever confirmed.
  const constraints = await run.query<{ conname: string; def: string; contype: string }>(
    `SELECT conname, pg_get_constraintdef(oid) AS def, contype::text FROM pg_constraint WHERE conrelid = 'health_checks'::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype = 'f' DESC`,
  );
  const indexes = await run.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'health_checks'
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'health_checks'::regclass)`,
  );
  // A check inside the maintenance window (every client has it) is stored as maintenance, as
  // record-check's inMaintenance() marks it (phase + jitter keep checks clear of whole minutes).
  const maint = options.maintenance;
  const maintenanceSql = maint ? `(g.m * 60 + s.phase + r.jitter) >= ${maint.startMinute * 60} AND (g.m * 60 + s.phase + r.jitter) < ${(maint.startMinute + maint.minutes) * 60}` : "false";
  const chunk = Math.max(1, Math.floor(2_000_000 / systems));
  const totalRows = systems * minutes;
  await step(`health_checks insert: ${int(totalRows)} rows, keys dropped`, async () => {
    for (const c of constraints) await run.exec(`ALTER TABLE health_checks DROP CONSTRAINT "${c.conname}"`);
    for (const i of indexes) await run.exec(`DROP INDEX "${i.indexname}"`);
    const t = performance.now();
    for (let a = 0; a < minutes; a += chunk) {
      const b = Math.min(minutes, a + chunk) - 1;
      await run.exec(`
        INSERT INTO health_checks (system_id, checked_at, status, response_time_ms, http_status, reported_uptime, error, reason, rule, maintenance)
        SELECT s.id,
               ${startSql} + make_interval(secs => g.m * 60 + s.phase + r.jitter),
               CASE WHEN k.kind IN ('ok', 'calm') THEN 'healthy' WHEN k.kind IN ('blip', 'down_timeout', 'down_503') THEN 'down' ELSE 'degraded' END::"HealthStatus",
               CASE WHEN k.kind IN ('blip', 'down_timeout') THEN NULL WHEN k.kind = 'degraded_latency' THEN r.slow ELSE r.latency END,
               CASE WHEN k.kind IN ('blip', 'down_timeout') THEN NULL WHEN k.kind = 'down_503' THEN 503 ELSE 200 END,
               CASE k.kind WHEN 'blip' THEN NULL WHEN 'down_timeout' THEN NULL WHEN 'down_503' THEN 91.2 WHEN 'degraded_reported' THEN 98.7 ELSE 99.9 END,
               CASE WHEN k.kind IN ('blip', 'down_timeout') THEN 'timeout after 10000 ms' END,
               CASE k.kind WHEN 'blip' THEN 'timeout after 10000 ms' WHEN 'down_timeout' THEN 'timeout after 10000 ms'
                           WHEN 'down_503' THEN 'HTTP 503 (reported down)' WHEN 'degraded_reported' THEN 'reported degraded (4/5 endpoints healthy)'
                           -- classify-probe's wording, with JavaScript's Math.round (half up)
                           WHEN 'degraded_latency' THEN 'latency ' || floor(r.slow::float8 + 0.5)::int || ' ms > 2000 ms'
                           ELSE 'reported healthy' END,
               -- classify-probe's rule of each reason
               CASE k.kind WHEN 'blip' THEN 'timeout' WHEN 'down_timeout' THEN 'timeout' WHEN 'down_503' THEN 'http_5xx'
                           WHEN 'degraded_reported' THEN 'reported_degraded' WHEN 'degraded_latency' THEN 'latency' ELSE 'reported_healthy' END,
               ${maintenanceSql}
        FROM generate_series(${a}, ${b}) g(m)
        CROSS JOIN bench_sys s
        LEFT JOIN bench_minutes im ON im.idx = s.idx AND im.m = g.m
        CROSS JOIN LATERAL (
          SELECT random() * 0.4 AS jitter,
                 (round(s.base * exp(0.25 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) * 10) / 10)::real AS latency,
                 (round((2100 + random() * 900) * 10) / 10)::real AS slow,
                 (im.kind IS NULL AND g.m > 0 AND g.m % 2 = 0 AND random() < 0.001) AS blip
        ) r
        CROSS JOIN LATERAL (SELECT COALESCE(im.kind, CASE WHEN r.blip THEN 'blip' ELSE 'ok' END) AS kind) k`);
      const done = (b + 1) * systems;
      const elapsed = (performance.now() - t) / 1000;
      if (b + 1 < minutes) log(`    ${int(done)} / ${int(totalRows)} rows, ${int(done / elapsed)} rows/s, about ${Math.round(((totalRows - done) * elapsed) / done)} s to go`);
    }
  });
  await step("health_checks keys: primary key, indexes, foreign keys rebuilt", async () => {
    for (const c of [...constraints].reverse()) await run.exec(`SET maintenance_work_mem = '256MB'; ALTER TABLE health_checks ADD CONSTRAINT "${c.conname}" ${c.def}; RESET maintenance_work_mem;`);
    for (const i of indexes) await run.exec(`SET maintenance_work_mem = '256MB'; ${i.indexdef}; RESET maintenance_work_mem;`);
  });

  await step("status_changes: the confirmed states", async () => {
    await run.exec(`
      CREATE UNLOGGED TABLE bench_changes AS
        SELECT id AS system_id, 'initial' AS kind, 'healthy'::"HealthStatus" AS to_status, ${at("0")} AS t_from FROM bench_sys
        UNION ALL
        SELECT system_id, 'incident', CASE WHEN kind LIKE 'down%' THEN 'down' ELSE 'degraded' END::"HealthStatus", ${at("m_start")} FROM bench_incidents
        UNION ALL
        SELECT system_id, 'recovery', 'healthy'::"HealthStatus", ${at("m_end")} FROM bench_incidents WHERE m_end < ${minutes};
      SET enable_hashjoin = off; SET enable_mergejoin = off;
      CREATE UNLOGGED TABLE bench_changes2 AS
        SELECT c.system_id, c.to_status, x.ts[1] AS started_at,
               CASE WHEN c.kind = 'initial' THEN x.reasons[1] ELSE x.reasons[2] END AS reason
        FROM bench_changes c
        CROSS JOIN LATERAL (
          SELECT array_agg(h.checked_at ORDER BY h.checked_at) AS ts, array_agg(h.reason ORDER BY h.checked_at) AS reasons
          FROM (SELECT checked_at, reason FROM health_checks h WHERE h.system_id = c.system_id AND h.checked_at >= c.t_from ORDER BY h.checked_at LIMIT 2) h
        ) x;
      RESET enable_hashjoin; RESET enable_mergejoin;
      INSERT INTO status_changes (system_id, from_status, to_status, reason, started_at, ended_at)
        SELECT system_id, COALESCE(lag(to_status) OVER w, 'unknown'), to_status, reason, started_at, lead(started_at) OVER w
        FROM bench_changes2 WINDOW w AS (PARTITION BY system_id ORDER BY started_at)
        ORDER BY system_id, started_at;`);
  });

  await step("systems: current state columns", async () => {
    await run.exec(`
      UPDATE systems s SET
        status = c.to_status,
        status_changed_at = c.started_at,
        status_reason = r.reason,
        status_rule = r.rule,
        last_check_at = l.checked_at,
        -- the probe's number as record-check writes it (real → its shortest text → float8, not the widened float)
        last_response_time_ms = l.response_time_ms::text::float8,
        pending_status = CASE WHEN l.status <> c.to_status THEN l.status END,
        pending_count = CASE WHEN l.status <> c.to_status THEN 1 ELSE 0 END,
        pending_since = CASE WHEN l.status <> c.to_status THEN l.checked_at END,
        next_check_at = l.checked_at + interval '60 seconds',
        created_at = ${at("0")} - interval '1 hour'
      FROM status_changes c,
           LATERAL (SELECT checked_at, status, response_time_ms FROM health_checks h WHERE h.system_id = c.system_id ORDER BY checked_at DESC LIMIT 1) l,
           LATERAL (SELECT reason, rule FROM health_checks h WHERE h.system_id = c.system_id AND h.status = c.to_status ORDER BY checked_at DESC LIMIT 1) r
      WHERE c.system_id = s.id AND c.ended_at IS NULL;
      UPDATE clients SET created_at = ${at("0")} - interval '1 day';`);
  });

  await step("check_rollups: hour and day, GROUP BY over the raw rows", async () => {
    await run.exec(`
      -- A maintenance check counts only in maintenance (record-check's addToRollups): no
      -- status, no latency.
      CREATE UNLOGGED TABLE bench_agg AS
        SELECT system_id, date_trunc('hour', checked_at AT TIME ZONE 'UTC') AS hour, status, maintenance AS maint,
               CASE WHEN NOT maintenance THEN ${sqlBucketIndex("response_time_ms::float8")} END AS bk,
               count(*)::int AS n, count(response_time_ms) FILTER (WHERE NOT maintenance)::int AS lat_n,
               sum(response_time_ms::float8) FILTER (WHERE NOT maintenance) AS lat_sum, max(response_time_ms) FILTER (WHERE NOT maintenance) AS lat_max
        FROM health_checks GROUP BY 1, 2, 3, 4, 5;`);
    // Time-ordered, like the scheduler appends them: an hour's rows sit together on disk.
    const part = (period: string, key: string) => `
        SELECT system_id, '${period}'::"RollupPeriod" AS period, (${key}) AT TIME ZONE 'UTC' AS bucket_start,
               COALESCE(sum(n) FILTER (WHERE NOT maint), 0) AS checks, COALESCE(sum(n) FILTER (WHERE status = 'healthy' AND NOT maint), 0) AS healthy,
               COALESCE(sum(n) FILTER (WHERE status = 'degraded' AND NOT maint), 0) AS degraded, COALESCE(sum(n) FILTER (WHERE status = 'down' AND NOT maint), 0) AS down,
               COALESCE(sum(n) FILTER (WHERE maint), 0) AS maintenance, sum(lat_n) AS latency_count, COALESCE(sum(lat_sum), 0) AS latency_sum, max(lat_max) AS latency_max,
               ${histArraySql()} AS latency_hist
        FROM bench_agg GROUP BY system_id, ${key}`;
    await run.exec(`
      INSERT INTO check_rollups (system_id, period, bucket_start, checks, healthy, degraded, down, maintenance, latency_count, latency_sum, latency_max, latency_hist)
      SELECT * FROM (${part("day", "date_trunc('day', hour)")} UNION ALL ${part("hour", "hour")}) r
      ORDER BY bucket_start, period DESC, system_id`);
  });

  const verification = await step("verify: rollups and histogram buckets", () => verify(database));
  for (const v of verification) log(`    ${v}`);

  // After the verification, which replays raw checks: these state changes have no raw rows.
  await step("attention and metrics: flapping, misconfigured, samples, rollups", () => addAttentionAndMetrics(database, options));

  await step("cleanup: drop the generator's tables, VACUUM the read tables", async () => {
    await run.exec(`DROP TABLE IF EXISTS bench_sys, bench_incidents, bench_minutes, bench_changes, bench_changes2, bench_agg;`);
    // Hint bits and the visibility map are set, as they would be on a database that has been
    // running for a month. No ANALYZE: embedded PGlite runs no autovacuum, so the app's own
    // database has no planner statistics either (--analyze adds them).
    for (const t of ["clients", "systems", "status_changes", "check_rollups", "metric_samples", "metric_rollups"]) await run.exec(`VACUUM ${t}`);
  });

  const tables = await step("count: rows per table", () => tableFigures(database));
  return { steps, totalSeconds: (performance.now() - started) / 1000, tables, verification };
}

export async function tableFigures(database: Database, withCounts = true): Promise<TableFigures[]> {
  const out: TableFigures[] = [];
  for (const table of APP_TABLES) {
    const [size] = await database.runner.query<{ bytes: string }>(`SELECT pg_total_relation_size('${table}')::text AS bytes`);
    const rows = withCounts ? Number((await database.runner.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]!.n) : Number.NaN;
    out.push({ table, rows, bytes: Number(size!.bytes) });
  }
  return out;
}

/** Checks the SQL buckets against bucketIndex() and sample rollups against their raw rows. */
async function verify(database: Database): Promise<string[]> {
  const run = database.runner;
  const lines: string[] = [];

  // 1. The SQL bucket function against the TypeScript one: stored latencies and edge values.
  const sample = await run.query<{ v: number; bk: number | null }>(
    `SELECT response_time_ms::float8 AS v, ${sqlBucketIndex("response_time_ms::float8")} AS bk
     FROM health_checks TABLESAMPLE SYSTEM (1) WHERE response_time_ms IS NOT NULL LIMIT 20000`,
  );
  const edges: number[] = [0, 0.5, 1, Math.fround(1.0000001), 1.0000001, 60_000, 1e9];
  for (let k = 0; k <= HISTOGRAM_BUCKETS + 1; k++) {
    const b = 2 ** (k / 4);
    edges.push(b, b * (1 + 1e-12), b * (1 - 1e-12), Math.fround(b), b * 1.0001, b * 0.9999);
  }
  const edgeRows = await run.query<{ v: number; bk: number | null }>(`SELECT v, ${sqlBucketIndex("v")} AS bk FROM unnest($1::float8[]) v`, [edges]);
  const all = [...sample, ...edgeRows];
  const mismatches = all.filter((r) => (r.bk === null ? null : Number(r.bk)) !== bucketIndex(Number(r.v)));
  lines.push(
    `histogram buckets: SQL = bucketIndex() for ${int(all.length - mismatches.length)} of ${int(all.length)} values ` +
      `(${int(sample.length)} stored latencies + ${edges.length} bucket-edge values)` +
      (mismatches.length ? ` — MISMATCHES: ${mismatches.slice(0, 5).map((m) => `${m.v}→${m.bk} vs ${bucketIndex(Number(m.v))}`).join(", ")}` : ": all equal"),
  );
  if (mismatches.length) throw new Error(`the SQL histogram bucket function disagrees with bucketIndex(): ${lines.at(-1)}`);

  // 2. Sample rollups recomputed from their raw rows in TypeScript, as recordCheck would add them.
  type Rollup = { system_id: string; period: string; bucket_start: Date; checks: number; healthy: number; degraded: number; down: number; maintenance: number; latency_count: number; latency_sum: number; latency_max: number | null; latency_hist: number[] };
  const rollups = [
    ...(await run.query<Rollup>(`SELECT * FROM check_rollups TABLESAMPLE SYSTEM (5) WHERE period = 'hour' LIMIT 20`)),
    ...(await run.query<Rollup>(`SELECT * FROM check_rollups WHERE period = 'day' ORDER BY random() LIMIT 3`)),
    // Every rollup with maintenance checks, when there are any.
    ...(await run.query<Rollup>(`SELECT * FROM check_rollups WHERE maintenance > 0 LIMIT 12`)),
  ];
  let bad = 0;
  for (const r of rollups) {
    const end = new Date(new Date(r.bucket_start).getTime() + (r.period === "hour" ? 3_600_000 : 86_400_000));
    const rows = await run.query<{ status: string; ms: number | null; maintenance: boolean }>(
      `SELECT status::text, response_time_ms::float8 AS ms, maintenance FROM health_checks WHERE system_id = $1 AND checked_at >= $2 AND checked_at < $3`,
      [r.system_id, r.bucket_start, end],
    );
    const raw = rows.filter((x) => !x.maintenance);
    const withLatency = raw.filter((x) => x.ms !== null).map((x) => Number(x.ms));
    const expected = {
      checks: raw.length,
      healthy: raw.filter((x) => x.status === "healthy").length,
      degraded: raw.filter((x) => x.status === "degraded").length,
      down: raw.filter((x) => x.status === "down").length,
      maintenance: rows.length - raw.length,
      latency_count: withLatency.length,
      latency_max: withLatency.length ? Math.max(...withLatency) : null,
      hist: mergeHistograms(raw.map((x) => histogramOf(x.ms))),
    };
    const sum = withLatency.reduce((a, b) => a + b, 0);
    const same =
      Number(r.checks) === expected.checks &&
      Number(r.healthy) === expected.healthy &&
      Number(r.degraded) === expected.degraded &&
      Number(r.down) === expected.down &&
      Number(r.maintenance) === expected.maintenance &&
      Number(r.latency_count) === expected.latency_count &&
      (r.latency_max === null ? expected.latency_max === null : Math.abs(Number(r.latency_max) - (expected.latency_max ?? NaN)) < 1e-3) &&
      Math.abs(Number(r.latency_sum) - sum) <= 1e-6 * Math.max(1, sum) &&
      r.latency_hist.length === HISTOGRAM_BUCKETS &&
      r.latency_hist.every((v, i) => Number(v) === expected.hist[i]);
    if (!same) bad++;
  }
  lines.push(`rollups: ${rollups.length - bad} of ${rollups.length} sampled rows (hour and day, maintenance ones included) equal their raw rows recomputed with histogramOf()/mergeHistograms()${bad ? " — MISMATCH" : ""}`);
  if (bad) throw new Error(`${bad} sampled rollups disagree with their raw rows`);

  // 3. Totals: every raw row is in exactly one hour and one day rollup.
  const [totals] = await run.query<{ raw: string; hour: string; day: string }>(
    `SELECT (SELECT count(*) FROM health_checks)::text AS raw,
            (SELECT sum(checks + maintenance) FROM check_rollups WHERE period = 'hour')::text AS hour,
            (SELECT sum(checks + maintenance) FROM check_rollups WHERE period = 'day')::text AS day`,
  );
  const ok = totals!.raw === totals!.hour && totals!.raw === totals!.day;
  lines.push(`totals: ${int(Number(totals!.raw))} raw rows = ${int(Number(totals!.hour))} in hour rollups = ${int(Number(totals!.day))} in day rollups${ok ? "" : " — MISMATCH"}`);
  if (!ok) throw new Error("rollup totals disagree with the raw rows");

  // 4. The confirmed states: every system has exactly one open state, and every change's start
  //    is one of its raw rows with the status it names.
  const [states] = await run.query<{ open: string; systems: string; changes: string; unmatched: string }>(
    `SELECT (SELECT count(*) FROM status_changes WHERE ended_at IS NULL)::text AS open,
            (SELECT count(*) FROM systems)::text AS systems,
            (SELECT count(*) FROM status_changes)::text AS changes,
            (SELECT count(*) FROM status_changes c WHERE NOT EXISTS (
               SELECT 1 FROM health_checks h WHERE h.system_id = c.system_id AND h.checked_at = c.started_at AND h.status = c.to_status))::text AS unmatched`,
  );
  const statesOk = states!.open === states!.systems && states!.unmatched === "0";
  lines.push(`status_changes: ${int(Number(states!.changes))} rows, one open state per system (${states!.open}/${states!.systems}), every start is a raw row of that status${statesOk ? "" : ` — ${states!.unmatched} NOT`}`);
  if (!statesOk) throw new Error("status_changes disagree with the raw rows");

  // 5. Replay: a few systems' raw rows through the app's own confirmation rules
  //    (lib/monitoring/confirm-state.ts) give exactly their stored status_changes and state.
  const picked = await run.query<{ id: string; status: string; status_changed_at: Date; pending_status: string | null }>(
    `(SELECT id, status::text, status_changed_at, pending_status::text FROM systems WHERE status <> 'healthy' LIMIT 1)
     UNION ALL (SELECT id, status::text, status_changed_at, pending_status::text FROM systems ORDER BY random() LIMIT 3)`,
  );
  let replayed = 0;
  let replayedRows = 0;
  for (const sys of picked) {
    const rows = await run.query<{ checked_at: Date; status: ProbeStatus; reason: string }>(
      `SELECT checked_at, status::text AS status, reason FROM health_checks WHERE system_id = $1 ORDER BY checked_at`,
      [sys.id],
    );
    replayedRows += rows.length;
    let state = initialSystemState(new Date(0));
    const changes: StateChange[] = [];
    for (const r of rows) {
      const next = nextSystemState(state, { status: r.status, reason: r.reason, at: new Date(r.checked_at) }, 2);
      state = next.state;
      if (next.change) changes.push(next.change);
    }
    const stored = await run.query<{ from_status: string; to_status: string; started_at: Date; reason: string }>(
      `SELECT from_status::text, to_status::text, started_at, reason FROM status_changes WHERE system_id = $1 ORDER BY started_at`,
      [sys.id],
    );
    const same =
      stored.length === changes.length &&
      stored.every((c, i) => c.from_status === changes[i]!.from && c.to_status === changes[i]!.to && new Date(c.started_at).getTime() === changes[i]!.at.getTime() && c.reason === changes[i]!.reason) &&
      sys.status === state.status &&
      new Date(sys.status_changed_at).getTime() === state.since.getTime() &&
      (sys.pending_status ?? null) === (state.pending?.status ?? null);
    if (same) replayed++;
  }
  lines.push(`replay: ${replayed} of ${picked.length} systems' raw rows (${int(replayedRows)}) through confirm-state.ts give exactly their stored status_changes and current state`);
  if (replayed !== picked.length) throw new Error("replaying raw rows through confirm-state.ts disagrees with the stored state history");
  return lines;
}
