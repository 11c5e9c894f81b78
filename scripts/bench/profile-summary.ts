// Dev tool: EXPLAIN ANALYZE and time each SQL query of the dashboard summary on a bench database.
export {};
// tsx scripts/bench/profile-summary.ts pglite:<dataDir> | postgres:<url>
process.env.LOG_LEVEL ??= "error";
const { openDatabase } = await import("@/lib/db/client");
const arg = process.argv[2] ?? "";
const target = arg.startsWith("pglite:") ? { kind: "pglite" as const, dataDir: arg.slice(7) } : { kind: "postgres" as const, url: arg.slice(9) };
const db = await openDatabase(target);
const run = db.runner;
const now = new Date();
const DAY = 86_400_000;
const refs = (await run.query<{ id: string }>(`SELECT id FROM clients WHERE active`)).map((r) => r.id);
const sys = await run.query<{ id: string; status: string }>(`SELECT s.id, s.status::text FROM systems s JOIN clients c ON c.id = s.client_ref WHERE c.active AND s.enabled`);
const ids = sys.map((s) => s.id);
const healthy = sys.filter((s) => s.status === "healthy").map((s) => s.id);
const only = process.argv[3];
const queries: [string, string, unknown[]][] = [
  [
    "uptimeByClient",
    `WITH iv AS (
      SELECT s.client_ref, sc.to_status AS status, sc.started_at AS a, LEAST(COALESCE(sc.ended_at, $2::timestamptz), $2::timestamptz) AS b
      FROM status_changes sc JOIN systems s ON s.id = sc.system_id
      WHERE s.enabled AND s.client_ref = ANY($1::uuid[]) AND TRUE
        AND (sc.ended_at IS NULL OR sc.ended_at > $4::timestamptz) AND sc.started_at < $2::timestamptz
    ), clipped AS (
      SELECT client_ref, status, a,
        GREATEST(0, date_part('epoch', b) - date_part('epoch', GREATEST(a, $3::timestamptz))) AS d24,
        GREATEST(0, date_part('epoch', b) - date_part('epoch', GREATEST(a, $4::timestamptz))) AS d30
      FROM iv
    )
    SELECT client_ref,
      COALESCE(SUM(d24) FILTER (WHERE status IN ('healthy', 'degraded')), 0)::float8 AS up24,
      COALESCE(SUM(d24) FILTER (WHERE status <> 'unknown'), 0)::float8 AS known24,
      COALESCE(SUM(d30) FILTER (WHERE status IN ('healthy', 'degraded')), 0)::float8 AS up30,
      COALESCE(SUM(d30) FILTER (WHERE status <> 'unknown'), 0)::float8 AS known30,
      MIN(GREATEST(a, $3::timestamptz)) FILTER (WHERE status <> 'unknown' AND d24 > 0) AS first24,
      MIN(GREATEST(a, $4::timestamptz)) FILTER (WHERE status <> 'unknown' AND d30 > 0) AS first30
    FROM clipped GROUP BY client_ref`,
    [refs, now, new Date(now.getTime() - DAY), new Date(now.getTime() - 30 * DAY)],
  ],
  [
    "attention status_changes",
    `SELECT sc.system_id, sc.to_status::text AS status, sc.started_at, sc.ended_at
      FROM status_changes sc
      WHERE sc.system_id = ANY($1::uuid[]) AND TRUE
        AND (sc.ended_at IS NULL OR sc.ended_at > $2::timestamptz) AND sc.started_at < $3::timestamptz
      ORDER BY sc.system_id, sc.started_at`,
    [ids, new Date(now.getTime() - 30 * DAY), now],
  ],
  [
    "stalled step 1",
    `SELECT s.id, s.metrics_cursor, s.metrics_interval_sec, last.period_end AS last_active_at
    FROM systems s
    LEFT JOIN LATERAL (
      SELECT ms.period_end FROM metric_samples ms
      WHERE ms.system_id = s.id AND ms.total_automations > 0
        AND ms.period_end > $2::timestamptz AND ms.period_end <= $3::timestamptz
      ORDER BY ms.period_end DESC LIMIT 1
    ) last ON TRUE
    WHERE s.id = ANY($1::uuid[]) AND TRUE
      AND s.metrics_cursor >= $3::timestamptz - greatest(2::int * s.metrics_interval_sec * interval '1 second', 1800000::int * interval '1 millisecond')`,
    [healthy, new Date(now.getTime() - 90 * DAY), now],
  ],
  [
    "today metrics",
    `WITH z AS MATERIALIZED (
      SELECT tz AS zone, date_trunc('day', $2::timestamptz, tz) AS day_start
      FROM (SELECT DISTINCT time_zone AS tz FROM clients WHERE id = ANY($1::uuid[])) AS zones
    ), r AS MATERIALIZED (
      SELECT s.client_ref, c.time_zone, r.bucket_start, r.total_automations, r.successful_automations
      FROM (SELECT DISTINCT day_start FROM z) d
      JOIN metric_rollups r ON r.period = 'day' AND r.bucket_start = d.day_start
      JOIN systems s ON s.id = r.system_id
      JOIN clients c ON c.id = s.client_ref
      WHERE c.id = ANY($1::uuid[]) AND TRUE
    )
    SELECT r.client_ref, SUM(r.total_automations)::text AS total, SUM(r.successful_automations)::text AS successful
    FROM r JOIN z ON z.zone = r.time_zone AND z.day_start = r.bucket_start
    GROUP BY r.client_ref`,
    [refs, now],
  ],
  [
    "today metrics old",
    `WITH z AS (
      SELECT tz AS zone, date_trunc('day', $2::timestamptz, tz) AS day_start
      FROM (SELECT DISTINCT time_zone AS tz FROM clients WHERE id = ANY($1::uuid[])) AS zones
    )
    SELECT s.client_ref, SUM(r.total_automations)::text AS total, SUM(r.successful_automations)::text AS successful
    FROM clients c
    JOIN z ON z.zone = c.time_zone
    JOIN systems s ON s.client_ref = c.id
    JOIN metric_rollups r ON r.system_id = s.id AND r.period = 'day' AND r.bucket_start = z.day_start
    WHERE c.id = ANY($1::uuid[]) AND TRUE
    GROUP BY s.client_ref`,
    [refs, now],
  ],
  [
    "stalled step 1 new",
    `WITH recent AS MATERIALIZED (
      SELECT r.system_id, max(r.bucket_start) AS active_from
      FROM metric_rollups r
      WHERE r.period = 'hour' AND r.bucket_start >= $4::timestamptz AND r.total_automations > 0
      GROUP BY r.system_id
    )
    SELECT s.id, s.metrics_cursor, s.metrics_interval_sec, last.period_end AS last_active_at
    FROM systems s
    LEFT JOIN recent ON recent.system_id = s.id
    LEFT JOIN LATERAL (
      SELECT ms.period_end FROM metric_samples ms
      WHERE ms.system_id = s.id AND ms.total_automations > 0
        AND ms.period_end > $2::timestamptz AND ms.period_end <= $3::timestamptz
        AND NOT (s.metrics_cursor <= $3::timestamptz AND recent.active_from IS NOT NULL
                 AND recent.active_from >= s.metrics_cursor - 7200000::int * interval '1 millisecond')
      ORDER BY ms.period_end DESC LIMIT 1
    ) last ON TRUE
    WHERE s.id = ANY($1::uuid[]) AND TRUE
      AND s.metrics_cursor >= $3::timestamptz - greatest(2::int * s.metrics_interval_sec * interval '1 second', 1800000::int * interval '1 millisecond')`,
    [healthy, new Date(now.getTime() - 90 * DAY), now, new Date(now.getTime() - 4 * 3_600_000)],
  ],
];
for (const [name, sql, params] of queries) {
  if (only && !name.includes(only)) continue;
  const plan = await run.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  console.log(`\n=== ${name}\n${plan.map((r) => String(Object.values(r)[0]).replace(/\{[0-9a-f,-]{200,}\}/g, "{…ids…}")).join("\n")}`);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await run.query(sql, params);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`--- ${name}: p50 ${times[10]!.toFixed(1)} ms, max ${times[19]!.toFixed(1)} ms`);
}
await db.close();
