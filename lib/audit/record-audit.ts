// Every write leaves a line: who (from the context), what, on which target, and a short
// before/after summary. Callers pass summaries that hold no secrets.
import type { Context } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  success?: boolean;
  summary?: Prisma.InputJsonValue;
}

type AuditWriter = Pick<Context["db"], "auditLog">;

export async function recordAudit(ctx: Context, entry: AuditEntry, db: AuditWriter = ctx.db): Promise<void> {
  await db.auditLog.create({
    data: {
      at: ctx.clock.now(),
      actorType: ctx.actor.type,
      actorId: ctx.actor.id ?? null,
      actorLabel: ctx.actor.label,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      success: entry.success ?? true,
      summary: entry.summary,
    },
  });
}

/**
 * A refused attempt by a known caller (forbidden by role or scope) is written down too; a
 * failure to write it must never hide the refusal itself.
 */
export async function recordDenied(ctx: Context, what: string, message: string): Promise<void> {
  if (ctx.actor.type === "anonymous") return;
  await recordAudit(ctx, { action: "access.denied", success: false, summary: { attempted: what, message } }).catch(() => {});
}
