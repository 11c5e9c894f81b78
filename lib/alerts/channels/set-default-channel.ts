import type { ChannelOutput } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { channelInclude, toChannelOutput } from "./channel-output";
import { findChannelOrThrow, makeDefault } from "./find-channel";
import { channelRefInputSchema } from "./schemas";

/**
 * Makes a channel the default of its type: agency-wide (what alert_on_failures(…, "slack")
 * sends to), or for its client (a per-client override: that client's alerts go there instead
 * of the agency's channel of the same type).
 */
export async function setDefaultChannel({ ctx, input }: { ctx: Context; input: VerbInput<typeof channelRefInputSchema> }): Promise<ChannelOutput> {
  requireScope(ctx, "admin");
  const { id } = parseInput(channelRefInputSchema, input);
  const before = await findChannelOrThrow(ctx, id);
  return ctx.db.$transaction(async (t) => {
    await makeDefault(t, before);
    const row = await t.alertChannel.findUniqueOrThrow({ where: { id }, include: channelInclude });
    const out = toChannelOutput(row);
    await recordAudit(ctx, { action: "alert_channel.set_default", targetType: "alert_channel", targetId: id, summary: { type: out.type, name: out.name, client_id: out.client_id } }, t);
    return out;
  });
}
