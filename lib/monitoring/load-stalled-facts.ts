// The I/O side of "stalled" (the rule is pure, in ./stalled.ts): loads what the rule needs for
// many systems at once, straight from the metrics tables (metric_samples, metric_rollups and the
// systems' cursor) without importing the metrics domain, which may import monitoring.
//
// Cost, bounded in two steps so a dashboard of hundreds of systems stays cheap:
// 1. one query for the healthy enabled systems: cursor, interval, and the end of the last sample
//    that counted automations (a LATERAL LIMIT 1 walk back the (system_id, period_end) index,
//    over the last 90 days at most);
// 2. only for the systems that could be stalled (collection current, quiet longer than the
//    floor — nothing quieter can be stalled, whatever its history), one query for their hourly
//    rollups of the learning window (≤ 672 rows each, the rollups' primary key).
import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { getEnv } from "@/lib/env";
import type { SystemStatus } from "./confirm-state";
import { assessStalled, collectionLagMs, DEFAULT_STALLED_RULES, type QuietHourBucket, type StalledRules, type StalledVerdict } from "./stalled";

const DAY_MS = 86_400_000;
/** How far back the last automation is looked for: a longer silence still reads "stalled", since then. */
const LAST_ACTIVE_LOOKBACK_MS = 90 * DAY_MS;

/** The floor and the history needed, from the environment (STALLED_MIN_GAP_MINUTES, STALLED_MIN_HISTORY_DAYS). */
export function stalledRules(): StalledRules {
  const env = getEnv();
  return { ...DEFAULT_STALLED_RULES, floorMs: env.STALLED_MIN_GAP_MINUTES * 60_000, minHistoryMs: env.STALLED_MIN_HISTORY_DAYS * DAY_MS };
}

export interface StalledSystemRow {
  id: string;
  enabled: boolean;
  status: SystemStatus;
}

/**
 * The rule's verdict for each given system that could be stalled, keyed by system id. Systems
 * absent from the map cannot be: not enabled and healthy, metrics not collected lately, or
 * quiet for no longer than the floor.
 */
export async function loadStalledVerdicts(ctx: Context, systems: readonly StalledSystemRow[], rules: StalledRules = stalledRules()): Promise<Map<string, StalledVerdict>> {
  const out = new Map<string, StalledVerdict>();
  const ids = systems.filter((s) => s.enabled && s.status === "healthy").map((s) => s.id);
  if (ids.length === 0) return out;
  const now = ctx.clock.now();
  const nowMs = now.getTime();

  const rows = await ctx.db.$queryRaw<{ id: string; metrics_cursor: Date | null; metrics_interval_sec: number; last_active_at: Date | null }[]>`
    SELECT s.id, s.metrics_cursor, s.metrics_interval_sec, last.period_end AS last_active_at
    FROM systems s
    LEFT JOIN LATERAL (
      SELECT ms.period_end FROM metric_samples ms
      WHERE ms.system_id = s.id AND ms.total_automations > 0
        AND ms.period_end > ${new Date(nowMs - LAST_ACTIVE_LOOKBACK_MS)}::timestamptz AND ms.period_end <= ${now}::timestamptz
      ORDER BY ms.period_end DESC LIMIT 1
    ) last ON TRUE
    WHERE s.id = ANY(${ids}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}`;

  const status = new Map(systems.map((s) => [s.id, s]));
  const inputs = rows.map((r) => ({
    id: r.id,
    enabled: true,
    status: status.get(r.id)!.status,
    cursor: r.metrics_cursor ? new Date(r.metrics_cursor) : null,
    intervalMs: r.metrics_interval_sec * 1000,
    lastActiveAt: r.last_active_at ? new Date(r.last_active_at) : null,
  }));
  // Only these can be stalled: collected lately, and quiet (up to the cursor) beyond the floor.
  const candidates = inputs.filter(
    (s) =>
      s.cursor !== null &&
      nowMs - Math.min(s.cursor.getTime(), nowMs) <= collectionLagMs(s.intervalMs, rules) &&
      (s.lastActiveAt === null || s.cursor.getTime() - s.lastActiveAt.getTime() > rules.floorMs),
  );
  const hoursBySystem = new Map<string, QuietHourBucket[]>();
  if (candidates.length > 0) {
    const hours = await ctx.db.$queryRaw<{ system_id: string; bucket_start: Date; covered_ms: bigint; total_automations: bigint }[]>`
      SELECT r.system_id, r.bucket_start, r.covered_ms, r.total_automations
      FROM metric_rollups r
      WHERE r.system_id = ANY(${candidates.map((c) => c.id)}::uuid[]) AND r.period = 'hour'
        AND r.bucket_start >= ${new Date(nowMs - rules.learnWindowMs)}::timestamptz AND r.bucket_start < ${now}::timestamptz`;
    for (const h of hours) {
      const list = hoursBySystem.get(h.system_id) ?? [];
      list.push({ start: new Date(h.bucket_start), coveredMs: Number(h.covered_ms), totalAutomations: Number(h.total_automations) });
      hoursBySystem.set(h.system_id, list);
    }
  }
  for (const s of candidates) out.set(s.id, assessStalled({ ...s, hours: hoursBySystem.get(s.id) ?? [] }, now, rules));
  return out;
}
