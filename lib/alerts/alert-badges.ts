// Per-client alert counts for the dashboard rows, the clients list and get_all_clients_status
// (ClientAlertBadge): one grouped query over the firing alerts of the given clients.
import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { ClientAlertBadge } from "./contracts";

export async function alertBadges(ctx: Context, clientRefs: readonly string[]): Promise<Map<string, ClientAlertBadge>> {
  const out = new Map<string, ClientAlertBadge>();
  if (clientRefs.length === 0) return out;
  const rows = await ctx.db.$queryRaw<{ client_ref: string; firing: number; critical: number; unacknowledged: number }[]>`
    SELECT a.client_ref,
      count(*)::int AS firing,
      (count(*) FILTER (WHERE a.severity = 'critical'))::int AS critical,
      (count(*) FILTER (WHERE a.acknowledged_at IS NULL))::int AS unacknowledged
    FROM alerts a
    WHERE a.state = 'firing' AND a.client_ref = ANY(${[...clientRefs]}::uuid[]) AND ${scopeSql(ctx, { clientRef: "a.client_ref" })}
    GROUP BY a.client_ref`;
  for (const r of rows) out.set(r.client_ref, { firing: Number(r.firing), critical: Number(r.critical), unacknowledged: Number(r.unacknowledged) });
  return out;
}

export const NO_ALERTS: ClientAlertBadge = { firing: 0, critical: 0, unacknowledged: 0 };
