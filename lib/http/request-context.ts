// Who is calling a REST route or /api/mcp. An API key in `Authorization: Bearer …` (REST and
// MCP), or the session cookie (REST from the browser). Everything is checked here and in the
// verbs, never only in middleware: no edge can skip it.
import { resolveApiKey } from "@/lib/api-keys/resolve-api-key";
import { recordDenied } from "@/lib/audit/record-audit";
import { scopesForApiKey, scopesForRole } from "@/lib/auth/roles";
import { resolveSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { createContext, systemClock, type Context } from "@/lib/context";
import { getDb, type Db } from "@/lib/db/client";
import { BadRequestError, DatabaseUnavailableError, ForbiddenError, UnauthorizedError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { checkHostAndOrigin } from "./origin-policy";

export type Via = "rest" | "mcp";

const KEY_QUERY_PARAMS = ["api_key", "apikey", "key", "token", "access_token"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function openDbOrUnavailable(): Promise<Db> {
  try {
    return await getDb();
  } catch (error) {
    logger.error("database unavailable", { error });
    throw new DatabaseUnavailableError();
  }
}

export function userContext(db: Db, user: Pick<User, "id" | "email" | "role">): Context {
  return createContext({ db, actor: { type: "user", id: user.id, label: user.email }, scopes: scopesForRole(user.role) });
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      // A malformed %-escape is a garbage cookie: treated as no session (401), never a 500.
      return undefined;
    }
  }
  return undefined;
}

export async function contextForRequest(request: Request, via: Via): Promise<Context> {
  const url = new URL(request.url);
  if (KEY_QUERY_PARAMS.some((p) => url.searchParams.has(p))) {
    // URLs end up in logs, browser history and proxies: a key there is a leaked key.
    throw new BadRequestError('API keys are accepted only in the header "Authorization: Bearer <key>", never in the URL');
  }
  const db = await openDbOrUnavailable();
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthorizedError('Use the header "Authorization: Bearer <API key>"');
    const key = await resolveApiKey(db, match[1], systemClock);
    return createContext({
      db,
      actor: { type: via === "mcp" ? "mcp" : "api_key", id: key.id, label: `key "${key.name}"` },
      scopes: scopesForApiKey(key.scopes),
      clientRestriction: key.client?.clientId,
    });
  }
  if (via === "mcp") throw new UnauthorizedError('MCP needs an API key: send "Authorization: Bearer <key>" (create one in Settings → API keys)');
  const session = await resolveSession(db, readCookie(request.headers.get("cookie"), SESSION_COOKIE), systemClock);
  if (!session) throw new UnauthorizedError("Sign in, or send an API key in the Authorization header");
  const ctx = userContext(db, session.user);
  if (!SAFE_METHODS.has(request.method)) {
    // Cookies ride along on cross-site requests; a mutation must come from our own pages.
    const refused = checkHostAndOrigin(request);
    if (refused) {
      await recordDenied(ctx, `${request.method} ${url.pathname}`, refused);
      throw new ForbiddenError(refused);
    }
  }
  return ctx;
}
