// Input and output schemas for the clients domain, shared by every edge (forms, REST, MCP).
// External JSON is snake_case, as in the seed's contracts.
import { z } from "zod";
import { decimalPlaces, toCents } from "@/lib/decimal";
import { strictObject, text } from "@/lib/input";

const HEALTH_STATUSES = ["healthy", "degraded", "down", "unknown"] as const;
const healthStatusSchema = z.enum(HEALTH_STATUSES);
export type HealthStatusValue = z.infer<typeof healthStatusSchema>;

export const clientIdSchema = text()
  .trim()
  .min(3, { message: "must be at least 3 characters", abort: true })
  .max(64, { message: "must be at most 64 characters", abort: true })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single dashes, e.g. tnt-limousine-001");

/** Why a value is not an acceptable http(s) URL, or undefined when it is. */
function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a valid URL, e.g. https://api.example.com/health";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http:// or https:// URL";
  if (url.username || url.password) return "must not contain a username or password";
  return undefined;
}

/**
 * An absolute http(s) URL without credentials (they would end up in logs and screens), given
 * back canonical, as the URL parser serialises it (`HTTPS://A.test:443` → `https://a.test/`):
 * what is stored, shown and approved is exactly what the checker will request.
 */
export const httpUrlSchema = text()
  .trim()
  // abort: an empty or oversized value gets one message, not also "must be a valid URL".
  .min(1, { message: "is required", abort: true })
  .max(2048, { message: "must be at most 2048 characters", abort: true })
  .superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => new URL(value).href);

const nameSchema = (max: number) =>
  text().trim().min(1, "is required").max(max, `must be at most ${max} characters`);

const optionalText = (max: number) =>
  text()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

// One schema per system field, shared by registration, updateClient's system list and
// updateSystem's partial changes, so every path accepts and names the same values.
export const systemNameSchema = nameSchema(200);
/** Optional: null, absent or "" (an empty form field) mean none. One schema, not a union, so a bad value gets its own message. */
export const metricsUrlSchema = text()
  .trim()
  .max(2048, { message: "must be at most 2048 characters", abort: true })
  .superRefine((value, ctx) => {
    const problem = value === "" ? undefined : urlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => (value === "" ? null : new URL(value).href))
  .nullish();
export const checkIntervalSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(10, "must be at least 10 seconds")
  .max(86_400, "must be at most 86400 seconds (1 day)");
const timeoutMsSchema = z.number({ error: "must be a number" }).int("must be a whole number").min(500, "must be at least 500 ms").max(60_000, "must be at most 60000 ms");
const degradedThresholdSchema = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1 ms")
  .max(600_000, "must be at most 600000 ms");
/** Consecutive agreeing probes before a system's state changes (SPEC "Status semantics"). */
const confirmationsSchema = z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(10, "must be at most 10");
const enabledSchema = z.boolean({ error: "must be true or false" });

export const SYSTEM_DEFAULTS = { check_interval_seconds: 60, timeout_ms: 10_000, degraded_threshold_ms: 2_000, confirmations: 2, enabled: true } as const;

/** The cross-field rule: a probe must give up before the next one is due. */
export const TIMEOUT_OVER_INTERVAL_MESSAGE = "must not be longer than the check interval";
export function timeoutFitsInterval(timeoutMs: number, intervalSeconds: number): boolean {
  return timeoutMs <= intervalSeconds * 1000;
}

export const systemInputSchema = strictObject({
    name: systemNameSchema.describe("The system's name, unique within the client, e.g. Lead Processing"),
    health_url: httpUrlSchema.describe("The http(s) URL ClientPulse checks, e.g. https://api.example.com/health"),
    metrics_url: metricsUrlSchema.describe("Optional http(s) URL of the system's business metrics"),
    check_interval_seconds: checkIntervalSchema
      .default(SYSTEM_DEFAULTS.check_interval_seconds)
      .describe(`Seconds between checks (10–86400, default ${SYSTEM_DEFAULTS.check_interval_seconds})`),
    timeout_ms: timeoutMsSchema.default(SYSTEM_DEFAULTS.timeout_ms).describe(`A check gives up after this many ms (500–60000, default ${SYSTEM_DEFAULTS.timeout_ms}; at most the interval)`),
    degraded_threshold_ms: degradedThresholdSchema
      .default(SYSTEM_DEFAULTS.degraded_threshold_ms)
      .describe(`A healthy answer slower than this many ms counts as degraded (default ${SYSTEM_DEFAULTS.degraded_threshold_ms})`),
    confirmations: confirmationsSchema.default(SYSTEM_DEFAULTS.confirmations).describe(`Consecutive agreeing checks before the status changes (1–10, default ${SYSTEM_DEFAULTS.confirmations})`),
    enabled: enabledSchema.default(SYSTEM_DEFAULTS.enabled).describe("false pauses this system's checks (default true)"),
  }).superRefine((s, ctx) => {
    if (!timeoutFitsInterval(s.timeout_ms, s.check_interval_seconds)) {
      ctx.addIssue({ code: "custom", path: ["timeout_ms"], message: TIMEOUT_OVER_INTERVAL_MESSAGE });
    }
  });
export type SystemInput = z.input<typeof systemInputSchema>;

/** The IANA name Intl knows it by (canonical case: "america/new_york" → "America/New_York"), or undefined. */
export function canonicalTimeZone(name: string): string | undefined {
  // Names only (Region/City, Etc/GMT+5, UTC): PostgreSQL's date_trunc must know the same zone,
  // and bare offsets ("+05:00") have no DST rules to follow.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A client's time zone: "today", daily metric buckets and report periods are its days. */
export const timeZoneSchema = text()
  .trim()
  .min(1, { message: "is required", abort: true })
  .max(64, { message: "must be at most 64 characters", abort: true })
  .refine((v) => canonicalTimeZone(v) !== undefined, "must be an IANA time zone name, e.g. America/New_York, Europe/Berlin or UTC")
  .transform((v) => canonicalTimeZone(v)!);

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
/** ISO 4217, any case in, upper case stored: cost savings and labour cost are in this currency. */
export const currencySchema = text()
  .trim()
  .refine((v) => CURRENCIES.has(v.toUpperCase()), "must be an ISO 4217 currency code, e.g. USD, EUR or GBP")
  .transform((v) => v.toUpperCase());

/** The labour cost of one hour saved, in major units (25 = 25.00 of the currency); stored exactly as cents. */
export const MAX_HOURLY_RATE = 1_000_000;
export const hourlyRateSchema = z
  .number({ error: (i) => (typeof i.input === "number" ? "must be a finite number" : "must be a number") })
  .min(0, "must not be negative")
  .max(MAX_HOURLY_RATE, `must be at most ${MAX_HOURLY_RATE}`)
  .refine((v) => decimalPlaces(v) <= 2, "must have at most 2 decimal places (cents)");

/** Cents of a validated hourly rate, from its decimal text: 25.1 → 2510, never 25.1 × 100. */
export function hourlyRateCents(rate: number): number {
  return Number(toCents(rate));
}

export const CLIENT_DEFAULTS = { time_zone: "UTC", hourly_rate: 25, currency: "USD" } as const;

const clientFields = {
  client_name: nameSchema(200).optional().describe("The client's display name, e.g. TNT Limousine (required, or give it as name)"),
  /** Alias of client_name. */
  name: nameSchema(200).optional().describe("Alias of client_name"),
  industry: optionalText(100).describe("Optional industry, e.g. Transportation"),
  contact_email: z
    .email({ error: "must be a valid email address" })
    .max(254, "must be at most 254 characters")
    .nullish()
    .or(z.literal("").transform(() => null))
    .describe("Optional contact email of the client"),
  tags: z
    .array(text().trim().min(1, "must not be empty").max(40, "must be at most 40 characters"), { error: "must be a list of strings" })
    .max(20, "at most 20 tags")
    .optional()
    .describe("Optional labels to group and search clients (at most 20)"),
  sla_target: z.number({ error: "must be a number" }).gt(0, "must be above 0").max(100, "must be at most 100").optional().describe("Uptime target in %, e.g. 99.9 (default 99.5)"),
  active: z.boolean({ error: "must be true or false" }).optional().describe("false registers the client as inactive (default true)"),
  time_zone: timeZoneSchema.optional().describe("IANA time zone of the client's days (default UTC), e.g. America/New_York"),
  hourly_rate: hourlyRateSchema.optional().describe("Labour cost of one hour saved, in the client's currency (default 25)"),
  currency: currencySchema.optional().describe("ISO 4217 currency of cost savings and the hourly rate (default USD)"),
};

/**
 * Registration accepts the normalised shape (`systems: [{ name, health_url, … }]`) and the
 * seed's shape (`automation_systems: string[]` + `monitoring_endpoints: string[]`, paired by
 * index). No transforms at the top level, so the JSON Schema shown to MCP clients is exact.
 */
export const registerClientInputSchema = strictObject({
  client_id: clientIdSchema.describe("A unique lowercase slug of letters, digits and dashes, e.g. tnt-limousine-001"),
  ...clientFields,
  systems: z
    .array(systemInputSchema, { error: "must be a list of systems" })
    .max(50, "at most 50 systems per client")
    .optional()
    .describe("The systems to monitor, each with its name and health_url (or use automation_systems + monitoring_endpoints)"),
  automation_systems: z
    .array(nameSchema(200), { error: "must be a list of system names" })
    .max(50, "at most 50 systems per client")
    .optional()
    .describe("Seed shape: the systems' names, paired by index with monitoring_endpoints"),
  monitoring_endpoints: z
    .array(httpUrlSchema, { error: "must be a list of URLs" })
    .max(50, "at most 50 endpoints per client")
    .optional()
    .describe("Seed shape: one base URL per automation system (it gets /health and /metrics)"),
})
  // Whole-form rules run even when some field already failed (zod skips refinements after an
  // aborting issue by default), so one submission reports every problem at once. The value may
  // then be partly invalid, hence the defensive reads.
  .superRefine(
    (input, ctx) => {
      const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
      const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
      // A present-but-invalid name reports itself; only a name given under neither key is added here.
      if (input.client_name === undefined && input.name === undefined) {
        ctx.addIssue({ code: "custom", path: ["client_name"], message: "is required" });
      }
      const systems = list(input.systems);
      const seedNames = list(input.automation_systems);
      const seedUrls = list(input.monitoring_endpoints);
      if (seedNames.length !== seedUrls.length) {
        ctx.addIssue({
          code: "custom",
          path: ["monitoring_endpoints"],
          message: `must have one endpoint per automation system (${seedUrls.length} endpoints for ${seedNames.length} systems)`,
        });
      }
      if (systems.length + seedNames.length === 0 && Array.isArray(input.systems ?? [])) {
        ctx.addIssue({ code: "custom", path: ["systems"], message: "add at least one system with its health URL" });
      }
      const seen = new Set<string>();
      const names = [...systems.map((s) => text((s as { name?: unknown } | null)?.name)), ...seedNames.map(text)];
      names.forEach((name, i) => {
        if (!name) return;
        const key = name.toLowerCase();
        if (seen.has(key)) {
          const fromSystems = i < systems.length;
          ctx.addIssue({
            code: "custom",
            path: fromSystems ? ["systems", i, "name"] : ["automation_systems", i - systems.length],
            message: `duplicate system name "${name}"`,
          });
        }
        seen.add(key);
      });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null && !Array.isArray(payload.value) },
  );
export type RegisterClientInput = z.input<typeof registerClientInputSchema>;

export const clientRefInputSchema = strictObject({ client_id: clientIdSchema });
export type ClientRefInput = z.input<typeof clientRefInputSchema>;

export const updateClientInputSchema = strictObject({
  client_id: clientIdSchema,
  ...clientFields,
  /** When given, the client's systems become exactly this list (matched by name). */
  systems: z.array(systemInputSchema, { error: "must be a list of systems" }).min(1, "a client needs at least one system").max(50, "at most 50 systems per client").optional(),
  /** Admin only: checks of this client's systems may reach private addresses (10/8, 192.168/16, loopback…). */
  allow_private_targets: z.boolean({ error: "must be true or false" }).optional(),
}).superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.systems?.forEach((s, i) => {
      const key = s.name.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["systems", i, "name"], message: `duplicate system name "${s.name}"` });
      seen.add(key);
    });
  });
export type UpdateClientInput = z.input<typeof updateClientInputSchema>;

/**
 * Changes one system of a client; fields left out stay as they are, `metrics_url: null` clears
 * it. An unknown (e.g. misspelt) field is a 422 on that field, not a silently ignored change.
 */
const updateSystemFields = {
  client_id: clientIdSchema,
  /** The system's current name (case-insensitive). */
  system: systemNameSchema,
  name: systemNameSchema.optional(),
  health_url: httpUrlSchema.optional(),
  metrics_url: metricsUrlSchema,
  check_interval_seconds: checkIntervalSchema.optional(),
  timeout_ms: timeoutMsSchema.optional(),
  degraded_threshold_ms: degradedThresholdSchema.optional(),
  confirmations: confirmationsSchema.optional(),
  enabled: enabledSchema.optional(),
};
const SYSTEM_SETTINGS = Object.keys(updateSystemFields).filter((k) => k !== "client_id" && k !== "system");

export const updateSystemInputSchema = strictObject(updateSystemFields, `the system settings are ${SYSTEM_SETTINGS.join(", ")}`);
export type UpdateSystemInput = z.input<typeof updateSystemInputSchema>;

export const listClientsInputSchema = strictObject({
  search: text().trim().max(200, "must be at most 200 characters").optional(),
  include_inactive: z.boolean({ error: "must be true or false" }).default(false),
  limit: z.number({ error: "must be a number" }).int().min(1).max(1000).default(200),
  offset: z.number({ error: "must be a number" }).int().min(0).default(0),
});

export const allClientsStatusInputSchema = strictObject({
  include_inactive: z.boolean({ error: "must be true or false" }).default(false).describe("Also list deactivated clients"),
  status: healthStatusSchema.optional().describe("Only clients with this overall_status (healthy | degraded | down | unknown)"),
  attention_only: z
    .boolean({ error: "must be true or false" })
    .default(false)
    .describe("Only clients needing attention (down, degraded, flapping, below SLA, misconfigured or stalled), worst first"),
  cursor: text()
    .max(200, "must be at most 200 characters")
    .optional()
    .describe("next_cursor of the previous page, to read the next one; omit for the first page"),
  limit: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").optional().describe("Clients per page (all when omitted)"),
});
export type ListClientsInput = z.input<typeof listClientsInputSchema>;
export type AllClientsStatusInput = z.input<typeof allClientsStatusInputSchema>;

// ---- outputs -------------------------------------------------------------------------

const systemOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  health_url: z.string(),
  metrics_url: z.string().nullable(),
  check_interval_seconds: z.number(),
  timeout_ms: z.number(),
  degraded_threshold_ms: z.number(),
  confirmations: z.number(),
  enabled: z.boolean(),
  status: healthStatusSchema,
  status_reason: z.string().nullable(),
  /** The rule that decided `status` (e.g. http_5xx, blocked_private); null before the first check. */
  status_rule: z.string().nullable(),
  last_check: z.string().nullable(),
  response_time_ms: z.number().nullable(),
});
export type SystemOutput = z.infer<typeof systemOutputSchema>;

export const clientOutputSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  industry: z.string().nullable(),
  contact_email: z.string().nullable(),
  active: z.boolean(),
  tags: z.array(z.string()),
  sla_target: z.number(),
  allow_private_targets: z.boolean(),
  /** IANA zone of the client's days. */
  time_zone: z.string(),
  /** Labour cost of one hour saved, major units of `currency`. */
  hourly_rate: z.number(),
  currency: z.string(),
  overall_status: healthStatusSchema,
  created_at: z.string(),
  updated_at: z.string(),
  systems: z.array(systemOutputSchema),
});
export type ClientOutput = z.infer<typeof clientOutputSchema>;

export const ATTENTION_FLAG_KINDS = ["down", "misconfigured", "flapping", "below_sla", "degraded", "stalled"] as const;
export type AttentionFlagKind = (typeof ATTENTION_FLAG_KINDS)[number];
const clientAttentionSchema = z.object({
  needs_attention: z.boolean(),
  /** Most severe first. A troubled system's flag names it, with the reason and since when (ISO). */
  flags: z.array(
    z.object({
      kind: z.enum(ATTENTION_FLAG_KINDS),
      /** null for client-wide flags (below_sla). */
      system: z.string().nullable(),
      reason: z.string(),
      since: z.string(),
    }),
  ),
  /** SLA standing over the rolling window; uptime_pct null until there is checked time. */
  sla: z
    .object({
      target_pct: z.number(),
      uptime_pct: z.number().nullable(),
      window: z.string(),
      /** The first instant of the window with a known state (monitored since); null with no coverage. */
      covered_from: z.string().nullable(),
      /** Share (0–1) of the window from covered_from to now: below 1 the figure covers less than the window. */
      coverage: z.number(),
      met: z.boolean().nullable(),
    })
    .nullable(),
});
export type ClientAttentionOutput = z.infer<typeof clientAttentionSchema>;

/**
 * An uptime figure with the span it really covers (lib/monitoring/coverage.ts); null for a
 * window with no coverage at all (never 100 %). Every uptime figure of every edge has this shape.
 */
export const uptimeFigureSchema = z
  .object({
    /** Time-weighted uptime (%) over the covered span: degraded counts as up, unknown time is left out. */
    pct: z.number(),
    /** ISO instant from which the figure speaks: when monitoring began, or the window's start once the whole window was watched. */
    covered_from: z.string(),
    /** Share (0–1) of the window from covered_from to its end; below 1 the figure covers less than the window. */
    coverage: z.number(),
  })
  .nullable();
export type UptimeFigure = z.infer<typeof uptimeFigureSchema>;

const clientStatusRowSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  industry: z.string().nullable(),
  active: z.boolean(),
  tags: z.array(z.string()),
  sla_target: z.number(),
  overall_status: healthStatusSchema,
  status_reason: z.string().nullable(),
  systems_count: z.number(),
  healthy_systems: z.number(),
  degraded_systems: z.number(),
  down_systems: z.number(),
  unknown_systems: z.number(),
  last_check: z.string().nullable(),
  /** Time-weighted over the client's enabled systems, from ClientPulse's own checks, with the span covered (from its earliest system's first check); null before any. */
  uptime_24h: uptimeFigureSchema,
  uptime_30d: uptimeFigureSchema,
  /** 95th percentile response time over the last 24 complete hours (ms, estimated from hourly histograms, ±9 %); a system younger than an hour counts its first hour. */
  p95_response_ms: z.number().nullable(),
  /** true: p95_response_ms is an estimate from histograms (show it as ≈), not an exact sample. */
  p95_approximate: z.boolean(),
  today_automations: z.number(),
  today_success_rate: z.number().nullable(),
  /** The one definition of "needs attention" (lib/monitoring/attention.ts), same on every edge. */
  attention: clientAttentionSchema,
  /** Firing alerts of the client (ClientAlertBadge of lib/alerts/contracts.ts); filled in by the alerts layer, absent where it is not composed in. */
  alerts: z.object({ firing: z.number(), critical: z.number(), unacknowledged: z.number() }).optional(),
});
export type ClientStatusRow = z.infer<typeof clientStatusRowSchema>;

export const allClientsStatusOutputSchema = z.object({
  dashboard_updated: z.string(),
  total_clients: z.number(),
  active_clients: z.number(),
  clients: z.array(clientStatusRowSchema),
  /** Pass as cursor for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
  overall_summary: z.object({
    healthy_clients: z.number(),
    degraded_clients: z.number(),
    down_clients: z.number(),
    unknown_clients: z.number(),
    /** Clients with at least one attention flag (of all listed, before status/attention_only/paging). */
    needs_attention_clients: z.number(),
    flapping_clients: z.number(),
    /** Clients whose uptime over the SLA window is below their target ("at risk of SLA"). */
    below_sla_clients: z.number(),
    misconfigured_clients: z.number(),
    /** Clients with a healthy system whose automations stopped for longer than its usual gap. */
    stalled_clients: z.number(),
    total_systems: z.number(),
    total_automations_today: z.number(),
    overall_success_rate: z.number().nullable(),
  }),
});
export type AllClientsStatus = z.infer<typeof allClientsStatusOutputSchema>;

/** @public The output contract (its type is used; the schema is there for an MCP outputSchema). */
export const clientListOutputSchema = z.object({
  total: z.number(),
  clients: z.array(clientStatusRowSchema),
});
export type ClientList = z.infer<typeof clientListOutputSchema>;
