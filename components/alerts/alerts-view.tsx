"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import type { AlertDetailOutput, AlertOutput } from "@/lib/alerts/contracts";
import type { ListAlertsOutput } from "@/lib/alerts/list-alerts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatAgo, formatTimestampUtc } from "@/lib/ui/relative-time";
import { useNow } from "@/lib/ui/use-now";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { BellIcon, CheckCircleIcon, ChevronDownIcon, ChevronRightIcon, Spinner } from "@/components/ui/icons";
import { AlertChips } from "./alert-chips";

export interface AlertFilters {
  client_id: string;
  severity: string;
  state: string;
}

const REFRESH_MS = 30_000;

function queryString(f: AlertFilters): string {
  const q = new URLSearchParams({ state: f.state, limit: "100" });
  if (f.client_id) q.set("client_id", f.client_id);
  if (f.severity) q.set("severity", f.severity);
  return q.toString();
}

/** The Alerts page: firing first, filters, acknowledge, and each alert's timeline and delivery log. */
export function AlertsView({
  initialData,
  initialFilters,
  clients,
  canWrite,
}: {
  initialData: ListAlertsOutput;
  initialFilters: AlertFilters;
  clients: { client_id: string; client_name: string }[];
  canWrite: boolean;
}) {
  const [filters, setFilters] = useState(initialFilters);
  const same = JSON.stringify(filters) === JSON.stringify(initialFilters);
  const list = useQuery({
    queryKey: queryKeys.alerts.list({ ...filters }),
    queryFn: ({ signal }) => fetchJson<ListAlertsOutput>(`/api/alerts?${queryString(filters)}`, { signal }),
    initialData: same ? initialData : undefined,
    refetchInterval: REFRESH_MS,
  });
  const set = (key: keyof AlertFilters) => (e: React.ChangeEvent<HTMLSelectElement>) => {
    const next = { ...filters, [key]: e.target.value };
    setFilters(next);
    // Shareable: the address says what is shown.
    window.history.replaceState(null, "", `/alerts?${new URLSearchParams(Object.entries(next).filter(([, v]) => v && v !== "all")).toString()}`);
  };
  const data = list.data;
  const filtered = filters.client_id !== "" || filters.severity !== "" || filters.state !== "all";

  return (
    <div className="flex flex-col gap-4">
      <Card className="grid grid-cols-1 gap-3 p-4 sm:grid-cols-3">
        <SelectField name="client_id" label="Client" value={filters.client_id} onChange={set("client_id")}>
          <option value="">All clients</option>
          {clients.map((c) => (
            <option key={c.client_id} value={c.client_id}>
              {c.client_name}
            </option>
          ))}
        </SelectField>
        <SelectField name="severity" label="Severity" value={filters.severity} onChange={set("severity")}>
          <option value="">Any severity</option>
          <option value="critical">Critical</option>
          <option value="warning">Warning</option>
        </SelectField>
        <SelectField name="state" label="State" value={filters.state} onChange={set("state")}>
          <option value="all">Firing and resolved</option>
          <option value="firing">Firing</option>
          <option value="resolved">Resolved</option>
        </SelectField>
      </Card>

      <p className="text-[13px] text-muted" aria-live="polite">
        {data ? (
          <>
            <span className="font-medium text-fg">{data.firing_count}</span> firing{filtered ? " (matching the filters)" : ""}
            {list.isFetching ? <Spinner className="ml-2 inline size-3.5" label="Refreshing" /> : null}
          </>
        ) : list.isError ? (
          <span className="text-rose-700 dark:text-rose-300">{(list.error as Error).message}</span>
        ) : (
          <Spinner label="Loading alerts" />
        )}
      </p>

      {data && data.alerts.length === 0 ? (
        <Card>
          <EmptyState
            icon={filtered ? BellIcon : CheckCircleIcon}
            title={filtered ? "No alerts match these filters" : "No alerts yet"}
            actions={
              <Link href="/alerts/rules" className={buttonClasses({ size: "sm" })}>
                Alert rules
              </Link>
            }
          >
            {filtered
              ? "Try another client, severity or state."
              : "When a rule's threshold is crossed — uptime, response time, status, success rate and more — the alert appears here, firing first, with its timeline and every notification sent."}
          </EmptyState>
        </Card>
      ) : null}

      {data && data.alerts.length > 0 ? (
        <Card className="overflow-hidden">
          <ul className="divide-y divide-line" aria-label="Alerts, firing first">
            {data.alerts.map((a) => (
              <AlertItem key={a.id} alert={a} canWrite={canWrite} />
            ))}
          </ul>
          {data.next_cursor ? <p className="border-t border-line px-4 py-3 text-[13px] text-muted">Showing the first 100. Narrow the filters to see older alerts.</p> : null}
        </Card>
      ) : null}
    </div>
  );
}

function AlertItem({ alert, canWrite }: { alert: AlertOutput; canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const now = useNow(30_000);
  const queryClient = useQueryClient();
  const ack = useMutation({
    mutationFn: () => fetchJson(`/api/alerts/${alert.id}/acknowledge`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all() }),
  });
  const started = Date.parse(alert.started_at);
  return (
    <li data-testid="alert-item" data-state={alert.state}>
      <div className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-4 sm:px-5">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
          className="flex min-w-0 flex-1 items-start gap-2 rounded-md text-left"
        >
          {open ? <ChevronDownIcon className="mt-0.5 size-4 shrink-0 text-subtle" /> : <ChevronRightIcon className="mt-0.5 size-4 shrink-0 text-subtle" />}
          <span className="min-w-0">
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="font-medium text-fg [overflow-wrap:anywhere]">{alert.message}</span>
              <AlertChips alert={alert} />
            </span>
            <span className="mt-0.5 block text-[13px] text-muted">
              {alert.client_name}
              {" · "}
              {alert.state === "firing" ? "firing since " : "fired "}
              <time dateTime={alert.started_at} title={formatTimestampUtc(alert.started_at)}>
                {now ? formatAgo(started, now) : formatTimestampUtc(alert.started_at)}
              </time>
              {alert.resolved_at ? ` · resolved ${formatTimestampUtc(alert.resolved_at)}` : ""}
              {alert.acknowledged_by ? ` · acknowledged by ${alert.acknowledged_by}` : ""}
            </span>
          </span>
        </button>
        <div className="flex shrink-0 items-center gap-2 pl-6 sm:pl-0">
          <Link href={`/clients/${encodeURIComponent(alert.client_id)}`} aria-label={`Open ${alert.client_name}`} className={buttonClasses({ variant: "ghost", size: "sm" })}>
            Open client
          </Link>
          {canWrite && alert.state === "firing" && !alert.acknowledged_at ? (
            <Button size="sm" onClick={() => ack.mutate()} disabled={ack.isPending} data-testid="acknowledge">
              {ack.isPending ? <Spinner className="size-3.5" /> : null}
              Acknowledge
            </Button>
          ) : null}
        </div>
      </div>
      {ack.isError ? (
        <p role="alert" className="px-5 pb-3 text-[13px] text-rose-700 dark:text-rose-300">
          {(ack.error as Error).message}
        </p>
      ) : null}
      {open ? <AlertDetail id={alert.id} panelId={panelId} /> : null}
    </li>
  );
}

const KIND_LABEL: Record<string, string> = {
  firing: "Fired",
  resolved: "Resolved",
  flapping: "Flapping",
  reminder: "Reminder",
  acknowledged: "Acknowledged",
  muted: "Muted",
  unmuted: "Maintenance over",
  client_down: "Client down",
  closed: "Closed",
};

function AlertDetail({ id, panelId }: { id: string; panelId: string }) {
  const detail = useQuery({ queryKey: queryKeys.alerts.detail(id), queryFn: ({ signal }) => fetchJson<AlertDetailOutput>(`/api/alerts/${id}`, { signal }), refetchInterval: REFRESH_MS });
  return (
    <div id={panelId} className="grid grid-cols-1 gap-4 border-t border-line bg-surface-muted/60 px-4 py-4 sm:px-5 md:grid-cols-2" data-testid="alert-detail">
      {detail.isPending ? (
        <Spinner label="Loading the timeline" />
      ) : detail.isError ? (
        <p role="alert" className="text-[13px] text-rose-700 dark:text-rose-300">
          {(detail.error as Error).message}
        </p>
      ) : (
        <>
          <section aria-label="Timeline">
            <h3 className="text-xs font-medium uppercase tracking-wide text-subtle">Timeline</h3>
            <ol className="mt-2 flex flex-col gap-2">
              {detail.data.events.map((e, i) => (
                <li key={i} className="text-[13px]">
                  <span className="font-medium text-fg">{KIND_LABEL[e.kind] ?? e.kind}</span>{" "}
                  <time className="text-subtle" dateTime={e.at}>
                    {formatTimestampUtc(e.at, "second")}
                  </time>
                  <span className="block text-muted [overflow-wrap:anywhere]">
                    {e.detail}
                    {e.actor ? ` — ${e.actor}` : ""}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          <section aria-label="Delivery log">
            <h3 className="text-xs font-medium uppercase tracking-wide text-subtle">Notifications</h3>
            {detail.data.deliveries.length === 0 ? (
              <p className="mt-2 text-[13px] text-muted">{detail.data.muted ? "None: it fired in a maintenance window." : "None sent (no channel, or nothing to say yet)."}</p>
            ) : (
              <ul className="mt-2 flex flex-col gap-2">
                {detail.data.deliveries.map((d) => (
                  <li key={d.id} className="text-[13px]">
                    <span className="font-medium text-fg">{d.channel.name}</span> <span className="text-subtle">({d.channel.type})</span>{" "}
                    <span className={d.state === "delivered" ? "text-emerald-700 dark:text-emerald-300" : d.state === "dead" ? "text-rose-700 dark:text-rose-300" : "text-muted"}>{d.state}</span>
                    <span className="block text-muted">
                      {d.summary}
                      {d.attempts ? ` · ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}` : ""}
                      {d.delivered_at ? ` · delivered ${formatTimestampUtc(d.delivered_at, "second")}` : d.next_attempt_at ? ` · next try ${formatTimestampUtc(d.next_attempt_at, "second")}` : ""}
                    </span>
                    {d.last_error ? <span className="block text-rose-700 [overflow-wrap:anywhere] dark:text-rose-300">{d.last_error}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
