// list_alerts / GET /api/alerts / the Alerts page: firing first, then newest; filters by client,
// severity, state and acknowledgement; a bounded page with a cursor. Scoped: a key bound to one
// client sees only that client's alerts (another client's id reads as not found).
import { clientNotFound, clientInScope, scopeClientRows, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { listAlertsInputSchema } from "./alert-schemas";
import { alertInclude, toAlertOutput } from "./alert-output";
import type { AlertOutput } from "./contracts";

export interface ListAlertsOutput {
  alerts: AlertOutput[];
  firing_count: number;
  next_cursor: string | null;
}

const MAX_OFFSET = 10_000;

export async function listAlerts({ ctx, input }: { ctx: Context; input: VerbInput<typeof listAlertsInputSchema> }): Promise<ListAlertsOutput> {
  requireScope(ctx, "read");
  const data = parseInput(listAlertsInputSchema, input ?? {});
  const offset = data.cursor === undefined ? 0 : decodeCursor(data.cursor);
  const filters: Prisma.AlertWhereInput[] = [];
  if (data.client_id) {
    if (!clientInScope(ctx, data.client_id)) throw clientNotFound(data.client_id);
    const client = await ctx.db.client.findUnique({ where: { clientId: data.client_id }, select: { id: true } });
    if (!client) throw clientNotFound(data.client_id);
    filters.push({ clientRef: client.id });
  }
  if (data.severity) filters.push({ severity: data.severity });
  if (data.acknowledged !== undefined) filters.push({ acknowledgedAt: data.acknowledged ? { not: null } : null });
  const base: Prisma.AlertWhereInput = scopeClientRows(ctx, { AND: filters });
  const where: Prisma.AlertWhereInput = data.state === "all" ? base : { AND: [base, { state: data.state }] };
  const [rows, firingCount] = await Promise.all([
    ctx.db.alert.findMany({
      where,
      include: alertInclude,
      // The enum's order is firing, resolved: firing first, then the newest.
      orderBy: [{ state: "asc" }, { startedAt: "desc" }, { id: "asc" }],
      skip: offset,
      take: data.limit + 1,
    }),
    ctx.db.alert.count({ where: { AND: [base, { state: "firing" }] } }),
  ]);
  const more = rows.length > data.limit;
  const next = offset + data.limit;
  return {
    alerts: rows.slice(0, data.limit).map(toAlertOutput),
    firing_count: firingCount,
    next_cursor: more && next <= MAX_OFFSET ? Buffer.from(`a:${next}`).toString("base64url") : null,
  };
}

function decodeCursor(cursor: string): number {
  const m = /^a:(\d{1,6})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m || Number(m[1]) > MAX_OFFSET) throw new ValidationError([{ path: "cursor", message: "is not a cursor this server gave out (pass next_cursor unchanged)" }]);
  return Number(m[1]);
}

/** The clients the Alerts page's filter offers (the caller's scope, active ones and any with alerts), by name; bounded. */
export async function alertClientOptions(ctx: Context): Promise<{ client_id: string; client_name: string }[]> {
  requireScope(ctx, "read");
  const rows = await ctx.db.client.findMany({
    where: scopeClients(ctx, { OR: [{ active: true }, { alerts: { some: {} } }] }),
    select: { clientId: true, name: true },
    orderBy: [{ name: "asc" }, { clientId: "asc" }],
    take: 1000,
  });
  return rows.map((r) => ({ client_id: r.clientId, client_name: r.name }));
}
