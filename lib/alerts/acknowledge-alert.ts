// Acknowledge a firing alert (a user on the Alerts page, REST, or an assistant over MCP): who and
// when are recorded on the alert and its timeline, reminders stop, and the audit log has a line.
// Acknowledging again is harmless (already_acknowledged: true, nothing changes); a resolved
// alert cannot be acknowledged (409).
import { recordAudit } from "@/lib/audit/record-audit";
import { scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, NotFoundError, parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { acknowledgeAlertInputSchema } from "./alert-schemas";
import { alertInclude, toAlertOutput } from "./alert-output";
import type { AlertOutput } from "./contracts";

export async function acknowledgeAlert({ ctx, input }: { ctx: Context; input: VerbInput<typeof acknowledgeAlertInputSchema> }): Promise<{ alert: AlertOutput; already_acknowledged: boolean }> {
  requireScope(ctx, "write");
  const { alert_id, note } = parseInput(acknowledgeAlertInputSchema, input);
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.alert.findFirst({ where: scopeClientRows(ctx, { id: alert_id }), select: { id: true } });
    if (!found) throw new NotFoundError(`Alert "${alert_id}" was not found`);
    // The lifecycle (evaluate.ts) locks the evaluation row, not the alert: lock the alert so an ack and a reminder never cross.
    await tx.$queryRaw`SELECT id FROM alerts WHERE id = ${found.id}::uuid FOR UPDATE`;
    const alert = await tx.alert.findUniqueOrThrow({ where: { id: found.id }, include: alertInclude });
    if (alert.acknowledgedAt) return { alert: toAlertOutput(alert), already_acknowledged: true };
    if (alert.state !== "firing") throw new ConflictError(`Alert "${alert_id}" is already resolved; only a firing alert can be acknowledged`, [{ path: "alert_id", message: "is resolved" }]);
    const now = ctx.clock.now();
    const updated = await tx.alert.update({
      where: { id: alert.id },
      data: { acknowledgedAt: now, acknowledgedBy: ctx.actor.label.slice(0, 200), nextReminderAt: null },
      include: alertInclude,
    });
    await tx.alertEvent.create({
      data: { alertId: alert.id, at: now, kind: "acknowledged", value: null, detail: (note ? `acknowledged: ${note}` : "acknowledged: reminders stopped").slice(0, 500), actor: ctx.actor.label.slice(0, 200) },
    });
    await recordAudit(ctx, { action: "alert.acknowledge", targetType: "client", targetId: alert.client.clientId, summary: { alert_id: alert.id, message: alert.message } }, tx);
    return { alert: toAlertOutput(updated), already_acknowledged: false };
  });
}
