"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useId, useMemo, useState, type ReactNode } from "react";
import type { AllClientsStatus } from "@/lib/clients/schemas";
import { clientsReporting, portfolioDailyFromTrends } from "@/lib/charts/portfolio-daily-from-trends";
import { successRateChartOption, volumeChartOption } from "@/lib/charts/portfolio-metrics-chart-options";
import type { PortfolioMetrics } from "@/lib/metrics/schemas";
import { cx } from "@/lib/ui/class-names";
import { fetchJson } from "@/lib/ui/fetch-json";
import { currentMonth, portfolioCards, type CardFigure } from "@/lib/metrics/portfolio-cards";
import { queryKeys } from "@/lib/query-keys";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertCircleIcon, ChartIcon, RefreshIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useResolvedTheme } from "@/components/layout/theme-toggle";
import { useTrendsQuery } from "./use-trends-query";

const EChart = dynamic(() => import("@/components/charts/echart"), { ssr: false, loading: () => <Skeleton className="size-full" /> });

const DAYS = 30;

function usePortfolioQuery(params: Record<string, string>, paused: boolean) {
  return useQuery({
    queryKey: queryKeys.dashboard.portfolio(params),
    queryFn: ({ signal }) => fetchJson<PortfolioMetrics>(`/api/metrics/portfolio?${new URLSearchParams(params)}`, { signal }),
    refetchInterval: paused ? false : 60_000,
  });
}

/**
 * What the clients' automations achieved (issue #10): four portfolio cards from the summary
 * rows and GET /api/metrics/portfolio, then the 30-day volume and success-rate charts from
 * GET /api/system/trends (per client on hover). Before any system reports metrics, one calm
 * sentence says where the numbers come from instead of empty axes.
 */
export function PortfolioMetricsSection({ summary, paused, now }: { summary: AllClientsStatus; paused: boolean; now: number }) {
  const month = currentMonth(new Date(now));
  const trends = useTrendsQuery(DAYS, { paused });
  const monthQuery = usePortfolioQuery({ start: month.start, end: month.end }, paused);
  const last30d = usePortfolioQuery({ timeframe: "30d" }, paused);
  const titleId = useId();

  const cards = portfolioCards({ summary, month: monthQuery.data, monthLabel: month.label, last30d: last30d.data });
  const reporting = trends.data ? clientsReporting(trends.data) : 0;
  // Every report of the last 30 days (today's and this month's included) shows in the trends.
  const noMetrics = trends.data !== undefined && reporting === 0;

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3" data-testid="portfolio-metrics">
      <div>
        <h2 id={titleId} className="text-sm font-semibold text-fg">
          Automations
        </h2>
        <p className="mt-0.5 text-[13px] text-muted">What your clients&rsquo; automations achieved, from the metrics their systems report</p>
      </div>
      {trends.isError && !trends.data ? (
        <div role="alert" className="flex flex-col items-center justify-center gap-3 rounded-xl border border-line bg-surface px-5 py-8 text-center">
          <AlertCircleIcon className="size-6 text-rose-600 dark:text-rose-400" />
          <p className="text-sm font-semibold text-fg">Couldn&rsquo;t load the automation metrics</p>
          <Button size="sm" onClick={() => void trends.refetch()}>
            <RefreshIcon className="size-3.5" />
            Try again
          </Button>
        </div>
      ) : !trends.data ? (
        <div role="status" aria-busy="true" aria-label="Loading automation metrics" className="flex flex-col gap-3">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-60 w-full" />
        </div>
      ) : noMetrics ? (
        <div className="rounded-xl border border-dashed border-line-strong bg-surface" data-testid="portfolio-metrics-empty">
          <EmptyState icon={ChartIcon} title="No automation metrics yet" headingLevel={3} compact>
            <span className="block max-w-xl">
              Automations, success rates and savings appear here once a system reports them: give a system a <span className="font-medium text-fg">metrics URL</span>{" "}
              (ClientPulse pulls it every 15 minutes) or push them to <code className="rounded bg-surface-muted px-1 py-0.5 text-[12px]">POST /api/ingest/metrics</code> with an API key.
            </span>
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4 lg:gap-4" aria-label="Portfolio figures" data-testid="portfolio-cards">
            <MetricCard testId="card-automations-today" label="Automations today" figure={cards.automationsToday} />
            <MetricCard testId="card-success-today" label="Success rate today" figure={cards.successToday} />
            <MetricCard
              testId="card-cost-savings"
              label="Cost savings this month"
              figure={cards.costSavings}
              loading={!monthQuery.data && !monthQuery.isError}
              value={
                cards.costSavings.amounts.length > 1 ? (
                  <span className="flex flex-col text-lg leading-6">
                    {cards.costSavings.amounts.map((a) => (
                      <span key={a.currency}>{a.text}</span>
                    ))}
                  </span>
                ) : undefined
              }
            />
            <MetricCard
              testId="card-watch"
              label="Stalled or declining"
              figure={cards.watch}
              loading={!last30d.data && !last30d.isError}
              tone={cards.watch.empty ? undefined : "amber"}
              detail={
                cards.watch.stalled.length + cards.watch.declining.length > 0
                  ? [...cards.watch.stalled.map((n) => `${n} (stalled)`), ...cards.watch.declining.map((n) => `${n} (declining)`)].join(", ")
                  : undefined
              }
            />
          </ul>
          <div className="grid gap-3 lg:grid-cols-2 lg:gap-4">
            <VolumeChart trends={trends.data} reporting={reporting} activeClients={summary.clients.length} />
            <SuccessChart trends={trends.data} reporting={reporting} activeClients={summary.clients.length} />
          </div>
        </>
      )}
    </section>
  );
}

function MetricCard({
  label,
  figure,
  testId,
  value,
  detail,
  loading = false,
  tone,
}: {
  label: string;
  figure: CardFigure;
  testId: string;
  value?: ReactNode;
  detail?: string;
  loading?: boolean;
  tone?: "amber";
}) {
  return (
    <li
      data-testid={testId}
      className="flex min-w-0 flex-col rounded-xl border border-line bg-surface p-4 shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none sm:p-5"
    >
      <span className="text-[13px] font-medium text-muted">{label}</span>
      {loading ? (
        <Skeleton className="mt-2 h-8 w-20" />
      ) : (
        <span
          data-testid={`${testId}-value`}
          className={cx(
            "mt-2 text-2xl font-semibold tracking-tight tabular-nums sm:text-3xl",
            figure.empty ? "text-subtle" : tone === "amber" ? "text-amber-700 dark:text-amber-300" : "text-fg",
          )}
        >
          {value ?? figure.value}
        </span>
      )}
      <span className="mt-1 text-xs leading-4 text-subtle" data-testid={`${testId}-coverage`}>
        {loading ? "Loading…" : figure.coverage}
      </span>
      {detail && !loading ? (
        <span className="mt-1 line-clamp-2 text-xs leading-4 text-muted" title={detail}>
          {detail}
        </span>
      ) : null}
    </li>
  );
}

type Trends = NonNullable<ReturnType<typeof useTrendsQuery>["data"]>;

function ChartCard({
  title,
  subtitle,
  toggle,
  empty,
  emptyText,
  label,
  testId,
  children,
}: {
  title: string;
  subtitle: string;
  toggle: ReactNode;
  empty: boolean;
  emptyText: string;
  label: string;
  testId: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none" data-testid={testId}>
      {/* Title and view toggle share the first line; what the chart covers gets its own, full width. */}
      <div className="border-b border-line px-4 py-3 sm:px-5">
        <div className="flex min-h-7 items-center justify-between gap-3">
          <h3 id={id} className="text-sm font-semibold text-fg">
            {title}
          </h3>
          {empty ? null : toggle}
        </div>
        <p className="mt-0.5 text-xs text-muted" data-testid={`${testId}-coverage`}>
          {subtitle}
        </p>
      </div>
      <div className="px-2 pb-3 pt-3 sm:px-4">
        {empty ? (
          <p className="flex h-52 items-center justify-center px-6 text-center text-sm text-muted">{emptyText}</p>
        ) : (
          <div role="img" aria-label={label} className="h-56 sm:h-60" data-testid={`${testId}-canvas`}>
            {children}
          </div>
        )}
      </div>
    </section>
  );
}

function Toggle<T extends string>({ value, options, onChange, label }: { value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; label: string }) {
  return (
    <div role="group" aria-label={label} className="inline-flex shrink-0 rounded-lg border border-line bg-surface-muted p-0.5 text-xs">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cx(
            "rounded-md px-2 py-1 font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500",
            value === o.value ? "bg-surface text-fg shadow-xs" : "text-muted hover:text-fg",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

const coverageText = (reporting: number, activeClients: number) =>
  `Last ${DAYS} days, each client's own days · ${reporting} of ${activeClients} ${activeClients === 1 ? "client" : "clients"} reporting`;

function VolumeChart({ trends, reporting, activeClients }: { trends: Trends; reporting: number; activeClients: number }) {
  const [mode, setMode] = useState<"stacked" | "total">("stacked");
  const theme = useResolvedTheme() ?? "light";
  const chart = useMemo(() => volumeChartOption(portfolioDailyFromTrends(trends), theme, mode), [trends, theme, mode]);
  const total = trends.summary.automations;
  return (
    <ChartCard
      testId="volume-chart"
      title="Automation volume"
      subtitle={coverageText(reporting, activeClients)}
      empty={chart.empty}
      emptyText={`No automations recorded in the last ${DAYS} days.`}
      label={`Automation volume per day, last ${DAYS} days: ${total.toLocaleString("en-US")} automations from ${reporting} of ${activeClients} clients`}
      toggle={
        <Toggle
          label="Volume chart view"
          value={mode}
          onChange={setMode}
          options={[
            { value: "stacked", label: "By client" },
            { value: "total", label: "Total" },
          ]}
        />
      }
    >
      <EChart option={chart.option} />
    </ChartCard>
  );
}

function SuccessChart({ trends, reporting, activeClients }: { trends: Trends; reporting: number; activeClients: number }) {
  const [mode, setMode] = useState<"clients" | "portfolio">("clients");
  const theme = useResolvedTheme() ?? "light";
  const chart = useMemo(() => successRateChartOption(portfolioDailyFromTrends(trends), theme, mode), [trends, theme, mode]);
  const rate = trends.summary.success_rate;
  return (
    <ChartCard
      testId="success-chart"
      title="Success rate"
      subtitle={coverageText(reporting, activeClients)}
      empty={chart.empty}
      emptyText={`No success rate yet: no automations recorded in the last ${DAYS} days.`}
      label={`Success rate per day, last ${DAYS} days: ${rate === null ? "no automations" : `${rate}% overall`} across ${reporting} of ${activeClients} clients`}
      toggle={
        <Toggle
          label="Success rate chart view"
          value={mode}
          onChange={setMode}
          options={[
            { value: "clients", label: "By client" },
            { value: "portfolio", label: "Portfolio" },
          ]}
        />
      }
    >
      <EChart option={chart.option} />
    </ChartCard>
  );
}
