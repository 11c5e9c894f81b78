"use server";

// Server actions for Settings → Users (admins): add a user, change role or active state, set
// a new password. The verbs check the admin scope and keep one active admin; these map the
// outcome for the forms and refresh the page.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { contextForAction } from "@/lib/http/page-context";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { createUser, resetPassword, updateUser } from "@/lib/users/manage-users";
import type { UserOutput } from "@/lib/users/schemas";
import { actionFailure, type ActionResult } from "./action-result";
import { untrusted } from "@/lib/input";

export type UserFormState = ActionResult<UserOutput> | null;

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Add user form: email, name, role, initial password. */
export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  try {
    const ctx = await contextForAction();
    const user = await createUser({
      ctx,
      input: untrusted({ email: text(formData, "email").trim(), name: text(formData, "name"), role: text(formData, "role"), password: text(formData, "password") }),
    });
    revalidatePath("/settings/users");
    return { ok: true, data: user };
  } catch (error) {
    return actionFailure(error);
  }
}

/**
 * Change one user's role and/or active state. When an admin demotes or deactivates
 * themselves, the verb ends their own sessions: the cookie goes too and they sign in again.
 */
export async function updateUserAction(userId: string, patch: { role?: string; active?: boolean }): Promise<ActionResult<UserOutput>> {
  let user: UserOutput;
  let endedOwnSession: boolean;
  try {
    const ctx = await contextForAction();
    // A server action is an endpoint: `patch` is whatever the caller sent, validated (strictly) by the verb.
    user = await updateUser({ ctx, input: untrusted({ user_id: userId, ...patch }) });
    // Only admins get this far, so "self" was an admin until now.
    endedOwnSession = ctx.actor.id === userId && ((patch.role !== undefined && patch.role !== "admin") || patch.active === false);
  } catch (error) {
    return actionFailure(error);
  }
  if (endedOwnSession) {
    (await cookies()).delete({ name: SESSION_COOKIE, path: "/" });
    redirect("/sign-in?notice=role-changed");
  }
  revalidatePath("/settings/users");
  return { ok: true, data: user };
}

/** Reset password dialog: sets a new password for someone else and ends their sessions. */
export async function resetPasswordAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  try {
    const ctx = await contextForAction();
    const user = await resetPassword({ ctx, input: { user_id: text(formData, "user_id"), new_password: text(formData, "new_password") } });
    revalidatePath("/settings/users");
    return { ok: true, data: user };
  } catch (error) {
    return actionFailure(error);
  }
}
