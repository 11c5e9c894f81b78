// One notification as every edge shows it (the delivery log of an alert, the deliveries page,
// REST): what it said, where it went, how each attempt ended. Never the channel's URL or secret.
import type { AlertChannel, DeliveryAttempt, Notification, NotificationItem } from "@/lib/generated/prisma/client";
import type { ChannelType, DeliveryAttemptOutput, DeliveryOutput } from "./contracts";

export type NotificationRow = Notification & {
  channel: Pick<AlertChannel, "id" | "type" | "name">;
  items: Pick<NotificationItem, "alertId" | "eventKey">[];
  attemptsLog?: DeliveryAttempt[];
};

/** Prisma `include` that loads what toDeliveryOutput needs (pass `log: true` for the attempts). */
export const deliveryInclude = (log = false) =>
  ({
    channel: { select: { id: true, type: true, name: true } },
    items: { select: { alertId: true, eventKey: true } },
    ...(log ? { attemptsLog: { orderBy: { attempt: "asc" as const }, take: 50 } } : {}),
  }) as const;

export function messageId(notificationId: string): string {
  return `msg_${notificationId.replaceAll("-", "")}`;
}

function summaryOf(row: NotificationRow): string {
  if (row.kind === "test") return "Test notification";
  if (row.kind === "channel_failing") return "A channel keeps failing";
  if (row.kind === "report") return "Scheduled report (PDF)";
  const firing = row.items.filter((i) => i.eventKey === "firing").length;
  const resolved = row.items.filter((i) => i.eventKey === "resolved").length;
  const reminders = row.items.filter((i) => i.eventKey.startsWith("reminder")).length;
  const parts = [
    firing ? `${firing} firing` : "",
    resolved ? `${resolved} resolved` : "",
    reminders ? `${reminders} reminder${reminders === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "No alerts";
}

export function toDeliveryOutput(row: NotificationRow, clientSlug: string | null): DeliveryOutput {
  const out: DeliveryOutput = {
    id: row.id,
    message_id: messageId(row.id),
    channel: { id: row.channel.id, type: row.channel.type as ChannelType, name: row.channel.name },
    client_id: clientSlug,
    kind: row.kind as DeliveryOutput["kind"],
    state: row.state,
    summary: summaryOf(row),
    attempts: row.attempts,
    next_attempt_at: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    last_error: row.lastError,
    last_status_code: row.lastStatusCode,
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    alert_ids: [...new Set(row.items.map((i) => i.alertId))],
  };
  if (row.attemptsLog) {
    out.log = row.attemptsLog.map(
      (a): DeliveryAttemptOutput => ({
        attempt: a.attempt,
        at: a.at.toISOString(),
        duration_ms: a.durationMs,
        outcome: a.outcome as DeliveryAttemptOutput["outcome"],
        status_code: a.statusCode,
        error: a.error,
      }),
    );
  }
  return out;
}
