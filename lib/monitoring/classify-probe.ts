// Pure: turns one probe's outcome (from the safe outbound fetch) into a status, the rule that
// decided it and a human reason the dashboard shows verbatim. No I/O, no clock: the response
// time is measured by the caller. SPEC.md "Client endpoint contracts" and "Status semantics".
import { policyBlockOf } from "@/lib/net/policy-reasons";

/** What a probe that was sent says about the target. */
export type ProbeStatus = "healthy" | "degraded" | "down";

/**
 * What one check says: a probe's status, or "unknown" when ClientPulse refused to send it
 * (network policy) or could not attempt it (invalid target URL). A refused check says nothing
 * about the client's system, so it is never an outage (issue #9 item 3).
 */
export type CheckStatus = ProbeStatus | "unknown";

export type ProbeErrorKind =
  | "policy"
  | "dns"
  | "connect"
  | "timeout"
  | "tls"
  | "too_large"
  | "too_many_redirects"
  | "bad_url"
  | "protocol";

export type ProbeOutcome =
  | { ok: false; error: { kind: ProbeErrorKind; message: string } }
  | { ok: true; status: number; contentType: string | null; /** already capped at 1 MB */ body: string };

export interface ClassifyProbeInput {
  outcome: ProbeOutcome;
  responseTimeMs: number;
  degradedThresholdMs: number;
  /** SPEC: 4xx is down "unless configured"; false treats a 4xx like a 2xx (the service answered). */
  treat4xxAsDown?: boolean;
  /** The endpoint must answer with a health body we understand; otherwise the HTTP code decides. */
  bodyRequired?: boolean;
}

/**
 * Stable ids of the rule that decided a status, stored with each check (health_checks.rule) and
 * with the confirmed status (systems.status_rule). The UI and MCP read these, never the reason text.
 */
export type ProbeRule =
  /** Refused: the address is never reachable (link-local, cloud metadata, reserved, a blocked port). */
  | "blocked_by_policy"
  /** Refused: a private address, and the client does not allow private targets (its switch lifts it). */
  | "blocked_private"
  | "invalid_target"
  | "timeout"
  | "dns_error"
  /** Set by record-check, not here: a DNS failure of a system that has never answered a probe (unknown, not down). */
  | "dns_never_resolved"
  | "network_error"
  | "http_5xx"
  | "http_4xx"
  | "http_status"
  | "unparseable_body"
  | "reported_down"
  | "reported_unknown"
  | "reported_degraded"
  | "endpoints"
  | "latency"
  | "reported_healthy"
  | "http_ok";

type HealthFormat = "seed" | "ietf" | "actuator" | "plain";

/**
 * Rules under which the check was not sent or reached nothing (a name that never resolved): the
 * status is unknown, the fix is in the configuration, and no uptime figure counts the check.
 */
export const REFUSED_RULES: ReadonlySet<string> = new Set<ProbeRule>(["blocked_by_policy", "blocked_private", "invalid_target", "dns_never_resolved"]);

export interface ProbeClassification {
  status: CheckStatus;
  reason: string;
  rule: ProbeRule;
  httpStatus: number | null;
  reportedUptime: number | null;
  format: HealthFormat | null;
}

const SEVERITY: Record<ProbeStatus, number> = { healthy: 0, degraded: 1, down: 2 };

// One vocabulary for every format, compared case-insensitively: no value means different things
// in different formats, so the format is only reported, never needed to interpret the status.
const REPORTED: Record<string, { status: ProbeStatus; rule: ProbeRule }> = {
  healthy: { status: "healthy", rule: "reported_healthy" }, // seed
  pass: { status: "healthy", rule: "reported_healthy" }, // IETF
  ok: { status: "healthy", rule: "reported_healthy" }, // IETF (older drafts)
  up: { status: "healthy", rule: "reported_healthy" }, // IETF / Actuator
  degraded: { status: "degraded", rule: "reported_degraded" }, // seed
  warn: { status: "degraded", rule: "reported_degraded" }, // IETF
  unknown: { status: "degraded", rule: "reported_unknown" }, // Actuator: alive but can't tell → degraded
  down: { status: "down", rule: "reported_down" }, // seed / IETF / Actuator
  fail: { status: "down", rule: "reported_down" }, // IETF
  error: { status: "down", rule: "reported_down" }, // IETF (older drafts)
  out_of_service: { status: "down", rule: "reported_down" }, // Actuator
};

const SEED_FIELDS = ["uptime_percentage", "endpoints_checked", "endpoints_healthy", "response_time_ms"];
const ACTUATOR_VALUES = new Set(["UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN"]);

interface Finding {
  status: ProbeStatus;
  rule: ProbeRule;
  reason: string;
}

export function classifyProbe(input: ClassifyProbeInput): ProbeClassification {
  const { outcome, responseTimeMs, degradedThresholdMs, treat4xxAsDown = true, bodyRequired = false } = input;

  if (!outcome.ok) return classifyNetworkError(outcome.error);

  const httpStatus = outcome.status;
  const body = parseBody(outcome.contentType, outcome.body);
  const reported = body.kind === "health" ? body.reported : null;
  const findings: Finding[] = [];

  // Findings are pushed in precedence order: the worst status wins, and among equally bad
  // findings the first pushed names the reason (HTTP code > body > reported status > latency).
  const reportedNote = reported ? ` (reported ${reported.raw})` : "";
  if (httpStatus >= 500 && httpStatus <= 599) {
    // A 5xx is down even when the body claims healthy; the body's claim is noted for the reader.
    findings.push({ status: "down", rule: "http_5xx", reason: `HTTP ${httpStatus}${reportedNote}` });
  } else if (httpStatus >= 400 && httpStatus <= 499) {
    if (treat4xxAsDown) findings.push({ status: "down", rule: "http_4xx", reason: `HTTP ${httpStatus}${reportedNote}` });
  } else if (httpStatus < 200 || httpStatus > 299) {
    // 1xx/3xx (redirects are followed by the fetcher, so a 3xx here has no usable target) and
    // out-of-range codes: the plain contract is "2xx = up, anything else = down".
    findings.push({ status: "down", rule: "http_status", reason: `HTTP ${httpStatus}${reportedNote}` });
  }

  if (bodyRequired && body.kind !== "health") {
    findings.push({ status: "down", rule: "unparseable_body", reason: UNUSABLE_BODY_REASON[body.kind] });
  } else if (body.kind === "unparseable_json") {
    // It answered (so not down), but its health report, declared JSON, is broken: whatever it
    // meant to say about its own state is lost. That is worth a look: degraded.
    findings.push({ status: "degraded", rule: "unparseable_body", reason: `${UNUSABLE_BODY_REASON.unparseable_json} (HTTP ${httpStatus})` });
  }

  const endpoints = body.kind === "health" || body.kind === "json_without_status" ? body.endpoints : null;
  const endpointsShort = endpoints !== null && endpoints.healthy < endpoints.checked;
  const endpointsNote = endpointsShort ? `${endpoints.healthy}/${endpoints.checked} endpoints healthy` : "";

  if (reported && reported.status !== "healthy") {
    // The reported status names the reason; a shortfall of endpoints is added as its detail.
    const detail = endpointsShort ? ` (${endpointsNote})` : "";
    findings.push({ status: reported.status, rule: reported.rule, reason: `reported ${reported.raw}${detail}` });
  } else if (endpointsShort) {
    // The body said healthy (or nothing) but fewer endpoints are healthy than checked → degraded.
    const said = reported ? ` (reported ${reported.raw})` : "";
    findings.push({ status: "degraded", rule: "endpoints", reason: `${endpointsNote}${said}` });
  }

  // Strictly "above" the threshold; a non-positive or non-finite threshold disables the rule.
  if (Number.isFinite(degradedThresholdMs) && degradedThresholdMs > 0 && responseTimeMs > degradedThresholdMs) {
    findings.push({
      status: "degraded",
      rule: "latency",
      reason: `latency ${Math.round(responseTimeMs)} ms > ${Math.round(degradedThresholdMs)} ms`,
    });
  }

  if (reported) {
    findings.push({ status: "healthy", rule: "reported_healthy", reason: `reported ${reported.raw}` });
  } else {
    findings.push({ status: "healthy", rule: "http_ok", reason: `HTTP ${httpStatus}` });
  }

  let decided = findings[0]!;
  for (const f of findings) if (SEVERITY[f.status] > SEVERITY[decided.status]) decided = f;

  return {
    ...decided,
    httpStatus,
    reportedUptime: body.kind === "health" || body.kind === "json_without_status" ? body.uptime : null,
    format: reported ? reported.format : "plain",
  };
}

function classifyNetworkError(error: { kind: ProbeErrorKind; message: string }): ProbeClassification {
  const message = error.message.trim();
  const base = { httpStatus: null, reportedUptime: null, format: null };
  if (error.kind === "policy") {
    // ClientPulse refused the request: nothing is known about the target, and the reader must
    // see that it was our policy, not the target, that failed.
    const prefix = "blocked by network policy";
    const reason = message.toLowerCase().startsWith(prefix) ? message : message ? `${prefix}: ${message}` : prefix;
    // lib/net words the one refusal the client's private-access switch would lift; it is told apart
    // here, once, so everything downstream reads the stored rule instead of the text.
    const rule: ProbeRule = policyBlockOf(reason) === "private" ? "blocked_private" : "blocked_by_policy";
    return { ...base, status: "unknown", rule, reason };
  }
  if (error.kind === "bad_url") {
    // The request could not even be formed: a configuration problem, not an outage.
    return { ...base, status: "unknown", rule: "invalid_target", reason: message || "invalid URL" };
  }
  // The fetcher's message is the reason ("timeout after 10000 ms", "getaddrinfo ENOTFOUND x");
  // an empty message still yields a readable reason. DNS keeps its own rule: a name that never
  // resolved is a misconfiguration (record-check tells it apart from a name that stopped resolving).
  const reason = message || (error.kind === "timeout" ? "timeout" : `${error.kind.replaceAll("_", " ")} error`);
  const rule: ProbeRule = error.kind === "timeout" ? "timeout" : error.kind === "dns" ? "dns_error" : "network_error";
  return { ...base, status: "down", rule, reason };
}

interface Reported {
  status: ProbeStatus;
  rule: ProbeRule;
  raw: string;
  format: Exclude<HealthFormat, "plain">;
}

type ParsedBody =
  | { kind: "health"; reported: Reported; endpoints: Endpoints | null; uptime: number | null }
  | { kind: "json_without_status"; endpoints: Endpoints | null; uptime: number | null }
  | { kind: "unparseable_json" }
  | { kind: "not_json" }
  | { kind: "empty" };

type UnusableBody = Exclude<ParsedBody["kind"], "health">;

// Reasons when bodyRequired and the body can't be interpreted (all rule "unparseable_body").
const UNUSABLE_BODY_REASON: Record<UnusableBody, string> = {
  unparseable_json: "unparseable JSON body",
  not_json: "body not JSON",
  empty: "empty body",
  json_without_status: "no recognised status in body",
};

interface Endpoints {
  checked: number;
  healthy: number;
}

function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  return media === "application/json" || media.endsWith("+json"); // health+json, vnd.spring-boot.actuator.v3+json
}

function parseBody(contentType: string | null, rawBody: string): ParsedBody {
  const text = rawBody.replace(/^\uFEFF/, "").trim();
  if (text === "") return { kind: "empty" };
  const claimsJson = isJsonContentType(contentType);
  // Sniff JSON only by content type or an opening brace: plain endpoints answer "OK", HTML, ...
  if (!claimsJson && !text.startsWith("{")) return { kind: "not_json" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A text/plain body that merely starts with "{" is just text; only a JSON content type lies.
    return { kind: claimsJson ? "unparseable_json" : "not_json" };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { kind: "json_without_status", endpoints: null, uptime: null };
  const obj = json as Record<string, unknown>;
  const endpoints = readEndpoints(obj);
  const uptime = readUptime(obj.uptime_percentage);
  const raw = typeof obj.status === "string" ? obj.status.trim() : "";
  const known = REPORTED[raw.toLowerCase()];
  if (!known) return { kind: "json_without_status", endpoints, uptime };
  return { kind: "health", reported: { ...known, raw, format: detectFormat(contentType, obj, raw) }, endpoints, uptime };
}

function detectFormat(contentType: string | null, obj: Record<string, unknown>, raw: string): Exclude<HealthFormat, "plain"> {
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (media === "application/health+json") return "ietf";
  if (media.startsWith("application/vnd.spring-boot.actuator")) return "actuator";
  if (SEED_FIELDS.some((f) => f in obj) || ["healthy", "degraded"].includes(raw)) return "seed";
  if (ACTUATOR_VALUES.has(raw)) return "actuator"; // Actuator speaks upper case
  if (raw === "down") return "seed"; // lower-case "down" is shared by seed and IETF; seed is the house format
  return "ietf";
}

function readEndpoints(obj: Record<string, unknown>): Endpoints | null {
  const checked = obj.endpoints_checked;
  const healthy = obj.endpoints_healthy;
  const valid = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;
  // Nonsense counts (healthy > checked, fractions, strings) are ignored rather than guessed at.
  if (!valid(checked) || !valid(healthy) || healthy > checked) return null;
  return { checked, healthy };
}

function readUptime(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}
