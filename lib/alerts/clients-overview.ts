// The clients overview verbs with each row's alert badge (`alerts`: firing, critical,
// unacknowledged) filled in. The overview lives in monitoring/metrics, which may not import
// alerts, so the composition is this higher layer: the dashboard, GET /api/dashboard/summary,
// GET /api/clients, the clients list and MCP get_all_clients_status call these.
import { scopeSql } from "@/lib/client-scope";
import type { allClientsStatusInputSchema, ClientStatusRow, listClientsInputSchema } from "@/lib/clients/schemas";
import type { Context } from "@/lib/context";
import type { VerbInput } from "@/lib/input";
import { getAllClientsStatus as statusWithoutAlerts, listClients as listWithoutAlerts } from "@/lib/metrics/clients-overview";
import { NO_ALERTS } from "./alert-badges";
import type { ClientAlertBadge } from "./contracts";

export async function getAllClientsStatus({ ctx, input }: { ctx: Context; input: VerbInput<typeof allClientsStatusInputSchema> }) {
  const result = await statusWithoutAlerts({ ctx, input });
  return { ...result, clients: await withAlertBadges(ctx, result.clients) };
}

export async function listClients({ ctx, input }: { ctx: Context; input: VerbInput<typeof listClientsInputSchema> }) {
  const result = await listWithoutAlerts({ ctx, input });
  return { ...result, clients: await withAlertBadges(ctx, result.clients) };
}

/** Adds `alerts` to each row: one grouped query over the firing alerts of the listed clients. */
export async function withAlertBadges<R extends Pick<ClientStatusRow, "client_id">>(ctx: Context, rows: R[]): Promise<(R & { alerts: ClientAlertBadge })[]> {
  if (rows.length === 0) return [];
  const found = await ctx.db.$queryRaw<{ client_id: string; firing: number; critical: number; unacknowledged: number }[]>`
    SELECT c.client_id,
      count(*)::int AS firing,
      (count(*) FILTER (WHERE a.severity = 'critical'))::int AS critical,
      (count(*) FILTER (WHERE a.acknowledged_at IS NULL))::int AS unacknowledged
    FROM alerts a JOIN clients c ON c.id = a.client_ref
    WHERE a.state = 'firing' AND c.client_id = ANY(${rows.map((r) => r.client_id)}::text[]) AND ${scopeSql(ctx, { clientRef: "a.client_ref" })}
    GROUP BY c.client_id`;
  const by = new Map(found.map((r) => [r.client_id, { firing: Number(r.firing), critical: Number(r.critical), unacknowledged: Number(r.unacknowledged) }]));
  return rows.map((r) => ({ ...r, alerts: by.get(r.client_id) ?? NO_ALERTS }));
}
