// The I/O side of "stalled" (the rule is pure, in ./stalled.ts): loads what the rule needs for
// many systems at once, straight from the metrics tables (metric_samples, metric_rollups and the
// systems' cursor) without importing the metrics domain, which may import monitoring.
//
// Cost, bounded in two steps so a dashboard of hundreds of systems stays cheap:
// 1. one query for the healthy enabled systems whose collection is current: cursor, interval,
//    and the end of the last sample that counted automations (a LATERAL LIMIT 1 walk back the
//    (system_id, period_end) index, over the last 90 days at most);
// 2. only for the systems that could be stalled (collection current, quiet longer than the
//    floor — nothing quieter can be stalled, whatever its history), their learned history: the
//    collected time and the longest quiet run of the last 28 days (quietHistories, the SQL twin
//    of learnQuietHistory in stalled.ts, tested to agree with it). That scans ≤ 672 hourly rollups
//    per system — 5 to 15 ms a system on this 2-core machine under load (measured: 25 systems,
//    130–200 ms on PostgreSQL, 180–400 ms on PGlite) — and at night most low-volume systems are
//    candidates. So the learned history
//    is kept per process and relearned after RELEARN_AFTER_HOURS (6; 28 days move little in 6 h),
//    and one call learns at most LEARN_PER_CALL (10) systems that have none or an old one, oldest
//    first; the others use what they learned before, and a system never learned yet is judged
//    on a later call (after a restart, 1,500 quiet systems are all judged after 150 dashboard
//    refreshes; relearning them takes 25 calls an hour). Measured with
//    300 systems (100 candidates, 28 days of hourly rollups each): 20–50 ms a call once learned.
import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { getEnv } from "@/lib/env";
import type { SystemStatus } from "./confirm-state";
import { assessStalled, collectionLagMs, DEFAULT_STALLED_RULES, type QuietHistory, type StalledRules, type StalledVerdict } from "./stalled";

const DAY_MS = 86_400_000;
/** How far back the last automation is looked for: a longer silence still reads "stalled", since then. */
const LAST_ACTIVE_LOOKBACK_MS = 90 * DAY_MS;

/** Systems whose learned history one call may (re)compute: bounds a call's cost (see above). */
export const LEARN_PER_CALL = 10;
const LEARNED_MAX = 50_000;
/** A learned history is relearned once it is this many clock hours old (28 days move little in 6 h). */
export const RELEARN_AFTER_HOURS = 6;
const HOUR_MS = 3_600_000;
/** How far before the floor the recent hourly rollups are scanned (covers collection lag; wider only costs rows). */
const RECENT_SLACK_MS = 2 * HOUR_MS;
/** systemId → its learned history and the clock hour (ms / 1 h) it was learned for. Bounded (oldest insertions dropped). */
const learned = new Map<string, { hour: number; history: QuietHistory }>();

/** Tests: forget every learned history (as after a restart). */
export function forgetLearnedHistories(): void {
  learned.clear();
}

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

  // Most systems counted automations within the floor before their cursor, so they cannot be
  // candidates: one range scan of the recent hourly rollups proves it for them (a bucket with
  // automations starting at b holds part of an active sample that ends after b, and no later
  // than the cursor when the cursor is not in the future), and the walk back the samples runs
  // only for the others. Same verdicts, a few hundred index probes fewer per call.
  const recentFrom = new Date(nowMs - rules.floorMs - RECENT_SLACK_MS);
  const rows = await ctx.db.$queryRaw<{ id: string; metrics_cursor: Date | null; metrics_interval_sec: number; last_active_at: Date | null }[]>`
    WITH recent AS MATERIALIZED (
      SELECT r.system_id, max(r.bucket_start) AS active_from
      FROM metric_rollups r
      WHERE r.period = 'hour' AND r.bucket_start >= ${recentFrom}::timestamptz AND r.total_automations > 0
      GROUP BY r.system_id
    )
    SELECT s.id, s.metrics_cursor, s.metrics_interval_sec, last.period_end AS last_active_at
    FROM systems s
    LEFT JOIN recent ON recent.system_id = s.id
    LEFT JOIN LATERAL (
      SELECT ms.period_end FROM metric_samples ms
      WHERE ms.system_id = s.id AND ms.total_automations > 0
        AND ms.period_end > ${new Date(nowMs - LAST_ACTIVE_LOOKBACK_MS)}::timestamptz AND ms.period_end <= ${now}::timestamptz
        -- Not for a system proven active within the floor (then last_active_at is null: not a candidate).
        AND NOT (s.metrics_cursor <= ${now}::timestamptz AND recent.active_from IS NOT NULL
                 AND recent.active_from >= s.metrics_cursor - ${rules.floorMs}::int * interval '1 millisecond')
      ORDER BY ms.period_end DESC LIMIT 1
    ) last ON TRUE
    WHERE s.id = ANY(${ids}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
      -- Collection current (collectionLagMs): the walk back above runs only for these.
      AND s.metrics_cursor >= ${now}::timestamptz - greatest(${rules.collectionLagIntervals}::int * s.metrics_interval_sec * interval '1 second', ${rules.minCollectionLagMs}::int * interval '1 millisecond')
      -- Only the candidates come back (the filter below keeps exactly these): on PGlite, handing
      -- over a row costs more than finding it, and most systems are not candidates.
      AND last.period_end IS NOT NULL AND s.metrics_cursor - last.period_end > ${rules.floorMs}::int * interval '1 millisecond'`;

  const status = new Map(systems.map((s) => [s.id, s]));
  const inputs = rows.map((r) => ({
    id: r.id,
    enabled: true,
    status: status.get(r.id)!.status,
    cursor: r.metrics_cursor ? new Date(r.metrics_cursor) : null,
    intervalMs: r.metrics_interval_sec * 1000,
    lastActiveAt: r.last_active_at ? new Date(r.last_active_at) : null,
  }));
  // Only these can be stalled: collected lately, active once, and quiet (up to the cursor) beyond the floor.
  const candidates = inputs.filter(
    (s) =>
      s.cursor !== null &&
      s.lastActiveAt !== null &&
      nowMs - Math.min(s.cursor.getTime(), nowMs) <= collectionLagMs(s.intervalMs, rules) &&
      s.cursor.getTime() - s.lastActiveAt.getTime() > rules.floorMs,
  );
  // The learning window ends at a whole clock hour: the hour a history was learned for says what it covers.
  const hour = Math.floor(nowMs / HOUR_MS);
  const learnedHour = (id: string) => learned.get(id)?.hour ?? Number.MIN_SAFE_INTEGER; // never learned: first
  const toLearn = candidates
    .filter((c) => learnedHour(c.id) <= hour - RELEARN_AFTER_HOURS)
    .sort((a, b) => learnedHour(a.id) - learnedHour(b.id))
    .slice(0, LEARN_PER_CALL)
    .map((c) => c.id);
  if (toLearn.length > 0) {
    const fresh = await quietHistories(ctx, toLearn, { from: new Date(hour * HOUR_MS - rules.learnWindowMs), to: new Date(hour * HOUR_MS) });
    for (const id of toLearn) {
      learned.delete(id); // re-inserted last: the Map's order is the eviction order
      learned.set(id, { hour, history: fresh.get(id) ?? { coveredMs: 0, longestQuietRunHours: 0 } });
    }
    while (learned.size > LEARNED_MAX) learned.delete(learned.keys().next().value!);
  }
  for (const s of candidates) {
    const known = learned.get(s.id);
    if (known) out.set(s.id, assessStalled({ ...s, history: known.history }, now, rules));
  }
  return out;
}

/**
 * learnQuietHistory in SQL, for many systems at once over hourly rollups in [from, to): the
 * collected time (at most an hour per hour) and the longest run of consecutive quiet hours
 * (collected ≥ half the hour, no automation) followed by an hour with automations. Consecutive
 * quiet hours share (hour number − row number): the classic gaps-and-islands grouping.
 */
export async function quietHistories(ctx: Context, systemIds: readonly string[], window: { from: Date; to: Date }): Promise<Map<string, QuietHistory>> {
  const out = new Map<string, QuietHistory>();
  if (systemIds.length === 0) return out;
  // Window functions only (no self-join): PGlite has no statistics and would nest-loop a join.
  const rows = await ctx.db.$queryRaw<{ system_id: string; covered_ms: bigint | number | null; longest: bigint | number | null }[]>`
    WITH h AS (
      SELECT r.system_id, r.covered_ms, r.total_automations, floor(extract(epoch FROM r.bucket_start) / 3600)::bigint AS hour_no,
        lead(floor(extract(epoch FROM r.bucket_start) / 3600)::bigint) OVER w AS next_hour,
        lead(r.total_automations) OVER w AS next_total
      FROM metric_rollups r
      WHERE r.system_id = ANY(${systemIds}::uuid[]) AND r.period = 'hour'
        AND r.bucket_start >= ${window.from}::timestamptz AND r.bucket_start < ${window.to}::timestamptz
      WINDOW w AS (PARTITION BY r.system_id ORDER BY r.bucket_start)
    ),
    runs AS (
      -- Consecutive quiet hours share (hour number − row number): gaps and islands. Only a run's
      -- last hour can be followed by the next hour with automations: that run was ended by activity.
      SELECT system_id, count(*) AS len, bool_or(next_hour = hour_no + 1 AND next_total > 0) AS ended
      FROM (
        SELECT system_id, hour_no, next_hour, next_total, hour_no - row_number() OVER (PARTITION BY system_id ORDER BY hour_no) AS island
        FROM h WHERE total_automations = 0 AND covered_ms * 2 >= 3600000
      ) quiet
      GROUP BY system_id, island
    )
    SELECT c.system_id, c.covered_ms, e.longest
    FROM (SELECT system_id, sum(least(covered_ms, 3600000)) AS covered_ms FROM h GROUP BY system_id) c
    LEFT JOIN (SELECT system_id, max(len) AS longest FROM runs WHERE ended GROUP BY system_id) e ON e.system_id = c.system_id`;
  for (const r of rows) out.set(r.system_id, { coveredMs: Number(r.covered_ms ?? 0), longestQuietRunHours: Number(r.longest ?? 0) });
  return out;
}
