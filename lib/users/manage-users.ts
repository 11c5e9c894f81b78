// Admin verbs for accounts: list, add, change (name, role, active), reset a password; and
// every user's own password change. Deactivating a user or changing a password ends that
// user's sessions everywhere.
import type { VerbInput } from "@/lib/input";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { changePasswordInputSchema, createUserInputSchema, resetPasswordInputSchema, updateUserInputSchema, type UserOutput } from "./schemas";
import { toUserOutput } from "./user-output";

export async function listUsers({ ctx }: { ctx: Context; input?: unknown }): Promise<UserOutput[]> {
  requireScope(ctx, "admin");
  return (await ctx.db.user.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }] })).map(toUserOutput);
}

export async function createUser({ ctx, input }: { ctx: Context; input: VerbInput<typeof createUserInputSchema> }): Promise<UserOutput> {
  requireScope(ctx, "admin");
  const data = parseInput(createUserInputSchema, input);
  if (await ctx.db.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
    throw new ConflictError(`A user with email ${data.email} already exists`, [{ path: "email", message: "is already in use" }]);
  }
  const passwordHash = await hashPassword(data.password);
  const user = await ctx.db.$transaction(async (tx) => {
    const created = await tx.user.create({ data: { email: data.email, name: data.name, role: data.role, passwordHash } });
    await recordAudit(ctx, { action: "user.create", targetType: "user", targetId: created.id, summary: { after: { email: created.email, role: created.role } } }, tx);
    return created;
  });
  return toUserOutput(user);
}

export async function updateUser({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateUserInputSchema> }): Promise<UserOutput> {
  requireScope(ctx, "admin");
  const data = parseInput(updateUserInputSchema, input);
  const before = await ctx.db.user.findUnique({ where: { id: data.user_id } });
  if (!before) throw new NotFoundError("User not found");
  const losesAdmin = before.role === "admin" && before.active && ((data.role && data.role !== "admin") || data.active === false);
  const user = await ctx.db.$transaction(async (tx) => {
    if (losesAdmin) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727073)`;
      const admins = await tx.user.count({ where: { role: "admin", active: true } });
      if (admins <= 1) throw new ConflictError("At least one active admin must remain; make someone else admin first");
    }
    const updated = await tx.user.update({
      where: { id: before.id },
      data: { ...(data.name !== undefined ? { name: data.name } : {}), ...(data.role ? { role: data.role } : {}), ...(data.active !== undefined ? { active: data.active } : {}) },
    });
    if (data.active === false || (data.role && data.role !== before.role)) await revokeUserSessions(tx, before.id);
    await recordAudit(
      ctx,
      {
        action: "user.update",
        targetType: "user",
        targetId: before.id,
        summary: { before: { name: before.name, role: before.role, active: before.active }, after: { name: updated.name, role: updated.role, active: updated.active } },
      },
      tx,
    );
    return updated;
  });
  return toUserOutput(user);
}

export async function resetPassword({ ctx, input }: { ctx: Context; input: VerbInput<typeof resetPasswordInputSchema> }): Promise<UserOutput> {
  requireScope(ctx, "admin");
  const data = parseInput(resetPasswordInputSchema, input);
  const target = await ctx.db.user.findUnique({ where: { id: data.user_id } });
  if (!target) throw new NotFoundError("User not found");
  const passwordHash = await hashPassword(data.new_password);
  const user = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { passwordHash } });
    const ended = await revokeUserSessions(tx, target.id);
    await recordAudit(ctx, { action: "user.reset_password", targetType: "user", targetId: target.id, summary: { sessions_ended: ended } }, tx);
    return updated;
  });
  return toUserOutput(user);
}

/** The signed-in user changes their own password; all their sessions end (sign in again). */
export async function changePassword({ ctx, input }: { ctx: Context; input: VerbInput<typeof changePasswordInputSchema> }): Promise<UserOutput> {
  if (ctx.actor.type !== "user" || !ctx.actor.id) throw new ForbiddenError("Only a signed-in user can change their password");
  const data = parseInput(changePasswordInputSchema, input);
  const user = await ctx.db.user.findUnique({ where: { id: ctx.actor.id } });
  if (!user) throw new NotFoundError("User not found");
  if (!(await verifyPassword(data.current_password, user.passwordHash))) {
    await recordAudit(ctx, { action: "user.change_password", targetType: "user", targetId: user.id, success: false, summary: { reason: "wrong current password" } });
    throw new ValidationError([{ path: "current_password", message: "is not your current password" }]);
  }
  const passwordHash = await hashPassword(data.new_password);
  const updated = await ctx.db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const ended = await revokeUserSessions(tx, user.id);
    await recordAudit(ctx, { action: "user.change_password", targetType: "user", targetId: user.id, summary: { sessions_ended: ended } }, tx);
    return u;
  });
  return toUserOutput(updated);
}
