// A threshold row → ThresholdOutput, the one shape every edge returns, with the number of its
// alerts firing now (within the caller's client scope).
import type { ThresholdOutput, AlertMetric, Comparison, Severity, ChannelType } from "@/lib/alerts/contracts";
import { scopeClientRows } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeRule } from "./metric-rules";
import { ALL_CLIENTS } from "./schemas";

export const thresholdInclude = {
  client: { select: { clientId: true } },
  system: { select: { name: true } },
  channels: { select: { channel: { select: { id: true, type: true, name: true } } } },
} satisfies Prisma.AlertThresholdInclude;

export type ThresholdRow = Prisma.AlertThresholdGetPayload<{ include: typeof thresholdInclude }>;

/** Firing alerts per threshold id, counted in one query. */
export async function firingCounts(ctx: Context, ids: readonly string[], db: Pick<Tx, "alert"> = ctx.db): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.alert.groupBy({ by: ["thresholdId"], where: scopeClientRows(ctx, { thresholdId: { in: [...ids] }, state: "firing" }), _count: { _all: true } });
  return new Map(rows.map((r) => [r.thresholdId!, r._count._all]));
}

export function toThresholdOutput(row: ThresholdRow, firing: number): ThresholdOutput {
  const metric = row.metric as AlertMetric;
  const comparison = row.comparison as Comparison;
  return {
    id: row.id,
    client_id: row.client?.clientId ?? ALL_CLIENTS,
    system: row.system?.name ?? null,
    metric,
    comparison,
    threshold: row.value,
    window_minutes: row.windowMinutes,
    severity: row.severity as Severity,
    for_count: row.forCount,
    notify_recovery: row.notifyRecovery,
    remind_every_minutes: row.remindEveryMinutes,
    enabled: row.enabled,
    channels: row.channels
      .map(({ channel }) => ({ id: channel.id, type: channel.type as ChannelType, name: channel.name }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
    description: describeRule({ metric, comparison, threshold: row.value, windowMinutes: row.windowMinutes, forCount: row.forCount }),
    firing,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Loads rows and maps them with their firing counts. */
export async function thresholdOutputs(ctx: Context, rows: ThresholdRow[], db: Pick<Tx, "alert"> = ctx.db): Promise<ThresholdOutput[]> {
  const counts = await firingCounts(ctx, rows.map((r) => r.id), db);
  return rows.map((r) => toThresholdOutput(r, counts.get(r.id) ?? 0));
}
