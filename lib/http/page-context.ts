// Who is looking at a page or calling a server action: the session cookie. Pages redirect to
// /setup (no user exists yet) or /sign-in; server actions return an error instead. Next.js
// itself refuses server actions whose Origin does not match the Host.
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { resolveSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { anonymousContext, systemClock, type Context } from "@/lib/context";
import { UnauthorizedError } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";
import { openDbOrUnavailable, userContext } from "./request-context";

export interface Viewer {
  ctx: Context;
  user: Pick<User, "id" | "email" | "name" | "role">;
}

/**
 * The signed-in viewer, or null. Cached per request (React cache), so the layout and the page
 * share one session lookup.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // Per request, never prerendered: `next build` must not open the database (every page that
  // shows data gets here or to anonymousPageContext first).
  await connection();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const db = await openDbOrUnavailable();
  const session = await resolveSession(db, token, systemClock);
  if (!session) return null;
  const { id, email, name, role } = session.user;
  return { ctx: userContext(db, session.user), user: { id, email, name, role } };
});

/** For pages: the signed-in viewer, or a redirect to /setup or /sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (viewer) return viewer;
  const db = await openDbOrUnavailable();
  if ((await db.user.count()) === 0) redirect("/setup");
  redirect("/sign-in");
}

/** For server actions: the signed-in viewer's context, or an UnauthorizedError to show. */
export async function contextForAction(): Promise<Context> {
  const viewer = await getViewer();
  if (!viewer) throw new UnauthorizedError("Your session has ended; sign in again.");
  return viewer.ctx;
}

/** For /setup and /sign-in: a context for someone not signed in yet. */
export async function anonymousPageContext(): Promise<Context> {
  await connection();
  return anonymousContext(await openDbOrUnavailable());
}

/**
 * Client address and user agent for sessions and sign-in limits. The address is the LAST
 * X-Forwarded-For entry: the one appended by the nearest proxy (or by Next.js from the socket
 * when the header is absent). Earlier entries are whatever the client claimed.
 */
export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",").pop()?.trim();
  return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
}
