import { z } from "zod";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

const listAuditInputSchema = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  success: z.boolean({ error: "must be true or false" }).optional(),
  since: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  until: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  before_id: z.string().regex(/^\d+$/, "must be an audit entry id").optional(),
});

export interface AuditEntryOutput {
  id: string;
  at: string;
  actor_type: string;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  success: boolean;
  summary: unknown;
}

export async function listAuditLog({ ctx, input }: { ctx: Context; input: unknown }): Promise<{ entries: AuditEntryOutput[]; next_before_id: string | null }> {
  requireScope(ctx, "admin");
  const q = parseInput(listAuditInputSchema, input ?? {});
  const where: Prisma.AuditLogWhereInput = {
    ...(q.actor ? { actorLabel: { contains: q.actor, mode: "insensitive" } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.success !== undefined ? { success: q.success } : {}),
    ...(q.since || q.until ? { at: { ...(q.since ? { gte: new Date(q.since) } : {}), ...(q.until ? { lte: new Date(q.until) } : {}) } } : {}),
    ...(q.before_id ? { id: { lt: BigInt(q.before_id) } } : {}),
  };
  const rows = await ctx.db.auditLog.findMany({ where, orderBy: { id: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor_type: r.actorType,
      actor_label: r.actorLabel,
      action: r.action,
      target_type: r.targetType,
      target_id: r.targetId,
      success: r.success,
      summary: r.summary,
    })),
    next_before_id: rows.length > q.limit ? page[page.length - 1].id.toString() : null,
  };
}
