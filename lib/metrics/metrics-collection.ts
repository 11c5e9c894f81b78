// Metrics pulls as a kind of due work for the one scheduler loop (lib/monitoring/scheduler.ts):
// instrumentation-node.ts hands it in, so the monitoring domain never imports this one.
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { DueWorkKind } from "@/lib/monitoring/scheduler";
import { claimDuePulls, type DuePull } from "./claim-due-pulls";
import { pullMetrics, type PullResult } from "./pull-metrics";

export interface MetricsCollectionOptions {
  /** Pulls in flight at most (default 8): a client's slow metrics URL holds one slot until its timeout. */
  concurrency?: number;
  perClientCap?: number;
  /** Called after every pull (tests and benchmarks). */
  onPull?: (job: DuePull, result: PullResult | undefined) => void;
  /**
   * Runs after a pull that accepted metrics, in the same step (alert evaluation, composed in by
   * instrumentation-node.ts so metrics never imports alerts). A throw is logged; the sample stays.
   */
  afterAccept?: (db: Db, systemId: string, at: Date) => Promise<unknown>;
}

/** metric_pulls kept: 30 days, and at most the last 200 per system. */
export const PULL_LOG_DAYS = 30;
export const PULL_LOG_PER_SYSTEM = 200;

export function metricsCollection(options: MetricsCollectionOptions = {}): DueWorkKind<DuePull> {
  return {
    name: "metrics pull",
    concurrency: options.concurrency ?? 8,
    // Pulls fall due every quarter-hour or so: looking once a second is plenty.
    pollMs: 1_000,
    perClientCap: options.perClientCap,
    claim: claimDuePulls,
    async run(job, { db, clock, signal }) {
      const result = await pullMetrics(db, job, { now: () => clock.now(), source: "pull", signal });
      if (options.afterAccept && result && (result.outcome === "accepted" || result.outcome === "partial")) {
        await options.afterAccept(db, job.id, clock.now()).catch((error) => logger.warn("after-metrics step failed; the sample is kept", { systemId: job.id, error }));
      }
      options.onPull?.(job, result);
    },
    retention: applyMetricsRetention,
  };
}

/**
 * The metrics part of the scheduler's hourly retention pass: the pull log, and raw samples whose
 * period ended more than METRICS_RETENTION_DAYS ago. Rollups are kept (every figure and chart
 * reads them). Returns the rows deleted.
 */
export async function applyMetricsRetention(db: Db, now: Date, retentionDays = getEnv().METRICS_RETENTION_DAYS): Promise<number> {
  return (await applyPullLogRetention(db, now)) + (await applySampleRetention(db, now, retentionDays));
}

/** The oldest instant whose raw samples are kept: a push for a period before it is refused (ingest-metrics.ts). */
export function sampleRetentionHorizon(now: Date, retentionDays = getEnv().METRICS_RETENTION_DAYS): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

/** Deletes raw samples that ended before the horizon, one system at a time (the (system_id, period_end) index, no table scan). */
export async function applySampleRetention(db: Db, now: Date, retentionDays: number): Promise<number> {
  const horizon = sampleRetentionHorizon(now, retentionDays);
  const systems = await db.system.findMany({ select: { id: true } });
  let deleted = 0;
  for (const { id } of systems) {
    deleted += await db.$executeRaw`DELETE FROM metric_samples WHERE system_id = ${id}::uuid AND period_end < ${horizon}::timestamptz`;
  }
  return deleted;
}

/** Bounds the pull log (part of the scheduler's hourly retention pass). */
export async function applyPullLogRetention(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PULL_LOG_DAYS * 86_400_000);
  const old = await db.$executeRaw`DELETE FROM metric_pulls WHERE at < ${cutoff}::timestamptz`;
  const excess = await db.$executeRaw`
    DELETE FROM metric_pulls WHERE id IN (
      SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY system_id ORDER BY at DESC, id DESC) AS n FROM metric_pulls
      ) ranked WHERE n > ${PULL_LOG_PER_SYSTEM}::int)`;
  return old + excess;
}
