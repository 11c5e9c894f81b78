import type { Metadata } from "next";
import { getViewer } from "@/lib/http/page-context";
import { AppShell } from "@/components/layout/app-shell";
import { NotFoundContent } from "@/components/layout/not-found-content";

export const metadata: Metadata = { title: "Not found" };

/**
 * Unmatched URLs anywhere: the same shell as the rest of the app, so navigation still works.
 * The viewer is looked up without redirecting: a 404 stays a 404, signed in or not.
 */
export default async function NotFound() {
  let user = null;
  try {
    const viewer = await getViewer();
    if (viewer) user = { name: viewer.user.name, email: viewer.user.email, role: viewer.user.role };
  } catch {
    // No database: still a helpful 404.
  }
  return (
    <AppShell user={user}>
      <NotFoundContent />
    </AppShell>
  );
}
