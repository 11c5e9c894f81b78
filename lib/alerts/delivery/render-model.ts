// What a notification says, decided once at send time from its items' alerts (their state now,
// not when they were queued), so the email, Slack and webhook bodies agree. Pure: the loader
// (load-message.ts) reads the rows, the renderers (render-*.ts) turn this into bodies.
//
// Decisions:
// - An alert that fired and has already recovered by the time the message goes out is sent as
//   "fired and recovered" (with both times), never silently dropped: a 40-second outage of a
//   client's automation is still news to the agency. Its separate "resolved" item in the same
//   message folds into that one line. A message with no items left (its alerts deleted) is
//   cancelled by the worker; see isEmpty.
// - A stale reminder (its alert resolved meanwhile) is shown as recovered.
// - "Client down": every enabled system of the client has a firing status alert at "down"
//   (observed 2) in this message: one headline for the client instead of one per system; the
//   per-system lines stay listed below it.
import type { Comparison } from "../contracts";

export type LineStatus = "firing" | "resolved" | "fired_and_recovered" | "reminder" | "flapping";

export interface AlertFacts {
  id: string;
  system: string | null;
  systemId: string | null;
  metric: string;
  comparison: string;
  threshold: number;
  observed: number | null;
  severity: string;
  state: "firing" | "resolved";
  message: string;
  flapping: boolean;
  startedAt: Date;
  resolvedAt: Date | null;
  windowMinutes: number | null;
}

export interface ItemFacts {
  eventKey: string;
  at: Date;
  alert: AlertFacts;
}

export interface MessageFacts {
  id: string;
  messageId: string;
  kind: "alert" | "test" | "channel_failing";
  payload: Record<string, unknown> | null;
  createdAt: Date;
  client: { slug: string; name: string; enabledSystems: { id: string; name: string }[] } | null;
  items: ItemFacts[];
  appUrl: string;
  now: Date;
}

export interface AlertLine extends AlertFacts {
  status: LineStatus;
  /** "uptime" → "Uptime"; value against threshold in words, e.g. "91.2 % (threshold < 95 %)". */
  valueText: string;
  /** Reminder number when status is reminder. */
  reminder?: number;
}

export type MessageStatus = "firing" | "resolved" | "mixed" | "client_down" | "test" | "channel_failing";

export interface RenderModel {
  kind: MessageFacts["kind"];
  messageId: string;
  status: MessageStatus;
  /** One line: subject, Slack header, webhook summary. */
  headline: string;
  /** A sentence under the headline. */
  intro: string;
  client: { slug: string; name: string; url: string } | null;
  lines: AlertLine[];
  /** Set when every enabled system of the client is down. */
  clientDown: { systems: string[] } | null;
  /** For test and channel_failing messages: the frozen payload's text. */
  note: string | null;
  links: { client: string | null; alerts: string; deliveries: string };
  at: Date;
}

const SYMBOL: Record<string, string> = { greater_than: ">", less_than: "<", equals: "=", greater_or_equal: "≥", less_or_equal: "≤" };
const PERCENT = new Set(["uptime", "success_rate", "error_rate"]);

export function comparisonSymbol(comparison: Comparison | string): string {
  return SYMBOL[comparison] ?? comparison;
}

function unit(metric: string): string {
  if (PERCENT.has(metric)) return " %";
  if (metric === "response_time") return " ms";
  return "";
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) < 10 ? 2 : 1).replace(/\.?0+$/, "");
}

const STATUS_WORDS: Record<number, string> = { 0: "healthy", 1: "degraded", 2: "down" };

export function valueText(a: Pick<AlertFacts, "metric" | "comparison" | "threshold" | "observed">): string {
  if (a.metric === "status") {
    const seen = a.observed === null ? "unknown" : (STATUS_WORDS[Math.round(a.observed)] ?? fmt(a.observed));
    return `${seen} (alerts at ${a.threshold >= 2 ? "down" : "degraded or worse"})`;
  }
  if (a.metric === "flapping" || a.metric === "stalled" || a.metric === "sla") {
    return a.observed === null ? "unknown" : a.observed >= 1 ? "yes" : "no";
  }
  const u = unit(a.metric);
  const seen = a.observed === null ? "no value" : `${fmt(a.observed)}${u}`;
  return `${seen} (threshold ${comparisonSymbol(a.comparison)} ${fmt(a.threshold)}${u})`;
}

function lineStatus(keys: string[], alert: AlertFacts): { status: LineStatus; reminder?: number } {
  const fired = keys.includes("firing");
  const resolved = keys.includes("resolved") || alert.state === "resolved";
  if (fired && resolved) return { status: "fired_and_recovered" };
  if (fired) return { status: "firing" };
  if (keys.includes("resolved")) return { status: "resolved" };
  const reminder = keys.find((k) => k.startsWith("reminder"));
  if (reminder) return alert.state === "resolved" ? { status: "resolved" } : { status: "reminder", reminder: Number(reminder.split(":")[1]) || undefined };
  if (keys.includes("flapping")) return alert.state === "resolved" ? { status: "resolved" } : { status: "flapping" };
  return { status: alert.state === "resolved" ? "resolved" : "firing" };
}

/** True when the worker should cancel rather than send (an alert message with nothing left to say). */
export function isEmpty(facts: Pick<MessageFacts, "kind" | "items">): boolean {
  return facts.kind === "alert" && facts.items.length === 0;
}

const ORDER: Record<LineStatus, number> = { firing: 0, reminder: 1, flapping: 2, fired_and_recovered: 3, resolved: 4 };

export function buildRenderModel(facts: MessageFacts): RenderModel {
  const base = facts.appUrl.replace(/\/+$/, "");
  const clientUrl = facts.client ? `${base}/clients/${encodeURIComponent(facts.client.slug)}` : null;
  const links = { client: clientUrl, alerts: `${base}/alerts`, deliveries: `${base}/alerts/deliveries` };
  const client = facts.client ? { slug: facts.client.slug, name: facts.client.name, url: clientUrl! } : null;
  const common = { kind: facts.kind, messageId: facts.messageId, client, links, at: facts.now };

  if (facts.kind !== "alert") {
    const p = facts.payload ?? {};
    const title = typeof p.title === "string" ? p.title : facts.kind === "test" ? "Test notification from ClientPulse" : "A notification channel keeps failing";
    const note = typeof p.text === "string" ? p.text : null;
    return { ...common, status: facts.kind, headline: title, intro: note ?? "", lines: [], clientDown: null, note };
  }

  // One line per alert, its events folded together.
  const byAlert = new Map<string, { alert: AlertFacts; keys: string[] }>();
  for (const item of facts.items) {
    const entry = byAlert.get(item.alert.id) ?? { alert: item.alert, keys: [] };
    entry.keys.push(item.eventKey);
    byAlert.set(item.alert.id, entry);
  }
  const lines: AlertLine[] = [...byAlert.values()]
    .map(({ alert, keys }) => ({ ...alert, ...lineStatus(keys, alert), valueText: valueText(alert) }))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.severity === "critical" ? -1 : 0) - (b.severity === "critical" ? -1 : 0) || a.startedAt.getTime() - b.startedAt.getTime());

  const name = facts.client?.name ?? "a client";
  const clientDown = detectClientDown(facts, lines);
  const active = lines.filter((l) => l.status === "firing" || l.status === "reminder" || l.status === "flapping");
  const recovered = lines.filter((l) => l.status === "resolved" || l.status === "fired_and_recovered");
  let status: MessageStatus;
  let headline: string;
  if (clientDown) {
    status = "client_down";
    headline = `${name} is down: ${clientDown.systems.length === 1 ? `its only system ${clientDown.systems[0]} is` : `all ${clientDown.systems.length} systems are`} down`;
  } else if (active.length && recovered.length) {
    status = "mixed";
    headline = `${name}: ${active.length} alert${active.length === 1 ? "" : "s"} firing, ${recovered.length} recovered`;
  } else if (active.length) {
    status = "firing";
    const one = active[0]!;
    headline = active.length === 1 ? `[${one.severity.toUpperCase()}] ${name}${one.system ? ` · ${one.system}` : ""}: ${one.message}` : `${name}: ${active.length} alerts firing`;
  } else {
    status = "resolved";
    const one = lines[0];
    headline =
      lines.length === 1 && one
        ? `${one.status === "fired_and_recovered" ? "Fired and recovered" : "Recovered"}: ${name}${one.system ? ` · ${one.system}` : ""}: ${one.message}`
        : `${name}: ${lines.length} alerts recovered`;
  }
  const intro = clientDown
    ? `Every enabled system of ${name} is down.`
    : status === "resolved"
      ? `Everything in this message has recovered.`
      : `${active.length} firing${recovered.length ? `, ${recovered.length} recovered` : ""} for ${name}.`;
  return { ...common, status, headline, intro, lines, clientDown, note: null };
}

function detectClientDown(facts: MessageFacts, lines: AlertLine[]): RenderModel["clientDown"] {
  const systems = facts.client?.enabledSystems ?? [];
  if (systems.length === 0) return null;
  const down = new Set(
    lines
      .filter((l) => l.metric === "status" && l.systemId && l.state === "firing" && (l.status === "firing" || l.status === "reminder") && (l.observed ?? 0) >= 2)
      .map((l) => l.systemId!),
  );
  return systems.every((s) => down.has(s.id)) ? { systems: systems.map((s) => s.name) } : null;
}

export const LINE_LABEL: Record<LineStatus, string> = {
  firing: "Firing",
  resolved: "Recovered",
  fired_and_recovered: "Fired and recovered",
  reminder: "Still firing",
  flapping: "Flapping",
};

/** "since 3 Dec 2026, 14:02 UTC" — times in UTC with the zone named (the receiver's zone is unknown). */
export function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
