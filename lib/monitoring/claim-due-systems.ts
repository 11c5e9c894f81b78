// Claims the systems whose check is due, atomically: each claimed row's next_check_at moves one
// interval on in the same statement, and rows another instance holds are skipped (FOR UPDATE
// SKIP LOCKED), so two or three servers on one PostgreSQL never claim a system twice in an
// interval. PGlite runs the same SQL in its one process.
import type { Db } from "@/lib/db/client";

export interface DueSystem {
  id: string;
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

/**
 * Claims up to `limit` due systems of active clients, oldest due first. The next due time keeps
 * the system's phase (due + interval, ±2 % jitter so systems do not synchronise); a system more
 * than one interval behind (the server was down) restarts its phase at a random point of the
 * next interval instead of firing a backlog.
 */
export async function claimDueSystems(db: Db, now: Date, limit: number): Promise<DueSystem[]> {
  if (limit <= 0) return [];
  const rows = await db.$queryRaw<
    { id: string; health_url: string; timeout_ms: number; degraded_threshold_ms: number; check_interval_sec: number; allow_private: boolean; scheduled_at: Date }[]
  >`
    WITH due AS (
      SELECT s.id, s.next_check_at AS scheduled_at, c.allow_private_targets AS allow_private
      FROM systems s JOIN clients c ON c.id = s.client_ref
      WHERE s.enabled AND c.active AND s.next_check_at <= ${now}::timestamptz
      ORDER BY s.next_check_at
      LIMIT ${limit}
      FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE systems s SET next_check_at = CASE
        WHEN due.scheduled_at + make_interval(secs => s.check_interval_sec) > ${now}::timestamptz
          THEN due.scheduled_at + make_interval(secs => s.check_interval_sec * (0.98 + random() * 0.04))
        ELSE ${now}::timestamptz + make_interval(secs => s.check_interval_sec * random())
      END
    FROM due WHERE s.id = due.id
    RETURNING s.id, s.health_url, s.timeout_ms, s.degraded_threshold_ms, s.check_interval_sec, due.allow_private, due.scheduled_at`;
  return rows.map((r) => ({
    id: r.id,
    healthUrl: r.health_url,
    timeoutMs: r.timeout_ms,
    degradedThresholdMs: r.degraded_threshold_ms,
    intervalSec: r.check_interval_sec,
    allowPrivate: r.allow_private,
    scheduledAt: new Date(r.scheduled_at),
  }));
}
