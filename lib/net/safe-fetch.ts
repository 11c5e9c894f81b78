// The one way ClientPulse talks to the outside world (health checks, metrics, Slack, webhooks).
//
// Guarantees: http/https only; a total timeout covering DNS, connect, headers and body; a
// body cap enforced while streaming; at most N redirects, each re-checked; keep-alive pools;
// and the network policy applied when the socket is opened, to the address actually dialled
// (after DNS), so DNS rebinding between a check and the connect cannot slip through.
// Network conditions never throw: they come back as { ok: false, error: { kind, message } }
// with a message fit to show as a check's status reason.
import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector, request as undiciRequest } from "undici";
import { isAddressAllowed, isOwnTarget, normalizeHostname, type NetworkPolicy } from "./address-policy";

type SafeFetchErrorKind =
  | "policy"
  | "dns"
  | "connect"
  | "timeout"
  | "tls"
  | "too_large"
  | "too_many_redirects"
  | "bad_url"
  | "protocol"
  /** The caller's own `signal` aborted the request (e.g. shutdown). */
  | "aborted";

export interface SafeFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Total budget for the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Budget for each TCP/TLS connect attempt (default: min(timeoutMs, 10 s)). */
  connectTimeoutMs?: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Default 3. */
  maxRedirects?: number;
  policy: NetworkPolicy;
  signal?: AbortSignal;
}

interface SafeFetchSuccess {
  ok: true;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** Final URL after redirects, without userinfo. */
  url: string;
  redirects: number;
  timings: { totalMs: number };
}

interface SafeFetchFailure {
  ok: false;
  error: { kind: SafeFetchErrorKind; message: string };
}

export type SafeFetchResult = SafeFetchSuccess | SafeFetchFailure;

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const USER_AGENT = "ClientPulse/1.0 (monitoring)";
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Thrown inside the connector; carries the kind so the mapping below needs no text matching. */
class ConnectRefusal extends Error {
  constructor(
    readonly kind: SafeFetchErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const started = performance.now();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.min(options.timeoutMs, DEFAULT_CONNECT_TIMEOUT_MS);

  // One controller for the whole exchange: our total timeout or the caller's signal abort it.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener("abort", onCallerAbort, { once: true });

  const fail = (kind: SafeFetchErrorKind, message: string): SafeFetchFailure => ({ ok: false, error: { kind, message } });
  const interrupted = (): SafeFetchFailure | undefined =>
    timedOut
      ? fail("timeout", `timeout after ${options.timeoutMs} ms`)
      : controller.signal.aborted
        ? fail("aborted", "request aborted")
        : undefined;

  try {
    let target = parseTarget(url);
    if (!target.ok) return fail(target.kind, target.message);

    let method = (options.method ?? "GET").toUpperCase();
    let body: string | Uint8Array | undefined = options.body;
    let headers = withDefaults(options.headers, target.authorization);

    for (let redirects = 0; ; redirects++) {
      const early = interrupted();
      if (early) return early;
      // The server's own targets are judged per hop, by origin and path: a redirect away
      // from them (or another path of the same origin) gets the policy without them.
      const own = isOwnTarget(target.url, options.policy);
      const policy = own ? options.policy : withoutOwnTargets(options.policy);
      const origin = own ? target.url.origin : undefined;
      // Fast path for IP literals: refuse before any socket exists. The connector checks
      // again (and is the only check for hostnames).
      if (net.isIP(target.hostname)) {
        const decision = isAddressAllowed({ ip: target.hostname, origin, policy });
        if (!decision.ok) return fail("policy", decision.reason);
      }
      const agent = agentFor(policy, connectTimeoutMs);

      let response: Awaited<ReturnType<typeof undiciRequest>>;
      try {
        response = await undiciRequest(target.url, {
          dispatcher: agent,
          method: method as "GET",
          headers,
          body,
          signal: controller.signal,
          // Our own timer is the budget; these only must not fire first.
          headersTimeout: 0,
          bodyTimeout: 0,
        });
      } catch (error) {
        return interrupted() ?? describeError(error, target.hostname, connectTimeoutMs);
      }

      const status = response.statusCode;
      const location = headerValue(response.headers.location);
      if (REDIRECT_STATUSES.has(status) && location) {
        // Read (a little of) the body so the connection can go back to the pool.
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        if (redirects >= maxRedirects) return fail("too_many_redirects", `more than ${maxRedirects} redirects`);
        let next: URL;
        try {
          next = new URL(location, target.url);
        } catch {
          return fail("bad_url", `redirect to an invalid URL (${truncate(location)})`);
        }
        const parsed = parseTarget(next.href, "redirect to ");
        if (!parsed.ok) return fail(parsed.kind, parsed.message);
        if (parsed.url.origin !== target.url.origin) {
          // Credentials meant for one origin must not follow a redirect to another.
          headers = withoutCredentials(headers);
        }
        if (parsed.authorization) headers = { ...headers, authorization: parsed.authorization };
        if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
          if (method !== "HEAD") method = "GET";
          body = undefined;
          headers = withoutBodyHeaders(headers);
        }
        target = parsed;
        continue;
      }

      const declared = Number(headerValue(response.headers["content-length"]));
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        discard(response.body);
        return fail("too_large", `response larger than ${formatBytes(maxBodyBytes)}`);
      }
      const chunks: Buffer[] = [];
      let received = 0;
      try {
        for await (const chunk of response.body) {
          received += (chunk as Buffer).length;
          if (received > maxBodyBytes) {
            // Destroying the body closes the socket: the rest is never read.
            discard(response.body);
            return fail("too_large", `response larger than ${formatBytes(maxBodyBytes)}`);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        return interrupted() ?? describeError(error, target.hostname, connectTimeoutMs);
      }

      return {
        ok: true,
        status,
        headers: flattenHeaders(response.headers),
        body: Buffer.concat(chunks, received),
        url: target.url.href,
        redirects,
        timings: { totalMs: Math.round(performance.now() - started) },
      };
    }
  } catch (error) {
    // Anything unexpected still becomes a result: this function is called from schedulers.
    return interrupted() ?? describeError(error, "", connectTimeoutMs);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}

// ---------------------------------------------------------------------------------------
// URLs

type Target =
  | { ok: true; url: URL; hostname: string; authorization?: string }
  | { ok: false; kind: SafeFetchErrorKind; message: string };

/** Parses, checks the scheme and moves userinfo into a Basic authorization header. */
function parseTarget(input: string, context = ""): Target {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, kind: "bad_url", message: `${context}invalid URL (${truncate(stripUserinfo(input))})` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, kind: "protocol", message: `${context}unsupported scheme ${url.protocol} (only http and https)` };
  }
  if (!url.hostname) return { ok: false, kind: "bad_url", message: `${context}URL without a host` };
  let authorization: string | undefined;
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  // WHATWG URL already turned 2130706433, 0x7f000001, 0177.0.0.1 into 127.0.0.1 here.
  return { ok: true, url, hostname: normalizeHostname(url.hostname), authorization };
}

/** For messages: a URL-ish string without `user:pass@`. */
function stripUserinfo(text: string): string {
  try {
    const url = new URL(text);
    url.username = "";
    url.password = "";
    return url.href;
  } catch {
    return text.replace(/\/\/[^/@\s]*@/, "//");
  }
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ---------------------------------------------------------------------------------------
// Headers

function withDefaults(headers: Record<string, string> | undefined, authorization: string | undefined) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  if (!out["user-agent"]) out["user-agent"] = USER_AGENT;
  if (authorization && !out.authorization) out.authorization = authorization;
  return out;
}

function withoutCredentials(headers: Record<string, string>) {
  const { authorization: _a, cookie: _c, "proxy-authorization": _p, ...rest } = headers;
  return rest;
}

function withoutBodyHeaders(headers: Record<string, string>) {
  const { "content-type": _t, "content-length": _l, "content-encoding": _e, ...rest } = headers;
  return rest;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Closes the connection under a body we will not read (undici then emits an AbortError we expect). */
function discard(body: NodeJS.ReadableStream & { destroy(error?: Error): unknown }): void {
  body.on("error", () => undefined);
  body.destroy();
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

// ---------------------------------------------------------------------------------------
// Errors → { kind, message }

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "EPROTO",
]);

const CONNECT_MESSAGES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the server",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed by the server",
  UND_ERR_SOCKET: "connection closed by the server before the response was complete",
  UND_ERR_CLOSED: "connection closed",
};

function describeError(error: unknown, hostname: string, connectTimeoutMs: number): SafeFetchFailure {
  const fail = (kind: SafeFetchErrorKind, message: string): SafeFetchFailure => ({ ok: false, error: { kind, message } });
  // undici sometimes wraps the socket error (cause); look one level down too.
  const candidates = [error, (error as { cause?: unknown })?.cause].filter(Boolean) as Array<
    Error & { code?: string }
  >;
  for (const err of candidates) {
    if (err instanceof ConnectRefusal) return fail(err.kind, err.message);
  }
  for (const err of candidates) {
    const code = err.code ?? "";
    if (code === "UND_ERR_CONNECT_TIMEOUT") return fail("timeout", `connect timeout after ${connectTimeoutMs} ms`);
    if (TLS_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || code.startsWith("CERT_")) {
      return fail("tls", `TLS error: ${oneLine(err.message)}`);
    }
    if (CONNECT_MESSAGES[code]) return fail("connect", CONNECT_MESSAGES[code]);
    if (code.startsWith("HPE_") || code === "UND_ERR_HEADERS_OVERFLOW" || code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") {
      return fail("protocol", "invalid HTTP response");
    }
    if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_NODATA") {
      return fail("dns", `DNS lookup failed for ${hostname}`);
    }
    if (code === "UND_ERR_INVALID_ARG" || code === "ERR_INVALID_ARG_TYPE" || code === "ERR_INVALID_ARG_VALUE") {
      return fail("bad_url", `invalid request: ${oneLine(err.message)}`);
    }
    if (code.startsWith("E") && code.length > 1 && /^E[A-Z]+$/.test(code)) {
      return fail("connect", `connection failed (${code})`);
    }
  }
  return fail("connect", `request failed: ${oneLine(stripUserinfo((error as Error)?.message ?? String(error)))}`);
}

function oneLine(text: string): string {
  return truncate(text.split("\n")[0] ?? "");
}

// ---------------------------------------------------------------------------------------
// Connection pools, with the policy applied at connect time

type Connector = buildConnector.connector;

/**
 * Resolves the host itself, refuses addresses the policy forbids, and dials an allowed address
 * by IP. The hostname stays the TLS servername and Host header, so certificates still verify.
 */
function policyConnector(policy: NetworkPolicy, connectTimeoutMs: number): Connector {
  const base = buildConnector({ timeout: connectTimeoutMs });
  return (options, callback) => {
    const hostname = normalizeHostname(options.hostname);
    // Only agents for an own-target policy pass the origin: safeFetch uses them for nothing else.
    const origin = policy.ownTargets?.length ? ownOrigin(options) : undefined;
    resolveAllowed(hostname, policy, origin).then(
      (addresses) => {
        // Try each allowed address in turn (e.g. localhost → ::1 refused, then 127.0.0.1).
        const attempt = (index: number, lastError?: Error) => {
          if (index >= addresses.length) return callback(lastError ?? new Error("no address"), null);
          base({ ...options, hostname: addresses[index] }, (err, socket) => {
            if (!err) return callback(null, socket!);
            const code = (err as { code?: string }).code ?? "";
            const retryable = ["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"].includes(code);
            if (retryable && index + 1 < addresses.length) attempt(index + 1, err);
            else callback(err, null);
          });
        };
        attempt(0);
      },
      (error: Error) => callback(error, null),
    );
  };
}

/** "http://localhost:3000" for the connection undici is opening (default ports dropped by URL). */
function ownOrigin(options: { protocol: string; host?: string }): string | undefined {
  if (!options.host) return undefined;
  try {
    return new URL(`${options.protocol}//${options.host}`).origin;
  } catch {
    return undefined;
  }
}

const withoutOwn = new WeakMap<NetworkPolicy, NetworkPolicy>();

/** The same policy minus its own targets (one object per policy, so it shares one pool). */
function withoutOwnTargets(policy: NetworkPolicy): NetworkPolicy {
  if (!policy.ownTargets?.length) return policy;
  let stripped = withoutOwn.get(policy);
  if (!stripped) {
    stripped = Object.freeze({ ...policy, ownTargets: [] });
    withoutOwn.set(policy, stripped);
  }
  return stripped;
}

async function resolveAllowed(hostname: string, policy: NetworkPolicy, origin?: string): Promise<string[]> {
  let candidates: string[];
  if (net.isIP(hostname)) {
    candidates = [hostname];
  } else {
    try {
      candidates = (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new ConnectRefusal("dns", `DNS lookup failed for ${hostname}`);
    }
    if (candidates.length === 0) throw new ConnectRefusal("dns", `DNS lookup failed for ${hostname}`);
  }
  const allowed: string[] = [];
  let firstRefusal: string | undefined;
  for (const ip of candidates) {
    const decision = isAddressAllowed({ ip, hostname, origin, policy });
    if (decision.ok) allowed.push(ip);
    else firstRefusal ??= decision.reason;
  }
  if (allowed.length === 0) throw new ConnectRefusal("policy", firstRefusal ?? "blocked by network policy");
  return allowed;
}

// One Agent (one set of keep-alive pools) per distinct policy + connect timeout. Keyed by the
// policy's content, so equal policies built in different places share a pool.
const MAX_AGENTS = 32;
const agents = new Map<string, Agent>();

function agentFor(policy: NetworkPolicy, connectTimeoutMs: number): Agent {
  const key = JSON.stringify([
    policy.allowPrivate,
    policy.allowList.map((e) => (e.type === "host" ? `host:${e.host}` : `cidr:${e.cidr[0].toString()}/${e.cidr[1]}`)).sort(),
    (policy.ownTargets ?? []).map((t) => `${t.origin}${t.pathPrefix}`).sort(),
    connectTimeoutMs,
  ]);
  let agent = agents.get(key);
  if (agent) {
    // Most recently used last, so eviction drops the least recently used.
    agents.delete(key);
    agents.set(key, agent);
    return agent;
  }
  if (agents.size >= MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, Agent];
    agents.delete(oldestKey);
    void oldest.close().catch(() => undefined);
  }
  agent = new Agent({
    connect: policyConnector(policy, connectTimeoutMs),
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    // Never trust a response to follow redirects for us: each hop is re-checked above.
    maxRedirections: 0,
  });
  agents.set(key, agent);
  return agent;
}

/** Closes every pooled connection (tests, graceful shutdown). */
export async function closeSafeFetchAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((agent) => agent.destroy().catch(() => undefined)));
}
