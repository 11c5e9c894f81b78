import type { VerbInput } from "@/lib/input";
import { hashPassword } from "@/lib/auth/passwords";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Context } from "@/lib/context";
import { ConflictError, parseInput } from "@/lib/errors";
import { setupInputSchema, type UserOutput } from "./schemas";
import { toUserOutput } from "./user-output";

/** Whether first-run setup is still open (no user exists yet). */
export async function needsSetup(ctx: Context): Promise<boolean> {
  return (await ctx.db.user.count()) === 0;
}

/**
 * Creates the first admin. Open to anyone only while no user exists; afterwards it is a
 * Conflict. Serialised by an advisory lock so two simultaneous setups cannot both succeed.
 */
export async function setupFirstAdmin({ ctx, input }: { ctx: Context; input: VerbInput<typeof setupInputSchema> }): Promise<UserOutput> {
  const data = parseInput(setupInputSchema, input);
  const passwordHash = await hashPassword(data.password);
  const user = await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727073)`;
    if ((await tx.user.count()) > 0) throw new ConflictError("ClientPulse is already set up; sign in instead");
    const created = await tx.user.create({ data: { email: data.email, name: data.name, role: "admin", passwordHash } });
    await recordAudit(
      { ...ctx, actor: { type: "user", id: created.id, label: created.email } },
      { action: "user.setup_admin", targetType: "user", targetId: created.id, summary: { after: { email: created.email, role: "admin" } } },
      tx,
    );
    return created;
  });
  return toUserOutput(user);
}
