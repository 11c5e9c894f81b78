// Claims the systems whose metrics pull is due, the way claim-due-systems.ts claims health
// checks: the ranking is fair across clients (each client's share of the pull slots, borrowing
// beyond it only while a quarter of the slots stays free, round-robin across clients), the
// picked rows are locked FOR UPDATE SKIP LOCKED and their next_metrics_at moves one interval on
// in the same statement, so several instances on one PostgreSQL never pull the same system in
// one interval. Only enabled systems of active clients with a metrics URL are pulled.
import type { Db } from "@/lib/db/client";
import { reservedSlots, type ClaimSlots } from "@/lib/monitoring/claim-due-systems";
import type { PullTarget } from "./pull-metrics";

export interface DuePull extends PullTarget {
  clientRef: string;
  /** When this pull was due. */
  scheduledAt: Date;
}

export async function claimDuePulls(db: Db, now: Date, slots: ClaimSlots): Promise<DuePull[]> {
  let busy = 0;
  for (const n of slots.inFlightByClient.values()) busy += n;
  const free = slots.concurrency - busy;
  if (free <= 0) return [];
  // The loop asks every 250 ms and pulls are due every 15 min: an index probe first, so the
  // fair-share ranking below (which counts every client's systems) runs only when work is due.
  const anyDue = await db.$queryRaw<unknown[]>`SELECT 1 FROM systems WHERE next_metrics_at <= ${now}::timestamptz LIMIT 1`;
  if (anyDue.length === 0) return [];
  const borrowable = free - reservedSlots(slots.concurrency);
  const cap = slots.perClientCap ?? slots.concurrency;
  const inFlight = JSON.stringify(Object.fromEntries(slots.inFlightByClient));
  const rows = await db.$queryRaw<
    {
      id: string;
      client_ref: string;
      metrics_url: string;
      timeout_ms: number;
      metrics_interval_sec: number;
      metrics_cursor: Date | null;
      metrics_failures: number;
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
      WHERE s.enabled AND c.active AND s.metrics_url IS NOT NULL
    ),
    ranked AS (
      SELECT s.id, s.next_metrics_at,
        COALESCE(f.n, 0) + row_number() OVER (PARTITION BY s.client_ref ORDER BY s.next_metrics_at, s.id) AS slot
      FROM systems s JOIN clients c ON c.id = s.client_ref LEFT JOIN in_flight f ON f.client_ref = s.client_ref
      WHERE s.enabled AND c.active AND s.metrics_url IS NOT NULL AND s.next_metrics_at <= ${now}::timestamptz
    ),
    ordered AS (
      SELECT r.id, r.slot <= share.g AS within,
        row_number() OVER (ORDER BY r.slot > share.g, r.slot, r.next_metrics_at, r.id) AS pos
      FROM ranked r CROSS JOIN share
      WHERE r.slot <= ${cap}::int
    ),
    due AS (
      SELECT s.id, s.next_metrics_at AS scheduled_at, c.allow_private_targets AS allow_private
      FROM systems s JOIN clients c ON c.id = s.client_ref
      WHERE s.id IN (SELECT id FROM ordered WHERE pos <= ${free}::int AND (within OR pos <= ${borrowable}::int))
        AND s.enabled AND c.active AND s.metrics_url IS NOT NULL AND s.next_metrics_at <= ${now}::timestamptz
      FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE systems s SET next_metrics_at = ${now}::timestamptz + make_interval(secs => s.metrics_interval_sec)
    FROM due WHERE s.id = due.id
    RETURNING s.id, s.client_ref, s.metrics_url, s.timeout_ms, s.metrics_interval_sec, s.metrics_cursor, s.metrics_failures,
      due.allow_private, due.scheduled_at`;
  return rows.map((r) => ({
    id: r.id,
    clientRef: r.client_ref,
    metricsUrl: r.metrics_url,
    timeoutMs: r.timeout_ms,
    intervalSec: r.metrics_interval_sec,
    allowPrivate: r.allow_private,
    cursor: r.metrics_cursor ? new Date(r.metrics_cursor) : null,
    failures: r.metrics_failures,
    scheduledAt: new Date(r.scheduled_at),
  }));
}
