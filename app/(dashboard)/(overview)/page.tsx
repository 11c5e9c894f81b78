import type { Metadata } from "next";
import { connection } from "next/server";
import { getAllClientsStatus } from "@/lib/clients/get-all-clients-status";
import { requireViewer } from "@/lib/auth/page-context";
import { DashboardView } from "@/components/dashboard/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await connection(); // live data: render per request, never at build time
  const { ctx } = await requireViewer();
  const summary = await getAllClientsStatus({ ctx, input: { include_inactive: false } });
  return <DashboardView initialData={summary} />;
}
