// Alert delivery as a kind of due work for the one scheduler loop (lib/monitoring/scheduler.ts):
// instrumentation-node.ts hands it in, so the monitoring domain never imports alerts. Each
// round claims due notifications (claim-due-notifications.ts) under this kind's own slots and
// sends each one (deliver.ts).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { DueWorkKind } from "@/lib/monitoring/scheduler";
import { claimDueNotifications, LEASE_MS, type DueNotification } from "./claim-due-notifications";
import { deliverNotification, type AttemptOutcome, type ReportEmailBuilder } from "./deliver";

/** Finished messages (delivered, dead, cancelled) and attempt lines are kept 90 days; pending ones until sent. */
export const ATTEMPT_LOG_DAYS = 90;

export interface AlertDeliveryOptions {
  /** Sends in flight at most (default 32): sends wait on receivers, not on this process. */
  concurrency?: number;
  perClientCap?: number;
  /** Identifies this process's leases (default host:pid:random). */
  workerId?: string;
  leaseMs?: number;
  random?: () => number;
  /** Builds scheduled reports' emails (kind "report"); composed in by instrumentation-node.ts. */
  reportEmail?: ReportEmailBuilder;
  /** Called after every attempt (tests and benchmarks). */
  onAttempt?: (outcome: AttemptOutcome) => void;
}

export function newWorkerId(): string {
  return `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export function alertDelivery(options: AlertDeliveryOptions = {}): DueWorkKind<DueNotification> {
  const workerId = options.workerId ?? newWorkerId();
  return {
    name: "alert delivery",
    concurrency: options.concurrency ?? 32,
    // Queued messages leave within a second (the state change → receiver budget is 5 s).
    pollMs: 1_000,
    perClientCap: options.perClientCap,
    claim: (db, now, slots) => claimDueNotifications(db, now, slots, workerId, options.leaseMs ?? LEASE_MS),
    async run(job, { db, clock, signal }) {
      const outcome = await deliverNotification(db, job, { clock, signal, random: options.random, reportEmail: options.reportEmail });
      options.onAttempt?.(outcome);
    },
    retention: applyDeliveryRetention,
  };
}

/** The delivery part of the scheduler's hourly retention pass; returns the rows deleted. */
export async function applyDeliveryRetention(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ATTEMPT_LOG_DAYS * 86_400_000);
  // Items and attempt lines of a deleted message go with it (ON DELETE CASCADE).
  const messages = await db.$executeRaw`
    DELETE FROM notifications WHERE state IN ('delivered', 'dead', 'cancelled') AND created_at < ${cutoff}::timestamptz`;
  const attempts = await db.$executeRaw`DELETE FROM delivery_attempts WHERE at < ${cutoff}::timestamptz`;
  return messages + attempts;
}
