"use client";

import dynamic from "next/dynamic";
import { useId, useMemo, type ReactNode } from "react";
import { trendsChartOption } from "@/lib/charts/trends-chart-option";
import { formatLatency } from "@/lib/ui/history-format";
import { uptimeFigureText } from "@/lib/ui/uptime-figure";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertCircleIcon, ChartIcon, RefreshIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { UptimeFigure } from "@/components/ui/uptime-figure";
import { useResolvedTheme } from "@/components/layout/theme-toggle";
import { useTrendsQuery } from "./use-trends-query";

const EChart = dynamic(() => import("@/components/charts/echart"), { ssr: false, loading: () => <Skeleton className="size-full" /> });

const DAYS = 30;

/**
 * Fleet health over the last 30 days from GET /api/system/trends: daily uptime across every
 * system and daily p95 response time. Past days never change, so a minute between refreshes
 * is plenty (the table above it refreshes every 30 s).
 */
export function FleetTrends({ paused }: { paused: boolean }) {
  const query = useTrendsQuery(DAYS, { paused });
  const theme = useResolvedTheme() ?? "light";
  const option = useMemo(() => (query.data ? trendsChartOption(query.data, theme) : null), [query.data, theme]);
  const titleId = useId();
  const data = query.data;
  const measured = data ? data.days.some((d) => d.uptime_pct !== null) : false;

  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none" data-testid="fleet-trends">
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <h2 id={titleId} className="text-sm font-semibold text-fg">
            Fleet health
          </h2>
          <p className="mt-0.5 text-[13px] text-muted">Daily uptime and p95 response time across all systems, last {DAYS} days (UTC)</p>
        </div>
        {data && measured ? (
          <dl className="flex gap-6" data-testid="fleet-trends-summary">
            <Figure label={`Uptime ${DAYS}d`} value={<UptimeFigure figure={data.summary.uptime} windowLabel={`${DAYS} days`} className="text-sm" />} />
            <Figure label="p95" value={data.summary.p95_response_ms === null ? "—" : `${data.summary.p95_approximate ? "≈ " : ""}${formatLatency(data.summary.p95_response_ms)}`} />
            <Figure label="Checks" value={data.summary.checks.toLocaleString("en-US")} />
          </dl>
        ) : null}
      </div>
      <div className="px-5 pb-4 pt-4">
        {query.isError && !data ? (
          <div role="alert" className="flex h-52 flex-col items-center justify-center gap-3 text-center">
            <AlertCircleIcon className="size-6 text-rose-600 dark:text-rose-400" />
            <p className="text-sm font-semibold text-fg">Couldn&rsquo;t load the trends</p>
            <Button size="sm" onClick={() => void query.refetch()}>
              <RefreshIcon className="size-3.5" />
              Try again
            </Button>
          </div>
        ) : !data ? (
          <div role="status" aria-busy="true" aria-label="Loading trends">
            <Skeleton className="h-52 w-full" />
          </div>
        ) : !measured ? (
          <EmptyState icon={ChartIcon} title="No history yet" headingLevel={3} compact className="h-52 justify-center">
            Trends appear here once systems have been checked.
          </EmptyState>
        ) : (
          <div
            role="img"
            aria-label={`Fleet health. ${uptimeFigureText(data.summary.uptime, `the last ${DAYS} days`).label}; p95 response ${data.summary.p95_approximate ? "about " : ""}${formatLatency(data.summary.p95_response_ms)}`}
            className="h-52"
            data-testid="fleet-trends-canvas"
          >
            {option ? <EChart option={option} /> : null}
          </div>
        )}
      </div>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-[11px] font-medium uppercase tracking-wide text-subtle">{label}</dt>
      <dd className="text-sm font-medium text-fg tabular-nums">{value}</dd>
    </div>
  );
}
