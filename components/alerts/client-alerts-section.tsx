"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ListAlertsOutput } from "@/lib/alerts/list-alerts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatTimestampUtc } from "@/lib/ui/relative-time";
import { BellIcon, Spinner } from "@/components/ui/icons";
import { AlertChips } from "./alert-chips";

const SHOWN = 5;

/** The client page's "Recent alerts and incidents": the last few alerts, firing first, and a link to all of them. */
export function ClientAlertsSection({ clientId }: { clientId: string }) {
  const filters = { client_id: clientId, state: "all", limit: String(SHOWN) };
  const list = useQuery({
    queryKey: queryKeys.alerts.list(filters),
    queryFn: ({ signal }) => fetchJson<ListAlertsOutput>(`/api/alerts?${new URLSearchParams(filters)}`, { signal }),
    refetchInterval: 30_000,
  });
  const all = `/alerts?client_id=${encodeURIComponent(clientId)}`;
  return (
    <section aria-labelledby="client-alerts-heading" className="flex min-w-0 gap-3 px-4 py-3 md:rounded-xl md:border md:border-line md:bg-surface md:py-3.5" data-testid="client-alerts">
      <span className="hidden size-8 shrink-0 items-center justify-center rounded-lg border border-line bg-surface text-subtle sm:flex">
        <BellIcon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <h3 id="client-alerts-heading" className="flex flex-wrap items-center gap-2 text-[13px] font-semibold text-fg">
          Recent alerts and incidents
          {list.data && list.data.firing_count > 0 ? <span className="text-rose-700 dark:text-rose-300">{list.data.firing_count} firing</span> : null}
        </h3>
        {list.isPending ? (
          <Spinner className="mt-1 size-4" label="Loading alerts" />
        ) : list.isError ? (
          <p className="mt-0.5 text-[13px] text-rose-700 dark:text-rose-300">{(list.error as Error).message}</p>
        ) : list.data.alerts.length === 0 ? (
          <p className="mt-0.5 text-[13px] leading-5 text-muted">
            No alerts so far. <Link href="/alerts/rules" className="font-medium text-fg underline underline-offset-4 decoration-line-strong">Alert rules</Link> decide what raises one.
          </p>
        ) : (
          <>
            <ul className="mt-1.5 flex flex-col gap-1.5">
              {list.data.alerts.map((a) => (
                <li key={a.id} className="text-[13px]">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="text-fg [overflow-wrap:anywhere]">{a.message}</span>
                    <AlertChips alert={a} />
                  </span>
                  <span className="block text-xs text-subtle">
                    {formatTimestampUtc(a.started_at)}
                    {a.resolved_at ? ` – ${formatTimestampUtc(a.resolved_at)}` : " – now"}
                  </span>
                </li>
              ))}
            </ul>
            <Link href={all} className="mt-2 inline-block text-[13px] font-medium text-fg underline underline-offset-4 decoration-line-strong">
              All alerts of this client
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
