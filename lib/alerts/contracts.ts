// The alerting vocabulary and the shapes every edge returns (REST JSON, MCP structuredContent,
// the UI's queries). One file so the verbs, the routes, the MCP tools and the components agree;
// the verbs build these, the edges pass them through unchanged. Times are ISO 8601 strings.

export const ALERT_METRICS = [
  "uptime", // % over windowMinutes (default 24 h), per system (client-wide: each system)
  "response_time", // ms: p95 over windowMinutes, or the last check when windowMinutes = 0; per system
  "status", // per system: 0 healthy, 1 degraded, 2 down (value: 1 = degraded or worse, 2 = down); see statusLevel
  "success_rate", // % of automations succeeded over windowMinutes; per client (or the system)
  "daily_automations", // automations today (the client's zone) or over windowMinutes; per client
  "error_rate", // % failed = 100 - success_rate; per client (or the system)
  "cost_savings", // cents saved over windowMinutes, compared in currency units; per client
  "flapping", // attention flag, 1 when set; per client
  "stalled", // attention flag, 1 when set; per system
  "sla", // 1 when the client is below its SLA target; per client
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const COMPARISONS = ["greater_than", "less_than", "equals", "greater_or_equal", "less_or_equal"] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** Accepted spellings on input (the seed's words and the symbols). */
export const COMPARISON_ALIASES: Record<string, Comparison> = {
  ">": "greater_than", "<": "less_than", "=": "equals", "==": "equals", ">=": "greater_or_equal", "<=": "less_or_equal",
  gt: "greater_than", lt: "less_than", eq: "equals", gte: "greater_or_equal", lte: "less_or_equal",
};

export const SEVERITIES = ["critical", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHANNEL_TYPES = ["email", "slack", "webhook"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const MIN_REMIND_EVERY_MINUTES = 5;

export interface ChannelRef {
  id: string;
  type: ChannelType;
  name: string;
}

export interface ThresholdOutput {
  id: string;
  /** The client's slug, or "*" for every client. */
  client_id: string;
  /** The system's name when the threshold is on one system; null = client-wide. */
  system: string | null;
  metric: AlertMetric;
  comparison: Comparison;
  threshold: number;
  window_minutes: number;
  severity: Severity;
  for_count: number;
  notify_recovery: boolean;
  remind_every_minutes: number | null;
  enabled: boolean;
  channels: ChannelRef[];
  /** Plain words, e.g. "uptime over 24 h < 95 %". */
  description: string;
  firing: number;
  created_at: string;
  updated_at: string;
}

export type AlertStateOutput = "firing" | "resolved";

export interface AlertOutput {
  id: string;
  client_id: string;
  client_name: string;
  system: string | null;
  threshold_id: string | null;
  metric: AlertMetric;
  comparison: Comparison;
  threshold: number;
  observed: number | null;
  severity: Severity;
  state: AlertStateOutput;
  flapping: boolean;
  muted: boolean;
  message: string;
  started_at: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  reminders: number;
}

export interface AlertEventOutput {
  at: string;
  kind: string;
  value: number | null;
  detail: string;
  actor: string | null;
}

export type DeliveryStateOutput = "pending" | "delivered" | "dead" | "cancelled";

export interface DeliveryAttemptOutput {
  attempt: number;
  at: string;
  duration_ms: number;
  outcome: "delivered" | "retry" | "dead";
  status_code: number | null;
  error: string | null;
}

export interface DeliveryOutput {
  id: string;
  /** The Standard Webhooks `webhook-id` (msg_…), the same on every retry. */
  message_id: string;
  channel: ChannelRef;
  client_id: string | null;
  kind: "alert" | "test" | "channel_failing" | "report";
  state: DeliveryStateOutput;
  /** What it says, e.g. "2 alerts firing for Acme". */
  summary: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_status_code: number | null;
  delivered_at: string | null;
  created_at: string;
  alert_ids: string[];
  log?: DeliveryAttemptOutput[];
}

export interface AlertDetailOutput extends AlertOutput {
  events: AlertEventOutput[];
  deliveries: DeliveryOutput[];
}

export interface ChannelOutput extends ChannelRef {
  /** null = the agency's channel; a slug = that client's override. */
  client_id: string | null;
  /** Masked: email addresses shown; URLs as scheme://host/…last4. Never the secret. */
  destination: string;
  is_default: boolean;
  enabled: boolean;
  source: "settings" | "env" | "threshold";
  has_secret: boolean;
  header_names: string[];
  failing: boolean;
  consecutive_failures: number;
  failing_since: string | null;
  last_error: string | null;
  last_delivered_at: string | null;
  /** e.g. "not hooks.slack.com: sent as a Slack-compatible webhook (Mattermost, Rocket.Chat)". */
  warnings: string[];
  created_at: string;
}

/** Only in the response that created a webhook channel (or rotated its secret): shown once. */
export interface ChannelCreatedOutput extends ChannelOutput {
  secret?: string;
}

export interface MaintenanceWindowOutput {
  id: string;
  client_id: string;
  title: string;
  starts_at: string;
  ends_at: string | null;
  /** Cron expression in the client's time zone; null = one-off. */
  recurrence: string | null;
  duration_minutes: number | null;
  time_zone: string;
  /** Plain words, e.g. "Sundays 02:00–04:00 (Europe/Berlin)" or "3 Dec 14:00–16:00". */
  description: string;
  active_now: boolean;
  /** The next start (or the current one when active), null when over. */
  next_start: string | null;
  next_end: string | null;
  created_by: string | null;
}

/** What the dashboard rows and the client page show beside a client. */
export interface ClientAlertBadge {
  firing: number;
  critical: number;
  unacknowledged: number;
}

/** A channel that keeps failing (the dashboard's admin banner, GET /api/alert-channels/failing). */
export interface FailingChannelOutput extends ChannelRef {
  client_id: string | null;
  consecutive_failures: number;
  failing_since: string | null;
  last_error: string | null;
  last_delivered_at: string | null;
  /** Its messages given up (dead) and waiting for a retry. */
  dead_deliveries: number;
  retrying_deliveries: number;
}

export const DELIVERY_STATE_FILTERS = ["pending", "delivered", "dead", "failing", "cancelled"] as const;
export type DeliveryStateFilter = (typeof DELIVERY_STATE_FILTERS)[number];
