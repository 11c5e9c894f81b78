import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { SEVERITIES } from "@/lib/alerts/contracts";
import { alertClientOptions, listAlerts } from "@/lib/alerts/list-alerts";
import { ALERT_STATE_FILTERS } from "@/lib/alerts/alert-schemas";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { AlertsView, type AlertFilters } from "@/components/alerts/alerts-view";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AlertsPage({ searchParams }: Props) {
  await connection(); // live data: render per request, never at build time
  const { ctx, user } = await requireViewer();
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
  const clients = await alertClientOptions(ctx);
  // A link with an unknown value shows everything rather than an error page.
  const filters: AlertFilters = {
    client_id: clients.some((c) => c.client_id === one(q.client_id)) ? one(q.client_id) : "",
    severity: (SEVERITIES as readonly string[]).includes(one(q.severity)) ? one(q.severity) : "",
    state: (ALERT_STATE_FILTERS as readonly string[]).includes(one(q.state)) ? one(q.state) : "all",
  };
  const initialData = await listAlerts({
    ctx,
    input: { state: filters.state as (typeof ALERT_STATE_FILTERS)[number], limit: 100, ...(filters.client_id ? { client_id: filters.client_id } : {}), ...(filters.severity ? { severity: filters.severity as (typeof SEVERITIES)[number] } : {}) },
  });
  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader
        title="Alerts"
        description="Firing alerts first, then the newest. Open one for its timeline and every notification sent."
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/alerts/deliveries" className={buttonClasses({ size: "sm" })}>
              Deliveries
            </Link>
            <Link href="/alerts/rules" className={buttonClasses({ size: "sm" })}>
              Alert rules
            </Link>
          </div>
        }
      />
      <AlertsView initialData={initialData} initialFilters={filters} clients={clients} canWrite={permissionsFor(user.role).write} />
    </div>
  );
}
