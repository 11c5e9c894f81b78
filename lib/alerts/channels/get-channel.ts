import type { ChannelOutput } from "@/lib/alerts/contracts";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { toChannelOutput } from "./channel-output";
import { findChannelOrThrow } from "./find-channel";
import { channelRefInputSchema } from "./schemas";

export async function getChannel({ ctx, input }: { ctx: Context; input: VerbInput<typeof channelRefInputSchema> }): Promise<ChannelOutput> {
  requireScope(ctx, "read");
  const { id } = parseInput(channelRefInputSchema, input);
  return toChannelOutput(await findChannelOrThrow(ctx, id));
}
