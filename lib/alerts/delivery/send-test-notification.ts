// "Send a test notification" on a channel: queues a message of kind "test" (frozen payload) that
// is already leased by this process, sends it at once through the worker's own path
// (deliver.ts: render, send, mark, channel health) and returns how it went. One attempt: a test
// answers "does this channel work now?", so a failure is reported, not retried later. Who: any
// caller with the write scope (editors and admins, read+write keys); a client-bound key only on
// its own client's channels (an agency channel is then "not found"). If this process dies before
// marking, the lease runs out and the worker sends it like any other message.
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { isClientBound, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { NotFoundError, parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import type { DeliveryOutput } from "../contracts";
import { LEASE_MS } from "./claim-due-notifications";
import { deliverNotification, type AttemptOutcome } from "./deliver";
import { getDelivery } from "./deliveries";
import { newWorkerId } from "./delivery-worker";
import { channelRefSchema } from "./schemas";

const workerId = newWorkerId();

export interface TestNotificationOutput {
  outcome: "delivered" | "failed";
  /** Why it failed (secrets and destinations removed), or a note (e.g. some email recipients refused). */
  error: string | null;
  status_code: number | null;
  delivery: DeliveryOutput;
}

export async function sendTestNotification({ ctx, input }: { ctx: Context; input: VerbInput<typeof channelRefSchema> }): Promise<TestNotificationOutput> {
  requireScope(ctx, "write");
  const { channel_id } = parseInput(channelRefSchema, input);
  const channel = await ctx.db.alertChannel.findUnique({ where: { id: channel_id }, include: { client: { select: { clientId: true } } } });
  const visible =
    channel &&
    (!isClientBound(ctx) || (channel.clientRef !== null && (await ctx.db.client.count({ where: scopeClients(ctx, { id: channel.clientRef }) })) === 1));
  if (!channel || !visible) throw new NotFoundError(`Channel "${channel_id}" was not found`);

  const now = ctx.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const created = await ctx.db.$transaction(async (tx) => {
    const row = await tx.notification.create({
      data: {
        channelId: channel.id,
        clientRef: channel.clientRef,
        kind: "test",
        dedupeKey: `test:${channel.id}:${randomUUID()}`,
        sendAfter: now,
        nextAttemptAt: now,
        lockedUntil: leaseUntil,
        lockedBy: workerId,
        payload: {
          title: `Test notification from ClientPulse`,
          text: `${ctx.actor.label} sent this to check the ${channel.type} channel "${channel.name}". No action is needed.`,
          requested_by: ctx.actor.label,
        },
      },
    });
    await recordAudit(ctx, { action: "channel.test", targetType: "channel", targetId: channel.id, summary: `sent a test notification to ${channel.type} channel "${channel.name}"` }, tx);
    return row;
  });
  const result: AttemptOutcome = await deliverNotification(ctx.db, { id: created.id, clientRef: channel.clientRef ?? channel.id, channelId: channel.id, attempt: 1, lockedBy: workerId }, { clock: ctx.clock });
  const delivery = await getDelivery({ ctx, input: { id: created.id } });
  return {
    outcome: result.outcome === "delivered" ? "delivered" : "failed",
    error: result.error,
    status_code: result.statusCode,
    delivery,
  };
}
