import type { Metadata } from "next";
import { connection } from "next/server";
import { getAllClientsStatus } from "@/lib/clients/get-all-clients-status";
import { contextForRequest } from "@/lib/http/request-context";
import { DashboardView } from "@/components/dashboard/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await connection(); // live data: render per request, never at build time
  const ctx = await contextForRequest();
  const summary = await getAllClientsStatus({ ctx, input: { include_inactive: false } });
  return <DashboardView initialData={summary} />;
}
