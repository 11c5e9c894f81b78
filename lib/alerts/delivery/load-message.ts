// Reads what a notification will say, at send time: its channel, and its items' alerts with
// their client, system and threshold as they are now (see render-model.ts for why "now").
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { messageId } from "../delivery-output";
import type { MessageFacts } from "./render-model";

/** The base of every link in a message: APP_URL, or this server on loopback when unset. */
export function appBaseUrl(): string {
  const env = getEnv();
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}

export async function loadMessage(db: Db, notificationId: string, now: Date) {
  const row = await db.notification.findUnique({
    where: { id: notificationId },
    include: {
      channel: true,
      items: {
        orderBy: { at: "asc" },
        take: 500,
        include: { alert: { include: { system: { select: { id: true, name: true } }, threshold: { select: { windowMinutes: true } } } } },
      },
    },
  });
  if (!row) return null;
  const client = row.clientRef
    ? await db.client.findUnique({
        where: { id: row.clientRef },
        select: { clientId: true, name: true, allowPrivateTargets: true, systems: { where: { enabled: true }, select: { id: true, name: true }, orderBy: { position: "asc" } } },
      })
    : null;
  const facts: MessageFacts = {
    id: row.id,
    messageId: messageId(row.id),
    kind: row.kind as MessageFacts["kind"],
    payload: (row.payload as Record<string, unknown> | null) ?? null,
    createdAt: row.createdAt,
    client: client ? { slug: client.clientId, name: client.name, enabledSystems: client.systems } : null,
    items: row.items.map((i) => ({
      eventKey: i.eventKey,
      at: i.at,
      alert: {
        id: i.alert.id,
        system: i.alert.system?.name ?? null,
        systemId: i.alert.systemId,
        metric: i.alert.metric,
        comparison: i.alert.comparison,
        threshold: i.alert.thresholdValue,
        observed: i.alert.observedValue,
        severity: i.alert.severity,
        state: i.alert.state,
        message: i.alert.message,
        flapping: i.alert.flapping,
        startedAt: i.alert.startedAt,
        resolvedAt: i.alert.resolvedAt,
        windowMinutes: i.alert.threshold?.windowMinutes ?? null,
      },
    })),
    appUrl: appBaseUrl(),
    now,
  };
  return { row, channel: row.channel, allowPrivate: client?.allowPrivateTargets ?? false, facts };
}
