import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { TodayVolume } from "./client-output";

/** Automations reported today (UTC day of the context clock), per client row id (of the caller's scope). */
export async function todayVolumesByClient(ctx: Context, clientRefs: string[]): Promise<Map<string, TodayVolume>> {
  const result = new Map<string, TodayVolume>();
  if (clientRefs.length === 0) return result;
  const now = ctx.clock.now();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows = await ctx.db.$queryRaw<{ client_ref: string; total: bigint | null; successful: bigint | null }[]>`
    SELECT s.client_ref, SUM(m.total_automations) AS total, SUM(m.successful_automations) AS successful
    FROM metric_samples m JOIN systems s ON s.id = m.system_id
    WHERE m.period_start >= ${dayStart} AND s.client_ref = ANY(${clientRefs}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
    GROUP BY s.client_ref`;
  for (const r of rows) result.set(r.client_ref, { total: Number(r.total ?? 0), successful: Number(r.successful ?? 0) });
  return result;
}
