import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getClient } from "@/lib/clients/get-client";
import { getClientAttention } from "@/lib/monitoring/get-client-attention";
import { getSystemHealth } from "@/lib/monitoring/get-system-health";
import { getSystemHistory } from "@/lib/monitoring/get-system-history";
import { getPerformanceMetrics } from "@/lib/metrics/get-performance-metrics";
import { getPerformanceSeries } from "@/lib/metrics/get-performance-series";
import { listMetricPulls } from "@/lib/metrics/list-metric-pulls";
import { metricsState } from "@/lib/charts/performance-view";
import type { ClientOutput } from "@/lib/clients/schemas";
import { AppError, toAppError } from "@/lib/errors";
import { requireViewer } from "@/lib/http/page-context";
import { formatDateUtc } from "@/lib/ui/relative-time";
import { statusExplanation } from "@/lib/ui/status";
import { permissionsFor } from "@/lib/ui/permissions";
import { bySeverity } from "@/lib/ui/system-rank";
import { Badge, Tag } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { BriefcaseIcon, CalendarIcon, InfoIcon, MailIcon, ShieldIcon, TargetIcon } from "@/components/ui/icons";
import { AlertRulesSection } from "@/components/alerts/alert-rules-section";
import { CheckNowButton } from "@/components/clients/check-now-button";
import { CollectMetricsButton } from "@/components/clients/collect-metrics-button";
import { EditClientSettingsButton } from "@/components/clients/edit-client-settings-dialog";
import { ClientActiveToggle } from "@/components/clients/client-active-toggle";
import { ClientStatus } from "@/components/clients/client-status";
import { ComingSection } from "@/components/clients/coming-section";
import { ClientAlertsSection } from "@/components/alerts/client-alerts-section";
import { PerformanceSection } from "@/components/clients/performance-section";
import { PrivateNetworkSwitch } from "@/components/clients/private-network-switch";
import { StatusBadge } from "@/components/clients/status-badge";
import { SystemHistorySection } from "@/components/clients/system-history";
import { SystemRows, type SystemFigures } from "@/components/clients/system-rows";
import { UptimeLegend } from "@/components/clients/uptime-bars";
import { MaintenanceBadge, MaintenanceWindowsSection } from "@/components/maintenance/maintenance-windows-section";
import { ClientReportsSection } from "@/components/reports/client-reports-section";

type Props = { params: Promise<{ clientId: string }> };

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The verb decides what exists: NotFound (and an id that cannot exist) become the 404 page.
 * cache(): generateMetadata and the page share one lookup per request.
 */
const loadClient = cache(async (clientId: string): Promise<{ client: ClientOutput; canWrite: boolean; canAdmin: boolean }> => {
  await connection();
  const { ctx, user } = await requireViewer();
  try {
    const { write, admin } = permissionsFor(user.role);
    return { client: await getClient({ ctx, input: { client_id: clientId } }), canWrite: write, canAdmin: admin };
  } catch (error) {
    const appError = error instanceof AppError ? error : toAppError(error);
    if (appError.code === "not_found" || appError.code === "validation_error") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { clientId } = await params;
  try {
    const { client } = await loadClient(decodeParam(clientId));
    return { title: client.client_name };
  } catch {
    return { title: "Client" };
  }
}

export default async function ClientPage({ params }: Props) {
  const { clientId } = await params;
  const { client, canWrite, canAdmin } = await loadClient(decodeParam(clientId));
  const { ctx } = await requireViewer(); // cached per request
  const input = { client_id: client.client_id };
  // The history ("90d" carries the lightest latency series; the chart loads its own) feeds the
  // rows' 90-day strips and the state changes; health gives each system's uptime and p95; the
  // attention is the dashboard's own assessment of this client.
  // The performance section opens on 30 days; other timeframes it fetches from the REST API.
  const [history, health, attention, figures30d, series30d, pulls] = await Promise.all([
    getSystemHistory({ ctx, input: { ...input, timeframe: "90d" } }),
    getSystemHealth({ ctx, input }),
    getClientAttention({ ctx, input }),
    getPerformanceMetrics({ ctx, input: { ...input, timeframe: "30d" } }),
    getPerformanceSeries({ ctx, input: { ...input, timeframe: "30d" } }),
    listMetricPulls({ ctx, input: { ...input, limit: 10 } }),
  ]);
  const now = ctx.clock.now().getTime();
  const systemFigures: Record<string, SystemFigures> = Object.fromEntries(
    health.systems.map((s) => [s.system_name, { uptime_24h: s.uptime["24h"], uptime_30d: s.uptime["30d"], p95_24h_ms: s.latency_24h.p95, p95_approximate: s.latency_24h.approximate }]),
  );
  // Without any metrics (no URL, no push, no pull yet) the performance section is one line in
  // the compact list below, so a status-first page stays short; with any, the full section.
  const performanceState = metricsState(
    client.systems,
    pulls.pulls.length,
    figures30d.metrics.total_automations > 0 || series30d.buckets.some((b) => b.total_automations !== null),
  );
  const systems = bySeverity(client.systems);
  const enabledSystems = client.systems.filter((s) => s.enabled).length;
  const lastCheck = client.systems.reduce<string | null>((acc, s) => (s.last_check && (!acc || s.last_check > acc) ? s.last_check : acc), null);

  return (
    <div className="flex flex-col gap-5 lg:gap-6">
      <header className="flex flex-col gap-3">
        <Breadcrumbs items={[{ label: "Clients", href: "/clients" }, { label: client.client_name }]} />
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
              <h1 className="text-2xl font-semibold tracking-tight text-fg">{client.client_name}</h1>
              <StatusBadge status={client.overall_status} reason={statusExplanation(client.overall_status, null, lastCheck)} />
              {client.active ? <Badge tone="emerald">Active</Badge> : <Badge tone="neutral">Inactive</Badge>}
              <MaintenanceBadge clientId={client.client_id} />
            </div>
            <ClientFacts client={client} />
          </div>
          {canWrite ? (
            <div className="flex flex-wrap items-center gap-2 lg:shrink-0 lg:justify-end">
              {client.active ? <CheckNowButton clientId={client.client_id} /> : null}
              {client.active && client.systems.some((s) => s.enabled && s.metrics_url) ? <CollectMetricsButton clientId={client.client_id} /> : null}
              <EditClientSettingsButton client={client} />
              <ClientActiveToggle clientId={client.client_id} clientName={client.client_name} active={client.active} />
            </div>
          ) : null}
        </div>
        {!client.active ? (
          <p className="flex items-start gap-2 rounded-lg border border-line bg-surface-muted px-3.5 py-2.5 text-[13px] text-muted" role="note">
            <InfoIcon className="mt-0.5 size-4 shrink-0 text-subtle" />
            <span>
              <span className="font-medium text-fg">This client is inactive.</span> It is hidden from the dashboard and its systems are not
              checked; its history is kept. {canWrite ? "Reactivate it to resume monitoring." : "An editor or admin can reactivate it."}
            </span>
          </p>
        ) : null}
      </header>

      <ClientStatus client={client} attention={attention} now={now} />

      <section aria-labelledby="systems-heading" className="flex flex-col gap-3" data-testid="client-systems">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="systems-heading" className="text-sm font-semibold text-fg">
            Systems <span className="font-normal text-subtle tabular-nums">{client.systems.length}</span>
            <span className="ml-2 text-xs font-normal text-subtle">
              {enabledSystems === client.systems.length ? "all monitored" : `${enabledSystems} of ${client.systems.length} monitored`}
            </span>
          </h2>
          <UptimeLegend />
        </div>
        {systems.length > 0 ? (
          <SystemRows
            clientId={client.client_id}
            systems={systems}
            figures={systemFigures}
            initialHistory={history}
            slaTarget={client.sla_target}
            now={now}
            canEdit={canWrite}
            canAdmin={canAdmin}
          />
        ) : null}
        {canAdmin ? (
          <PrivateNetworkSwitch clientId={client.client_id} allowed={client.allow_private_targets} />
        ) : client.allow_private_targets ? (
          <p className="flex items-center gap-2 text-[13px] text-muted" role="note">
            <ShieldIcon className="size-4 shrink-0 text-subtle" />
            An admin allowed checks of private addresses for this client.
          </p>
        ) : null}
      </section>

      <SystemHistorySection clientId={client.client_id} initialData={history} />

      <MaintenanceWindowsSection clientId={client.client_id} />

      {performanceState === "ready" ? (
        <PerformanceSection
          client={client}
          initial={{ timeframe: "30d", figures: figures30d, series: series30d, pulls: pulls.pulls }}
          canWrite={canWrite}
          now={now}
        />
      ) : null}

      <AlertRulesSection clientId={client.client_id} systems={client.systems.map((s) => s.name)} canWrite={canWrite} />

      <section aria-labelledby="coming-heading" className="flex flex-col gap-3">
        <h2 id="coming-heading" className="text-sm font-semibold text-fg">
          {performanceState === "ready" ? "Alerts" : "Performance and alerts"}
        </h2>
        {/* One dashed card with its entries stacked on a phone, cards side by side from md up. */}
        <div
          className={`divide-y divide-dashed divide-line-strong rounded-xl border border-dashed border-line-strong md:grid ${performanceState === "ready" ? "md:grid-cols-1" : "md:grid-cols-2"} md:gap-3 md:divide-y-0 md:rounded-none md:border-0`}
        >
          {performanceState === "no_source" ? (
            <ComingSection id="performance" icon={TargetIcon} title="Performance" coming={false}>
              No metrics yet. {canWrite ? "Add a metrics URL to a system (Edit on its row): it is pulled every 15 minutes" : "An editor can add a metrics URL to a system"}, or push
              numbers to POST /api/ingest/metrics with an API key.
            </ComingSection>
          ) : performanceState === "awaiting_first_pull" ? (
            <ComingSection id="performance" icon={TargetIcon} title="Performance" coming={false}>
              A metrics URL is set: the first pull happens within 15 minutes{canWrite ? " (or use Pull metrics now)" : ""}, then volume, success rate and ROI
              appear here.
            </ComingSection>
          ) : null}
          <ClientAlertsSection clientId={client.client_id} />
        </div>
      </section>

      <ClientReportsSection client={{ client_id: client.client_id, client_name: client.client_name, time_zone: client.time_zone, active: client.active }} canWrite={canWrite} />
    </div>
  );
}

/** Who the client is, in one wrapping line under the name: the configuration details stay out of the way of its state. */
function ClientFacts({ client }: { client: ClientOutput }) {
  const item = "inline-flex min-w-0 items-center gap-1.5";
  return (
    <dl className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1 text-[13px] text-muted" data-testid="client-facts">
      <div className={item}>
        <dt className="sr-only">Client ID</dt>
        <dd className="font-mono text-xs text-subtle">{client.client_id}</dd>
      </div>
      {client.industry ? (
        <div className={item}>
          <dt title="Industry">
            <BriefcaseIcon className="size-3.5 text-subtle" />
            <span className="sr-only">Industry</span>
          </dt>
          <dd>{client.industry}</dd>
        </div>
      ) : null}
      {client.contact_email ? (
        <div className={item}>
          <dt title="Contact">
            <MailIcon className="size-3.5 text-subtle" />
            <span className="sr-only">Contact</span>
          </dt>
          <dd className="min-w-0 break-all">
            <a href={`mailto:${client.contact_email}`} className="text-fg underline decoration-line-strong underline-offset-4 hover:decoration-current">
              {client.contact_email}
            </a>
          </dd>
        </div>
      ) : null}
      <div className={item}>
        <dt title="SLA target">
          <TargetIcon className="size-3.5 text-subtle" />
          <span className="sr-only">SLA target</span>
        </dt>
        <dd>
          SLA <span className="tabular-nums text-fg">{client.sla_target}%</span>
        </dd>
      </div>
      <div className={item}>
        <dt title="Registered">
          <CalendarIcon className="size-3.5 text-subtle" />
          <span className="sr-only">Registered</span>
        </dt>
        <dd>
          <time dateTime={client.created_at}>{formatDateUtc(client.created_at)}</time>
        </dd>
      </div>
      {client.tags.length > 0 ? (
        <div className={item}>
          <dt className="sr-only">Tags</dt>
          <dd className="flex flex-wrap gap-1">
            {client.tags.map((t) => (
              <Tag key={t}>{t}</Tag>
            ))}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
