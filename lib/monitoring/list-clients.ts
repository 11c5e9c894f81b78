// The clients table: clients with their health. It lives in monitoring because it reads health
// stats; monitoring depends on clients, never the reverse (lint: local/no-domain-cycles).
import { scopeClients } from "@/lib/client-scope";
import type { VerbInput } from "@/lib/input";
import { requireScope, type Context } from "@/lib/context";
import { attentionOutput, clientAttention } from "./client-attention";
import { clientHealthStats } from "./client-health-stats";
import { loadStateHistory } from "./state-history";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientStatusSelect, toStatusRow, type TodayVolumesReader } from "@/lib/clients/client-output";
import { listClientsInputSchema, type ClientList } from "@/lib/clients/schemas";

/**
 * `todayVolumes` fills today_automations / today_success_rate (and the totals); without it they
 * read 0 / null. Edges call the lib/metrics/clients-overview.ts version, which passes it.
 */
export async function listClients({ ctx, input, todayVolumes }: { ctx: Context; todayVolumes?: TodayVolumesReader; input: VerbInput<typeof listClientsInputSchema> }): Promise<ClientList> {
  requireScope(ctx, "read");
  const { search, include_inactive, limit, offset } = parseInput(listClientsInputSchema, input ?? {});
  const where: Prisma.ClientWhereInput = scopeClients(ctx, {
    ...(include_inactive ? {} : { active: true }),
    ...(search
      ? {
          OR: [
            { name: { contains: search, mode: "insensitive" } },
            { clientId: { contains: search.toLowerCase() } },
            { industry: { contains: search, mode: "insensitive" } },
            { tags: { has: search } },
          ],
        }
      : {}),
  });
  const [total, clients] = await Promise.all([
    ctx.db.client.count({ where }),
    ctx.db.client.findMany({ where, select: clientStatusSelect, orderBy: [{ name: "asc" }], take: limit, skip: offset }),
  ]);
  // The state history is read once for both the uptime figures and the attention rules.
  const history = loadStateHistory(ctx, clients.flatMap((c) => c.systems.filter((s) => s.enabled)));
  const [volumes, health, attention] = await Promise.all([
    todayVolumes ? todayVolumes(ctx, clients.map((c) => c.id)) : new Map<string, never>(),
    clientHealthStats(ctx, clients, history),
    clientAttention(ctx, clients, history),
  ]);
  return {
    total,
    clients: clients.map((c) => {
      const a = attention.get(c.id);
      return toStatusRow(c, volumes.get(c.id), health.get(c.id), a ? attentionOutput(a) : undefined);
    }),
  };
}
