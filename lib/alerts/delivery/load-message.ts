// Reads what a notification will say, at send time: its channel, and its items' alerts with
// their client, system and threshold as they are now (see render-model.ts for why "now").
// Two or three plain queries (the message with its channel and client; its items with their
// alerts; the client's enabled systems only when a status alert may make it "client down"):
// this runs once per attempt, and the worker's cost per delivery is mostly its queries.
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { messageId } from "../delivery-output";
import type { MessageFacts } from "./render-model";

/** The base of every link in a message: APP_URL, or this server on loopback when unset. */
export function appBaseUrl(): string {
  const env = getEnv();
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}

export interface LoadedChannel {
  id: string;
  type: "email" | "slack" | "webhook";
  name: string;
  destination: string;
  secret: string | null;
  headers: unknown;
  enabled: boolean;
}

export interface LoadedMessage {
  row: { id: string; kind: string; state: string; lockedBy: string | null; sendAfter: Date; clientRef: string | null; reportId: string | null };
  channel: LoadedChannel;
  facts: MessageFacts;
}

const MAX_ITEMS = 500;

export async function loadMessage(db: Db, notificationId: string, now: Date): Promise<LoadedMessage | null> {
  const [head] = await db.$queryRaw<
    {
      id: string;
      kind: string;
      state: string;
      locked_by: string | null;
      send_after: Date;
      created_at: Date;
      client_ref: string | null;
      payload: unknown;
      report_id: string | null;
      channel_id: string;
      type: LoadedChannel["type"];
      name: string;
      destination: string;
      secret: string | null;
      headers: unknown;
      enabled: boolean;
      slug: string | null;
      client_name: string | null;
    }[]
  >`
    SELECT n.id, n.kind, n.state::text AS state, n.locked_by, n.send_after, n.created_at, n.client_ref, n.payload, n.report_id,
      c.id AS channel_id, c.type::text AS type, c.name, c.destination, c.secret, c.headers, c.enabled,
      cl.client_id AS slug, cl.name AS client_name
    FROM notifications n JOIN alert_channels c ON c.id = n.channel_id LEFT JOIN clients cl ON cl.id = n.client_ref
    WHERE n.id = ${notificationId}::uuid`;
  if (!head) return null;
  const items = await db.$queryRaw<
    {
      event_key: string;
      at: Date;
      alert_id: string;
      system_id: string | null;
      system_name: string | null;
      metric: string;
      comparison: string;
      threshold_value: number;
      observed_value: number | null;
      severity: string;
      state: "firing" | "resolved";
      message: string;
      flapping: boolean;
      started_at: Date;
      resolved_at: Date | null;
      window_minutes: number | null;
    }[]
  >`
    SELECT i.event_key, i.at, a.id AS alert_id, a.system_id, s.name AS system_name, a.metric, a.comparison, a.threshold_value,
      a.observed_value, a.severity, a.state::text AS state, a.message, a.flapping, a.started_at, a.resolved_at, t.window_minutes
    FROM notification_items i JOIN alerts a ON a.id = i.alert_id
      LEFT JOIN systems s ON s.id = a.system_id LEFT JOIN alert_thresholds t ON t.id = a.threshold_id
    WHERE i.notification_id = ${notificationId}::uuid
    ORDER BY i.at, i.id LIMIT ${MAX_ITEMS}::int`;
  const needSystems = head.client_ref !== null && items.some((i) => i.metric === "status");
  const systems = needSystems
    ? await db.system.findMany({ where: { clientRef: head.client_ref!, enabled: true }, select: { id: true, name: true }, orderBy: { position: "asc" } })
    : [];
  const date = (v: Date | string) => new Date(v);
  const facts: MessageFacts = {
    id: head.id,
    messageId: messageId(head.id),
    kind: head.kind as MessageFacts["kind"],
    payload: (head.payload as Record<string, unknown> | null) ?? null,
    createdAt: date(head.created_at),
    client: head.slug ? { slug: head.slug, name: head.client_name ?? head.slug, enabledSystems: systems } : null,
    items: items.map((i) => ({
      eventKey: i.event_key,
      at: date(i.at),
      alert: {
        id: i.alert_id,
        system: i.system_name,
        systemId: i.system_id,
        metric: i.metric,
        comparison: i.comparison,
        threshold: Number(i.threshold_value),
        observed: i.observed_value === null ? null : Number(i.observed_value),
        severity: i.severity,
        state: i.state,
        message: i.message,
        flapping: i.flapping,
        startedAt: date(i.started_at),
        resolvedAt: i.resolved_at ? date(i.resolved_at) : null,
        windowMinutes: i.window_minutes === null ? null : Number(i.window_minutes),
      },
    })),
    appUrl: appBaseUrl(),
    now,
  };
  return {
    row: { id: head.id, kind: head.kind, state: head.state, lockedBy: head.locked_by, sendAfter: date(head.send_after), clientRef: head.client_ref, reportId: head.report_id },
    channel: { id: head.channel_id, type: head.type, name: head.name, destination: head.destination, secret: head.secret, headers: head.headers, enabled: head.enabled },
    facts,
  };
}
