// Who is asking, with what scopes, and which clock. Every edge builds one; every verb takes
// one and checks it, so the UI, REST and MCP all get the same answer.
import { ForbiddenError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";

export type Scope = "read" | "write" | "admin";

type ActorType = "user" | "api_key" | "mcp" | "system" | "anonymous";

export interface Actor {
  type: ActorType;
  id?: string;
  /** Shown in the audit log, e.g. "ada@agency.io" or "key ci-bot". Never a secret. */
  label: string;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Context {
  db: Db;
  actor: Actor;
  scopes: ReadonlySet<Scope>;
  /**
   * When set, only this client (by client_id slug) may be seen or touched. Never read it in a
   * verb: scope queries with lib/client-scope.ts (scopeClients, scopeClientRows, scopeSystemRows,
   * scopeSql), the one place the restriction is applied.
   */
  clientRestriction?: string;
  clock: Clock;
}

export function createContext(init: {
  db: Db;
  actor: Actor;
  scopes: Iterable<Scope>;
  clientRestriction?: string;
  clock?: Clock;
}): Context {
  return {
    db: init.db,
    actor: init.actor,
    scopes: new Set(init.scopes),
    clientRestriction: init.clientRestriction,
    clock: init.clock ?? systemClock,
  };
}

/** The background scheduler and start-up tasks: everything, recorded as "system". */
export function systemContext(db: Db, clock: Clock = systemClock): Context {
  return createContext({ db, actor: { type: "system", label: "system" }, scopes: ["read", "write", "admin"], clock });
}

export function requireScope(ctx: Context, scope: Scope): void {
  if (!ctx.scopes.has(scope)) {
    const what = scope === "read" ? "read data" : scope === "write" ? "make changes" : "administer ClientPulse";
    throw new ForbiddenError(`${ctx.actor.label} is not allowed to ${what} (missing the "${scope}" scope)`);
  }
}

/** Someone not signed in: may only do what needs no account (first-run setup, sign-in). */
export function anonymousContext(db: Db, clock: Clock = systemClock): Context {
  return createContext({ db, actor: { type: "anonymous", label: "anonymous" }, scopes: [], clock });
}
