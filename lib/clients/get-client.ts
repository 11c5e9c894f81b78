import type { VerbInput } from "@/lib/input";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { toClientOutput } from "./client-output";
import { findClientOrThrow } from "./find-client";
import { clientRefInputSchema, type ClientOutput } from "./schemas";

export async function getClient({ ctx, input }: { ctx: Context; input: VerbInput<typeof clientRefInputSchema> }): Promise<ClientOutput> {
  requireScope(ctx, "read");
  const { client_id } = parseInput(clientRefInputSchema, input);
  return toClientOutput(await findClientOrThrow(ctx, client_id));
}
