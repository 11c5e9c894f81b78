import type { VerbInput } from "@/lib/input";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireAllClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, fromPrismaError, parseInput } from "@/lib/errors";
import { clientWithSystems, toClientOutput } from "./client-output";
import { normalizeRegistration } from "./normalize-registration";
import { registerClientInputSchema, type ClientOutput } from "./schemas";
import { metricsSchedulingFor } from "./system-changes";

function duplicate(clientId: string) {
  return new ConflictError(`A client with client_id "${clientId}" already exists`, [
    { path: "client_id", message: `"${clientId}" is already registered; choose another id` },
  ]);
}

/** Who may create clients: writers, except a key bound to one client (a new client would reach beyond it). */
function requireMayRegisterClients(ctx: Context): void {
  requireScope(ctx, "write");
  requireAllClients(ctx); // a key bound to one client cannot create others
}

/** The same rule as a yes/no, for edges that show or hide the action (MCP's tool list). */
export function mayRegisterClients(ctx: Context): boolean {
  try {
    requireMayRegisterClients(ctx);
    return true;
  } catch {
    return false;
  }
}

/** Registers a client and its systems in one transaction; nothing is written on any error. */
export async function registerClient({ ctx, input }: { ctx: Context; input: VerbInput<typeof registerClientInputSchema> }): Promise<ClientOutput> {
  requireMayRegisterClients(ctx);
  const client = normalizeRegistration(parseInput(registerClientInputSchema, input));

  if (await ctx.db.client.findUnique({ where: { clientId: client.clientId }, select: { id: true } })) {
    throw duplicate(client.clientId);
  }
  try {
    const created = await ctx.db.$transaction(async (tx) => {
      const row = await tx.client.create({
        data: {
          clientId: client.clientId,
          name: client.name,
          industry: client.industry,
          contactEmail: client.contactEmail,
          tags: client.tags,
          slaTarget: client.slaTarget,
          active: client.active,
          timeZone: client.timeZone,
          hourlyRateCents: client.hourlyRateCents,
          currency: client.currency,
          // A system with a metrics URL is pulled at once (then every metrics interval).
          systems: { create: client.systems.map((s, position) => ({ ...s, position, ...metricsSchedulingFor(null, s, ctx.clock.now()) })) },
        },
        include: clientWithSystems,
      });
      await recordAudit(
        ctx,
        {
          action: "client.register",
          targetType: "client",
          targetId: client.clientId,
          summary: { after: { name: client.name, systems: client.systems.map((s) => s.name), time_zone: client.timeZone } },
        },
        tx,
      );
      return row;
    });
    return toClientOutput(created);
  } catch (error) {
    const mapped = fromPrismaError(error);
    if (mapped?.code === "conflict") throw duplicate(client.clientId); // lost a race with a concurrent registration
    throw error;
  }
}
