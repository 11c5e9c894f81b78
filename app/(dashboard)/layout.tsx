import type { ReactNode } from "react";
import { requireViewer } from "@/lib/http/page-context";
import { AppShell } from "@/components/layout/app-shell";

/** Every page in the app needs a signed-in viewer; signed-out visitors go to /sign-in (or /setup on first run). */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { user } = await requireViewer();
  return <AppShell user={{ name: user.name, email: user.email, role: user.role }}>{children}</AppShell>;
}
