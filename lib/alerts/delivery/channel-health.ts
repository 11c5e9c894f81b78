// A channel's health, updated by every attempt: consecutive_failures and failing_since (reset
// by a delivered message), last_error, last_delivered_at. A channel "keeps failing" when
// FAILING_AFTER_FAILURES attempts in a row failed or it has failed for FAILING_AFTER_MS: admins
// see it on the dashboard, and ONE "channel_failing" notice per failing episode (deduped on the
// channel and its failing_since) goes to another enabled agency channel that works (its last
// attempt succeeded), so the agency hears about it somewhere.
import type { AlertChannel } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";

export const FAILING_AFTER_FAILURES = 3;
export const FAILING_AFTER_MS = 15 * 60_000;

export function isChannelFailing(channel: Pick<AlertChannel, "consecutiveFailures" | "failingSince">, now: Date): boolean {
  if (channel.consecutiveFailures <= 0 || !channel.failingSince) return false;
  return channel.consecutiveFailures >= FAILING_AFTER_FAILURES || now.getTime() - channel.failingSince.getTime() >= FAILING_AFTER_MS;
}

/** last_delivered_at of a healthy channel is refreshed at most this often (see recordChannelAttempt). */
export const DELIVERED_REFRESH_MS = 10_000;

/**
 * Records one attempt's outcome on the channel. A success on a healthy channel writes only when
 * last_delivered_at is older than DELIVERED_REFRESH_MS: every message to a channel would
 * otherwise update (and lock, until its transaction ends) the same row, serialising the
 * concurrent sends of a burst on it. Returns the channel after a failure (for the notice), else null.
 */
export async function recordChannelAttempt(tx: Tx, channelId: string, ok: boolean, error: string | null, now: Date): Promise<AlertChannel | null> {
  if (ok) {
    const stale = new Date(now.getTime() - DELIVERED_REFRESH_MS);
    await tx.$executeRaw`
      UPDATE alert_channels SET consecutive_failures = 0, failing_since = NULL, last_error = NULL, last_delivered_at = ${now}::timestamptz
      WHERE id = ${channelId}::uuid
        AND (consecutive_failures > 0 OR last_error IS NOT NULL OR last_delivered_at IS NULL OR last_delivered_at < ${stale}::timestamptz)`;
    return null;
  }
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE alert_channels SET consecutive_failures = consecutive_failures + 1,
      failing_since = COALESCE(failing_since, ${now}::timestamptz), last_error = ${error?.slice(0, 1000) ?? null}, updated_at = ${now}::timestamptz
    WHERE id = ${channelId}::uuid RETURNING id`;
  if (!rows.length) return null;
  return tx.alertChannel.findUnique({ where: { id: channelId } });
}

/**
 * Queues the "channel keeps failing" notice when `channel` has crossed the line: once per episode
 * (dedupe key on the channel and its failing_since), to the agency's best working channel other
 * than this one. Nothing is queued when no other channel works (the dashboard banner remains).
 */
export async function maybeQueueFailingNotice(tx: Tx, channel: AlertChannel, now: Date): Promise<string | null> {
  if (!isChannelFailing(channel, now) || !channel.failingSince) return null;
  const dedupeKey = `channel_failing:${channel.id}:${channel.failingSince.getTime()}`;
  const exists = await tx.notification.findUnique({ where: { dedupeKey }, select: { id: true } });
  if (exists) return null;
  const target = await tx.alertChannel.findFirst({
    where: { id: { not: channel.id }, clientRef: null, enabled: true, consecutiveFailures: 0 },
    orderBy: [{ isDefault: "desc" }, { lastDeliveredAt: { sort: "desc", nulls: "last" } }, { createdAt: "asc" }],
    select: { id: true },
  });
  if (!target) return null;
  const since = channel.failingSince.toISOString().slice(0, 16).replace("T", " ");
  const payload = {
    title: `ClientPulse channel "${channel.name}" keeps failing`,
    text: `The ${channel.type} channel "${channel.name}" has failed ${channel.consecutiveFailures} time${channel.consecutiveFailures === 1 ? "" : "s"} in a row since ${since} UTC. Last error: ${channel.lastError ?? "unknown"}. Alerts queued for it are retried; check its settings and the deliveries page.`,
    channel: { id: channel.id, name: channel.name, type: channel.type },
    failing_since: channel.failingSince.toISOString(),
    consecutive_failures: channel.consecutiveFailures,
  };
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO notifications (id, channel_id, client_ref, kind, dedupe_key, state, send_after, next_attempt_at, attempts, payload, created_at)
    VALUES (gen_random_uuid(), ${target.id}::uuid, NULL, 'channel_failing', ${dedupeKey}, 'pending', ${now}::timestamptz, ${now}::timestamptz, 0, ${JSON.stringify(payload)}::jsonb, ${now}::timestamptz)
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
  return rows[0]?.id ?? null;
}
