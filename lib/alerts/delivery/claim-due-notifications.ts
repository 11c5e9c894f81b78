// Claims the notifications due now (send_after and next_attempt_at passed, no live lease), the way
// claim-due-systems.ts claims checks: fair across clients under the scheduler's slots (each
// client's share, borrowing beyond it only while a quarter of the slots stays free, round-robin),
// the picked rows locked FOR UPDATE SKIP LOCKED and leased (locked_until, locked_by) in the same
// statement, so several instances on one PostgreSQL never hold the same message at once. A
// message about no client (a test, a channel-failing notice) is accounted under its channel.
// A worker that dies holding a lease (crash, SIGKILL) leaves the row claimable again once the
// lease runs out: it is then sent again, with the same webhook-id.
import type { Db } from "@/lib/db/client";
import { reservedSlots, type ClaimSlots } from "@/lib/monitoring/claim-due-systems";

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
  const free = Math.min(slots.concurrency - busy, MAX_BATCH);
  if (free <= 0) return [];
  // The loop asks four times a second: an index probe first, the ranking only when work is due.
  const anyDue = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM notifications WHERE state = 'pending' AND next_attempt_at <= ${now}::timestamptz
      AND send_after <= ${now}::timestamptz AND (locked_until IS NULL OR locked_until <= ${now}::timestamptz) LIMIT 1`;
  if (anyDue.length === 0) return [];
  const borrowable = free - reservedSlots(slots.concurrency);
  const cap = slots.perClientCap ?? slots.concurrency;
  const inFlight = JSON.stringify(Object.fromEntries(slots.inFlightByClient));
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<{ id: string; owner: string; channel_id: string; attempts: number }[]>`
    WITH in_flight AS (
      SELECT key::uuid AS owner, value::int AS n FROM jsonb_each_text(${inFlight}::jsonb)
    ),
    due_rows AS (
      SELECT n.id, COALESCE(n.client_ref, n.channel_id) AS owner, n.next_attempt_at
      FROM notifications n
      WHERE n.state = 'pending' AND n.next_attempt_at <= ${now}::timestamptz AND n.send_after <= ${now}::timestamptz
        AND (n.locked_until IS NULL OR n.locked_until <= ${now}::timestamptz)
    ),
    share AS (
      SELECT GREATEST(1, ${slots.concurrency}::int / GREATEST(1, count(DISTINCT owner)::int)) AS g FROM due_rows
    ),
    ranked AS (
      SELECT d.id, d.next_attempt_at,
        COALESCE(f.n, 0) + row_number() OVER (PARTITION BY d.owner ORDER BY d.next_attempt_at, d.id) AS slot
      FROM due_rows d LEFT JOIN in_flight f ON f.owner = d.owner
    ),
    ordered AS (
      SELECT r.id, r.slot <= share.g AS within,
        row_number() OVER (ORDER BY r.slot > share.g, r.slot, r.next_attempt_at, r.id) AS pos
      FROM ranked r CROSS JOIN share
      WHERE r.slot <= ${cap}::int
    ),
    picked AS (
      SELECT n.id FROM notifications n
      WHERE n.id IN (SELECT id FROM ordered WHERE pos <= ${free}::int AND (within OR pos <= ${borrowable}::int))
        AND n.state = 'pending' AND n.next_attempt_at <= ${now}::timestamptz AND n.send_after <= ${now}::timestamptz
        AND (n.locked_until IS NULL OR n.locked_until <= ${now}::timestamptz)
      FOR UPDATE SKIP LOCKED
    )
    UPDATE notifications n SET locked_until = ${leaseUntil}::timestamptz, locked_by = ${workerId}
    FROM picked WHERE n.id = picked.id
    RETURNING n.id, COALESCE(n.client_ref, n.channel_id) AS owner, n.channel_id, n.attempts`;
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
