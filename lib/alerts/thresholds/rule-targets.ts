// What a rule points at, looked up and checked once for create and update: its client (or
// every client), its system by name, and its channels by id. A client outside the caller's
// scope is "not found", exactly like a missing one.
import { scopeClients } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, type FieldIssue } from "@/lib/errors";
import { ALL_CLIENTS } from "./schemas";

export type DbOrTx = Db | Tx;

export interface RuleClient {
  /** clients.id, or null for "*". */
  ref: string | null;
  clientId: string;
  systems: { id: string; name: string }[];
}

/** 404 naming the field, so a form can show it beside client_id. */
export function unknownClient(clientId: string): AppError {
  return new AppError("not_found", 404, `Client "${clientId}" was not found (client_id)`, [{ path: "client_id", message: `no client "${clientId}"; see get_all_clients_status or GET /api/clients for the ids` }]);
}

export async function resolveRuleClient(ctx: Context, db: DbOrTx, clientId: string): Promise<RuleClient> {
  if (clientId === ALL_CLIENTS) return { ref: null, clientId, systems: [] };
  const client = await db.client.findFirst({ where: scopeClients(ctx, { clientId }), select: { id: true, clientId: true, systems: { select: { id: true, name: true }, orderBy: { position: "asc" } } } });
  if (!client) throw unknownClient(clientId);
  return { ref: client.id, clientId: client.clientId, systems: client.systems };
}

/** The system's id by name (case-insensitive), or an issue listing the client's systems. */
export function resolveSystem(client: RuleClient, name: string | null | undefined): { id: string | null; issue?: FieldIssue } {
  // A "*" rule cannot name a system (ruleIssues says so); nothing to look up.
  if (!name || client.ref === null) return { id: null };
  const match = client.systems.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
  if (match) return { id: match.id };
  const names = client.systems.map((s) => s.name);
  return { id: null, issue: { path: "system", message: `${client.clientId} has no system named "${name}"${names.length ? ` (its systems: ${names.slice(0, 20).join(", ")})` : ""}` } };
}

/** Channel ids that exist and may serve this rule: agency channels, or the rule's own client's. */
export async function channelIssues(db: DbOrTx, client: RuleClient, ids: readonly string[]): Promise<FieldIssue[]> {
  if (ids.length === 0) return [];
  const rows = await db.alertChannel.findMany({ where: { id: { in: [...ids] } }, select: { id: true, clientRef: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    const row = byId.get(id);
    if (!row) issues.push({ path: `channels.${i}`, message: "no channel with this id (see GET /api/alert-channels)" });
    else if (row.clientRef !== null && row.clientRef !== client.ref) {
      issues.push({ path: `channels.${i}`, message: client.ref === null ? 'is one client\'s channel; a "*" rule can use agency channels only' : "is another client's channel" });
    }
    if (ids.indexOf(id) !== i) issues.push({ path: `channels.${i}`, message: "is listed twice" });
  });
  return issues;
}
