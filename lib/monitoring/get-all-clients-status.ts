// The seed's get_all_clients_status: every client at once, in the seed's response shape, each
// with its attention flags and SLA standing, sorted attention first (then by name). Also what
// GET /api/dashboard/summary and the dashboard page serve. In monitoring, not clients, because
// it reads health stats (monitoring depends on clients, never the reverse).
import type { VerbInput } from "@/lib/input";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import { compareAttention, type ClientAttention } from "./attention";
import { attentionOutput, clientAttention } from "./client-attention";
import { clientHealthStats } from "./client-health-stats";
import { loadStateHistory } from "./state-history";
import { round2, toStatusRow, type TodayVolumesReader } from "@/lib/clients/client-output";
import { loadStatusSources } from "@/lib/clients/load-status-sources";
import { allClientsStatusInputSchema, type AllClientsStatus } from "@/lib/clients/schemas";

const NONE: ClientAttention = { flags: [], sla: null, needsAttention: false };

/**
 * `todayVolumes` fills today_automations / today_success_rate (and the totals); without it they
 * read 0 / null. Edges call the lib/metrics/clients-overview.ts version, which passes it.
 */
export async function getAllClientsStatus({ ctx, input, todayVolumes }: { ctx: Context; todayVolumes?: TodayVolumesReader; input: VerbInput<typeof allClientsStatusInputSchema> }): Promise<AllClientsStatus> {
  requireScope(ctx, "read");
  const { include_inactive, status, attention_only, cursor, limit } = parseInput(allClientsStatusInputSchema, input ?? {});
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  const { clients: all, total: totalCount, active: activeCount } = await loadStatusSources(ctx, { includeInactive: include_inactive });
  // The state history is read once for both the uptime figures and the attention rules.
  const history = loadStateHistory(ctx, all.flatMap((c) => c.systems.filter((s) => s.enabled)));
  const [volumes, health, attention] = await Promise.all([
    todayVolumes ? todayVolumes(ctx, all.map((c) => c.id)) : new Map<string, never>(),
    clientHealthStats(ctx, all, history),
    clientAttention(ctx, all, history),
  ]);
  const assessed = all
    .map((c) => ({ c, a: attention.get(c.id) ?? NONE }))
    // Attention first (the worst flag, then more flags, then the longest standing), then by name.
    .sort((x, y) => compareAttention(x.a, y.a) || x.c.name.localeCompare(y.c.name) || x.c.clientId.localeCompare(y.c.clientId));
  const rows = assessed.map(({ c, a }) => toStatusRow(c, volumes.get(c.id), health.get(c.id), attentionOutput(a)));

  const summary = {
    healthy_clients: 0,
    degraded_clients: 0,
    down_clients: 0,
    unknown_clients: 0,
    needs_attention_clients: 0,
    flapping_clients: 0,
    below_sla_clients: 0,
    misconfigured_clients: 0,
    stalled_clients: 0,
  };
  let totalSystems = 0;
  let automations = 0;
  let successful = 0;
  for (const c of rows) {
    summary[`${c.overall_status}_clients`]++;
    totalSystems += c.systems_count;
    const kinds = new Set(c.attention.flags.map((f) => f.kind));
    if (c.attention.needs_attention) summary.needs_attention_clients++;
    if (kinds.has("flapping")) summary.flapping_clients++;
    if (kinds.has("below_sla")) summary.below_sla_clients++;
    if (kinds.has("misconfigured")) summary.misconfigured_clients++;
    if (kinds.has("stalled")) summary.stalled_clients++;
  }
  for (const v of volumes.values()) {
    automations += v.total;
    successful += v.successful;
  }
  // Filters and paging apply to the list only; the totals always describe every listed client.
  const matching = rows.filter((r) => (!status || r.overall_status === status) && (!attention_only || r.attention.needs_attention));
  const page = limit === undefined ? matching.slice(offset) : matching.slice(offset, offset + limit);
  const end = offset + page.length;
  return {
    dashboard_updated: ctx.clock.now().toISOString(),
    total_clients: totalCount,
    active_clients: activeCount,
    clients: page,
    next_cursor: end < matching.length ? encodeCursor(end) : null,
    overall_summary: {
      ...summary,
      total_systems: totalSystems,
      total_automations_today: automations,
      overall_success_rate: automations > 0 ? round2((successful / automations) * 100) : null,
    },
  };
}

// Opaque to callers: a position in the attention-first order. The order can move between
// pages (a client recovers); a page then may repeat or skip a client, never fail.
function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new ValidationError([{ path: "cursor", message: "is not a cursor this server gave out (pass next_cursor unchanged)" }]);
  return Number(m[1]);
}
