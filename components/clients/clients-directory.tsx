"use client";

import { useQuery } from "@tanstack/react-query";
import type { ClientList } from "@/lib/clients/schemas";
import { CLIENT_DIRECTORY_LIMIT } from "@/lib/ui/client-search";
import { fetchJson } from "@/lib/ui/fetch-json";
import { useNow } from "@/lib/ui/use-now";
import { queryKeys } from "@/lib/query-keys";
import { ClientsTable } from "./clients-table";

/** /clients: every client including inactive ones, kept fresh from GET /api/clients. */
export function ClientsDirectory({ initialData, renderedAt }: { initialData: ClientList; renderedAt: number }) {
  const query = useQuery({
    queryKey: queryKeys.clients.list({ includeInactive: true }),
    queryFn: ({ signal }) => fetchJson<ClientList>(`/api/clients?include_inactive=true&limit=${CLIENT_DIRECTORY_LIMIT}`, { signal }),
    initialData,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: 60_000,
  });
  const now = useNow(15_000) ?? renderedAt;
  const inactive = query.data.clients.filter((c) => !c.active).length;
  return (
    <div className="flex flex-col gap-3">
      {inactive > 0 ? (
        <p className="text-[13px] text-muted">
          Includes {inactive} inactive {inactive === 1 ? "client" : "clients"}, hidden from the dashboard.
        </p>
      ) : null}
      <ClientsTable rows={query.data.clients} now={now} caption="All clients, including inactive ones" />
      {query.data.total > query.data.clients.length ? (
        <p className="text-xs text-subtle">
          Showing the first {query.data.clients.length} of {query.data.total} clients.
        </p>
      ) : null}
    </div>
  );
}
