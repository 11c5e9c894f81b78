import type { ChannelOutput } from "@/lib/alerts/contracts";
import { resolveRuleClient } from "@/lib/alerts/thresholds/rule-targets";
import { ALL_CLIENTS } from "@/lib/alerts/thresholds/schemas";
import { scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { channelInclude, toChannelOutput } from "./channel-output";
import { listChannelsInputSchema } from "./schemas";

const MAX_CHANNELS = 500;

/** Channels, agency ones first, then by type and name; destinations masked. */
export async function listChannels({ ctx, input = {} }: { ctx: Context; input?: VerbInput<typeof listChannelsInputSchema> }): Promise<{ channels: ChannelOutput[] }> {
  requireScope(ctx, "read");
  const data = parseInput(listChannelsInputSchema, input);
  // A report schedule's recipients channel is managed with its schedule (/api/report-schedules), not here.
  const and: Prisma.AlertChannelWhereInput[] = [{ source: { not: "report" } }];
  if (data.client_id === ALL_CLIENTS) and.push({ clientRef: null });
  else if (data.client_id) and.push({ clientRef: (await resolveRuleClient(ctx, ctx.db, data.client_id)).ref });
  if (data.type) and.push({ type: data.type });
  const rows = await ctx.db.alertChannel.findMany({
    where: scopeClientRows(ctx, { AND: and }),
    include: channelInclude,
    orderBy: [{ clientRef: { sort: "asc", nulls: "first" } }, { type: "asc" }, { name: "asc" }, { id: "asc" }],
    take: MAX_CHANNELS,
  });
  return { channels: rows.map((r) => toChannelOutput(r)) };
}
