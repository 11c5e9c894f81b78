"use client";

import { useQuery } from "@tanstack/react-query";
import type { SystemHistory } from "@/lib/monitoring/get-system-history";
import type { HistoryTimeframe } from "@/lib/monitoring/history-series";
import { fetchJson } from "@/lib/ui/fetch-json";
import { queryKeys } from "@/lib/query-keys";

const HISTORY_REFRESH_MS = 30_000;

/**
 * A client's history from GET /api/client/{id}/history, refreshed every 30 s like the
 * dashboard. `system` null = all systems. `initialData` (the page's own verb call) paints the
 * first frame without a request; "Check now" invalidates everything under clients.all.
 */
export function useSystemHistoryQuery(
  clientId: string,
  system: string | null,
  timeframe: HistoryTimeframe,
  options: { initialData?: SystemHistory } = {},
) {
  const params = new URLSearchParams({ timeframe });
  if (system !== null) params.set("system", system);
  return useQuery({
    queryKey: queryKeys.clients.history(clientId, system, timeframe),
    queryFn: ({ signal }) => fetchJson<SystemHistory>(`/api/client/${encodeURIComponent(clientId)}/history?${params}`, { signal }),
    initialData: options.initialData,
    initialDataUpdatedAt: options.initialData ? Date.parse(options.initialData.generated_at) : undefined,
    refetchInterval: HISTORY_REFRESH_MS,
  });
}
