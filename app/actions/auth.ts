"use server";

// Server actions for first-run setup, sign-in, sign-out and changing one's own password. The verbs decide; these only move
// the session token between the verb and an http-only cookie. The cookie helpers are private
// to this file on purpose: every export of a "use server" file is a callable endpoint.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { anonymousPageContext, contextForAction, requestMeta } from "@/lib/http/page-context";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { signOut } from "@/lib/users/sign-out";
import { changePassword } from "@/lib/users/manage-users";
import { changePasswordInputSchema, setupInputSchema } from "@/lib/users/schemas";
import { setupFirstAdmin } from "@/lib/users/setup-first-admin";
import { signIn } from "@/lib/users/sign-in";
import { issuesFromZod } from "@/lib/errors";
import { isHttpsRequest, safeNextPath } from "@/lib/ui/auth-paths";
import { fieldErrorsByPath } from "@/lib/ui/form-errors";
import { confirmationError } from "@/lib/ui/password-hint";
import { actionFailure, fieldFailure, type ActionFailure } from "./action-result";

/** Form state for /sign-in and /setup: null before the first submission; success redirects. */
export type AuthFormState = ActionFailure | null;

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const h = await headers();
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    // Behind a TLS-terminating proxy the app itself speaks http; the proxy says https.
    secure: isHttpsRequest(h.get("x-forwarded-proto"), h.get("origin")),
    path: "/",
    expires: expiresAt,
  });
}

async function clearSessionCookie(): Promise<string | undefined> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  store.delete({ name: SESSION_COOKIE, path: "/" });
  return token;
}

/** /sign-in: checks the password, sets the session cookie, then goes to `next` (same site only) or /. */
export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const next = safeNextPath(formData.get("next"));
  try {
    const ctx = await anonymousPageContext();
    const session = await signIn({ ctx, input: { email: text(formData, "email"), password: text(formData, "password") }, meta: await requestMeta() });
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    return actionFailure(error);
  }
  redirect(next); // throws: navigation, not an error
}

/**
 * /setup: creates the first admin (only while no user exists), signs them in and opens the
 * dashboard. Every problem is reported at once: the verb's schema and the confirmation.
 */
export async function setupAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const input = { email: text(formData, "email").trim(), name: text(formData, "name"), password: text(formData, "password") };
  const parsed = setupInputSchema.safeParse(input);
  const fieldErrors = parsed.success ? {} : fieldErrorsByPath(issuesFromZod(parsed.error));
  const confirm = confirmationError(input.password, text(formData, "confirm_password"));
  if (confirm) fieldErrors.confirm_password = confirm;
  if (Object.keys(fieldErrors).length > 0) return fieldFailure(fieldErrors);
  try {
    const ctx = await anonymousPageContext();
    await setupFirstAdmin({ ctx, input });
    const session = await signIn({ ctx, input: { email: input.email, password: input.password }, meta: await requestMeta() });
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    return actionFailure(error);
  }
  redirect("/");
}

/** Ends this browser's session (the row and the cookie) and shows the sign-in page. */
export async function signOutAction(): Promise<void> {
  const token = await clearSessionCookie();
  try {
    await signOut({ ctx: await anonymousPageContext(), token });
  } catch {
    // The cookie is gone either way; an unreachable database must not trap anyone signed in.
  }
  redirect("/sign-in?notice=signed-out");
}

/**
 * Settings → Your account: changes the signed-in user's password. The verb ends ALL of their
 * sessions, this one included, so the cookie goes too and they sign in again.
 */
export async function changePasswordAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const input = { current_password: text(formData, "current_password"), new_password: text(formData, "new_password") };
  const parsed = changePasswordInputSchema.safeParse(input);
  const fieldErrors = parsed.success ? {} : fieldErrorsByPath(issuesFromZod(parsed.error));
  const confirm = confirmationError(input.new_password, text(formData, "confirm_password"));
  if (confirm) fieldErrors.confirm_password = confirm;
  if (Object.keys(fieldErrors).length > 0) return fieldFailure(fieldErrors);
  try {
    const ctx = await contextForAction();
    await changePassword({ ctx, input });
  } catch (error) {
    return actionFailure(error);
  }
  await clearSessionCookie();
  redirect("/sign-in?notice=password-changed");
}
