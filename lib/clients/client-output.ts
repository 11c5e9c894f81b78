// Maps stored rows to the snake_case shapes every edge returns.
import type { Context } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { countStatuses, overallStatus } from "./overall-status";
import type { ClientAttentionOutput, ClientOutput, ClientStatusRow, SystemOutput, UptimeFigure } from "./schemas";

export const clientWithSystems = {
  systems: { orderBy: [{ position: "asc" }, { name: "asc" }] },
} satisfies Prisma.ClientInclude;

export type ClientWithSystems = Prisma.ClientGetPayload<{ include: typeof clientWithSystems }>;
type SystemRow = ClientWithSystems["systems"][number];

export function toSystemOutput(s: SystemRow): SystemOutput {
  return {
    id: s.id,
    name: s.name,
    health_url: s.healthUrl,
    metrics_url: s.metricsUrl,
    check_interval_seconds: s.checkIntervalSec,
    timeout_ms: s.timeoutMs,
    degraded_threshold_ms: s.degradedThresholdMs,
    confirmations: s.confirmations,
    enabled: s.enabled,
    status: s.status,
    status_reason: s.statusReason,
    status_rule: s.statusRule,
    last_check: s.lastCheckAt?.toISOString() ?? null,
    response_time_ms: s.lastResponseTimeMs,
  };
}

function enabledStatuses(c: { systems: readonly Pick<SystemRow, "enabled" | "status">[] }) {
  return c.systems.filter((s) => s.enabled).map((s) => s.status);
}

export function toClientOutput(c: ClientWithSystems): ClientOutput {
  return {
    client_id: c.clientId,
    client_name: c.name,
    industry: c.industry,
    contact_email: c.contactEmail,
    active: c.active,
    tags: c.tags,
    sla_target: c.slaTarget,
    allow_private_targets: c.allowPrivateTargets,
    time_zone: c.timeZone,
    hourly_rate: c.hourlyRateCents / 100,
    currency: c.currency,
    overall_status: overallStatus(enabledStatuses(c)),
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    systems: c.systems.map(toSystemOutput),
  };
}

/** Uptime and latency of one client, as computed by lib/monitoring/client-health-stats. */
export interface ClientHealthStats {
  uptime24h: UptimeFigure;
  uptime30d: UptimeFigure;
  /** Estimated from histograms (approximate). */
  p95ResponseMs24h: number | null;
}

export interface TodayVolume {
  total: number;
  successful: number;
}

/**
 * Reads today's automations per client row id (each client's own day). Implemented in
 * lib/metrics (today-metrics.ts) and handed to the status verbs of lib/monitoring by
 * lib/metrics/clients-overview.ts, so monitoring never imports metrics.
 */
export type TodayVolumesReader = (ctx: Context, clientRefs: string[]) => Promise<Map<string, TodayVolume>>;

/** Only what a status row shows: the dashboard reads this for every client at once. */
export const clientStatusSelect = {
  id: true,
  clientId: true,
  name: true,
  industry: true,
  active: true,
  tags: true,
  slaTarget: true,
  systems: {
    select: { id: true, name: true, enabled: true, status: true, statusReason: true, statusRule: true, statusChangedAt: true, lastCheckAt: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  },
} satisfies Prisma.ClientSelect;
export type ClientStatusSource = Prisma.ClientGetPayload<{ select: typeof clientStatusSelect }>;

/** A client with no assessment (none of its systems enabled, or out of scope): nothing to flag or judge. */
const NO_ATTENTION: ClientAttentionOutput = { needs_attention: false, flags: [], sla: null };

export function toStatusRow(
  c: ClientStatusSource,
  today: TodayVolume | undefined,
  health: ClientHealthStats | undefined,
  attention: ClientAttentionOutput | undefined,
): ClientStatusRow {
  const statuses = enabledStatuses(c);
  const counts = countStatuses(statuses);
  const overall = overallStatus(statuses);
  // The reason shown for the client is the reason of a system in the client's (worst) state.
  const decisive = c.systems.find((s) => s.enabled && s.status === overall && s.statusReason);
  const lastCheck = c.systems.reduce<Date | null>((acc, s) => (s.lastCheckAt && (!acc || s.lastCheckAt > acc) ? s.lastCheckAt : acc), null);
  return {
    client_id: c.clientId,
    client_name: c.name,
    industry: c.industry,
    active: c.active,
    tags: c.tags,
    sla_target: c.slaTarget,
    overall_status: overall,
    status_reason: decisive ? `${decisive.name}: ${decisive.statusReason}` : null,
    systems_count: c.systems.length,
    healthy_systems: counts.healthy,
    degraded_systems: counts.degraded,
    down_systems: counts.down,
    unknown_systems: counts.unknown,
    last_check: lastCheck?.toISOString() ?? null,
    uptime_24h: health?.uptime24h ?? null,
    uptime_30d: health?.uptime30d ?? null,
    p95_response_ms: health?.p95ResponseMs24h ?? null,
    p95_approximate: true,
    today_automations: today?.total ?? 0,
    today_success_rate: today && today.total > 0 ? round2((today.successful / today.total) * 100) : null,
    attention: attention ?? NO_ATTENTION,
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
