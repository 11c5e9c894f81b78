// Today's automations per client, "today" being each client's own day: the daily rollup bucket
// that starts at date_trunc('day', now, client zone). One query for every client of the
// dashboard (a primary-key lookup per system), read by get_all_clients_status and the lists.
import { scopeSql } from "@/lib/client-scope";
import type { TodayVolume } from "@/lib/clients/client-output";
import type { Context } from "@/lib/context";

export async function todayMetricsByClient(ctx: Context, clientRefs: string[]): Promise<Map<string, TodayVolume>> {
  const result = new Map<string, TodayVolume>();
  if (clientRefs.length === 0) return result;
  const now = ctx.clock.now();
  // date_trunc once per zone in use (not once per system row): the day's start is then an
  // equality on the primary key (system_id, 'day', bucket_start).
  const rows = await ctx.db.$queryRaw<{ client_ref: string; total: string | null; successful: string | null }[]>`
    WITH z AS (
      SELECT tz AS zone, date_trunc('day', ${now}::timestamptz, tz) AS day_start
      FROM (SELECT DISTINCT time_zone AS tz FROM clients WHERE id = ANY(${clientRefs}::uuid[])) AS zones
    )
    SELECT s.client_ref, SUM(r.total_automations)::text AS total, SUM(r.successful_automations)::text AS successful
    FROM clients c
    JOIN z ON z.zone = c.time_zone
    JOIN systems s ON s.client_ref = c.id
    JOIN metric_rollups r ON r.system_id = s.id AND r.period = 'day' AND r.bucket_start = z.day_start
    WHERE c.id = ANY(${clientRefs}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
    GROUP BY s.client_ref`;
  for (const r of rows) result.set(r.client_ref, { total: Number(r.total ?? 0), successful: Number(r.successful ?? 0) });
  return result;
}
