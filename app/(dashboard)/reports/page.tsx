import type { Metadata } from "next";
import { connection } from "next/server";
import { ALL_REPORT_TYPES } from "@/lib/reports/contracts";
import { reportClientOptions } from "@/lib/reports/client-options";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { ReportsView, type ReportFilters } from "@/components/reports/reports-view";

export const metadata: Metadata = { title: "Reports" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Generated reports, newest first, with their downloads; the generate dialog and the schedules (editors). */
export default async function ReportsPage({ searchParams }: Props) {
  await connection(); // live data: render per request, never at build time
  const { ctx, user } = await requireViewer();
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
  const clients = await reportClientOptions(ctx);
  // A link with an unknown value shows everything rather than an error page.
  const filters: ReportFilters = {
    client_id: clients.some((c) => c.client_id === one(q.client_id)) ? one(q.client_id) : "",
    report_type: (ALL_REPORT_TYPES as readonly string[]).includes(one(q.report_type)) ? one(q.report_type) : "",
  };
  return <ReportsView clients={clients} initialFilters={filters} canWrite={permissionsFor(user.role).write} />;
}
