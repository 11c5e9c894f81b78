// A client's systems over time, for the client page and the REST edge: 90 daily uptime bars
// (worst confirmed state per UTC day), the latency series of a timeframe with its statistics,
// and the most recent confirmed state changes. Reads aggregates, never scans raw checks beyond
// the 24 h series: one status_changes query, one check_rollups query, and for 24 h one
// health_checks query, whatever the number of systems or days.
import { z } from "zod";
import { scopeSql, scopeSystemRows } from "@/lib/client-scope";
import { type VerbInput, strictObject, text } from "@/lib/input";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { clientIdSchema, uptimeFigureSchema } from "@/lib/clients/schemas";
import { requireScope, type Context } from "@/lib/context";
import { NotFoundError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import { withoutMaintenance, type TimeSpan } from "./maintenance-time";
import { computeUptime, windowFor, type StateInterval, type TimeWindow } from "./compute-uptime";
import { firstKnownInstant, uptimeFigure, windowCoverage } from "./coverage";
import type { SystemStatus } from "./confirm-state";
import {
  barsStart,
  DAY_MS,
  floorTo,
  HISTORY_TIMEFRAMES,
  historyWindow,
  HOUR_MS,
  isoDay,
  overlapsWindow,
  RECENT_STATE_CHANGES,
  rawPoints,
  rawSummary,
  rollupPoints,
  rollupSummary,
  TIMEFRAME_GRANULARITY,
  uptimeBars,
  type RawCheckRow,
  type RollupRow,
} from "./history-series";

export const systemHistoryInputSchema = strictObject({
  client_id: clientIdSchema,
  /** A system's name (any case); omit for all of the client's systems. */
  system: text().trim().min(1, "must not be empty").max(200, "must be at most 200 characters").optional(),
  timeframe: z.enum(HISTORY_TIMEFRAMES, { error: `must be one of ${HISTORY_TIMEFRAMES.join(", ")}` }).default("24h"),
});
export type SystemHistoryInput = z.input<typeof systemHistoryInputSchema>;

const status = z.enum(["healthy", "degraded", "down", "unknown"]);
const probeStatus = z.enum(["healthy", "degraded", "down"]);
const ms = z.number().nullable();

const summary = z.object({
  avg_ms: ms,
  p50_ms: ms,
  p95_ms: ms,
  p99_ms: ms,
  count: z.number(),
  /** true when the percentiles are estimated from hourly/daily histograms (±9 %, show as ≈); false for the exact 24 h figures from raw checks. */
  approximate: z.boolean(),
});
const latencyCommon = {
  /** Time-weighted uptime over the timeframe (degraded counts as up) with the span covered; null without coverage. */
  uptime: uptimeFigureSchema,
  stats: summary,
  /** The expected spacing of points: the check interval for raw checks, else the bucket size. */
  interval_ms: z.number(),
};
const rawLatency = z.object({
  granularity: z.literal("check"),
  /** maintenance: true marks a check made inside a maintenance window (plotted, left out of stats and uptime). */
  points: z.array(z.object({ t: z.string(), ms, status: probeStatus, maintenance: z.literal(true).optional() })),
  ...latencyCommon,
});
const rollupLatency = z.object({
  granularity: z.enum(["hour", "day"]),
  /** p95_ms of a bucket is estimated from its histogram (approximate). */
  points: z.array(z.object({ t: z.string(), avg_ms: ms, p95_ms: ms, checks: z.number() })),
  ...latencyCommon,
});

/** @public The output contract (its type is used; the schema is there for an MCP outputSchema). */
export const systemHistoryOutputSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  timeframe: z.enum(HISTORY_TIMEFRAMES),
  generated_at: z.string(),
  /** The latency window: the timeframe ending now. */
  window: z.object({ start: z.string(), end: z.string() }),
  /** The client's maintenance periods inside the window (their checks are out of every figure), oldest first. */
  maintenance: z.array(z.object({ start: z.string(), end: z.string() })),
  systems: z.array(
    z.object({
      system_name: z.string(),
      enabled: z.boolean(),
      status,
      /** Rolling 90-day uptime with its covered span, the same figure as get_system_health's uptime["90d"]. */
      uptime_90d: uptimeFigureSchema,
      uptime_bars: z.array(
        z.object({
          date: z.string(),
          status: z.enum(["healthy", "degraded", "down", "no_data"]),
          uptime_pct: z.number().nullable(),
          down_minutes: z.number(),
          degraded_minutes: z.number(),
          checks: z.number(),
        }),
      ),
      latency: z.discriminatedUnion("granularity", [rawLatency, rollupLatency]),
      state_changes: z.array(
        z.object({
          from: status,
          to: status,
          reason: z.string(),
          started_at: z.string(),
          ended_at: z.string().nullable(),
          /** null while the state is current. */
          duration_ms: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type SystemHistory = z.infer<typeof systemHistoryOutputSchema>;
export type SystemHistoryEntry = SystemHistory["systems"][number];
export type LatencySeries = SystemHistoryEntry["latency"];

interface ChangeRow {
  id: bigint;
  system_id: string;
  from_status: SystemStatus;
  to_status: SystemStatus;
  reason: string;
  started_at: Date;
  ended_at: Date | null;
}

export async function getSystemHistory({ ctx, input }: { ctx: Context; input: VerbInput<typeof systemHistoryInputSchema> }): Promise<SystemHistory> {
  requireScope(ctx, "read");
  const data = parseInput(systemHistoryInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  let systems = client.systems;
  if (data.system !== undefined) {
    const wanted = data.system.toLowerCase();
    systems = systems.filter((s) => s.name.toLowerCase() === wanted);
    if (systems.length === 0) throw new NotFoundError(`Client "${client.clientId}" has no system named "${data.system}"`);
  }

  const now = ctx.clock.now();
  const window = historyWindow(data.timeframe, now);
  const granularity = TIMEFRAME_GRANULARITY[data.timeframe];
  const rolling90 = windowFor("90d", now);
  const ids = systems.map((s) => s.id);

  const [changes, rollups, checks, maintenance] = ids.length === 0 ? [[], [], [], new Map<string, TimeSpan[]>()] : await Promise.all([
    readStateChanges(ctx, ids, rolling90.start),
    readRollups(ctx, ids, now, data.timeframe),
    granularity === "check"
      ? ctx.db.healthCheck.findMany({
          // Refused checks (unknown: never sent) have no response to plot; the state changes show them.
          where: scopeSystemRows(ctx, { systemId: { in: ids }, checkedAt: { gte: window.start, lte: now }, status: { not: "unknown" } }),
          select: { systemId: true, checkedAt: true, status: true, responseTimeMs: true, maintenance: true },
          orderBy: [{ systemId: "asc" }, { checkedAt: "asc" }],
        })
      : Promise.resolve([]),
    maintenanceIntervals(ctx.db, [client.id], rolling90.start < window.start ? rolling90.start : window.start, now),
  ]);
  const maintenanceSpans = maintenance.get(client.id) ?? [];

  const out = systems.map((s) => {
    const own = changes.filter((c) => c.system_id === s.id);
    // The current state (ended_at null) lasts until now, as in get-system-health.
    const intervals: StateInterval[] = own
      .map((c) => ({ status: c.to_status, start: c.started_at, end: c.ended_at ?? now }))
      .filter((i) => i.end > i.start);
    const ownRollups = rollups.filter((r) => r.systemId === s.id);
    const checksByDay = new Map(ownRollups.filter((r) => r.period === "day").map((r) => [isoDay(r.bucketStart.getTime()), r.checks]));
    // Maintenance time is out of the figures, not out of the coverage (maintenance-time.ts).
    const counted = withoutMaintenance(intervals, maintenanceSpans);
    const figure = (w: TimeWindow) => uptimeFigure(computeUptime(counted, w).uptimePct, windowCoverage(w, firstKnownInstant(intervals, w)));

    let latency: LatencySeries;
    if (granularity === "check") {
      const rows: RawCheckRow[] = checks.filter((c) => c.systemId === s.id).map((c) => ({ ...c, status: c.status as RawCheckRow["status"] }));
      latency = { granularity, points: rawPoints(rows), stats: { ...rawSummary(rows), approximate: false }, uptime: figure(window), interval_ms: s.checkIntervalSec * 1000 };
    } else {
      const bucketMs = granularity === "hour" ? HOUR_MS : DAY_MS;
      const rows: RollupRow[] = ownRollups.filter((r) => r.period === granularity && overlapsWindow(r.bucketStart, bucketMs, window.start));
      latency = { granularity, points: rollupPoints(rows), stats: { ...rollupSummary(rows), approximate: true }, uptime: figure(window), interval_ms: bucketMs };
    }

    const recent = own
      .slice()
      .sort((a, b) => b.started_at.getTime() - a.started_at.getTime() || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0))
      .slice(0, RECENT_STATE_CHANGES);
    return {
      system_name: s.name,
      enabled: s.enabled,
      status: s.status,
      uptime_90d: figure(rolling90),
      uptime_bars: uptimeBars(counted, checksByDay, now),
      latency,
      state_changes: recent.map((c) => ({
        from: c.from_status,
        to: c.to_status,
        reason: c.reason,
        started_at: c.started_at.toISOString(),
        ended_at: c.ended_at?.toISOString() ?? null,
        duration_ms: c.ended_at ? c.ended_at.getTime() - c.started_at.getTime() : null,
      })),
    };
  });

  return {
    client_id: client.clientId,
    client_name: client.name,
    timeframe: data.timeframe,
    generated_at: now.toISOString(),
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    maintenance: maintenanceSpans.filter((m) => m.end > window.start).map((m) => ({ start: m.start.toISOString(), end: m.end.toISOString() })),
    systems: out,
  };
}

/**
 * One query for both uses of the state history: every interval that reaches into the last
 * 90 days (for the bars and uptime windows; the oldest bar starts after now − 90 d), plus each
 * system's latest changes even when they are older than that (a system stable for half a year
 * still lists its last change). UNION drops the rows both halves return; the LATERAL half walks
 * the (system_id, started_at DESC) index, so it reads at most 20 rows per system.
 */
async function readStateChanges(ctx: Context, ids: string[], since: Date): Promise<ChangeRow[]> {
  return ctx.db.$queryRaw<ChangeRow[]>`
    SELECT c.id, c.system_id::text AS system_id, c.from_status::text AS from_status, c.to_status::text AS to_status,
           c.reason, c.started_at, c.ended_at
      FROM status_changes c
     WHERE c.system_id = ANY(${ids}::uuid[]) AND (c.ended_at IS NULL OR c.ended_at > ${since}) AND ${scopeSql(ctx, { systemId: "c.system_id" })}
    UNION
    SELECT r.id, r.system_id::text, r.from_status::text, r.to_status::text, r.reason, r.started_at, r.ended_at
      FROM unnest(${ids}::uuid[]) AS s(id)
      CROSS JOIN LATERAL (
        SELECT * FROM status_changes x WHERE x.system_id = s.id ORDER BY x.started_at DESC, x.id DESC LIMIT ${RECENT_STATE_CHANGES}
      ) AS r
     WHERE ${scopeSql(ctx, { systemId: "s.id" })}
    ORDER BY started_at, id`;
}

/**
 * One query for the rollups: the daily ones of the bars (and of the 90 d series, whose window
 * starts a day earlier than the oldest bar), plus the hourly ones for 7 d / 30 d.
 */
async function readRollups(ctx: Context, ids: string[], now: Date, timeframe: z.infer<typeof systemHistoryInputSchema>["timeframe"]) {
  const window = historyWindow(timeframe, now);
  const dayFrom = timeframe === "90d" ? new Date(floorTo(window.start.getTime(), DAY_MS)) : barsStart(now);
  const periods: Prisma.CheckRollupWhereInput[] = [{ period: "day", bucketStart: { gte: dayFrom } }];
  if (TIMEFRAME_GRANULARITY[timeframe] === "hour") periods.push({ period: "hour", bucketStart: { gte: new Date(floorTo(window.start.getTime(), HOUR_MS)) } });
  return ctx.db.checkRollup.findMany({
    where: scopeSystemRows(ctx, { systemId: { in: ids }, OR: periods }),
    select: { systemId: true, period: true, bucketStart: true, checks: true, latencyCount: true, latencySum: true, latencyMax: true, latencyHist: true },
    orderBy: { bucketStart: "asc" },
  });
}
