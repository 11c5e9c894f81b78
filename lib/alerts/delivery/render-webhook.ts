// The generic webhook body. A stable, documented schema (version 1); receivers may rely on it:
//
// {
//   "type": "alert.firing" | "alert.resolved" | "alert.mixed" | "client.down" | "test" | "channel.failing",
//   "timestamp": "2026-12-03T14:02:00.000Z",          // when this message was rendered (sent)
//   "data": {
//     "schema_version": 1,
//     "message_id": "msg_…",                           // = the webhook-id header; the same on every retry
//     "summary": "Acme: 2 alerts firing",             // one line
//     "client": { "id": "acme", "name": "Acme", "url": "https://…/clients/acme" } | null,
//     "client_down": { "systems": ["API", "Worker"] } | null,
//     "alerts": [{
//       "id": "uuid", "status": "firing" | "resolved" | "fired_and_recovered" | "reminder" | "flapping",
//       "state": "firing" | "resolved",                 // the alert's state when the message was sent
//       "severity": "critical" | "warning", "metric": "uptime", "comparison": "less_than",
//       "threshold": 95, "observed": 91.2 | null, "system": "API" | null,
//       "message": "uptime 91.2 % over 24 h < 95 %", "value_text": "91.2 % (threshold < 95 %)",
//       "flapping": false, "started_at": "…", "resolved_at": "…" | null, "reminder": 2 | null
//     }],
//     "note": "…" | null,                              // test and channel.failing messages
//     "links": { "client": "…" | null, "alerts": "…", "deliveries": "…" }
//   }
// }
// New fields may be added; none is removed or renamed without a new schema_version.
import type { RenderModel } from "./render-model";

export const WEBHOOK_SCHEMA_VERSION = 1;

const TYPE: Record<RenderModel["status"], string> = {
  firing: "alert.firing",
  resolved: "alert.resolved",
  mixed: "alert.mixed",
  client_down: "client.down",
  test: "test",
  channel_failing: "channel.failing",
};

export function renderWebhook(model: RenderModel): string {
  return JSON.stringify({
    type: TYPE[model.status],
    timestamp: model.at.toISOString(),
    data: {
      schema_version: WEBHOOK_SCHEMA_VERSION,
      message_id: model.messageId,
      summary: model.headline,
      client: model.client ? { id: model.client.slug, name: model.client.name, url: model.client.url } : null,
      client_down: model.clientDown,
      alerts: model.lines.map((l) => ({
        id: l.id,
        status: l.status,
        state: l.state,
        severity: l.severity,
        metric: l.metric,
        comparison: l.comparison,
        threshold: l.threshold,
        observed: l.observed,
        system: l.system,
        message: l.message,
        value_text: l.valueText,
        flapping: l.flapping,
        started_at: l.startedAt.toISOString(),
        resolved_at: l.resolvedAt?.toISOString() ?? null,
        reminder: l.reminder ?? null,
      })),
      note: model.note,
      links: model.links,
    },
  });
}
