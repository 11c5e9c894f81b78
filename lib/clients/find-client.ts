import { requireClientAccess, type Context } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { clientWithSystems, type ClientWithSystems } from "./client-output";

/** Loads a client by slug with its systems, honouring the caller's client restriction. */
export async function findClientOrThrow(ctx: Context, clientId: string): Promise<ClientWithSystems> {
  requireClientAccess(ctx, clientId);
  const client = await ctx.db.client.findUnique({ where: { clientId }, include: clientWithSystems });
  if (!client) throw new NotFoundError(`Client "${clientId}" was not found`);
  return client;
}
