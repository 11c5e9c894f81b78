import { clientNotFound, scopeClients } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { clientWithSystems, type ClientWithSystems } from "./client-output";

/**
 * Loads a client by slug with its systems, within the caller's client scope: another client
 * is "not found" exactly like a missing one, so a bound caller cannot probe for others.
 */
export async function findClientOrThrow(ctx: Context, clientId: string): Promise<ClientWithSystems> {
  const client = await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId }), include: clientWithSystems });
  if (!client) throw clientNotFound(clientId);
  return client;
}
