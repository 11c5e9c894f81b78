// Claims the systems whose metrics pull is due, through the one fair-share claim
// (lib/monitoring/claim-fair-share.ts) that health checks use: fair across clients, the picked
// rows locked FOR UPDATE SKIP LOCKED and their next_metrics_at moved one interval on in the same
// statement, so several instances on one PostgreSQL never pull the same system in one interval.
// Only enabled systems of active clients with a metrics URL are pulled.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { SYSTEMS_ACROSS_CLIENTS } from "@/lib/monitoring/claim-due-systems";
import { claimFairShare, type ClaimSlots } from "@/lib/monitoring/claim-fair-share";
import type { PullTarget } from "./pull-metrics";

export interface DuePull extends PullTarget {
  clientRef: string;
  /** When this pull was due. */
  scheduledAt: Date;
}

export async function claimDuePulls(db: Db, now: Date, slots: ClaimSlots): Promise<DuePull[]> {
  const rows = await claimFairShare<{
    id: string;
    client_ref: string;
    metrics_url: string;
    timeout_ms: number;
    metrics_interval_sec: number;
    metrics_cursor: Date | null;
    metrics_failures: number;
    allow_private: boolean;
    scheduled_at: Date;
  }>(db, now, slots, {
    ...SYSTEMS_ACROSS_CLIENTS,
    eligible: Prisma.sql`s.enabled AND c.active AND s.metrics_url IS NOT NULL`,
    dueAt: Prisma.sql`s.next_metrics_at`,
    set: Prisma.sql`next_metrics_at = ${now}::timestamptz + make_interval(secs => s.metrics_interval_sec)`,
    returning: Prisma.sql`s.id, s.client_ref, s.metrics_url, s.timeout_ms, s.metrics_interval_sec, s.metrics_cursor, s.metrics_failures,
      due.allow_private, due.scheduled_at`,
    // The loop asks every 250 ms and pulls are due every 15 min: an index probe first, so the
    // fair-share ranking (which counts every client's systems) runs only when work is due.
    anyDueProbe: Prisma.sql`s.next_metrics_at <= ${now}::timestamptz`,
  });
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
