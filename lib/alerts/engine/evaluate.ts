// Evaluation: for one client (and, after a check, one system) reads each applicable threshold's
// observed value (observe.ts), advances each subject's lifecycle (lifecycle.ts, pure) and
// applies it in ONE transaction per subject: the alert_evaluations row is locked (so two
// instances or two paths never interleave one subject), the Alert and its AlertEvent timeline
// are written, and the messages it causes are queued in the same transaction (the outbox,
// enqueueAlertEvent). Inside a maintenance window the alert is recorded muted and nothing is
// queued. Bounded: at most MAX_THRESHOLDS thresholds per call and MAX_SUBJECTS subjects per
// threshold. Callers after a check or a metrics sample must never fail because of this: they
// call evaluateSafely, which logs and swallows.
import { systemContext, type Context } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import type { AlertThreshold, Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { inMaintenance } from "@/lib/maintenance/maintenance-at";
import type { BatchCheck } from "@/lib/monitoring/check-writer";
import { attentionRules } from "@/lib/monitoring/client-attention";
import type { AlertMetric, Comparison } from "../contracts";
import { channelsForThreshold, enqueueAlertEvent, lockAlertGroup } from "../outbox";
import { alertMessage } from "./alert-message";
import { nextLifecycle, type FlappingRules, type LifecycleState } from "./lifecycle";
import { breaches, Observer, subjectsOf, type ObservedClient, type Subject } from "./observe";

export const MAX_THRESHOLDS = 200;
export const MAX_SUBJECTS = 500;
/** The periodic pass does not count an evaluation for a subject a check or a sample evaluated this recently (for_count counts evaluations, not passes). */
export const PASS_MIN_SPACING_MS = 90_000;
/** Metrics only a check moves: the periodic pass never counts an evaluation of these (only reminders and the end of muting). */
const ONLY_CHECKS_MOVE = (t: AlertThreshold) => t.metric === "status" || (t.metric === "response_time" && t.windowMinutes === 0);

export type EvaluationOrigin = "check" | "metrics" | "pass" | "manual";

export interface EvaluateScope {
  clientRef: string;
  /** Only this system's subjects of per-system metrics (after its check); client-level subjects still evaluate. */
  systemId?: string;
  /** Only these metrics. */
  metrics?: ReadonlySet<AlertMetric>;
  /** Only these thresholds (the periodic pass claims one at a time). */
  thresholdIds?: readonly string[];
  origin: EvaluationOrigin;
}

export interface EvaluationSummary {
  evaluated: number;
  fired: number;
  resolved: number;
  queued: number;
}

const clientSelect = {
  id: true,
  clientId: true,
  name: true,
  active: true,
  slaTarget: true,
  timeZone: true,
  systems: {
    select: { id: true, name: true, enabled: true, status: true, statusReason: true, statusChangedAt: true, statusRule: true, lastResponseTimeMs: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  },
} satisfies Prisma.ClientSelect;

export async function evaluateClient(ctx: Context, scope: EvaluateScope): Promise<EvaluationSummary> {
  const summary: EvaluationSummary = { evaluated: 0, fired: 0, resolved: 0, queued: 0 };
  const where: Prisma.AlertThresholdWhereInput = {
    enabled: true,
    OR: [{ clientRef: null }, { clientRef: scope.clientRef }],
    ...(scope.metrics ? { metric: { in: [...scope.metrics] } } : {}),
    ...(scope.thresholdIds ? { id: { in: [...scope.thresholdIds] } } : {}),
  };
  const thresholds = await ctx.db.alertThreshold.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: MAX_THRESHOLDS });
  if (thresholds.length === 0) return summary;
  const client = await ctx.db.client.findUnique({ where: { id: scope.clientRef }, select: clientSelect });
  // Inactive clients are not evaluated (a deactivated client is not watched).
  if (!client || !client.active) return summary;
  const observed: ObservedClient = { ...client, systems: client.systems };
  const observer = new Observer(ctx, observed);
  const now = ctx.clock.now();
  const muted = await inMaintenance(ctx.db, client.id, now);
  const flapping = flappingRules();
  // The live states of these rules for this client, read once: a clear evaluation of a subject
  // that is ok (or was never evaluated) changes nothing, so it takes no transaction. Most checks
  // of a healthy fleet are that; only breaches and subjects pending or firing are written.
  const live = await ctx.db.alertEvaluation.findMany({
    where: { clientRef: client.id, thresholdId: { in: thresholds.map((t) => t.id) }, ...(scope.systemId ? { subjectKey: { in: [scope.systemId, "client"] } } : {}) },
    select: { thresholdId: true, subjectKey: true, state: true, streak: true },
  });
  const liveByKey = new Map(live.map((r) => [`${r.thresholdId}|${r.subjectKey}`, r]));

  for (const threshold of thresholds) {
    if (threshold.systemId && !client.systems.some((s) => s.id === threshold.systemId)) continue;
    const subjects = subjectsOf(threshold, observed, scope.systemId).slice(0, MAX_SUBJECTS);
    const values = await observer.values(threshold, subjects);
    const byKey = new Map(values.map((v) => [v.key, v.value]));
    for (const subject of subjects) {
      const value = byKey.get(subject.key);
      const row = liveByKey.get(`${threshold.id}|${subject.key}`);
      if (value === undefined || value === null) {
        // No value and nothing firing: nothing to tick (applyEvaluation would change nothing).
        if (!row || row.state !== "firing") continue;
      } else if (!breaches(value, threshold.comparison as Comparison, threshold.value) && (!row || (row.state === "ok" && row.streak === 0))) {
        summary.evaluated++;
        continue;
      }
      // No value (window never watched, no automations, unknown status): not evaluated, except
      // that an alert already firing still gets its reminders and its end of muting.
      const r = await applyEvaluation(ctx.db, { threshold, client: observed, subject, value: value ?? null, now, inMaintenance: muted, origin: scope.origin, flapping });
      if (!r) continue;
      summary.evaluated++;
      summary.fired += r.fired ? 1 : 0;
      summary.resolved += r.resolved ? 1 : 0;
      summary.queued += r.queued;
    }
  }
  return summary;
}

/** Never throws: evaluation must never make a check or a metrics sample fail. */
export async function evaluateSafely(ctx: Context, scope: EvaluateScope): Promise<EvaluationSummary | null> {
  try {
    return await evaluateClient(ctx, scope);
  } catch (error) {
    logger.warn("alert evaluation failed; the check or sample is kept", { clientRef: scope.clientRef, systemId: scope.systemId, origin: scope.origin, error });
    return null;
  }
}

/**
 * The hook the scheduler and "check now" call after a check is recorded (composition, see
 * instrumentation-node.ts). `confirmedChange`: whether the check moved the system's confirmed
 * state. A check that did not can move only what one check decides (status, response time); the
 * windowed and client-level rules (uptime, flapping, SLA), which read history and change only
 * slowly or on a state change, are then left to the periodic pass (every minute). Unknown
 * (undefined): everything check-driven.
 */
export async function evaluateAfterCheck(db: Db, systemId: string, clock = systemContext(db).clock, confirmedChange?: boolean): Promise<EvaluationSummary | null> {
  try {
    const system = await db.system.findUnique({ where: { id: systemId }, select: { clientRef: true } });
    if (!system) return null;
    const [summary] = await evaluateAfterChecks(db, [{ systemId, clientRef: system.clientRef, confirmedChange }], clock);
    return summary!;
  } catch (error) {
    logger.warn("alert evaluation failed; the check is kept", { systemId, error });
    return null;
  }
}

/** A recorded check, as the evaluation after a batch of checks needs it. */
export interface CheckedSystem {
  systemId: string;
  clientRef: string;
  /** Whether the check moved the system's confirmed state (undefined: not known, everything check-driven). */
  confirmedChange?: boolean;
}

/**
 * The hook after a written batch of checks (the scheduler's check writer): ONE read of the
 * enabled check-driven thresholds that may apply to the batch's clients, then each check of a
 * client with such a threshold is evaluated as evaluateAfterCheck describes; a batch of a fleet
 * without alert rules costs that one read. Returns a summary per check, in order (all zero for a
 * check no rule applies to; null where an evaluation failed, logged). Never throws.
 */
export async function evaluateAfterChecks(db: Db, checks: readonly CheckedSystem[], clock = systemContext(db).clock): Promise<(EvaluationSummary | null)[]> {
  if (checks.length === 0) return [];
  const ctx = systemContext(db, clock);
  let withRules: Set<string | null>;
  try {
    const refs = [...new Set(checks.map((c) => c.clientRef))];
    const rows = await db.alertThreshold.findMany({
      where: { enabled: true, metric: { in: [...CHECK_DRIVEN] }, OR: [{ clientRef: null }, { clientRef: { in: refs } }] },
      select: { clientRef: true },
      distinct: ["clientRef"],
    });
    withRules = new Set(rows.map((r) => r.clientRef));
  } catch (error) {
    logger.warn("alert evaluation failed; the checks are kept", { checks: checks.length, error });
    return checks.map(() => null);
  }
  const out: (EvaluationSummary | null)[] = [];
  for (const c of checks) {
    if (!withRules.has(null) && !withRules.has(c.clientRef)) {
      out.push({ evaluated: 0, fired: 0, resolved: 0, queued: 0 });
      continue;
    }
    const metrics = c.confirmedChange === false ? PER_CHECK : CHECK_DRIVEN;
    out.push(await evaluateSafely(ctx, { clientRef: c.clientRef, systemId: c.systemId, origin: "check", metrics }));
  }
  return out;
}

/** The scheduler's `afterChecks` hook (composed in instrumentation-node.ts): evaluateAfterChecks for a written batch. */
export function evaluateCheckBatch(ctx: Context, checks: readonly BatchCheck[]): Promise<(EvaluationSummary | null)[]> {
  return evaluateAfterChecks(
    ctx.db,
    checks.map((c) => ({ systemId: c.systemId, clientRef: c.recorded.clientRef, confirmedChange: c.recorded.change !== null })),
    ctx.clock,
  );
}

/** After business metrics are accepted for a system: that client's business-metric and stalled thresholds. */
export async function evaluateAfterMetrics(db: Db, systemId: string, clock = systemContext(db).clock): Promise<EvaluationSummary | null> {
  const ctx = systemContext(db, clock);
  try {
    const system = await db.system.findUnique({ where: { id: systemId }, select: { clientRef: true } });
    if (!system) return null;
    return await evaluateSafely(ctx, { clientRef: system.clientRef, origin: "metrics", metrics: METRICS_DRIVEN });
  } catch (error) {
    logger.warn("alert evaluation failed; the sample is kept", { systemId, error });
    return null;
  }
}

export const CHECK_DRIVEN: ReadonlySet<AlertMetric> = new Set(["status", "uptime", "response_time", "flapping", "sla"]);
/** What a check that did not change the confirmed state can move. */
const PER_CHECK: ReadonlySet<AlertMetric> = new Set(["status", "response_time"]);
export const METRICS_DRIVEN: ReadonlySet<AlertMetric> = new Set(["success_rate", "error_rate", "daily_automations", "cost_savings", "stalled"]);

function flappingRules(): FlappingRules {
  const r = attentionRules();
  return { transitions: r.flappingChanges, windowMs: r.flappingWindowMs };
}

interface ApplyInput {
  threshold: AlertThreshold;
  client: ObservedClient;
  subject: Subject;
  /** null: no value now (only a tick for a firing alert: reminders, end of muting). */
  value: number | null;
  now: Date;
  inMaintenance: boolean;
  origin: EvaluationOrigin;
  flapping: FlappingRules;
}

interface Applied {
  fired: boolean;
  resolved: boolean;
  queued: number;
}

async function applyEvaluation(db: Db, input: ApplyInput): Promise<Applied | null> {
  const { threshold: t, client, subject, now } = input;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO alert_evaluations (threshold_id, client_ref, subject_key) VALUES (${t.id}::uuid, ${client.id}::uuid, ${subject.key})
      ON CONFLICT DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM alert_evaluations WHERE threshold_id = ${t.id}::uuid AND client_ref = ${client.id}::uuid AND subject_key = ${subject.key} FOR UPDATE`;
    const row = await tx.alertEvaluation.findUniqueOrThrow({ where: { thresholdId_clientRef_subjectKey: { thresholdId: t.id, clientRef: client.id, subjectKey: subject.key } } });
    const alert = row.alertId ? await tx.alert.findUnique({ where: { id: row.alertId } }) : null;
    const firing = row.state === "firing" && alert !== null && alert.state === "firing";

    let value = input.value;
    // The periodic pass does not count a second evaluation right after a check's or a sample's.
    if (input.origin === "pass" && value !== null && (ONLY_CHECKS_MOVE(t) || (row.lastEvaluatedAt && now.getTime() - row.lastEvaluatedAt.getTime() < PASS_MIN_SPACING_MS))) value = null;
    // A stale evaluation (another path already evaluated a later moment) changes nothing.
    if (row.lastEvaluatedAt && row.lastEvaluatedAt > now) return null;
    let breach: boolean;
    if (value === null) {
      if (!firing) return null;
      breach = row.streak === 0; // a tick repeats the last verdict: no new transition, only time moves
    } else breach = breaches(value, t.comparison as Comparison, t.value);

    const state: LifecycleState = {
      state: firing ? "firing" : row.state === "pending" ? "pending" : "ok",
      streak: row.streak,
      transitions: row.transitions,
      alert: firing
        ? { flapping: alert.flapping, muted: alert.muted, acknowledged: alert.acknowledgedAt !== null, reminders: alert.reminders, nextReminderAt: alert.nextReminderAt }
        : null,
    };
    const step = nextLifecycle(state, { breach, now, inMaintenance: input.inMaintenance }, { forCount: t.forCount, notifyRecovery: t.notifyRecovery, remindEveryMinutes: t.remindEveryMinutes }, input.flapping);

    const observedValue = value ?? alert?.observedValue ?? null;
    const message = alertMessage({ system: subject.system?.name ?? null, metric: t.metric as AlertMetric, comparison: t.comparison as Comparison, threshold: t.value, windowMinutes: t.windowMinutes, value: observedValue });
    let alertId = firing ? alert.id : null;
    const result: Applied = { fired: false, resolved: false, queued: 0 };
    let channels: string[] | null = null;
    let notified = false;

    for (const event of step.events) {
      if (event.kind === "pending") continue; // lives in alert_evaluations until it fires
      if (event.kind === "firing" && !alertId) {
        const created = await tx.alert.create({
          data: {
            thresholdId: t.id,
            clientRef: client.id,
            systemId: subject.system?.id ?? null,
            severity: t.severity,
            metric: t.metric,
            comparison: t.comparison,
            thresholdValue: t.value,
            observedValue,
            message,
            flapping: step.state.alert?.flapping ?? false,
            muted: step.state.alert?.muted ?? false,
            pendingSince: t.forCount > 1 ? null : now,
            startedAt: now,
            nextReminderAt: step.state.alert?.nextReminderAt ?? null,
          },
          select: { id: true },
        });
        alertId = created.id;
        result.fired = true;
      }
      if (!alertId) continue;
      if (event.kind === "resolved") result.resolved = true;
      await tx.alertEvent.create({ data: { alertId, at: now, kind: event.kind, value: observedValue, detail: eventDetail(event.kind, message, t.forCount).slice(0, 500) } });
      if (event.notify) {
        channels ??= await channelsForThreshold(tx, t.id, client.id);
        if (channels.length) {
          await enqueueAlertEvent(tx, { alertId, clientRef: client.id, eventKey: event.notify, channelIds: channels, at: now });
          result.queued += channels.length;
          notified = true;
        }
      }
    }
    if (result.fired && t.metric === "status" && subject.system && (await isClientDown(tx, client.id)) && (await firstToSeeClientDown(tx, client.id, alertId!))) {
      // Every enabled system of the client is down: the renderer says "client down" (one
      // message: the status alerts firing together share the client's grouping window).
      await tx.alertEvent.create({ data: { alertId: alertId!, at: now, kind: "client_down", value: null, detail: `every enabled system of ${client.name} is down`.slice(0, 500) } });
    }

    if (alertId) {
      const next = step.state.alert;
      await tx.alert.update({
        where: { id: alertId },
        data: next
          ? { observedValue, message, flapping: next.flapping, muted: next.muted, reminders: next.reminders, nextReminderAt: next.acknowledged ? null : next.nextReminderAt, ...(notified ? { lastNotifiedAt: now } : {}) }
          : { state: "resolved", resolvedAt: now, observedValue, nextReminderAt: null, ...(notified ? { lastNotifiedAt: now } : {}) },
      });
    }
    await tx.alertEvaluation.update({
      where: { thresholdId_clientRef_subjectKey: { thresholdId: t.id, clientRef: client.id, subjectKey: subject.key } },
      data: {
        state: step.state.state,
        streak: step.state.streak,
        transitions: [...step.state.transitions],
        alertId: step.state.state === "firing" ? alertId : null,
        ...(value !== null ? { lastValue: value, lastEvaluatedAt: now } : {}),
      },
    });
    return result;
  }, TX_OPTIONS);
}

function eventDetail(kind: string, message: string, forCount: number): string {
  switch (kind) {
    case "firing":
      return forCount > 1 ? `${message} (${forCount} evaluations in a row)` : message;
    case "resolved":
      return `back within the threshold: ${message}`;
    case "flapping":
      return `flapping: held firing instead of notifying each change (${message})`;
    case "reminder":
      return `still firing: ${message}`;
    case "muted":
      return "in a maintenance window: recorded, not notified";
    case "unmuted":
      return "maintenance window over";
    default:
      return message;
  }
}

/**
 * True when the client has at least two enabled systems and every enabled one is confirmed down:
 * the "client down" case the renderer (H3) names instead of listing each system's alert.
 */
export async function isClientDown(db: Db | Tx, clientRef: string): Promise<boolean> {
  const rows = await db.system.groupBy({ by: ["status"], where: { clientRef, enabled: true }, _count: { _all: true } });
  // One system alone is not a "client down" (nothing to collapse): at least two, all down.
  return rows.length === 1 && rows[0]!.status === "down" && rows[0]!._count._all >= 2;
}

/** Under the client's group lock: no other firing alert of the client already says "client down" (exactly one does). */
async function firstToSeeClientDown(tx: Tx, clientRef: string, alertId: string): Promise<boolean> {
  await lockAlertGroup(tx, clientRef);
  const marked = await tx.alertEvent.findFirst({ where: { kind: "client_down", alert: { clientRef, state: "firing", id: { not: alertId } } }, select: { id: true } });
  return marked === null;
}

const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };

/**
 * Firing alerts nothing will evaluate again — their threshold was deleted or disabled, their
 * system paused or removed, their client deactivated — are closed (resolved, with a "closed"
 * event saying why, no message): otherwise they would stay firing, and on the badges, for ever.
 * Bounded per call; the periodic pass runs it now and then. H1's threshold verbs may call it in
 * their own transaction (pass `tx`) right after a delete or a disable.
 */
export async function closeOrphanedAlerts(db: Db | Tx, now: Date, limit = 500): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; why: string }[]>`
    SELECT a.id,
      CASE WHEN t.id IS NULL THEN 'its rule was deleted'
           WHEN NOT t.enabled THEN 'its rule was disabled'
           WHEN NOT c.active THEN 'the client was deactivated'
           ELSE 'the system was paused or removed' END AS why
    FROM alerts a
    JOIN clients c ON c.id = a.client_ref
    LEFT JOIN alert_thresholds t ON t.id = a.threshold_id
    LEFT JOIN systems s ON s.id = a.system_id
    WHERE a.state = 'firing'
      AND (t.id IS NULL OR NOT t.enabled OR NOT c.active
           OR (a.metric IN ('uptime', 'response_time', 'status', 'stalled') AND (s.id IS NULL OR NOT s.enabled)))
    LIMIT ${limit}`;
  for (const r of rows) {
    await db.alert.updateMany({ where: { id: r.id, state: "firing" }, data: { state: "resolved", resolvedAt: now, nextReminderAt: null } });
    await db.alertEvent.create({ data: { alertId: r.id, at: now, kind: "closed", detail: `closed: ${r.why}`, value: null } });
    await db.alertEvaluation.updateMany({ where: { alertId: r.id }, data: { state: "ok", streak: 0, alertId: null } });
  }
  return rows.length;
}
