// The seed's get_all_clients_status: every client at once, in the seed's response shape.
// Also what GET /api/dashboard/summary and the dashboard page serve. In monitoring, not clients,
// because it reads health stats (monitoring depends on clients, never the reverse).
// Also what GET /api/dashboard/summary and the dashboard page serve.
import { scopeClients } from "@/lib/client-scope";
import type { VerbInput } from "@/lib/input";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { clientHealthStats } from "./client-health-stats";
import { clientStatusSelect, round2, toStatusRow } from "@/lib/clients/client-output";
import { allClientsStatusInputSchema, type AllClientsStatus } from "@/lib/clients/schemas";
import { todayVolumesByClient } from "@/lib/clients/today-volumes";

export async function getAllClientsStatus({ ctx, input }: { ctx: Context; input: VerbInput<typeof allClientsStatusInputSchema> }): Promise<AllClientsStatus> {
  requireScope(ctx, "read");
  const { include_inactive } = parseInput(allClientsStatusInputSchema, input ?? {});
  const [all, activeCount] = await Promise.all([
    ctx.db.client.findMany({
      where: scopeClients(ctx, include_inactive ? {} : { active: true }),
      select: clientStatusSelect,
      orderBy: [{ name: "asc" }],
    }),
    ctx.db.client.count({ where: scopeClients(ctx, { active: true }) }),
  ]);
  const totalCount = include_inactive ? all.length : await ctx.db.client.count({ where: scopeClients(ctx) });
  const [volumes, health] = await Promise.all([todayVolumesByClient(ctx, all.map((c) => c.id)), clientHealthStats(ctx, all)]);
  const clients = all.map((c) => toStatusRow(c, volumes.get(c.id), health.get(c.id)));

  const summary = { healthy_clients: 0, degraded_clients: 0, down_clients: 0, unknown_clients: 0 };
  let totalSystems = 0;
  let automations = 0;
  let successful = 0;
  for (const c of clients) {
    summary[`${c.overall_status}_clients`]++;
    totalSystems += c.systems_count;
  }
  for (const v of volumes.values()) {
    automations += v.total;
    successful += v.successful;
  }
  return {
    dashboard_updated: ctx.clock.now().toISOString(),
    total_clients: totalCount,
    active_clients: activeCount,
    clients,
    overall_summary: {
      ...summary,
      total_systems: totalSystems,
      total_automations_today: automations,
      overall_success_rate: automations > 0 ? round2((successful / automations) * 100) : null,
    },
  };
}
