import type { VerbInput } from "@/lib/input";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { clientRefInputSchema, type ClientOutput } from "./schemas";
import { updateClient } from "./update-client";

/**
 * Deactivating keeps the client and its history (reports stay reproducible) but hides it
 * from the dashboard and, from issue 4 on, stops its checks. Reactivate with updateClient.
 */
export async function deactivateClient({ ctx, input }: { ctx: Context; input: VerbInput<typeof clientRefInputSchema> }): Promise<ClientOutput> {
  requireScope(ctx, "write");
  const { client_id } = parseInput(clientRefInputSchema, input);
  return updateClient({ ctx, input: { client_id, active: false } });
}
