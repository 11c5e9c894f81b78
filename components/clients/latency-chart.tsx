"use client";

import dynamic from "next/dynamic";
import { useId, useMemo, useState, type ReactNode } from "react";
import { latencyChartOption } from "@/lib/charts/latency-chart-option";
import type { LatencySeries } from "@/lib/monitoring/get-system-history";
import { HISTORY_TIMEFRAMES, type HistoryTimeframe } from "@/lib/monitoring/history-series";
import { cx } from "@/lib/ui/class-names";
import { formatLatency } from "@/lib/ui/history-format";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertCircleIcon, ChartIcon, ChevronDownIcon, RefreshIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { UptimeFigure } from "@/components/ui/uptime-figure";
import { useResolvedTheme } from "@/components/layout/theme-toggle";
import { useSystemHistoryQuery } from "./use-system-history-query";

// ECharts measures the DOM: render it in the browser only, a skeleton until its code arrives.
const EChart = dynamic(() => import("@/components/charts/echart"), {
  ssr: false,
  loading: () => <Skeleton className="size-full" />,
});

const DESCRIPTION: Record<HistoryTimeframe, string> = {
  "1h": "Every check of the last hour, coloured by its result",
  "6h": "Every check of the last 6 hours, coloured by its result",
  "24h": "Every check of the last 24 hours, coloured by its result",
  "7d": "Hourly average and p95 of the last 7 days",
  "30d": "Hourly average and p95 of the last 30 days",
  "90d": "Daily average and p95 of the last 90 days",
};

const SPOKEN: Record<HistoryTimeframe, string> = { "1h": "hour", "6h": "6 hours", "24h": "24 hours", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

/**
 * Response times of one system over a chosen timeframe, with its statistics. Owns the system
 * and timeframe choice; the data comes from the history endpoint (refreshed every 30 s).
 * `systems` come worst first: the chart opens on the first, the system in trouble.
 */
export function LatencyChart({ clientId, systems }: { clientId: string; systems: readonly string[] }) {
  const [system, setSystem] = useState(systems[0] ?? "");
  const [timeframe, setTimeframe] = useState<HistoryTimeframe>("24h");
  // A system renamed or removed since the page loaded: fall back to the first one.
  const selected = systems.includes(system) ? system : (systems[0] ?? "");
  const query = useSystemHistoryQuery(clientId, selected, timeframe);
  const theme = useResolvedTheme() ?? "light";
  const entry = query.data?.systems[0];
  const latency = entry?.latency;
  const timeWindow = query.data?.window;
  const maintenance = query.data?.maintenance;
  const option = useMemo(() => (latency ? latencyChartOption(latency, theme, timeWindow, maintenance) : null), [latency, theme, timeWindow, maintenance]);
  const selectId = useId();
  const titleId = useId();

  return (
    <section
      aria-labelledby={titleId}
      className="rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none"
      data-testid="latency-chart"
      data-system={selected}
    >
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <h3 id={titleId} className="text-sm font-semibold text-fg">
            Response time
          </h3>
          <p className="mt-0.5 text-[13px] text-muted">{DESCRIPTION[timeframe]} (UTC)</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {systems.length > 1 ? (
            <>
              <label htmlFor={selectId} className="sr-only">
                System
              </label>
              <span className="relative">
                <select
                  id={selectId}
                  value={selected}
                  onChange={(e) => setSystem(e.target.value)}
                  className="h-8 max-w-[14rem] appearance-none truncate rounded-lg border border-line-strong bg-surface pl-2.5 pr-8 text-[13px] font-medium text-fg shadow-xs hover:bg-surface-hover dark:bg-white/[0.03]"
                >
                  {systems.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
                <ChevronDownIcon aria-hidden className="pointer-events-none absolute right-2.5 top-1/2 size-3.5 -translate-y-1/2 text-subtle" />
              </span>
            </>
          ) : null}
          <TimeframePicker value={timeframe} onChange={setTimeframe} />
        </div>
      </div>

      <div className="px-5 pb-5 pt-4">
        {query.isError && !latency ? (
          <div role="alert" className="flex flex-col items-center gap-3 px-4 py-12 text-center">
            <AlertCircleIcon className="size-6 text-rose-600 dark:text-rose-400" />
            <div>
              <p className="text-sm font-semibold text-fg">Couldn&rsquo;t load the response times</p>
              <p className="mt-1 text-[13px] text-muted">{query.error.message}</p>
            </div>
            <Button size="sm" onClick={() => void query.refetch()}>
              <RefreshIcon className="size-3.5" />
              Try again
            </Button>
          </div>
        ) : !latency ? (
          <div role="status" aria-busy="true" aria-label="Loading response times" data-testid="latency-loading">
            <StatsSkeleton />
            <Skeleton className="mt-4 h-52 w-full sm:h-72" />
          </div>
        ) : (
          <>
            <Stats latency={latency} timeframe={timeframe} />
            {latency.points.length === 0 ? (
              <EmptyState icon={ChartIcon} title="No checks in this period yet" headingLevel={3} compact className="mt-4 h-52 justify-center sm:h-72">
                Response times appear here as {selected} is checked.
              </EmptyState>
            ) : (
              <div
                role="img"
                aria-label={`Response time of ${selected} over the last ${SPOKEN[timeframe]}: average ${formatLatency(latency.stats.avg_ms)}, p95 ${formatLatency(latency.stats.p95_ms)}`}
                className="mt-4 h-52 sm:h-72"
                data-testid="latency-canvas"
              >
                {option ? <EChart option={option} /> : null}
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** A segmented control: one button per timeframe, the chosen one aria-pressed. */
function TimeframePicker({ value, onChange }: { value: HistoryTimeframe; onChange: (t: HistoryTimeframe) => void }) {
  return (
    <div role="group" aria-label="Timeframe" className="inline-flex h-8 items-center rounded-lg border border-line-strong bg-surface-muted p-0.5 dark:bg-white/[0.03]">
      {HISTORY_TIMEFRAMES.map((t) => {
        const pressed = t === value;
        return (
          <button
            key={t}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(t)}
            className={cx(
              "h-full rounded-md px-2.5 text-xs font-medium tabular-nums transition-colors",
              pressed ? "bg-surface text-fg shadow-xs ring-1 ring-line dark:bg-white/[0.1] dark:ring-white/10" : "text-muted hover:text-fg",
            )}
          >
            {t}
          </button>
        );
      })}
    </div>
  );
}

function Stats({ latency, timeframe }: { latency: LatencySeries; timeframe: HistoryTimeframe }) {
  const s = latency.stats;
  // Rollup percentiles are histogram estimates (±9 %, the server says so); raw 24 h figures are exact.
  const approx = s.approximate ? "≈ " : "";
  const items: [string, ReactNode, string?][] = [
    ["Average", formatLatency(s.avg_ms)],
    ["p50", s.p50_ms === null ? "—" : approx + formatLatency(s.p50_ms)],
    ["p95", s.p95_ms === null ? "—" : approx + formatLatency(s.p95_ms)],
    ["p99", s.p99_ms === null ? "—" : approx + formatLatency(s.p99_ms)],
    [`Uptime ${timeframe}`, <UptimeFigure key="uptime" figure={latency.uptime} windowLabel={SPOKEN[timeframe]} className="text-sm" stacked align="start" />],
  ];
  return (
    <dl className="grid grid-cols-3 gap-x-4 gap-y-3 sm:grid-cols-5" data-testid="latency-stats">
      {items.map(([label, value, title]) => (
        <div key={label} className="flex min-w-0 flex-col gap-0.5" title={title}>
          <dt className="text-[11px] font-medium uppercase tracking-wide text-subtle">{label}</dt>
          <dd className="truncate text-sm font-medium text-fg tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatsSkeleton() {
  return (
    <div className="grid grid-cols-3 gap-x-4 gap-y-3 sm:grid-cols-5">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="flex flex-col gap-1.5">
          <Skeleton className="h-3 w-12" />
          <Skeleton className="h-4 w-16" />
        </div>
      ))}
    </div>
  );
}
