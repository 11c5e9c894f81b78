"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { AllClientsStatus } from "@/lib/clients/schemas";
import { fetchJson } from "@/lib/ui/fetch-json";
import { queryKeys } from "@/lib/query-keys";

const DASHBOARD_REFRESH_MS = 30_000;

/**
 * The dashboard summary: first paint from the server component's verb call, then kept fresh
 * from GET /api/dashboard/summary every 30 s unless paused.
 */
export function useDashboardSummaryQuery(initialData: AllClientsStatus, { paused }: { paused: boolean }) {
  const key = queryKeys.dashboard.summary({ includeInactive: false });
  const queryClient = useQueryClient();
  const initialUpdatedAt = Date.parse(initialData.dashboard_updated);

  // A router.refresh() (e.g. after loading the demo workspace) brings newer server data:
  // adopt it if it is fresher than what the cache holds.
  useEffect(() => {
    const state = queryClient.getQueryState<AllClientsStatus>(key);
    if (!state?.data || initialUpdatedAt > state.dataUpdatedAt) {
      queryClient.setQueryData(key, initialData, { updatedAt: initialUpdatedAt });
    }
    // Keyed by the server's timestamp on purpose: a new object with the same time is the same data.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [initialUpdatedAt]);

  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<AllClientsStatus>("/api/dashboard/summary?include_inactive=false", { signal }),
    initialData,
    initialDataUpdatedAt: initialUpdatedAt,
    refetchInterval: paused ? false : DASHBOARD_REFRESH_MS,
    refetchOnWindowFocus: !paused,
  });
}
