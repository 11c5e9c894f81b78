"use client";

import { useState } from "react";
import type { AllClientsStatus, HealthStatusValue } from "@/lib/clients/schemas";
import { useNow } from "@/lib/ui/use-now";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ClockIcon, PlusIcon, PowerIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ClientsTable } from "@/components/clients/clients-table";
import { EmptyWorkspace } from "./empty-workspace";
import { FailingChannels } from "./failing-channels";
import { FleetTrends } from "./fleet-trends";
import { PortfolioMetricsSection } from "./portfolio-metrics";
import { RefreshStatus } from "./refresh-status";
import { StatusCards } from "./status-cards";
import { useDashboardSummaryQuery } from "./use-dashboard-summary-query";

/** `canWrite`: editors and admins see the register and demo buttons; viewers only look. `isAdmin`: the failing-channels banner. */
export function DashboardView({ initialData, canWrite, isAdmin = false }: { initialData: AllClientsStatus; canWrite: boolean; isAdmin?: boolean }) {
  const [paused, setPaused] = useState(false);
  const [statusFilter, setStatusFilter] = useState<HealthStatusValue | null>(null);
  const query = useDashboardSummaryQuery(initialData, { paused });
  const data = query.data;
  const now = useNow(15_000) ?? Date.parse(data.dashboard_updated);

  const clients = data.clients;
  const systems = data.overall_summary.total_systems;
  const awaitingFirstChecks = clients.length > 0 && clients.every((c) => c.last_check === null);
  const inactiveOnly = clients.length === 0 && data.total_clients > 0;

  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader
        title="Dashboard"
        description={
          clients.length > 0 ? (
            <>
              {data.active_clients} active {data.active_clients === 1 ? "client" : "clients"} · {systems} {systems === 1 ? "system" : "systems"} monitored
            </>
          ) : (
            "Every client's health at a glance."
          )
        }
        actions={
          <>
            <RefreshStatus
              updatedAt={query.dataUpdatedAt}
              paused={paused}
              fetching={query.isFetching}
              error={query.isError ? query.error : null}
              onTogglePause={() => setPaused((p) => !p)}
              onRefresh={() => void query.refetch()}
            />
            {clients.length > 0 && canWrite ? (
              <ButtonLink href="/clients/new" variant="primary">
                <PlusIcon className="size-4" />
                Register client
              </ButtonLink>
            ) : null}
          </>
        }
      />

      {isAdmin ? <FailingChannels /> : null}

      {clients.length === 0 && !inactiveOnly ? (
        <EmptyWorkspace canWrite={canWrite} />
      ) : inactiveOnly ? (
        <Card>
          <EmptyState
            icon={PowerIcon}
            title="All clients are inactive"
            actions={
              <ButtonLink href="/clients" variant="secondary">
                View all clients
              </ButtonLink>
            }
          >
            Inactive clients are kept with their history but hidden from the dashboard.{" "}
            {canWrite ? "Reactivate one from its page to watch it here again." : "An editor or admin can reactivate them."}
          </EmptyState>
        </Card>
      ) : (
        <>
          <section aria-label="Status overview" className="flex flex-col gap-3">
            <StatusCards summary={data.overall_summary} totalClients={clients.length} selected={statusFilter} onSelect={setStatusFilter} />
            {awaitingFirstChecks ? (
              <p className="flex items-start gap-2 rounded-lg border border-dashed border-line-strong px-3.5 py-2.5 text-[13px] text-muted">
                <ClockIcon className="mt-0.5 size-4 shrink-0 text-subtle" />
                <span>
                  <span className="font-medium text-fg">Awaiting first checks.</span> Systems are registered; each client shows its status here as
                  soon as its health endpoints have been probed.
                </span>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="clients-heading" className="flex flex-col gap-3">
            <h2 id="clients-heading" className="text-sm font-semibold text-fg">
              Clients
            </h2>
            <ClientsTable
              rows={clients /* attention first, as the server sorted them */}
              now={now}
              statusFilter={statusFilter}
              onClearStatusFilter={() => setStatusFilter(null)}
              caption="Active clients, those needing attention first"
            />
          </section>

          {/* Status and the attention-first table stay on top (a status card filters the table right under it); what the automations achieved follows. */}
          <PortfolioMetricsSection summary={data} paused={paused} now={now} />

          <FleetTrends paused={paused} />
        </>
      )}
    </div>
  );
}
