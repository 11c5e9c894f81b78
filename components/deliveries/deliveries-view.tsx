"use client";

// The deliveries page: what needs attention first (dead, then retrying), then every delivery
// with a state filter and "load more". Refreshes itself every 15 s.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { DeliveryListOutput } from "@/lib/alerts/delivery/deliveries";
import type { DeliveryOutput } from "@/lib/alerts/contracts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckCircleIcon, SendIcon, Spinner } from "@/components/ui/icons";
import { DeliveryRow } from "./delivery-row";

const FILTERS = [
  { value: "", label: "All" },
  { value: "dead", label: "Dead" },
  { value: "failing", label: "Retrying" },
  { value: "pending", label: "Pending" },
  { value: "delivered", label: "Delivered" },
  { value: "cancelled", label: "Cancelled" },
] as const;

export interface DeliveriesInitial {
  dead: DeliveryListOutput;
  failing: DeliveryListOutput;
  recent: DeliveryListOutput;
}

function useDeliveries(params: Record<string, string>, initialData?: DeliveryListOutput) {
  return useQuery({
    queryKey: queryKeys.deliveries.list(params),
    queryFn: ({ signal }) => fetchJson<DeliveryListOutput>(`/api/deliveries?${new URLSearchParams(params)}`, { signal }),
    initialData,
    refetchInterval: 15_000,
  });
}

export function DeliveriesView({ initial, canWrite }: { initial: DeliveriesInitial; canWrite: boolean }) {
  const dead = useDeliveries({ state: "dead", limit: "50" }, initial.dead);
  const failing = useDeliveries({ state: "failing", limit: "50" }, initial.failing);
  const attention = [...(dead.data?.deliveries ?? []), ...(failing.data?.deliveries ?? [])];
  const [filter, setFilter] = useState<string>("");
  const [pages, setPages] = useState<DeliveryOutput[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const params: Record<string, string> = filter ? { state: filter, limit: "50" } : { limit: "50" };
  const list = useDeliveries(params, filter === "" ? initial.recent : undefined);
  const nextCursor = cursor ?? list.data?.next_cursor ?? null;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchJson<DeliveryListOutput>(`/api/deliveries?${new URLSearchParams({ ...params, cursor: nextCursor })}`);
      setPages((p) => [...p, ...page.deliveries]);
      setCursor(page.next_cursor ?? "");
    } catch (error) {
      setMoreError((error as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }

  // The first page refreshes itself; pages loaded after it may then repeat a row: keep the first.
  const seen = new Set<string>();
  const rows = [...(list.data?.deliveries ?? []), ...pages].filter((d) => !seen.has(d.id) && seen.add(d.id));
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="attention-heading" className="flex flex-col gap-3">
        <h2 id="attention-heading" className="text-sm font-semibold text-fg">
          Needs attention {attention.length ? <span className="text-muted">({attention.length})</span> : null}
        </h2>
        <Card>
          {attention.length ? (
            <ul className="divide-y divide-line">
              {attention.map((d) => (
                <DeliveryRow key={d.id} delivery={d} canWrite={canWrite} />
              ))}
            </ul>
          ) : (
            <EmptyState compact icon={CheckCircleIcon} title="Nothing dead or retrying" headingLevel={3}>
              Every notification was delivered or is waiting for its send time.
            </EmptyState>
          )}
        </Card>
      </section>

      <section aria-labelledby="all-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="all-heading" className="text-sm font-semibold text-fg">
            All deliveries
          </h2>
          <label className="flex items-center gap-2 text-[13px] text-muted">
            State
            <select
              className="h-8 rounded-lg border border-line-strong bg-surface px-2 text-[13px] text-fg"
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                setPages([]);
                setCursor(null);
              }}
            >
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Card>
          {list.isPending ? (
            <p className="px-5 py-6 text-sm text-muted">Loading…</p>
          ) : list.isError ? (
            <p role="alert" className="px-5 py-6 text-sm text-rose-700 dark:text-rose-400">
              {list.error.message}
            </p>
          ) : rows.length ? (
            <ul className="divide-y divide-line">
              {rows.map((d) => (
                <DeliveryRow key={d.id} delivery={d} canWrite={canWrite} />
              ))}
            </ul>
          ) : (
            <EmptyState compact icon={SendIcon} title="No deliveries here" headingLevel={3}>
              Notifications appear here when an alert fires or recovers, or when someone sends a test from a channel.
            </EmptyState>
          )}
        </Card>
        {nextCursor ? (
          <div className="flex items-center gap-3">
            <Button size="sm" variant="secondary" onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? <Spinner className="size-4" /> : null}
              Load more
            </Button>
            {moreError ? <span className="text-[13px] text-rose-700 dark:text-rose-400">{moreError}</span> : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}
