// Scheduled reports as a kind of due work for the one scheduler loop (lib/monitoring/scheduler.ts;
// instrumentation-node.ts hands it in). Each round claims the due schedules (enabled, client
// active, next_run_at passed, no live lease) FOR UPDATE SKIP LOCKED through the fair-share claim,
// leasing them (locked_until, locked_by) in the same statement. Per schedule:
//
// 1. The run's instant `scheduledFor` is its next_run_at; when several runs were missed (the
//    server was down, or the run kept failing past the next occurrence) ONE report is sent, for
//    the most recent missed run, and the older ones are skipped and logged: a client wants this
//    week's report, not five stale ones in a row.
// 2. The report is computed OUTSIDE any transaction, with a context whose clock says
//    scheduledFor, so its period is the last complete one at the scheduled time even when a
//    worker runs late.
// 3. One short transaction: the schedule moves on (next occurrence after now, last_run_at, lease
//    cleared) only while this worker still holds the lease; the frozen report (unique per
//    schedule and scheduledFor) and its email (a kind "report" notification, unique dedupe key
//    report:<schedule>:<scheduledFor>) are written with it. A crash before the commit writes
//    nothing: the run is claimed again after the lease and done once; a worker that lost its
//    lease rolls back. So one run never makes two reports or two emails.
// 4. A failure (client gone, computation error) is recorded in last_error and retried after a
//    backoff that doubles with how late the run is (1 min … 1 h): never a hot loop.
// The email itself goes through the alerting outbox (retries, dead letters, delivery log).
import { randomBytes, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { createContext, type Clock } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { claimFairShare, type ClaimSlots } from "@/lib/monitoring/claim-fair-share";
import type { DueWorkKind } from "@/lib/monitoring/scheduler";
import type { PeriodicReportType } from "../contracts";
import { prepareReport, storeReport } from "../generate-report";
import { describeCron, latestDueRun, nextRunAfter } from "./cron";

/** How long a claim holds a schedule: longer than computing a quarterly report can take. */
export const SCHEDULE_LEASE_MS = 5 * 60_000;
export const MIN_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 60 * 60_000;

export interface DueSchedule {
  id: string;
  clientRef: string;
  lockedBy: string;
}

export interface ScheduleRunOutcome {
  scheduleId: string;
  outcome: "sent" | "already_done" | "failed" | "lease_lost" | "skipped";
  scheduledFor: Date | null;
  reportId: string | null;
  notificationId: string | null;
  skippedRuns: number;
  error: string | null;
}

export interface ReportSchedulingOptions {
  /** Reports computed at once at most (default 2: a report reads a whole period of data). */
  concurrency?: number;
  workerId?: string;
  leaseMs?: number;
  /** Called after every run (tests and benchmarks). */
  onRun?: (outcome: ScheduleRunOutcome) => void;
  /** Tests only: runs after the report is computed, before the transaction (a crash is simulated by never returning). */
  afterCompute?: (scheduleId: string) => Promise<void>;
  /** Tests only: runs inside the transaction after its writes, right before the commit (a process killed here). */
  beforeCommit?: (scheduleId: string) => Promise<void>;
}

export async function claimDueSchedules(db: Db, now: Date, slots: ClaimSlots, workerId: string, leaseMs = SCHEDULE_LEASE_MS): Promise<DueSchedule[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await claimFairShare<{ id: string; client_ref: string }>(db, now, slots, {
    table: "report_schedules",
    alias: "rs",
    joins: Prisma.sql`JOIN clients c ON c.id = rs.client_ref`,
    group: Prisma.sql`rs.client_ref`,
    eligible: Prisma.sql`rs.enabled AND c.active`,
    // Due at next_run_at, or when a lease (a run in progress, or a failed run's backoff) ends.
    dueAt: Prisma.sql`GREATEST(rs.next_run_at, COALESCE(rs.locked_until, rs.next_run_at))`,
    set: Prisma.sql`locked_until = ${leaseUntil}::timestamptz, locked_by = ${workerId}`,
    returning: Prisma.sql`rs.id, rs.client_ref`,
    anyDueProbe: Prisma.sql`rs.enabled AND rs.next_run_at <= ${now}::timestamptz AND (rs.locked_until IS NULL OR rs.locked_until <= ${now}::timestamptz)`,
  });
  return rows.map((r) => ({ id: r.id, clientRef: r.client_ref, lockedBy: workerId }));
}

class LeaseLost extends Error {}

function retryDelayMs(lateMs: number): number {
  return Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, lateMs));
}

/** Records a failed run: last_error, and a backoff lease (no worker) that doubles with how late the run is, 1 min … 1 h. */
async function failRun(db: Db, job: DueSchedule, clock: Clock, run: ScheduleRunOutcome, error: unknown): Promise<ScheduleRunOutcome> {
  const message = ((error as Error)?.message ?? String(error)).replace(/\s+/g, " ").slice(0, 1000);
  const at = clock.now();
  const retryAt = new Date(at.getTime() + retryDelayMs(at.getTime() - (run.scheduledFor ?? at).getTime()));
  await db.reportSchedule.updateMany({ where: { id: job.id, lockedBy: job.lockedBy }, data: { lastError: message, lockedUntil: retryAt, lockedBy: null } });
  logger.warn("scheduled report failed; retried later", { scheduleId: job.id, scheduledFor: run.scheduledFor?.toISOString(), retryAt: retryAt.toISOString(), error: message });
  return { ...run, outcome: "failed", error: message };
}

/** One claimed schedule: compute, then store the report, queue its email and move the schedule on, in one transaction. */
export async function runSchedule(db: Db, job: DueSchedule, clock: Clock, options: Pick<ReportSchedulingOptions, "afterCompute" | "beforeCommit"> = {}): Promise<ScheduleRunOutcome> {
  const base: ScheduleRunOutcome = { scheduleId: job.id, outcome: "skipped", scheduledFor: null, reportId: null, notificationId: null, skippedRuns: 0, error: null };
  const schedule = await db.reportSchedule.findUnique({
    where: { id: job.id },
    include: { client: { select: { clientId: true, name: true, timeZone: true } } },
  });
  if (!schedule || schedule.lockedBy !== job.lockedBy) return base;
  const zone = schedule.client.timeZone;
  const now = clock.now();
  let due: { at: Date; skipped: number };
  try {
    due = latestDueRun(schedule.cron, zone, schedule.nextRunAt, now);
  } catch (error) {
    // A zone croner cannot read (edited in the database by hand): recorded, retried later, never a hot loop.
    return failRun(db, job, clock, { ...base, scheduledFor: schedule.nextRunAt }, error);
  }
  const { at: scheduledFor, skipped } = due;
  if (skipped > 0) {
    logger.info("scheduled report: missed runs skipped, sending the latest one only", { scheduleId: job.id, skipped, since: schedule.nextRunAt.toISOString(), sending: scheduledFor.toISOString() });
  }
  const run = { ...base, scheduledFor, skippedRuns: skipped };
  const description = describeCron(schedule.cron, zone);

  const fail = (error: unknown) => failRun(db, job, clock, run, error);

  let prepared;
  try {
    // The clock stands at the scheduled instant: the period is the last complete one then.
    const ctx = createContext({ db, actor: { type: "system", label: `schedule ${job.id}` }, scopes: ["read", "write", "admin"], clock: { now: () => scheduledFor } });
    prepared = await prepareReport(ctx, {
      client_id: schedule.client.clientId,
      report_type: schedule.reportType as PeriodicReportType,
      include_recommendations: schedule.includeRecommendations,
      generatedBy: `schedule: ${description}`.slice(0, 200),
    });
  } catch (error) {
    return fail(error);
  }
  if (options.afterCompute) await options.afterCompute(job.id);

  try {
    const committedAt = clock.now();
    const next = nextRunAfter(schedule.cron, zone, committedAt);
    return await db.$transaction(async (tx) => {
      const moved = await tx.reportSchedule.updateMany({
        where: { id: job.id, lockedBy: job.lockedBy },
        data: next
          ? { nextRunAt: next, lastRunAt: committedAt, lockedUntil: null, lockedBy: null, lastError: null }
          : { enabled: false, lastRunAt: committedAt, lockedUntil: null, lockedBy: null, lastError: "the cron never fires again: schedule disabled" },
      });
      if (moved.count === 0) throw new LeaseLost();
      const stored = await storeReport(tx, prepared, { id: job.id, scheduledFor });
      if (!stored) return { ...run, outcome: "already_done" as const };
      const notificationId = randomUUID();
      const payload = JSON.stringify({ schedule_id: job.id, scheduled_for: scheduledFor.toISOString(), description });
      const inserted = await tx.$executeRaw`
        INSERT INTO notifications (id, channel_id, client_ref, kind, dedupe_key, state, send_after, next_attempt_at, attempts, payload, report_id, created_at)
        VALUES (${notificationId}::uuid, ${schedule.channelId}::uuid, ${schedule.clientRef}::uuid, 'report', ${`report:${job.id}:${scheduledFor.toISOString()}`},
          'pending', ${committedAt}::timestamptz, ${committedAt}::timestamptz, 0, ${payload}::jsonb, ${stored.id}::uuid, ${committedAt}::timestamptz)
        ON CONFLICT (dedupe_key) DO NOTHING`;
      if (options.beforeCommit) await options.beforeCommit(job.id);
      return { ...run, outcome: "sent" as const, reportId: stored.id, notificationId: inserted ? notificationId : null };
    });
  } catch (error) {
    if (error instanceof LeaseLost) {
      logger.warn("scheduled report not stored: the lease was taken over", { scheduleId: job.id });
      return { ...run, outcome: "lease_lost" };
    }
    return fail(error);
  }
}

export function reportScheduling(options: ReportSchedulingOptions = {}): DueWorkKind<DueSchedule> {
  const workerId = options.workerId ?? `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString("hex")}`;
  return {
    name: "scheduled reports",
    concurrency: options.concurrency ?? 2,
    // Schedules fall due at whole minutes at the finest; a report may start up to 10 s late.
    pollMs: 10_000,
    perClientCap: 1,
    claim: (db, now, slots) => claimDueSchedules(db, now, slots, workerId, options.leaseMs ?? SCHEDULE_LEASE_MS),
    async run(job, { db, clock }) {
      const outcome = await runSchedule(db, job, clock, options);
      options.onRun?.(outcome);
    },
  };
}
