import type { VerbInput } from "@/lib/input";
import { verifyPassword } from "@/lib/auth/passwords";
import { signInLimits } from "@/lib/auth/rate-limit";
import { createSession, type SessionMeta } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Context } from "@/lib/context";
import { parseInput, TooManyRequestsError, UnauthorizedError } from "@/lib/errors";
import { signInInputSchema, type UserOutput } from "./schemas";
import { toUserOutput } from "./user-output";

const minutes = (s: number) => `${Math.max(1, Math.ceil(s / 60))} minute${s > 60 ? "s" : ""}`;

/** Checks the password and opens a session; failures are counted per address and per account. */
export async function signIn({ ctx, input, meta }: { ctx: Context; input: VerbInput<typeof signInInputSchema>; meta: SessionMeta }): Promise<{ token: string; expiresAt: Date; user: UserOutput }> {
  const { email, password } = parseInput(signInInputSchema, input);
  const address = meta.ip ?? "unknown";
  const byAddress = signInLimits.perAddress.retryAfter(address, ctx.clock);
  if (byAddress) throw new TooManyRequestsError(`Too many sign-in attempts from this address; try again in ${minutes(byAddress)}.`, byAddress);
  const byAccount = signInLimits.perAccount.retryAfter(email, ctx.clock);
  if (byAccount) throw new TooManyRequestsError(`Too many failed sign-ins for this account; try again in ${minutes(byAccount)}.`, byAccount);

  const user = await ctx.db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk || !user.active) {
    signInLimits.perAddress.record(address, ctx.clock);
    signInLimits.perAccount.record(email, ctx.clock);
    if (user) {
      await recordAudit(
        { ...ctx, actor: { type: "user", id: user.id, label: user.email } },
        { action: "auth.sign_in", targetType: "user", targetId: user.id, success: false, summary: { ip: meta.ip ?? null, reason: passwordOk ? "deactivated" : "wrong password" } },
      );
    }
    if (user && passwordOk && !user.active) throw new UnauthorizedError("This account is deactivated; ask an admin to reactivate it.");
    throw new UnauthorizedError("Email or password is incorrect.");
  }
  signInLimits.perAccount.reset(email);
  const session = await createSession(ctx.db, user.id, meta, ctx.clock);
  const updated = await ctx.db.user.update({ where: { id: user.id }, data: { lastSignInAt: ctx.clock.now() } });
  await recordAudit(
    { ...ctx, actor: { type: "user", id: user.id, label: user.email } },
    { action: "auth.sign_in", targetType: "user", targetId: user.id, summary: { ip: meta.ip ?? null } },
  );
  return { ...session, user: toUserOutput(updated) };
}
