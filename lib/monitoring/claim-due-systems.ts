// Claims the systems whose check is due, atomically and fairly across clients: each claimed row's
// next_check_at moves one interval on in the same statement, rows another instance holds are
// skipped (FOR UPDATE SKIP LOCKED), so two or three servers on one PostgreSQL never claim a
// system twice in an interval; and no client takes more than its share of the probe slots while
// others wait (the rule is at claimDueSystems). PGlite runs the same SQL in its one process.
import type { Db } from "@/lib/db/client";

export interface DueSystem {
  id: string;
  /** clients.id: the per-client slot accounting keys on it. */
  clientRef: string;
  healthUrl: string;
  timeoutMs: number;
  degradedThresholdMs: number;
  intervalSec: number;
  allowPrivate: boolean;
  /** When this check was due: the scheduler's lag is measured from here. */
  scheduledAt: Date;
}

const BULK_NEW = 100;

/**
 * Systems never scheduled (new, just enabled, or just edited) get a first due time spread over
 * min(interval, 10 s) from now, so a new system is checked promptly; a bulk import (more than
 * BULK_NEW systems at once) is spread over each system's whole interval instead, so ten
 * thousand new systems do not all queue in the same ten seconds.
 */
export async function scheduleNewSystems(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE systems SET next_check_at = ${now}::timestamptz + make_interval(secs => random() *
      CASE WHEN (SELECT count(*) FROM systems WHERE next_check_at IS NULL AND enabled) > ${BULK_NEW}
        THEN check_interval_sec ELSE LEAST(check_interval_sec, 10) END)
    WHERE next_check_at IS NULL AND enabled`;
}

export interface ClaimSlots {
  /** This scheduler's probe slots (SCHEDULER_CONCURRENCY). */
  concurrency: number;
  /** Probes this scheduler has in flight now, by client (clients.id). */
  inFlightByClient: ReadonlyMap<string, number>;
  /** At most this many probes of one client in flight at once (SCHEDULER_PER_CLIENT_CONCURRENCY); none beyond the rule below if unset. */
  perClientCap?: number;
}

/**
 * The fairness rule (one client's slow or hanging systems never delay another client's checks):
 * - each active client's share of the slots is concurrency ÷ clients with enabled systems (at
 *   least 1); a client below its share may always take a free slot;
 * - beyond its share a client may borrow idle slots, but only while a quarter of all slots
 *   stays free after the claim: that reserve is for clients below their share, so a client
 *   whose every system hangs can hold at most three quarters of the slots (until its timeouts);
 * - due systems are taken round-robin across clients (each client's oldest first, then each
 *   one's second, …), so one client's backlog never queues ahead of another client's one check;
 * - never more than the free slots: whatever is claimed starts at once, and a due system left
 *   unclaimed keeps its due time (it is taken the moment a slot frees, not an interval later).
 */
export function reservedSlots(concurrency: number): number {
  return Math.floor(concurrency / 4);
}

/**
 * Claims the due systems of active clients that may start now under the fairness rule above.
 * The next due time keeps the system's phase (due + interval, ±2 % jitter so systems do not
 * synchronise); a system more than one interval behind (the server was down) restarts its phase
 * at a random point of the next interval instead of firing a backlog.
 *
 * The ranking reads the due rows without locking them (FOR UPDATE is not allowed next to window
 * functions); only the picked rows are then locked, SKIP LOCKED, and the due condition is checked
 * again on the latest row version, so a row another instance claimed meanwhile is left out:
 * several instances never check a system twice in one interval.
 */
export async function claimDueSystems(db: Db, now: Date, slots: ClaimSlots): Promise<DueSystem[]> {
  let busy = 0;
  for (const n of slots.inFlightByClient.values()) busy += n;
  const free = slots.concurrency - busy;
  if (free <= 0) return [];
  const borrowable = free - reservedSlots(slots.concurrency);
  const cap = slots.perClientCap ?? slots.concurrency;
  const inFlight = JSON.stringify(Object.fromEntries(slots.inFlightByClient));
  const rows = await db.$queryRaw<
    {
      id: string;
      client_ref: string;
      health_url: string;
      timeout_ms: number;
      degraded_threshold_ms: number;
      check_interval_sec: number;
      allow_private: boolean;
      scheduled_at: Date;
    }[]
  >`
    WITH in_flight AS (
      SELECT key::uuid AS client_ref, value::int AS n FROM jsonb_each_text(${inFlight}::jsonb)
    ),
    share AS (
      SELECT GREATEST(1, ${slots.concurrency}::int / GREATEST(1, count(DISTINCT s.client_ref)::int)) AS g
      FROM systems s JOIN clients c ON c.id = s.client_ref
      WHERE s.enabled AND c.active
    ),
    ranked AS (
      -- slot: how many probes the client would have in flight with this one started
      SELECT s.id, s.next_check_at,
        COALESCE(f.n, 0) + row_number() OVER (PARTITION BY s.client_ref ORDER BY s.next_check_at, s.id) AS slot
      FROM systems s JOIN clients c ON c.id = s.client_ref LEFT JOIN in_flight f ON f.client_ref = s.client_ref
      WHERE s.enabled AND c.active AND s.next_check_at <= ${now}::timestamptz
    ),
    ordered AS (
      -- within-share picks first, then borrowed ones; round-robin across clients in each
      SELECT r.id, r.slot <= share.g AS within,
        row_number() OVER (ORDER BY r.slot > share.g, r.slot, r.next_check_at, r.id) AS pos
      FROM ranked r CROSS JOIN share
      WHERE r.slot <= ${cap}::int
    ),
    due AS (
      SELECT s.id, s.client_ref, s.next_check_at AS scheduled_at, c.allow_private_targets AS allow_private
      FROM systems s JOIN clients c ON c.id = s.client_ref
      WHERE s.id IN (SELECT id FROM ordered WHERE pos <= ${free}::int AND (within OR pos <= ${borrowable}::int))
        AND s.enabled AND c.active AND s.next_check_at <= ${now}::timestamptz
      FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE systems s SET next_check_at = CASE
        WHEN due.scheduled_at + make_interval(secs => s.check_interval_sec) > ${now}::timestamptz
          THEN due.scheduled_at + make_interval(secs => s.check_interval_sec * (0.98 + random() * 0.04))
        ELSE ${now}::timestamptz + make_interval(secs => s.check_interval_sec * random())
      END
    FROM due WHERE s.id = due.id
    RETURNING s.id, s.client_ref, s.health_url, s.timeout_ms, s.degraded_threshold_ms, s.check_interval_sec, due.allow_private, due.scheduled_at`;
  return rows.map((r) => ({
    id: r.id,
    clientRef: r.client_ref,
    healthUrl: r.health_url,
    timeoutMs: r.timeout_ms,
    degradedThresholdMs: r.degraded_threshold_ms,
    intervalSec: r.check_interval_sec,
    allowPrivate: r.allow_private,
    scheduledAt: new Date(r.scheduled_at),
  }));
}
