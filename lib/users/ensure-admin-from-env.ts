// Headless first run: with ADMIN_EMAIL + ADMIN_PASSWORD set and no user in the database, the
// server creates that admin at start-up (the same verb as the /setup page).
import { anonymousContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { needsSetup, setupFirstAdmin } from "./setup-first-admin";

export async function ensureAdminFromEnv(db: Db): Promise<string | undefined> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = getEnv();
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return undefined;
  const ctx = anonymousContext(db);
  if (!(await needsSetup(ctx))) return undefined;
  const admin = await setupFirstAdmin({ ctx, input: { email: ADMIN_EMAIL, name: ADMIN_EMAIL.split("@")[0], password: ADMIN_PASSWORD } });
  return admin.email;
}
