import type { VerbInput } from "@/lib/input";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { fromPrismaError, NotFoundError, parseInput, ValidationError, type FieldIssue } from "@/lib/errors";
import { toSystemOutput } from "./client-output";
import { findClientOrThrow } from "./find-client";
import { TIMEOUT_OVER_INTERVAL_MESSAGE, timeoutFitsInterval, updateSystemInputSchema, type SystemOutput } from "./schemas";
import { recordPauseIfDisabled } from "./pause-system";
import { changedSystemFields, metricsSchedulingFor, schedulingResetFor } from "./system-changes";

const nameTaken = (name: string): FieldIssue => ({ path: "name", message: `another system of this client is already called "${name}"` });

/**
 * Changes one system of a client, found by its current name (case-insensitive); fields left
 * out stay as they are. The cross-field rule (timeout ≤ interval) is checked on the merged
 * values, so changing only the interval cannot leave a timeout that outlasts it. A change of
 * URL, interval or enabled re-phases the system in the scheduler (see schedulingResetFor).
 */
export async function updateSystem({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateSystemInputSchema> }): Promise<SystemOutput> {
  requireScope(ctx, "write");
  const data = parseInput(updateSystemInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  const current = client.systems.find((s) => s.name.toLowerCase() === data.system.toLowerCase());
  if (!current) throw new NotFoundError(`Client "${client.clientId}" has no system called "${data.system}"`);

  const merged = {
    name: data.name ?? current.name,
    healthUrl: data.health_url ?? current.healthUrl,
    metricsUrl: data.metrics_url === undefined ? current.metricsUrl : data.metrics_url,
    checkIntervalSec: data.check_interval_seconds ?? current.checkIntervalSec,
    timeoutMs: data.timeout_ms ?? current.timeoutMs,
    degradedThresholdMs: data.degraded_threshold_ms ?? current.degradedThresholdMs,
    confirmations: data.confirmations ?? current.confirmations,
    enabled: data.enabled ?? current.enabled,
  };

  const issues: FieldIssue[] = [];
  if (!timeoutFitsInterval(merged.timeoutMs, merged.checkIntervalSec)) {
    // Blame the field the caller sent: a shorter interval alone is the interval's problem.
    issues.push(
      data.timeout_ms === undefined
        ? { path: "check_interval_seconds", message: `must not be shorter than the timeout (${merged.timeoutMs} ms)` }
        : { path: "timeout_ms", message: TIMEOUT_OVER_INTERVAL_MESSAGE },
    );
  }
  const clash = client.systems.find((s) => s.id !== current.id && s.name.toLowerCase() === merged.name.toLowerCase());
  if (clash) issues.push(nameTaken(clash.name));
  if (issues.length) throw new ValidationError(issues);

  const before = toSystemOutput(current);
  const diff = changedSystemFields(before, toSystemOutput({ ...current, ...merged }));
  if (Object.keys(diff.after).length === 0) return before; // nothing to change: no write, no audit line

  try {
    const updated = await ctx.db.$transaction(async (tx) => {
      await recordPauseIfDisabled(tx, current, merged.enabled, ctx.clock.now());
      const row = await tx.system.update({ where: { id: current.id }, data: { ...merged, ...schedulingResetFor(current, merged), ...metricsSchedulingFor(current, merged, ctx.clock.now()) } });
      await recordAudit(
        ctx,
        { action: "client.update_system", targetType: "client", targetId: client.clientId, summary: { system: current.name, ...diff } },
        tx,
      );
      return row;
    });
    return toSystemOutput(updated);
  } catch (error) {
    const mapped = fromPrismaError(error);
    // A concurrent rename took the name between our read and this write (the unique index).
    if (mapped?.code === "conflict") throw new ValidationError([nameTaken(merged.name)]);
    if (mapped?.code === "not_found") throw new NotFoundError(`Client "${client.clientId}" has no system called "${data.system}"`);
    throw error;
  }
}
