"use client";

import { useQuery } from "@tanstack/react-query";
import type { TrendsWithAutomations } from "@/lib/metrics/get-trends-with-automations";
import { fetchJson } from "@/lib/ui/fetch-json";
import { queryKeys } from "@/lib/query-keys";

/**
 * GET /api/system/trends?days=N, shared by the fleet-health and the automation charts (one
 * request for both). Past days never change, so a minute between refreshes is plenty.
 */
export function useTrendsQuery(days: number, { paused }: { paused: boolean }) {
  return useQuery({
    queryKey: queryKeys.dashboard.trends(days),
    queryFn: ({ signal }) => fetchJson<TrendsWithAutomations>(`/api/system/trends?days=${days}`, { signal }),
    refetchInterval: paused ? false : 60_000,
  });
}
