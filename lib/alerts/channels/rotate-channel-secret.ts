import type { ChannelCreatedOutput } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { channelInclude, toChannelOutput } from "./channel-output";
import { generateWebhookSecret } from "./destination";
import { findChannelOrThrow } from "./find-channel";
import { channelRefInputSchema } from "./schemas";

/**
 * Replaces a webhook channel's signing secret and returns the new one: the only time it is
 * shown. Messages still waiting are signed with the new secret when they are sent.
 */
export async function rotateChannelSecret({ ctx, input }: { ctx: Context; input: VerbInput<typeof channelRefInputSchema> }): Promise<ChannelCreatedOutput> {
  requireScope(ctx, "admin");
  const { id } = parseInput(channelRefInputSchema, input);
  const before = await findChannelOrThrow(ctx, id);
  if (before.type !== "webhook") throw new ValidationError([{ path: "id", message: `is a ${before.type} channel; only webhook channels have a signing secret` }]);
  const secret = generateWebhookSecret();
  return ctx.db.$transaction(async (t) => {
    const row = await t.alertChannel.update({ where: { id }, data: { secret }, include: channelInclude });
    await recordAudit(ctx, { action: "alert_channel.rotate_secret", targetType: "alert_channel", targetId: id, summary: { name: row.name } }, t);
    return { ...toChannelOutput(row), secret };
  });
}
