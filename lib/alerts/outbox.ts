// The outbox: an alert's state change and the messages it causes are written in the caller's
// transaction (the alert verb's), so a rolled-back change leaves no message and a committed one
// always has its messages; the delivery worker sends them later, outside any transaction.
//
// Grouping: an event joins the client's still-unsent message to the same channel when that
// message's window is open (sendAfter in the future, never claimed); otherwise it opens a new
// message whose window closes ALERT_GROUP_WINDOW_SECONDS (default 60) later. The notification row is locked while an
// item is added, and the worker claims with FOR UPDATE SKIP LOCKED and sets lockedUntil under
// the same lock, so an item is never added to a message that is already being sent.
// Duplicates: notification_items is unique per (alert, event, channel); an event already queued
// to a channel is skipped.
// Several instances: two transactions grouping for the same client at once would each find no
// open message and open one each; a transaction-scoped advisory lock per client (lockAlertGroup,
// one lock, so no ordering between locks to get wrong) makes the second wait for the first and
// join its message.
import type { Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export type { Tx };

export interface AlertEventToSend {
  alertId: string;
  clientRef: string;
  /** firing | resolved | reminder:<n> | flapping */
  eventKey: string;
  channelIds: readonly string[];
  at: Date;
  /** How long to hold the message open for other alerts of the client (default ALERT_GROUP_WINDOW_SECONDS; 0 = send now). */
  groupWindowMs?: number;
}

/** Serialises the transactions that add to one client's messages (held until commit or rollback). */
export async function lockAlertGroup(tx: Tx, clientRef: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`alert-group:${clientRef}`}, 0))) AS l`;
}

/** Queues one alert event to each channel; returns the notification ids it went into. */
export async function enqueueAlertEvent(tx: Tx, event: AlertEventToSend): Promise<string[]> {
  const windowMs = event.groupWindowMs ?? getEnv().ALERT_GROUP_WINDOW_SECONDS * 1000;
  const ids: string[] = [];
  // Alerts of one client are evaluated in concurrent transactions (three systems' checks at once,
  // several instances): without this lock each would see no open message (the others' are not
  // committed yet) and open its own, so a burst went out as one message per alert (seen on
  // PostgreSQL). Held to the end of the transaction; the next one then sees the committed message.
  await lockAlertGroup(tx, event.clientRef);
  for (const channelId of new Set(event.channelIds)) {
    const already = await tx.notificationItem.findUnique({
      where: { alertId_eventKey_channelId: { alertId: event.alertId, eventKey: event.eventKey, channelId } },
      select: { notificationId: true },
    });
    if (already) continue;
    const open = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM notifications
       WHERE client_ref = ${event.clientRef}::uuid AND channel_id = ${channelId}::uuid AND kind = 'alert'
         AND state = 'pending' AND attempts = 0 AND locked_until IS NULL AND send_after > ${event.at}
       ORDER BY send_after LIMIT 1
       FOR UPDATE`;
    let notificationId = open[0]?.id;
    if (!notificationId) {
      const sendAfter = new Date(event.at.getTime() + windowMs);
      const created = await tx.notification.create({
        data: {
          channelId,
          clientRef: event.clientRef,
          kind: "alert",
          dedupeKey: `alert:${event.alertId}:${event.eventKey}:${channelId}`,
          sendAfter,
          nextAttemptAt: sendAfter,
        },
        select: { id: true },
      });
      notificationId = created.id;
    }
    await tx.notificationItem.create({ data: { notificationId, alertId: event.alertId, channelId, eventKey: event.eventKey, at: event.at } });
    ids.push(notificationId);
  }
  return ids;
}

/**
 * The channels an alert of `threshold` for `clientRef` goes to: the threshold's channels, with an
 * agency channel replaced by the client's own default channel of the same type when the client
 * has one (a per-client override); disabled channels are skipped.
 */
export async function channelsForThreshold(tx: Tx, thresholdId: string, clientRef: string): Promise<string[]> {
  const links = await tx.alertThresholdChannel.findMany({ where: { thresholdId }, select: { channel: true } });
  const overrides = await tx.alertChannel.findMany({ where: { clientRef, isDefault: true, enabled: true } });
  const byType = new Map(overrides.map((c) => [c.type, c.id]));
  const out = new Set<string>();
  for (const { channel } of links) {
    if (channel.clientRef === null && byType.has(channel.type)) out.add(byType.get(channel.type)!);
    else if (channel.enabled && (channel.clientRef === null || channel.clientRef === clientRef)) out.add(channel.id);
  }
  return [...out];
}
