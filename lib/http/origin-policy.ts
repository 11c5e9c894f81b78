// DNS-rebinding and cross-site protection for endpoints that act on the caller's behalf
// (MCP now; cookie-authenticated mutations later). A browser tricked into calling us through
// a foreign name sends that name in Host and Origin, so both are checked against the names
// this server is known by: loopback, APP_URL, and ALLOWED_ORIGINS.
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

/** Host header value (host[:port]) allowed? */
function isAllowedHost(host: string | null): boolean {
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

/** Origin header allowed? Absent (non-browser clients) is fine; "null" and foreign ones are not. */
function isAllowedOrigin(origin: string | null, host: string | null): boolean {
  if (origin === null) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (LOOPBACK_HOSTNAMES.has(parsed.hostname)) return true;
  if (host && parsed.host === host && isAllowedHost(host)) return true;
  return configuredOrigins().some((o) => o.origin === parsed.origin);
}

/** Returns a 403 explanation when the request must be refused, else undefined. */
export function checkHostAndOrigin(request: Request): string | undefined {
  const host = request.headers.get("host");
  if (!isAllowedHost(host)) return `Host "${host ?? ""}" is not a name of this server; set APP_URL (or ALLOWED_ORIGINS) to allow it`;
  const origin = request.headers.get("origin");
  if (!isAllowedOrigin(origin, host)) return `Origin "${origin}" is not allowed to call this endpoint`;
  return undefined;
}
