// The client scope: the ONE place where a client-bound caller (an API key bound to one client,
// Context.clientRestriction) is narrowed to that client. Every read and list query of every
// verb goes through one of these, so a new verb (metrics, alerts, reports…) gets its scoping
// from here instead of writing `clientId: ctx.clientRestriction` by hand:
//
//   ctx.db.client.findMany({ where: scopeClients(ctx, { active: true }) })
//   ctx.db.system.findMany({ where: scopeClientRows(ctx, { enabled: true }) })        // rows with a `client` relation
//   ctx.db.checkRollup.findMany({ where: scopeSystemRows(ctx, { period: "day" }) })   // rows with a `system` relation
//   ctx.db.$queryRaw`… FROM systems s WHERE … AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}`
//   findClientOrThrow(ctx, clientId)  // lib/clients/find-client.ts, by id: another client is 404, never 403
//
// Not scoped, on purpose: uniqueness checks before a create (registerClient's duplicate check,
// the demo loader), which are installation-wide and guarded by requireAllClients instead.
//
// The caller's `where` is AND-ed with the scope, never merged into it, so no field of the
// caller's filter (e.g. its own `clientId`) can override the restriction. An unbound caller's
// `where` is returned unchanged: the queries, plans and caches of unrestricted callers are
// exactly what they were.
import type { Context } from "@/lib/context";
import { requireScope } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** Rows that belong to a client through a `client` relation. */
type ClientRowWhere =
  | Prisma.SystemWhereInput
  | Prisma.AlertWhereInput
  | Prisma.ReportWhereInput
  | Prisma.ReportScheduleWhereInput
  | Prisma.ApiKeyWhereInput
  // Alert rules and channels: a row with no client (a "*" rule, an agency channel) is outside a bound caller's scope.
  | Prisma.AlertThresholdWhereInput
  | Prisma.AlertChannelWhereInput;
/** Rows that belong to a client through a `system` relation. */
type SystemRowWhere = Prisma.HealthCheckWhereInput | Prisma.CheckRollupWhereInput | Prisma.StatusChangeWhereInput | Prisma.MetricSampleWhereInput | Prisma.MetricPullWhereInput;

/** True when the caller may see only one client. Prefer the scope functions; this is for caching decisions and guards. */
export function isClientBound(ctx: Context): boolean {
  return ctx.clientRestriction !== undefined;
}

/** The in-memory form of the same rule, for rows already loaded or cached (never instead of scoping a query). */
export function clientInScope(ctx: Context, clientId: string): boolean {
  return ctx.clientRestriction === undefined || ctx.clientRestriction === clientId;
}

/** What a by-id read of a client outside the scope (or of no client at all) answers: the same 404 either way. */
export function clientNotFound(clientId: string): NotFoundError {
  return new NotFoundError(`Client "${clientId}" was not found`);
}

/** Clients the caller may see. */
export function scopeClients(ctx: Context, where: Prisma.ClientWhereInput = {}): Prisma.ClientWhereInput {
  return ctx.clientRestriction === undefined ? where : { AND: [where, { clientId: ctx.clientRestriction }] };
}

/** Systems (and alerts, reports, API keys) of the clients the caller may see. */
export function scopeClientRows<W extends ClientRowWhere>(ctx: Context, where: W): W {
  if (ctx.clientRestriction === undefined) return where;
  return { AND: [where, { client: { clientId: ctx.clientRestriction } }] } as W;
}

/** Checks, rollups, state changes, metric samples and pulls of the systems the caller may see. */
export function scopeSystemRows<W extends SystemRowWhere>(ctx: Context, where: W): W {
  if (ctx.clientRestriction === undefined) return where;
  return { AND: [where, { system: { client: { clientId: ctx.clientRestriction } } }] } as W;
}

/** Audit lines a client-bound caller may see: those about its client (the log itself is admin-only today). */
export function scopeAuditLog(ctx: Context, where: Prisma.AuditLogWhereInput = {}): Prisma.AuditLogWhereInput {
  if (ctx.clientRestriction === undefined) return where;
  return { AND: [where, { targetType: "client", targetId: ctx.clientRestriction }] };
}

const SQL_COLUMN = /^(?:[a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/;

/**
 * For raw SQL: a boolean condition on a column holding a client row id (`systems.client_ref`)
 * or a system id (`*.system_id`), to AND into the WHERE clause. TRUE for an unbound caller.
 * The column is a fixed identifier written in the query (checked here), never input.
 */
export function scopeSql(ctx: Context, column: { clientRef: string } | { systemId: string }): Prisma.Sql {
  const name = "clientRef" in column ? column.clientRef : column.systemId;
  if (!SQL_COLUMN.test(name)) throw new Error(`scopeSql: "${name}" is not a plain column reference`);
  if (ctx.clientRestriction === undefined) return Prisma.sql`TRUE`;
  const col = Prisma.raw(name);
  return "clientRef" in column
    ? Prisma.sql`${col} IN (SELECT id FROM clients WHERE client_id = ${ctx.clientRestriction})`
    : Prisma.sql`${col} IN (SELECT s.id FROM systems s JOIN clients c ON c.id = s.client_ref WHERE c.client_id = ${ctx.clientRestriction})`;
}

/**
 * Verbs that reach beyond one client (creating clients, loading the demo): a client-bound
 * caller needs the admin scope for them, which API keys never have.
 */
export function requireAllClients(ctx: Context): void {
  if (isClientBound(ctx)) requireScope(ctx, "admin");
}
