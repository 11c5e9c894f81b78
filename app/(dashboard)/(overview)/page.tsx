import type { Metadata } from "next";
import { connection } from "next/server";
import { getAllClientsStatus } from "@/lib/alerts/clients-overview";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { DashboardView } from "@/components/dashboard/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await connection(); // live data: render per request, never at build time
  const { ctx, user } = await requireViewer();
  const summary = await getAllClientsStatus({ ctx, input: { include_inactive: false } });
  const can = permissionsFor(user.role);
  return <DashboardView initialData={summary} canWrite={can.write} isAdmin={can.admin} />;
}
