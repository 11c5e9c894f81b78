"use client";

// TanStack Query hooks of the report screens, over the REST API (GET /api/reports,
// /api/report-schedules, /api/settings/agency); keys from lib/query-keys.ts so a mutation
// invalidates exactly what it changed.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { AgencySettingsOutput, ReportScheduleOutput, ReportSummary } from "@/lib/reports/contracts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";

export interface ReportListPage {
  reports: ReportSummary[];
  next_cursor: string | null;
}

/** Newest first; "Load more" fetches the next page by cursor. Refreshes (every page) each minute: a scheduled report's email state moves on its own. */
export function useReportsList(filters: { client_id?: string; report_type?: string; schedule_id?: string }, limit = 25) {
  const params: Record<string, string> = { limit: String(limit) };
  for (const [k, v] of Object.entries(filters)) if (v) params[k] = v;
  return useInfiniteQuery({
    queryKey: queryKeys.reports.list(params),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ReportListPage>(`/api/reports?${new URLSearchParams(pageParam ? { ...params, cursor: pageParam } : params)}`, { signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 60_000,
  });
}

/** A client's schedules ("" = every client the caller may see). */
export function useReportSchedules(clientId: string) {
  return useQuery({
    queryKey: queryKeys.reportSchedules.list(clientId),
    queryFn: ({ signal }) =>
      fetchJson<{ schedules: ReportScheduleOutput[]; email_configured: boolean }>(`/api/report-schedules${clientId ? `?${new URLSearchParams({ client_id: clientId })}` : ""}`, { signal }),
    refetchInterval: 60_000,
  });
}

export function useAgencySettings() {
  return useQuery({
    queryKey: queryKeys.agencySettings(),
    queryFn: ({ signal }) => fetchJson<AgencySettingsOutput>("/api/settings/agency", { signal }),
  });
}
