// Claims the systems whose check is due, atomically and fairly across clients, through the one
// fair-share claim (claim-fair-share.ts: the rule, SKIP LOCKED, the next time moved in the same
// statement): two or three servers on one PostgreSQL never claim a system twice in an interval,
// and no client takes more than its share of the probe slots while others wait.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { claimFairShare, type ClaimSlots, type FairShareClaim } from "./claim-fair-share";

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

/**
 * Systems claimed fairly across their clients (checks here, metrics pulls in lib/metrics): the
 * system `s` joined to its client `c`, grouped by client, handing back `due.allow_private`.
 */
export const SYSTEMS_ACROSS_CLIENTS = {
  table: "systems",
  alias: "s",
  joins: Prisma.sql`JOIN clients c ON c.id = s.client_ref`,
  group: Prisma.sql`s.client_ref`,
  carry: Prisma.sql`c.allow_private_targets AS allow_private`,
} as const satisfies Partial<FairShareClaim>;

/**
 * Claims the due systems of enabled, active clients that may start now under the fairness rule
 * (reservedSlots in claim-fair-share.ts). The next due time keeps the system's phase (due +
 * interval, ±2 % jitter so systems do not synchronise); a system more than one interval behind
 * (the server was down) restarts its phase at a random point of the next interval instead of
 * firing a backlog.
 */
export async function claimDueSystems(db: Db, now: Date, slots: ClaimSlots): Promise<DueSystem[]> {
  const rows = await claimFairShare<{
    id: string;
    client_ref: string;
    health_url: string;
    timeout_ms: number;
    degraded_threshold_ms: number;
    check_interval_sec: number;
    allow_private: boolean;
    scheduled_at: Date;
  }>(db, now, slots, {
    ...SYSTEMS_ACROSS_CLIENTS,
    eligible: Prisma.sql`s.enabled AND c.active`,
    dueAt: Prisma.sql`s.next_check_at`,
    set: Prisma.sql`next_check_at = CASE
        WHEN due.scheduled_at + make_interval(secs => s.check_interval_sec) > ${now}::timestamptz
          THEN due.scheduled_at + make_interval(secs => s.check_interval_sec * (0.98 + random() * 0.04))
        ELSE ${now}::timestamptz + make_interval(secs => s.check_interval_sec * random())
      END`,
    returning: Prisma.sql`s.id, s.client_ref, s.health_url, s.timeout_ms, s.degraded_threshold_ms, s.check_interval_sec, due.allow_private, due.scheduled_at`,
  });
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
