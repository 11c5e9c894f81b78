import type { VerbInput } from "@/lib/input";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { clientWithSystems, toClientOutput } from "./client-output";
import { findClientOrThrow } from "./find-client";
import { normalizeSystem } from "./normalize-registration";
import { updateClientInputSchema, type ClientOutput } from "./schemas";
import { recordPauseIfDisabled } from "./pause-system";
import { metricsSchedulingFor, schedulingResetFor } from "./system-changes";
import { hourlyRateCents } from "./schemas";

/**
 * Changes a client's fields; fields left out stay as they are. When `systems` is given the
 * client's systems become exactly that list: matched by name (case-insensitive) they keep
 * their id and history, new names are added, names not listed are removed.
 *
 * `allow_private_targets` lets this client's checks reach private addresses; it is a network
 * security decision, so only an admin may change it (the whole update is refused otherwise).
 */
export async function updateClient({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateClientInputSchema> }): Promise<ClientOutput> {
  requireScope(ctx, "write");
  const data = parseInput(updateClientInputSchema, input);
  if (data.allow_private_targets !== undefined) requireScope(ctx, "admin");
  const before = await findClientOrThrow(ctx, data.client_id);
  const privateChanged = data.allow_private_targets !== undefined && data.allow_private_targets !== before.allowPrivateTargets;
  const name = data.client_name ?? data.name;

  const updated = await ctx.db.$transaction(async (tx) => {
    if (data.systems) {
      const wanted = data.systems.map(normalizeSystem);
      const existing = new Map(before.systems.map((s) => [s.name.toLowerCase(), s]));
      const keep = new Set<string>();
      for (const [position, s] of wanted.entries()) {
        const match = existing.get(s.name.toLowerCase());
        if (match) {
          keep.add(match.id);
          await recordPauseIfDisabled(tx, match, s.enabled, ctx.clock.now());
          await tx.system.update({ where: { id: match.id }, data: { ...s, ...schedulingResetFor(match, s), ...metricsSchedulingFor(match, s, ctx.clock.now()), position } });
        } else {
          await tx.system.create({ data: { ...s, position, clientRef: before.id, ...metricsSchedulingFor(null, s, ctx.clock.now()) } });
        }
      }
      const removed = before.systems.filter((s) => !keep.has(s.id)).map((s) => s.id);
      if (removed.length) await tx.system.deleteMany({ where: { id: { in: removed } } });
    }
    const row = await tx.client.update({
      where: { id: before.id },
      data: {
        ...(name !== undefined ? { name } : {}),
        ...(data.industry !== undefined && "industry" in (input as object) ? { industry: data.industry } : {}),
        ...("contact_email" in (input as object) ? { contactEmail: data.contact_email ?? null } : {}),
        ...(data.tags !== undefined ? { tags: [...new Set(data.tags)] } : {}),
        ...(data.sla_target !== undefined ? { slaTarget: data.sla_target } : {}),
        ...(data.active !== undefined ? { active: data.active } : {}),
        ...(data.allow_private_targets !== undefined ? { allowPrivateTargets: data.allow_private_targets } : {}),
        ...(data.time_zone !== undefined ? { timeZone: data.time_zone } : {}),
        ...(data.hourly_rate !== undefined ? { hourlyRateCents: hourlyRateCents(data.hourly_rate) } : {}),
        ...(data.currency !== undefined ? { currency: data.currency } : {}),
      },
      include: clientWithSystems,
    });
    if (privateChanged) {
      // Re-check soon under the new policy (NULL = "schedule afresh"), not an interval later.
      await tx.system.updateMany({ where: { clientRef: before.id }, data: { nextCheckAt: null } });
    }
    await recordAudit(
      ctx,
      {
        action: "client.update",
        targetType: "client",
        targetId: before.clientId,
        summary: {
          before: {
            name: before.name,
            active: before.active,
            systems: before.systems.map((s) => s.name),
            ...(privateChanged ? { allow_private_targets: before.allowPrivateTargets } : {}),
            ...metricsSettings(before, row, "before"),
          },
          after: {
            name: row.name,
            active: row.active,
            systems: row.systems.map((s) => s.name),
            ...(privateChanged ? { allow_private_targets: row.allowPrivateTargets } : {}),
            ...metricsSettings(before, row, "after"),
          },
        },
      },
      tx,
    );
    return row;
  });
  return toClientOutput(updated);
}

type MetricsSettingsRow = { timeZone: string; hourlyRateCents: number; currency: string };
/** The business settings that changed (time zone, hourly rate, currency), for the audit summary. */
function metricsSettings(before: MetricsSettingsRow, after: MetricsSettingsRow, side: "before" | "after"): Record<string, string | number> {
  const row = side === "before" ? before : after;
  const out: Record<string, string | number> = {};
  if (before.timeZone !== after.timeZone) out.time_zone = row.timeZone;
  if (before.hourlyRateCents !== after.hourlyRateCents) out.hourly_rate = row.hourlyRateCents / 100;
  if (before.currency !== after.currency) out.currency = row.currency;
  return out;
}
