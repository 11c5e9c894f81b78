// The outbox's grouping under concurrency, on both databases: two alerts of one client queued by
// two overlapping transactions (the second starts while the first is still open) land in ONE
// message per channel. Without the per-client group lock the second transaction cannot see the
// first's uncommitted message and opens its own (seen on PostgreSQL).
import { expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { enqueueAlertEvent } from "./outbox";

describeEachDatabase("alert outbox grouping", (get) => {
  it("two overlapping transactions queue into one message per channel", async () => {
    const db = get().database.prisma;
    const clientId = uniqueClientId("outbox");
    await registerClient({ ctx: get().ctx(), input: { client_id: clientId, client_name: "Outbox Co", systems: [{ name: "API", health_url: "https://o.example.com/health" }] } });
    const client = await db.client.findUniqueOrThrow({ where: { clientId } });
    const channel = await db.alertChannel.create({ data: { type: "webhook", name: "hook", destination: "https://example.com/hook" } });
    const alert = () =>
      db.alert.create({ data: { clientRef: client.id, severity: "critical", metric: "status", comparison: "greater_or_equal", thresholdValue: 2, message: "down", startedAt: new Date() } });
    const [a, b] = [await alert(), await alert()];
    const at = new Date();
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const first = db.$transaction(
      async (tx) => {
        await enqueueAlertEvent(tx, { alertId: a.id, clientRef: client.id, eventKey: "firing", channelIds: [channel.id], at });
        await sleep(400); // still open while the second one queues
      },
      { timeout: 20_000 },
    );
    await sleep(100);
    const second = db.$transaction((tx) => enqueueAlertEvent(tx, { alertId: b.id, clientRef: client.id, eventKey: "firing", channelIds: [channel.id], at }), { maxWait: 20_000, timeout: 20_000 });
    await Promise.all([first, second]);
    const messages = await db.notification.findMany({ where: { clientRef: client.id }, include: { items: true } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.items.map((i) => i.alertId).sort()).toEqual([a.id, b.id].sort());
  });
});
