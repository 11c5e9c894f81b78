// The only reader of process.env. Everything else asks getEnv() for validated settings.
import path from "node:path";
import { z } from "zod";

/** An optional setting: unset and empty are the same (Docker and .env files often pass "VAR="). */
const optionalText = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "must start with postgresql:// (leave it unset to use the embedded database)",
    }),
  DATA_DIR: z.string().trim().min(1).default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Public base URL of this server, used for links in MCP results and the demo fleet. */
  APP_URL: z.url().optional(),
  /**
   * Extra origins (scheme://host[:port], comma-separated) this server answers to besides
   * loopback and APP_URL. Requests naming any other Host or Origin are refused (DNS rebinding).
   */
  ALLOWED_ORIGINS: z.string().optional(),
  /**
   * Private hosts and CIDRs (comma-separated, e.g. 127.0.0.1,10.0.0.0/8,fleet.internal) that
   * outbound checks may reach for every client. Link-local and cloud metadata are never reachable.
   */
  ALLOWED_PRIVATE_TARGETS: z.string().optional(),
  /** A session ends after this long without a request… */
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(72),
  /** …and in any case this long after sign-in. */
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  /** Headless first run: creates this admin at start-up when no user exists yet. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  /** For CLI scripts talking to a running server (npm run demo): an API key with write access. */
  CLIENTPULSE_API_KEY: z.string().trim().optional(),
  /** Background health checks: "on" (default) or "off" (no scheduled checks; "check now" still works). */
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  /** How many probes one server runs at once; a hung target holds one slot, never the rest. */
  SCHEDULER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  /**
   * "Check now" (REST POST /api/clients/{id}/check, MCP run_health_check, the dashboard button)
   * sends requests out on the caller's behalf: each API key (and each user) may start at most
   * this many a minute. Scheduled checks are not counted.
   */
  CHECK_NOW_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /**
   * Optional hard cap on one client's probes in flight on one server. Unset: a client gets its
   * fair share of SCHEDULER_CONCURRENCY and borrows idle slots beyond it only while a quarter
   * stays free for the others (lib/monitoring/claim-due-systems.ts).
   */
  SCHEDULER_PER_CLIENT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  /** Raw checks are kept this many days; hourly rollups 90 days (or longer, if this is); daily ones 2 years. */
  CHECK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Raw business-metrics samples (metric_samples) are kept this many days, for custom-range
   * reports, CSV exports and audits; their hourly and daily rollups are kept (a few kB per
   * system-month). A push for a period older than this is refused (its overlap cannot be checked).
   */
  METRICS_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(400),
  /**
   * "Flapping" (a needs-attention flag): a system with at least this many confirmed state
   * changes within FLAPPING_WINDOW_MINUTES. 4 = two outages and their recoveries.
   */
  FLAPPING_CHANGES_PER_HOUR: z.coerce.number().int().min(2).max(1000).default(4),
  /** The flapping window, in minutes (default 60: "in the last hour"). */
  FLAPPING_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Alerts of one client firing within this many seconds go out as one message (0 = each at once). */
  ALERT_GROUP_WINDOW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /**
   * "Stalled" (a needs-attention flag): a healthy system whose automation count has not grown
   * for longer than its usual gap (learned from its last 28 days), and never for less than this.
   */
  STALLED_MIN_GAP_MINUTES: z.coerce.number().int().min(15).max(10_080).default(120),
  /** Days of collected metrics (within the last 28) a system needs before it is judged stalled at all. */
  STALLED_MIN_HISTORY_DAYS: z.coerce.number().int().min(1).max(28).default(7),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // ── Alert channels from the environment (created on first start as agency channels, source "env";
  // kept in step with these variables on every start: lib/alerts/channels/ensure-env-channels.ts).
  /** The SMTP server alert emails go through, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. */
  SMTP_URL: optionalText().refine((v) => v === undefined || /^smtps?:\/\/[^/]/i.test(v), { message: "must start with smtp:// or smtps://" }),
  /** The sender of alert emails, e.g. "ClientPulse <alerts@agency.io>" (default alerts@ the APP_URL's host). */
  ALERT_EMAIL_FROM: optionalText(),
  /** With SMTP_URL: the address(es) of the agency's default email channel (comma-separated). */
  ALERT_EMAIL_TO: optionalText(),
  /** The agency's default Slack (or Slack-compatible: Mattermost, Rocket.Chat) incoming-webhook URL. */
  SLACK_WEBHOOK_URL: optionalText().refine((v) => v === undefined || /^https?:\/\/[^/]/i.test(v), { message: "must be an http:// or https:// URL" }),
  /** The agency's default generic webhook (signed per Standard Webhooks)… */
  ALERT_WEBHOOK_URL: optionalText().refine((v) => v === undefined || /^https?:\/\/[^/]/i.test(v), { message: "must be an http:// or https:// URL" }),
  /** …and its signing secret: whsec_ + base64 of 24–64 random bytes (e.g. `echo whsec_$(openssl rand -base64 24)`). */
  ALERT_WEBHOOK_SECRET: optionalText().refine((v) => v === undefined || /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/.test(v), {
    message: "must be whsec_ followed by the base64 of 24–64 random bytes, e.g. whsec_$(openssl rand -base64 24)",
  }),
}).superRefine((env, ctx) => {
  if (env.ALERT_WEBHOOK_URL && !env.ALERT_WEBHOOK_SECRET) {
    ctx.addIssue({ code: "custom", path: ["ALERT_WEBHOOK_SECRET"], message: "is needed with ALERT_WEBHOOK_URL (the receiver verifies signatures with it): whsec_ + base64 of 24 random bytes, e.g. whsec_$(openssl rand -base64 24)" });
  }
  if (env.ALERT_EMAIL_TO && !env.SMTP_URL) {
    ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is needed with ALERT_EMAIL_TO (the SMTP server alert emails go through)" });
  }
});

export type Env = z.infer<typeof envSchema> & { dataDirAbsolute: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(first.path[0])} ${first.message}`);
  }
  cached = { ...parsed.data, dataDirAbsolute: path.resolve(parsed.data.DATA_DIR) };
  return cached;
}

/** Tests change process.env between cases; this forgets the cached parse. */
export function resetEnvCache(): void {
  cached = undefined;
}
