// DNS-rebinding and cross-site protection for endpoints that act on the caller's behalf
// (MCP, and every cookie-authenticated mutation). A browser tricked into calling us through
// a foreign name sends that name in Host and Origin; a page on another origin (another local
// port included) sends its own Origin. So the Host must be a name of this server (loopback,
// APP_URL, ALLOWED_ORIGINS), and an Origin, when sent, must be one of this server's own
// origins exactly (scheme, host and port): APP_URL, ALLOWED_ORIGINS, or the origin the request
// itself was addressed to.
import { getEnv } from "@/lib/env";

const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function configuredOrigins(): URL[] {
  const env = getEnv();
  const list = [env.APP_URL, ...(env.ALLOWED_ORIGINS ?? "").split(",")].map((s) => s?.trim()).filter(Boolean) as string[];
  return list.flatMap((s) => {
    try {
      return [new URL(s)];
    } catch {
      return [];
    }
  });
}

/** First value of a possibly repeated, comma-joined proxy header ("a, b" → "a"). */
function firstValue(value: string | null): string | undefined {
  const first = value?.split(",")[0]?.trim();
  return first ? first : undefined;
}

/**
 * The origin this request was addressed to, as the browser (or proxy) saw it: the proxy's
 * X-Forwarded-Host and X-Forwarded-Proto (first value each), else the Host header and the
 * scheme the request arrived with. Undefined when they do not make an http(s) origin.
 * X-Forwarded-Port is ignored: Next.js fills it with its own port when a proxy did not send it.
 */
export function requestOrigin(request: Request): string | undefined {
  const host = firstValue(request.headers.get("x-forwarded-host")) ?? request.headers.get("host")?.trim();
  if (!host) return undefined;
  let proto = firstValue(request.headers.get("x-forwarded-proto"))?.toLowerCase();
  if (!proto) {
    try {
      proto = new URL(request.url).protocol.slice(0, -1);
    } catch {
      return undefined;
    }
  }
  if (proto !== "http" && proto !== "https") return undefined;
  // A Host header is host[:port] only; anything more is not an origin.
  if (/[/\\@?#\s]/.test(host)) return undefined;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * This server's base URL for links and the demo fleet: APP_URL when set (it may carry a path),
 * else the origin the request was addressed to (see requestOrigin).
 */
export function requestBaseUrl(request: Request): string | undefined {
  const appUrl = getEnv().APP_URL;
  if (appUrl) return appUrl.replace(/\/+$/, "");
  return requestOrigin(request);
}

/** Host header value (host[:port]) allowed? (A name of this server: DNS rebinding.) */
export function isAllowedHost(host: string | null): boolean {
  if (!host) return false;
  let parsed: URL;
  try {
    parsed = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (LOOPBACK_HOSTNAMES.has(parsed.hostname)) return true;
  return configuredOrigins().some((o) => o.host === parsed.host || o.hostname === parsed.host);
}

/**
 * Origin header allowed? Absent (non-browser clients) is fine; "null" and every origin other
 * than this server's own (APP_URL, ALLOWED_ORIGINS, the request's own origin) are not.
 */
export function isAllowedOrigin(origin: string | null, request: Request): boolean {
  if (origin === null) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === "null") return false;
  if (parsed.origin === requestOrigin(request)) return true;
  return configuredOrigins().some((o) => o.origin === parsed.origin);
}

/** Returns a 403 explanation when the request must be refused, else undefined. */
export function checkHostAndOrigin(request: Request): string | undefined {
  const host = request.headers.get("host");
  if (!isAllowedHost(host)) return `Host "${host ?? ""}" is not a name of this server; set APP_URL (or ALLOWED_ORIGINS) to allow it`;
  const origin = request.headers.get("origin");
  if (!isAllowedOrigin(origin, request)) {
    return `Origin "${origin}" is not allowed to call this endpoint (only this server's own origin, port included; set APP_URL or ALLOWED_ORIGINS for others)`;
  }
  return undefined;
}
