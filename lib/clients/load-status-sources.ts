// Every client the caller may see with its systems' status columns (clientStatusSelect's shape),
// for the dashboard summary, which lists them all at once: two narrow queries instead of
// Prisma's nested findMany. The systems come back as ONE JSON text value: on PGlite handing
// over a thousand rows costs several times more than building and parsing one value (measured
// at 1,000 systems: 26 ms of CPU for the findMany, 8 ms for these two queries). The clients
// list (lib/monitoring/list-clients.ts) pages with a search filter and keeps the findMany.
import { scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { ClientStatusSource } from "./client-output";

export interface StatusSources {
  /** Ordered by name, like clientStatusSelect's findMany; inactive ones only with includeInactive. */
  clients: ClientStatusSource[];
  /** Clients the caller may see, active or not. */
  total: number;
  active: number;
}

type SystemStatus = ClientStatusSource["systems"][number]["status"];
type SystemTuple = [id: string, clientRef: string, name: string, enabled: boolean, status: SystemStatus, reason: string | null, rule: string | null, changedMs: number | null, checkMs: number | null];

export async function loadStatusSources(ctx: Context, { includeInactive }: { includeInactive: boolean }): Promise<StatusSources> {
  const [rows, [systems]] = await Promise.all([
    ctx.db.$queryRaw<{ id: string; client_id: string; name: string; industry: string | null; active: boolean; tags: string[]; sla_target: number }[]>`
      SELECT c.id, c.client_id, c.name, c.industry, c.active, c.tags, c.sla_target
      FROM clients c WHERE ${scopeSql(ctx, { clientRef: "c.id" })}
      ORDER BY c.name`,
    ctx.db.$queryRaw<{ systems: string | null }[]>`
      SELECT json_agg(json_build_array(s.id, s.client_ref, s.name, s.enabled, s.status, s.status_reason, s.status_rule,
          (extract(epoch FROM s.status_changed_at) * 1000)::bigint, (extract(epoch FROM s.last_check_at) * 1000)::bigint)
        ORDER BY s.position, s.name)::text AS systems
      FROM systems s JOIN clients c ON c.id = s.client_ref
      WHERE ${scopeSql(ctx, { clientRef: "c.id" })} AND (c.active OR ${includeInactive}::boolean)`,
  ]);
  const listed = new Map<string, ClientStatusSource>();
  let active = 0;
  for (const r of rows) {
    if (r.active) active++;
    if (!r.active && !includeInactive) continue;
    listed.set(r.id, { id: r.id, clientId: r.client_id, name: r.name, industry: r.industry, active: r.active, tags: r.tags, slaTarget: r.sla_target, systems: [] });
  }
  for (const [id, clientRef, name, enabled, status, statusReason, statusRule, changedMs, checkMs] of JSON.parse(systems?.systems ?? "[]") as SystemTuple[]) {
    // A client created between the two queries has no row here: left out until the next request.
    listed.get(clientRef)?.systems.push({
      id,
      name,
      enabled,
      status,
      statusReason,
      statusRule,
      statusChangedAt: changedMs === null ? null : new Date(changedMs),
      lastCheckAt: checkMs === null ? null : new Date(checkMs),
    });
  }
  return { clients: [...listed.values()], total: rows.length, active };
}
