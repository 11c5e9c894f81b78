// Claims the notifications due now (send_after and next_attempt_at passed, no live lease) with
// the one fair-share claim (lib/monitoring/claim-fair-share.ts), a lease-style spec: fair across
// clients under the scheduler's slots, the picked rows locked FOR UPDATE SKIP LOCKED and leased
// (locked_until, locked_by) in the same statement, so several instances on one PostgreSQL never
// hold the same message at once. A message about no client (a test, a channel-failing notice) is
// accounted under its channel. A worker that dies holding a lease (crash, SIGKILL) leaves the row
// claimable again once the lease runs out: it is then sent again, with the same webhook-id.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { claimFairShare, type ClaimSlots } from "@/lib/monitoring/claim-fair-share";

export interface DueNotification {
  id: string;
  /** clients.id, or the channel id for messages about no client: the slot accounting keys on it. */
  clientRef: string;
  channelId: string;
  /** The attempt this claim will make (1-based, within the current run). */
  attempt: number;
  /** This claim's lease: the marks after sending check it. */
  lockedBy: string;
}

/** How long a claim holds a message: longer than any send can take (HTTP 15 s, SMTP ≤ 50 s). */
export const LEASE_MS = 120_000;
/** At most this many claimed in one round, whatever the slots. */
export const MAX_BATCH = 100;

export async function claimDueNotifications(db: Db, now: Date, slots: ClaimSlots, workerId: string, leaseMs = LEASE_MS): Promise<DueNotification[]> {
  let busy = 0;
  for (const n of slots.inFlightByClient.values()) busy += n;
  const bounded: ClaimSlots = { ...slots, concurrency: Math.min(slots.concurrency, busy + MAX_BATCH) };
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await claimFairShare<{ id: string; owner: string; channel_id: string; attempts: number }>(db, now, bounded, {
    table: "notifications",
    alias: "n",
    group: Prisma.sql`COALESCE(n.client_ref, n.channel_id)`,
    eligible: Prisma.sql`n.state = 'pending'`,
    // Due once its grouping window has closed, its retry time has come and no live lease holds it.
    dueAt: Prisma.sql`GREATEST(n.next_attempt_at, n.send_after, COALESCE(n.locked_until, n.next_attempt_at))`,
    set: Prisma.sql`locked_until = ${leaseUntil}::timestamptz, locked_by = ${workerId}`,
    returning: Prisma.sql`n.id, COALESCE(n.client_ref, n.channel_id) AS owner, n.channel_id, n.attempts`,
    // The loop asks four times a second: an index probe first, the ranking only when work is due.
    anyDueProbe: Prisma.sql`n.state = 'pending' AND n.next_attempt_at <= ${now}::timestamptz AND n.send_after <= ${now}::timestamptz
      AND (n.locked_until IS NULL OR n.locked_until <= ${now}::timestamptz)`,
  });
  return rows.map((r) => ({ id: r.id, clientRef: r.owner, channelId: r.channel_id, attempt: r.attempts + 1, lockedBy: workerId }));
}

/** Claims one given message now (a test notification sent at once); null when it is not claimable. */
export async function claimNotification(db: Db, id: string, now: Date, workerId: string, leaseMs = LEASE_MS): Promise<DueNotification | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<{ id: string; owner: string; channel_id: string; attempts: number }[]>`
    WITH picked AS (
      SELECT id FROM notifications WHERE id = ${id}::uuid AND state = 'pending'
        AND (locked_until IS NULL OR locked_until <= ${now}::timestamptz)
      FOR UPDATE SKIP LOCKED
    )
    UPDATE notifications n SET locked_until = ${leaseUntil}::timestamptz, locked_by = ${workerId}
    FROM picked WHERE n.id = picked.id
    RETURNING n.id, COALESCE(n.client_ref, n.channel_id) AS owner, n.channel_id, n.attempts`;
  const r = rows[0];
  return r ? { id: r.id, clientRef: r.owner, channelId: r.channel_id, attempt: r.attempts + 1, lockedBy: workerId } : null;
}
