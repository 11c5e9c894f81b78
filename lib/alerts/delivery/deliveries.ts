// The delivery verbs every edge calls (REST, the deliveries page): list with filters and a
// cursor, one with its attempt log, retry a dead one (same message, same webhook-id), and the
// channels that keep failing (admins). A client-bound caller sees only its client's messages;
// messages about no client (tests of agency channels, channel notices) are the agency's.
import { recordAudit } from "@/lib/audit/record-audit";
import { clientNotFound, isClientBound, requireAllClients, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import type { ChannelType, DeliveryOutput, FailingChannelOutput } from "../contracts";
import { deliveryInclude, messageId, toDeliveryOutput } from "../delivery-output";
import { isChannelFailing } from "./channel-health";
import { deliveryRefSchema, listDeliveriesInputSchema } from "./schemas";

/** Narrows a notification query to the caller's clients (through lib/client-scope's scopeClients). */
export async function scopeNotifications(ctx: Context, where: Prisma.NotificationWhereInput): Promise<Prisma.NotificationWhereInput> {
  if (!isClientBound(ctx)) return where;
  const clients = await ctx.db.client.findMany({ where: scopeClients(ctx), select: { id: true } });
  return { AND: [where, { clientRef: { in: clients.map((c) => c.id) } }] };
}

async function slugsOf(ctx: Context, refs: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(refs.filter((r): r is string => r !== null))];
  if (!ids.length) return new Map();
  const rows = await ctx.db.client.findMany({ where: { id: { in: ids } }, select: { id: true, clientId: true } });
  return new Map(rows.map((r) => [r.id, r.clientId]));
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new ValidationError([{ path: "cursor", message: "is not a cursor from a previous page (next_cursor)" }]);
  }
  return { createdAt, id };
}

export interface DeliveryListOutput {
  deliveries: DeliveryOutput[];
  /** Pass as `cursor` for the next page; null on the last one. */
  next_cursor: string | null;
}

export async function listDeliveries({ ctx, input }: { ctx: Context; input: VerbInput<typeof listDeliveriesInputSchema> }): Promise<DeliveryListOutput> {
  requireScope(ctx, "read");
  const q = parseInput(listDeliveriesInputSchema, input);
  const and: Prisma.NotificationWhereInput[] = [];
  if (q.state === "failing") and.push({ state: "pending", attempts: { gt: 0 } });
  else if (q.state) and.push({ state: q.state });
  if (q.channel_id) and.push({ channelId: q.channel_id });
  if (q.client_id) {
    const client = await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId: q.client_id }), select: { id: true } });
    if (!client) throw clientNotFound(q.client_id);
    and.push({ clientRef: client.id });
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await ctx.db.notification.findMany({
    where: await scopeNotifications(ctx, { AND: and }),
    include: deliveryInclude(false),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const slugs = await slugsOf(ctx, page.map((r) => r.clientRef));
  const last = page.at(-1);
  return {
    deliveries: page.map((r) => toDeliveryOutput(r, r.clientRef ? (slugs.get(r.clientRef) ?? null) : null)),
    next_cursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

async function findDeliveryOrThrow(ctx: Context, id: string) {
  const row = await ctx.db.notification.findFirst({ where: await scopeNotifications(ctx, { id }), include: deliveryInclude(true) });
  if (!row) throw new NotFoundError(`Delivery "${id}" was not found`);
  return row;
}

export async function getDelivery({ ctx, input }: { ctx: Context; input: VerbInput<typeof deliveryRefSchema> }): Promise<DeliveryOutput> {
  requireScope(ctx, "read");
  const { id } = parseInput(deliveryRefSchema, input);
  const row = await findDeliveryOrThrow(ctx, id);
  const slugs = await slugsOf(ctx, [row.clientRef]);
  return toDeliveryOutput(row, row.clientRef ? (slugs.get(row.clientRef) ?? null) : null);
}

/**
 * Sends a dead message again: pending now, a fresh run of attempts (the log keeps numbering
 * on), the same message id (webhook-id), so a receiver that did get an earlier attempt can
 * tell. Only a dead message: a pending one is already being retried, a delivered one arrived.
 */
export async function retryDelivery({ ctx, input }: { ctx: Context; input: VerbInput<typeof deliveryRefSchema> }): Promise<DeliveryOutput> {
  requireScope(ctx, "write");
  const { id } = parseInput(deliveryRefSchema, input);
  const row = await findDeliveryOrThrow(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const done = await tx.notification.updateMany({
      where: { id, state: "dead" },
      data: { state: "pending", attempts: 0, nextAttemptAt: now, sendAfter: now, lockedUntil: null, lockedBy: null },
    });
    if (done.count === 0) throw new ConflictError(`Only a dead delivery can be retried; this one is ${row.state}`);
    await recordAudit(ctx, { action: "delivery.retry", targetType: "delivery", targetId: id, summary: `retried delivery ${messageId(id)} to ${row.channel.type} channel "${row.channel.name}"` }, tx);
  });
  return getDelivery({ ctx, input: { id } });
}

/** Channels that keep failing (see channel-health.ts), worst first. Admins only: it is about the agency's configuration. */
export async function listFailingChannels({ ctx }: { ctx: Context }): Promise<{ channels: FailingChannelOutput[] }> {
  requireScope(ctx, "admin");
  requireAllClients(ctx);
  const now = ctx.clock.now();
  const rows = await ctx.db.alertChannel.findMany({
    where: { consecutiveFailures: { gt: 0 }, enabled: true },
    include: { client: { select: { clientId: true } } },
    orderBy: [{ failingSince: "asc" }],
    take: 100,
  });
  const failing = rows.filter((r) => isChannelFailing(r, now));
  if (!failing.length) return { channels: [] };
  const counts = await ctx.db.notification.groupBy({
    by: ["channelId", "state"],
    where: { channelId: { in: failing.map((r) => r.id) }, OR: [{ state: "dead" }, { state: "pending", attempts: { gt: 0 } }] },
    _count: { _all: true },
  });
  const count = (channelId: string, state: "dead" | "pending") => counts.find((c) => c.channelId === channelId && c.state === state)?._count._all ?? 0;
  return {
    channels: failing.map((r) => ({
      id: r.id,
      type: r.type as ChannelType,
      name: r.name,
      client_id: r.client?.clientId ?? null,
      consecutive_failures: r.consecutiveFailures,
      failing_since: r.failingSince?.toISOString() ?? null,
      last_error: r.lastError,
      last_delivered_at: r.lastDeliveredAt?.toISOString() ?? null,
      dead_deliveries: count(r.id, "dead"),
      retrying_deliveries: count(r.id, "pending"),
    })),
  };
}
