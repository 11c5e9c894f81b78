import { resolveSession, revokeSessionToken } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Context } from "@/lib/context";

/** Ends the session behind a cookie value (if it is still valid) and records who signed out. */
export async function signOut({ ctx, token }: { ctx: Context; token: string | undefined }): Promise<void> {
  const session = await resolveSession(ctx.db, token, ctx.clock);
  await revokeSessionToken(ctx.db, token);
  if (session) {
    await recordAudit(
      { ...ctx, actor: { type: "user", id: session.user.id, label: session.user.email } },
      { action: "auth.sign_out", targetType: "user", targetId: session.user.id },
    );
  }
}
