// The seed's get_system_health: a client's systems with their confirmed status and reason,
// last check, response time, the last state change, and time-weighted uptime for 24 h, 7 d,
// 30 d and 90 d computed from ClientPulse's own state history (not what systems report).
import { z } from "zod";
import { round2 } from "@/lib/clients/client-output";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { countStatuses, overallStatus } from "@/lib/clients/overall-status";
import { clientRefInputSchema } from "@/lib/clients/schemas";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { computeUptime, windowFor, type StateInterval, type WindowName } from "./compute-uptime";

const status = z.enum(["healthy", "degraded", "down", "unknown"]);
const UPTIME_WINDOWS = ["24h", "7d", "30d", "90d"] as const satisfies readonly WindowName[];
const uptimeWindows = z.object({ "24h": z.number().nullable(), "7d": z.number().nullable(), "30d": z.number().nullable(), "90d": z.number().nullable() });

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
      response_time_ms: z.number().nullable(),
      /** 30-day uptime (the seed's single figure); null until there is checked time. */
      uptime_percentage: z.number().nullable(),
      uptime: uptimeWindows,
      last_check: z.string().nullable(),
      last_state_change: z.object({ from: status, to: status, at: z.string(), reason: z.string() }).nullable(),
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

export async function getSystemHealth({ ctx, input }: { ctx: Context; input: unknown }): Promise<SystemHealth> {
  requireScope(ctx, "read");
  const { client_id } = parseInput(clientRefInputSchema, input);
  const client = await findClientOrThrow(ctx, client_id);
  const now = ctx.clock.now();
  const since = windowFor("90d", now).start;
  const changes = await ctx.db.statusChange.findMany({
    where: { systemId: { in: client.systems.map((s) => s.id) }, OR: [{ endedAt: null }, { endedAt: { gt: since } }] },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });

  const systems = client.systems.map((s) => {
    const intervals: StateInterval[] = changes
      .filter((c) => c.systemId === s.id)
      .map((c) => ({ status: c.toStatus, start: c.startedAt, end: c.endedAt ?? now }))
      .filter((i) => i.end > i.start);
    const uptime = Object.fromEntries(
      UPTIME_WINDOWS.map((w) => {
        const pct = computeUptime(intervals, windowFor(w, now)).uptimePct;
        return [w, pct === null ? null : round2(pct)];
      }),
    ) as z.infer<typeof uptimeWindows>;
    const last = changes.find((c) => c.systemId === s.id && c.endedAt === null); // the current state's change
    return {
      system_name: s.name,
      enabled: s.enabled,
      status: s.status,
      reason: s.statusReason,
      response_time_ms: s.lastResponseTimeMs,
      uptime_percentage: uptime["30d"],
      uptime,
      last_check: s.lastCheckAt?.toISOString() ?? null,
      last_state_change: last ? { from: last.fromStatus, to: last.toStatus, at: last.startedAt.toISOString(), reason: last.reason } : null,
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
