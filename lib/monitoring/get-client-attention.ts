// One client's attention (flags with reason and since when, SLA standing) for the client page:
// the same assessment the dashboard, the REST summary and MCP make (clientAttention), for a
// single client, so the page never recomputes or rephrases it.
import type { VerbInput } from "@/lib/input";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { clientRefInputSchema, type ClientAttentionOutput } from "@/lib/clients/schemas";
import { attentionOutput, clientAttention } from "./client-attention";

export async function getClientAttention({ ctx, input }: { ctx: Context; input: VerbInput<typeof clientRefInputSchema> }): Promise<ClientAttentionOutput> {
  requireScope(ctx, "read");
  const { client_id } = parseInput(clientRefInputSchema, input);
  const client = await findClientOrThrow(ctx, client_id);
  const assessed = (await clientAttention(ctx, [client])).get(client.id);
  return assessed ? attentionOutput(assessed) : { needs_attention: false, flags: [], sla: null };
}
