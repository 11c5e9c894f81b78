// The seed's get_system_health: a client's systems with their confirmed status and reason,
// last check, response time, the last state change, time-weighted uptime for 24 h, 7 d, 30 d,
// 90 d, the quarter and an optional custom range computed from ClientPulse's own state history
// (not what systems report), each with the span it covers (coverage.ts), and exact 24 h latency
// (average, p50, p95, p99) from the raw checks.
import { z } from "zod";
import { scopeSystemRows } from "@/lib/client-scope";
import { type VerbInput, strictObject } from "@/lib/input";
import { round2 } from "@/lib/clients/client-output";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { countStatuses, overallStatus } from "@/lib/clients/overall-status";
import { clientIdSchema, uptimeFigureSchema } from "@/lib/clients/schemas";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import { withoutMaintenance } from "./maintenance-time";
import { computeUptime, customWindow, latencyStats as latencyStatsOf, windowFor, type StateInterval, type TimeWindow, type WindowName } from "./compute-uptime";
import { firstKnownInstant, uptimeFigure, windowCoverage } from "./coverage";
import { misconfigurationOf } from "./misconfiguration";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z" });
/** How many of each system's latest confirmed state changes are returned by default, and at most. */
export const RECENT_CHANGES_DEFAULT = 5;
export const RECENT_CHANGES_MAX = 50;

export const systemHealthInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's id (a slug such as tnt-limousine-001), from get_all_clients_status"),
  start_date: isoDate.optional().describe("With end_date: also report uptime over this custom range (ISO 8601, at most 366 days)"),
  end_date: isoDate.optional().describe("With start_date: the end of the custom uptime range (ISO 8601)"),
  changes_limit: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be at least 0")
    .max(RECENT_CHANGES_MAX, `must be at most ${RECENT_CHANGES_MAX}`)
    .default(RECENT_CHANGES_DEFAULT)
    .describe(`How many of each system's latest state changes to return in recent_changes (0–${RECENT_CHANGES_MAX}, default ${RECENT_CHANGES_DEFAULT})`),
});

const status = z.enum(["healthy", "degraded", "down", "unknown"]);
const UPTIME_WINDOWS = ["24h", "7d", "30d", "90d", "quarter"] as const satisfies readonly WindowName[];
/** Each figure is { pct, covered_from, coverage } or null for a window with no coverage at all. */
const uptimeWindows = z.object({
  "24h": uptimeFigureSchema,
  "7d": uptimeFigureSchema,
  "30d": uptimeFigureSchema,
  "90d": uptimeFigureSchema,
  /** The current calendar quarter (UTC) so far. */
  quarter: uptimeFigureSchema,
  /** Only when start_date and end_date were given. */
  custom: z.object({ start: z.string(), end: z.string(), uptime: uptimeFigureSchema }).optional(),
});
const latencyStats = z.object({
  avg: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  checks: z.number(),
  /** false: exact nearest-rank figures over the raw checks of the last 24 h. */
  approximate: z.boolean(),
});

export const systemHealthOutputSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  overall_status: status,
  systems: z.array(
    z.object({
      system_name: z.string(),
      enabled: z.boolean(),
      status,
      reason: z.string().nullable(),
      /** The rule that decided `status` (e.g. http_5xx, latency, blocked_private, invalid_target); null before the first check. */
      status_rule: z.string().nullable(),
      /** Set when the status is a configuration problem of ours (check refused by the network policy, invalid URL, a name that never resolved), not the client's outage. */
      misconfigured: z.object({ reason: z.string(), since: z.string() }).nullable(),
      response_time_ms: z.number().nullable(),
      /** 30-day uptime (the seed's single figure) = uptime["30d"].pct: read its span there; null until there is checked time. */
      uptime_percentage: z.number().nullable(),
      uptime: uptimeWindows,
      /** Over the last 24 h, exact from the raw checks. */
      latency_24h: latencyStats,
      last_check: z.string().nullable(),
      last_state_change: z.object({ from: status, to: status, at: z.string(), reason: z.string() }).nullable(),
      /**
       * The latest confirmed state changes within the last 90 days (or this quarter), newest
       * first, at most changes_limit: each state with its reason, when it began and ended (null:
       * still current) and how long it lasted (until now for the current one).
       */
      recent_changes: z.array(
        z.object({
          from: status,
          to: status,
          reason: z.string(),
          started_at: z.string(),
          ended_at: z.string().nullable(),
          duration_seconds: z.number(),
        }),
      ),
    }),
  ),
  summary: z.object({
    total_systems: z.number(),
    healthy_systems: z.number(),
    degraded_systems: z.number(),
    down_systems: z.number(),
    unknown_systems: z.number(),
    avg_response_time: z.number().nullable(),
  }),
});
export type SystemHealth = z.infer<typeof systemHealthOutputSchema>;

const round1 = (v: number) => Math.round(v * 10) / 10;

export async function getSystemHealth({ ctx, input }: { ctx: Context; input: VerbInput<typeof systemHealthInputSchema> }): Promise<SystemHealth> {
  requireScope(ctx, "read");
  const data = parseInput(systemHealthInputSchema, input);
  let custom: TimeWindow | undefined;
  if (data.start_date || data.end_date) {
    if (!data.start_date || !data.end_date) {
      throw new ValidationError([{ path: data.start_date ? "end_date" : "start_date", message: "is required with " + (data.start_date ? "start_date" : "end_date") }]);
    }
    custom = customWindow(new Date(data.start_date), new Date(data.end_date), { start: "start_date", end: "end_date" });
  }
  const client = await findClientOrThrow(ctx, data.client_id);
  const now = ctx.clock.now();
  const starts = [windowFor("90d", now).start, windowFor("quarter", now).start, ...(custom ? [custom.start] : [])];
  const since = new Date(Math.min(...starts.map((d) => d.getTime())));
  const systemIds = client.systems.map((s) => s.id);
  const day = windowFor("24h", now);
  const [changes, checks, maintenance] = await Promise.all([
    ctx.db.statusChange.findMany({
      where: scopeSystemRows(ctx, { systemId: { in: systemIds }, OR: [{ endedAt: null }, { endedAt: { gt: since } }] }),
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    }),
    // One client's last 24 h of raw checks (raw retention is at least a day): exact percentiles,
    // cheap at this size (1,440 rows per system at one check a minute).
    ctx.db.healthCheck.findMany({
      // Checks made in a maintenance window are kept out of every figure.
      where: scopeSystemRows(ctx, { systemId: { in: systemIds }, checkedAt: { gt: day.start, lte: now }, responseTimeMs: { not: null }, maintenance: false }),
      select: { systemId: true, responseTimeMs: true },
    }),
    maintenanceIntervals(ctx.db, [client.id], since, now),
  ]);
  const maintenanceSpans = maintenance.get(client.id);

  const systems = client.systems.map((s) => {
    const intervals: StateInterval[] = changes
      .filter((c) => c.systemId === s.id)
      .map((c) => ({ status: c.toStatus, start: c.startedAt, end: c.endedAt ?? now }))
      .filter((i) => i.end > i.start);
    // Maintenance time is out of the figure, not out of the coverage (maintenance-time.ts).
    const counted = withoutMaintenance(intervals, maintenanceSpans);
    const figureOf = (window: TimeWindow) => uptimeFigure(computeUptime(counted, window).uptimePct, windowCoverage(window, firstKnownInstant(intervals, window)));
    const [d1, d7, d30, d90, quarter] = UPTIME_WINDOWS.map((w) => figureOf(windowFor(w, now)));
    const uptime: z.infer<typeof uptimeWindows> = { "24h": d1 ?? null, "7d": d7 ?? null, "30d": d30 ?? null, "90d": d90 ?? null, quarter: quarter ?? null };
    if (custom) {
      uptime.custom = { start: custom.start.toISOString(), end: custom.end.toISOString(), uptime: figureOf(custom) };
    }
    const stats = latencyStatsOf(checks.filter((c) => c.systemId === s.id).map((c) => c.responseTimeMs!));
    const r1 = (v: number | null) => (v === null ? null : round1(v));
    const latency_24h = { avg: stats.avg === null ? null : round2(stats.avg), p50: r1(stats.p50), p95: r1(stats.p95), p99: r1(stats.p99), checks: stats.count, approximate: false };
    const last = changes.find((c) => c.systemId === s.id && c.endedAt === null); // the current state's change
    const mineChanges = changes.filter((c) => c.systemId === s.id);
    const recent_changes = mineChanges
      .slice(Math.max(0, mineChanges.length - data.changes_limit))
      .reverse()
      .map((c) => ({
        from: c.fromStatus,
        to: c.toStatus,
        reason: c.reason,
        started_at: c.startedAt.toISOString(),
        ended_at: c.endedAt?.toISOString() ?? null,
        duration_seconds: Math.max(0, Math.round(((c.endedAt ?? now).getTime() - c.startedAt.getTime()) / 1000)),
      }));
    const misconfigured = misconfigurationOf(s);
    return {
      system_name: s.name,
      enabled: s.enabled,
      status: s.status,
      reason: s.statusReason,
      status_rule: s.statusRule,
      misconfigured: misconfigured ? { reason: misconfigured.reason, since: misconfigured.since.toISOString() } : null,
      response_time_ms: s.lastResponseTimeMs,
      uptime_percentage: uptime["30d"]?.pct ?? null,
      uptime,
      latency_24h,
      last_check: s.lastCheckAt?.toISOString() ?? null,
      last_state_change: last ? { from: last.fromStatus, to: last.toStatus, at: last.startedAt.toISOString(), reason: last.reason } : null,
      recent_changes,
    };
  });

  const enabled = client.systems.filter((s) => s.enabled);
  const counts = countStatuses(enabled.map((s) => s.status));
  const times = enabled.map((s) => s.lastResponseTimeMs).filter((t): t is number => t !== null);
  return {
    client_id: client.clientId,
    client_name: client.name,
    overall_status: overallStatus(enabled.map((s) => s.status)),
    systems,
    summary: {
      total_systems: enabled.length,
      healthy_systems: counts.healthy,
      degraded_systems: counts.degraded,
      down_systems: counts.down,
      unknown_systems: counts.unknown,
      avg_response_time: times.length ? round2(times.reduce((a, b) => a + b, 0) / times.length) : null,
    },
  };
}
