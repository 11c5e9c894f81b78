import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache, type ComponentType, type ReactNode } from "react";
import { getClient } from "@/lib/clients/get-client";
import { getSystemHistory } from "@/lib/monitoring/get-system-history";
import type { ClientOutput } from "@/lib/clients/schemas";
import { AppError, toAppError } from "@/lib/errors";
import { requireViewer } from "@/lib/http/page-context";
import { formatDateUtc } from "@/lib/ui/relative-time";
import { statusExplanation } from "@/lib/ui/status";
import { permissionsFor } from "@/lib/ui/permissions";
import { Badge, Tag } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import {
  BellIcon,
  BriefcaseIcon,
  CalendarIcon,
  InfoIcon,
  MailIcon,
  ReportIcon,
  ShieldIcon,
  TagIcon,
  TargetIcon,
  type IconProps,
} from "@/components/ui/icons";
import { AttentionSummary } from "@/components/clients/attention-summary";
import { CheckNowButton } from "@/components/clients/check-now-button";
import { CollectMetricsButton } from "@/components/clients/collect-metrics-button";
import { EditClientSettingsButton } from "@/components/clients/edit-client-settings-dialog";
import { ClientActiveToggle } from "@/components/clients/client-active-toggle";
import { PrivateNetworkSwitch } from "@/components/clients/private-network-switch";
import { StatusBadge } from "@/components/clients/status-badge";
import { SystemCard } from "@/components/clients/system-card";
import { SystemHistorySection } from "@/components/clients/system-history";

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
  // First paint of the history section: all systems' bars and changes ("90d" carries the
  // lightest latency series; the chart loads its own). requireViewer is cached per request.
  const history = await getSystemHistory({ ctx: (await requireViewer()).ctx, input: { client_id: client.client_id, timeframe: "90d" } });
  const enabledSystems = client.systems.filter((s) => s.enabled).length;
  const lastCheck = client.systems.reduce<string | null>((acc, s) => (s.last_check && (!acc || s.last_check > acc) ? s.last_check : acc), null);

  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <header className="flex flex-col gap-5">
        <Breadcrumbs items={[{ label: "Clients", href: "/clients" }, { label: client.client_name }]} />
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <h1 className="text-2xl font-semibold tracking-tight text-fg">{client.client_name}</h1>
              <StatusBadge status={client.overall_status} reason={statusExplanation(client.overall_status, null, lastCheck)} />
              {client.active ? (
                <Badge tone="emerald">Active</Badge>
              ) : (
                <Badge tone="neutral">Inactive</Badge>
              )}
            </div>
            <p className="mt-1 font-mono text-[13px] text-subtle">{client.client_id}</p>
          </div>
          {canWrite ? (
            <div className="flex shrink-0 items-center gap-2">
              {client.active ? <CheckNowButton clientId={client.client_id} /> : null}
              {client.active && client.systems.some((s) => s.enabled && s.metrics_url) ? <CollectMetricsButton clientId={client.client_id} /> : null}
              <EditClientSettingsButton client={client} />
              <ClientActiveToggle clientId={client.client_id} clientName={client.client_name} active={client.active} />
            </div>
          ) : null}
        </div>

        <dl className="grid grid-cols-2 gap-x-6 gap-y-3.5 rounded-xl border border-line bg-surface px-5 py-4 text-[13px] shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] sm:grid-cols-2 lg:grid-cols-4 dark:shadow-none">
          <Meta icon={BriefcaseIcon} label="Industry" className="order-1 sm:order-none">
            {client.industry ?? <span className="text-subtle">Not set</span>}
          </Meta>
          <Meta icon={MailIcon} label="Contact" className="order-3 col-span-2 sm:order-none sm:col-span-1">
            {client.contact_email ? (
              <a href={`mailto:${client.contact_email}`} title={client.contact_email} className="truncate text-fg underline decoration-line-strong underline-offset-4 hover:decoration-current">
                {client.contact_email}
              </a>
            ) : (
              <span className="text-subtle">Not set</span>
            )}
          </Meta>
          <Meta icon={TargetIcon} label="SLA target" className="order-2 sm:order-none">
            <span>
              <span className="tabular-nums">{client.sla_target}%</span> uptime
            </span>
          </Meta>
          <Meta icon={CalendarIcon} label="Registered" className="order-4 sm:order-none">
            <time dateTime={client.created_at}>{formatDateUtc(client.created_at)}</time>
          </Meta>
          <Meta icon={TagIcon} label="Tags" className="order-5 sm:order-none sm:col-span-2 lg:col-span-4">
            {client.tags.length > 0 ? (
              <span className="flex flex-wrap gap-1.5">
                {client.tags.map((t) => (
                  <Tag key={t}>{t}</Tag>
                ))}
              </span>
            ) : (
              <span className="text-subtle">No tags</span>
            )}
          </Meta>
        </dl>

        <AttentionSummary systems={client.systems} />

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

      <section aria-labelledby="systems-heading" className="flex flex-col gap-3">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="systems-heading" className="text-sm font-semibold text-fg">
            Systems <span className="font-normal text-subtle tabular-nums">{client.systems.length}</span>
          </h2>
          <p className="text-xs text-subtle">
            {enabledSystems === client.systems.length ? "All systems monitored" : `${enabledSystems} of ${client.systems.length} monitored`}
          </p>
        </div>
        {canAdmin ? (
          <PrivateNetworkSwitch clientId={client.client_id} allowed={client.allow_private_targets} />
        ) : client.allow_private_targets ? (
          <p className="flex items-center gap-2 text-[13px] text-muted" role="note">
            <ShieldIcon className="size-4 shrink-0 text-subtle" />
            An admin allowed checks of private addresses for this client.
          </p>
        ) : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {client.systems.map((system) => (
            <SystemCard key={system.id} system={system} clientId={client.client_id} canEdit={canWrite} canAdmin={canAdmin} />
          ))}
        </div>
      </section>

      <SystemHistorySection clientId={client.client_id} initialData={history} />

      <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
        <h2 id="activity-heading" className="text-sm font-semibold text-fg">
          Performance &amp; reporting
        </h2>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          <Placeholder icon={TargetIcon} title="Performance">
            Automation volume, success rate and cost savings appear here once metrics are collected from the metrics URLs.
          </Placeholder>
          <Placeholder icon={BellIcon} title="Alerts & incidents">
            Alert rules for this client and the incidents they raise will be listed here.
          </Placeholder>
          <Placeholder icon={ReportIcon} title="Reports">
            Daily to quarterly client reports, ready to download as PDF, CSV or JSON, will be kept here.
          </Placeholder>
        </div>
      </section>
    </div>
  );
}

function Meta({ icon: Icon, label, children, className }: { icon: ComponentType<IconProps>; label: string; children: ReactNode; className?: string }) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className ?? ""}`}>
      <dt className="flex items-center gap-1.5 text-xs text-subtle">
        <Icon className="size-3.5" />
        {label}
      </dt>
      <dd className="min-w-0 truncate text-fg">{children}</dd>
    </div>
  );
}

/** An honest "not yet" for what later releases add: what will appear, no fake data, no buttons. */
function Placeholder({ icon: Icon, title, children }: { icon: ComponentType<IconProps>; title: string; children: ReactNode }) {
  return (
    <div className="flex gap-3.5 rounded-xl border border-dashed border-line-strong px-4 py-4">
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border border-line bg-surface text-subtle">
        <Icon className="size-[18px]" />
      </span>
      <div className="min-w-0">
        <h3 className="text-[13px] font-semibold text-fg">{title}</h3>
        <p className="mt-0.5 text-[13px] leading-5 text-muted">{children}</p>
      </div>
    </div>
  );
}
