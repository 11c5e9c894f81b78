// The periodic alert pass as a kind of due work for the one scheduler loop (handed in by
// instrumentation-node.ts; lib/monitoring never imports alerts): windowed metrics move with
// time alone (an uptime window slides, a day's automations stay low), reminders fall due and
// maintenance windows end, with no check or sample to trigger an evaluation.
//
// What is claimed: one (threshold, client) pair at a time, due every PASS_EVERY_MS. The due time
// lives in a marker row of alert_evaluations (subject_key PASS_MARKER, state always "ok"; its
// last_evaluated_at is when the pair was last claimed), so no table is added and the claim is
// the claim-due-systems.ts shape: FOR UPDATE SKIP LOCKED, the time moved on in the same
// statement. Three instances on one PostgreSQL never evaluate the same pair at once, nor twice
// in one interval; and each subject's own row is locked while it is applied (evaluate.ts).
import { systemContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { DueJob, DueWorkKind } from "@/lib/monitoring/scheduler";
import { closeOrphanedAlerts, evaluateClient } from "./evaluate";

export const PASS_MARKER = "~pass";
export const PASS_EVERY_MS = 60_000;
/** Marker rows created per round at most, and how often new (threshold, client) pairs are looked for. */
const NEW_PAIRS_PER_ROUND = 2_000;
const NEW_PAIRS_EVERY_MS = 15_000;

export interface DuePass extends DueJob {
  thresholdId: string;
}

/** Creates missing marker rows (due at once) for enabled thresholds × their active clients. Bounded. */
export async function scheduleNewPasses(db: Db): Promise<number> {
  return db.$executeRaw`
    INSERT INTO alert_evaluations (threshold_id, client_ref, subject_key, state, streak, transitions, last_evaluated_at)
    SELECT t.id, c.id, ${PASS_MARKER}, 'ok', 0, '{}', NULL
    FROM alert_thresholds t JOIN clients c ON c.active AND (t.client_ref IS NULL OR t.client_ref = c.id)
    WHERE t.enabled AND NOT EXISTS (
      SELECT 1 FROM alert_evaluations e WHERE e.threshold_id = t.id AND e.client_ref = c.id AND e.subject_key = ${PASS_MARKER})
    LIMIT ${NEW_PAIRS_PER_ROUND}
    ON CONFLICT DO NOTHING`;
}

export async function claimDuePasses(db: Db, now: Date, limit: number): Promise<DuePass[]> {
  if (limit <= 0) return [];
  const rows = await db.$queryRaw<{ threshold_id: string; client_ref: string }[]>`
    UPDATE alert_evaluations e SET last_evaluated_at = ${now}::timestamptz
    FROM (
      SELECT e2.threshold_id, e2.client_ref FROM alert_evaluations e2
      JOIN alert_thresholds t ON t.id = e2.threshold_id AND t.enabled
      JOIN clients c ON c.id = e2.client_ref AND c.active
      WHERE e2.subject_key = ${PASS_MARKER}
        AND (e2.last_evaluated_at IS NULL OR e2.last_evaluated_at <= ${new Date(now.getTime() - PASS_EVERY_MS)}::timestamptz)
      ORDER BY e2.last_evaluated_at NULLS FIRST
      LIMIT ${limit}
      FOR UPDATE OF e2 SKIP LOCKED
    ) due
    WHERE e.threshold_id = due.threshold_id AND e.client_ref = due.client_ref AND e.subject_key = ${PASS_MARKER}
    RETURNING e.threshold_id, e.client_ref`;
  return rows.map((r) => ({ id: `${r.threshold_id}:${r.client_ref}`, thresholdId: r.threshold_id, clientRef: r.client_ref }));
}

export function alertPass(options: { concurrency?: number } = {}): DueWorkKind<DuePass> {
  let lastNewPairs = Number.NEGATIVE_INFINITY;
  return {
    name: "alert pass",
    concurrency: options.concurrency ?? 4,
    // A pass per minute and rule: looking every 5 s keeps it within its minute.
    pollMs: 5_000,
    async claim(db, now, slots) {
      // The scheduler's clock (fake in tests), so a new threshold is picked up within NEW_PAIRS_EVERY_MS of its time.
      if (Math.abs(now.getTime() - lastNewPairs) >= NEW_PAIRS_EVERY_MS) {
        lastNewPairs = now.getTime();
        await scheduleNewPasses(db);
        await closeOrphanedAlerts(db, now);
      }
      let inFlight = 0;
      for (const n of slots.inFlightByClient.values()) inFlight += n;
      return claimDuePasses(db, now, slots.concurrency - inFlight);
    },
    async run(job, { db, clock }) {
      await evaluateClient(systemContext(db, clock), { clientRef: job.clientRef, thresholdIds: [job.thresholdId], origin: "pass" });
    },
  };
}
