// One alert as every edge shows it (REST, MCP, the Alerts page): AlertOutput of contracts.ts.
import type { Alert, Prisma } from "@/lib/generated/prisma/client";
import type { AlertMetric, AlertOutput, Comparison, Severity } from "./contracts";

export const alertInclude = {
  client: { select: { clientId: true, name: true } },
  system: { select: { name: true } },
} satisfies Prisma.AlertInclude;

export type AlertRow = Alert & { client: { clientId: string; name: string }; system: { name: string } | null };

export function toAlertOutput(a: AlertRow): AlertOutput {
  return {
    id: a.id,
    client_id: a.client.clientId,
    client_name: a.client.name,
    system: a.system?.name ?? null,
    threshold_id: a.thresholdId,
    metric: a.metric as AlertMetric,
    comparison: a.comparison as Comparison,
    threshold: a.thresholdValue,
    observed: a.observedValue === null ? null : Math.round(a.observedValue * 100) / 100,
    severity: a.severity as Severity,
    state: a.state,
    flapping: a.flapping,
    muted: a.muted,
    message: a.message,
    started_at: a.startedAt.toISOString(),
    resolved_at: a.resolvedAt?.toISOString() ?? null,
    acknowledged_at: a.acknowledgedAt?.toISOString() ?? null,
    acknowledged_by: a.acknowledgedBy,
    reminders: a.reminders,
  };
}
