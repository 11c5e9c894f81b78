"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { PERFORMANCE_METRICS, performanceChartOption, type PerformanceMetric } from "@/lib/charts/performance-chart-option";
import type { PerformanceSeriesOutput } from "@/lib/metrics/get-performance-series";
import type { MetricPullEntry } from "@/lib/metrics/list-metric-pulls";
import { TIMEFRAMES, type Timeframe } from "@/lib/metrics/periods";
import type { PerformanceMetrics } from "@/lib/metrics/schemas";
import { queryKeys } from "@/lib/query-keys";
import { cx } from "@/lib/ui/class-names";
import { fetchJson } from "@/lib/ui/fetch-json";
import { coverageLine, directionChip, formatHours, formatMoney, metricsState, readablePullMessage, successTrend, toChartSeries, volumeTrend, type Tone } from "@/lib/charts/performance-view";
import { formatAgo, formatTimestampUtc } from "@/lib/ui/relative-time";
import type { ClientOutput } from "@/lib/clients/schemas";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ChartIcon, DownloadIcon, ListIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useResolvedTheme } from "@/components/layout/theme-toggle";
import { EditClientSettingsButton } from "./edit-client-settings-dialog";

const EChart = dynamic(() => import("@/components/charts/echart"), { ssr: false, loading: () => <Skeleton className="size-full" /> });

const REFRESH_MS = 60_000;
const SPOKEN: Record<Timeframe, string> = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days", "90d": "last 90 days" };
const METRIC_LABEL: Record<PerformanceMetric, string> = { volume: "Volume", success_rate: "Success rate", processing_time: "Processing time", cost_savings: "Cost savings" };
const METRIC_HINT: Record<PerformanceMetric, string> = {
  volume: "Successful and failed automations",
  success_rate: "Successful automations as a share of all",
  processing_time: "Average processing time per automation",
  cost_savings: "Cost savings the systems reported",
};

export interface PerformanceInitial {
  timeframe: Timeframe;
  figures: PerformanceMetrics;
  series: PerformanceSeriesOutput;
  pulls: MetricPullEntry[];
}

type ClientPick = Pick<ClientOutput, "client_id" | "client_name" | "time_zone" | "hourly_rate" | "currency" | "systems">;

/**
 * The client page's business metrics (issue #10 item 6): a timeframe, headline figures with the
 * trend against the previous period and what they cover, one metric charted at a time, the ROI
 * at the client's hourly rate (editable by editors), and the last pulls with their messages.
 * The first frame is the page's own verb calls (30 d); other timeframes come from the REST API.
 */
export function PerformanceSection({ client, initial, canWrite, now }: { client: ClientPick; initial: PerformanceInitial; canWrite: boolean; now: number }) {
  const [timeframe, setTimeframe] = useState<Timeframe>(initial.timeframe);
  const [metric, setMetric] = useState<PerformanceMetric>("volume");
  const id = client.client_id;
  const base = `/api/client/${encodeURIComponent(id)}/metrics`;
  const isInitial = timeframe === initial.timeframe;
  const figuresQuery = useQuery({
    queryKey: queryKeys.clients.performance(id, "figures", timeframe),
    queryFn: ({ signal }) => fetchJson<PerformanceMetrics>(`${base}?timeframe=${timeframe}`, { signal }),
    initialData: isInitial ? initial.figures : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const seriesQuery = useQuery({
    queryKey: queryKeys.clients.performance(id, "series", timeframe),
    queryFn: ({ signal }) => fetchJson<PerformanceSeriesOutput>(`${base}/series?timeframe=${timeframe}`, { signal }),
    initialData: isInitial ? initial.series : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const pullsQuery = useQuery({
    queryKey: queryKeys.clients.metricPulls(id),
    queryFn: ({ signal }) => fetchJson<{ pulls: MetricPullEntry[] }>(`${base}/pulls?limit=10`, { signal }).then((r) => r.pulls),
    initialData: initial.pulls,
    refetchInterval: REFRESH_MS,
  });
  const figures = figuresQuery.data ?? initial.figures;
  const series = seriesQuery.data ?? initial.series;
  const pulls = pullsQuery.data ?? initial.pulls;
  const loading = figuresQuery.isPlaceholderData || seriesQuery.isPlaceholderData;
  const error = figuresQuery.error ?? seriesQuery.error;
  const anyData = series.buckets.some((b) => b.total_automations !== null) || figures.metrics.total_automations > 0;
  const state = metricsState(client.systems, pulls.length, anyData);

  return (
    <section aria-labelledby="performance-heading" className="flex flex-col gap-3" data-testid="client-performance">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id="performance-heading" className="text-sm font-semibold text-fg">
            Performance
          </h2>
          <p className="mt-0.5 text-[13px] text-muted" data-testid="performance-coverage">
            {coverageLine(figures.coverage, figures.period.start, figures.time_zone)} · days in {figures.time_zone}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Segmented label="Timeframe" options={TIMEFRAMES} value={timeframe} onChange={setTimeframe} render={(t) => t} />
          <a
            href={`${base}?format=csv&start=${series.days.start}&end=${series.days.end}`}
            download
            className="inline-flex h-8 items-center gap-1.5 rounded-lg border border-line-strong px-2.5 text-xs font-medium text-fg shadow-xs hover:bg-surface-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent dark:bg-white/[0.03]"
            data-testid="performance-csv"
          >
            <DownloadIcon className="size-3.5" />
            CSV<span className="sr-only"> of the daily metrics {series.days.start} to {series.days.end}</span>
          </a>
        </div>
      </div>

      {error && !loading ? (
        <p role="alert" className="text-[13px] text-rose-700 dark:text-rose-400">
          Couldn&rsquo;t load the metrics for the {SPOKEN[timeframe]}: {error.message}
        </p>
      ) : null}

      <div className="grid gap-3 lg:grid-cols-3 lg:gap-4">
        <Card className="min-w-0 lg:col-span-2" aria-busy={loading}>
          <Headline figures={figures} />
          <div className="border-t border-line px-4 pb-4 pt-3 sm:px-5">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <MetricTabs value={metric} onChange={setMetric} panelId={`perf-chart-${id}`} />
              <p className="text-xs text-subtle">{series.granularity === "hour" ? "Hourly" : "Daily"}, {series.time_zone}</p>
            </div>
            <ChartArea id={`perf-chart-${id}`} series={series} metric={metric} state={state} timeframe={timeframe} canWrite={canWrite} />
          </div>
        </Card>
        <RoiPanel client={client} figures={figures} canWrite={canWrite} timeframe={timeframe} />
      </div>

      <PullList pulls={pulls} now={now} state={state} />
    </section>
  );
}

/** A segmented control: buttons in a group, the chosen one aria-pressed; arrow keys move along it. */
function Segmented<T extends string>({ label, options, value, onChange, render }: { label: string; options: readonly T[]; value: T; onChange: (v: T) => void; render: (v: T) => ReactNode }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  function onKey(e: KeyboardEvent, i: number) {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (i + step + options.length) % options.length;
    onChange(options[next]);
    refs.current[next]?.focus();
  }
  return (
    <div role="group" aria-label={label} className="inline-flex h-8 items-center rounded-lg border border-line-strong bg-surface-muted p-0.5 dark:bg-white/[0.03]">
      {options.map((o, i) => {
        const pressed = o === value;
        return (
          <button
            key={o}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(o)}
            onKeyDown={(e) => onKey(e, i)}
            className={cx(
              "h-full rounded-md px-2.5 text-xs font-medium tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent",
              pressed ? "bg-surface text-fg shadow-xs ring-1 ring-line dark:bg-white/[0.1] dark:ring-white/10" : "text-muted hover:text-fg",
            )}
          >
            {render(o)}
          </button>
        );
      })}
    </div>
  );
}

/** Tabs over the four metrics (role=tablist; arrow keys move, the chosen tab is the one in the tab order). */
function MetricTabs({ value, onChange, panelId }: { value: PerformanceMetric; onChange: (m: PerformanceMetric) => void; panelId: string }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  function onKey(e: KeyboardEvent, i: number) {
    const n = PERFORMANCE_METRICS.length;
    const next = e.key === "ArrowRight" ? (i + 1) % n : e.key === "ArrowLeft" ? (i - 1 + n) % n : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    onChange(PERFORMANCE_METRICS[next]);
    refs.current[next]?.focus();
  }
  return (
    <div role="tablist" aria-label="Metric" className="flex flex-wrap gap-1">
      {PERFORMANCE_METRICS.map((m, i) => {
        const selected = m === value;
        return (
          <button
            key={m}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(m)}
            onKeyDown={(e) => onKey(e, i)}
            className={cx(
              "h-7 shrink-0 whitespace-nowrap rounded-md px-2.5 text-[13px] font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent",
              selected ? "bg-surface-muted text-fg ring-1 ring-line dark:bg-white/[0.08]" : "text-muted hover:text-fg",
            )}
          >
            {METRIC_LABEL[m]}
          </button>
        );
      })}
    </div>
  );
}

function Chip({ chip, label }: { chip: { text: string; tone: Tone } | null; label: string }) {
  if (!chip) return <span className="text-xs text-subtle">no previous data</span>;
  return (
    <Badge tone={chip.tone} className="px-1.5 text-[11px] tabular-nums" title={label}>
      {chip.text}
    </Badge>
  );
}

function Headline({ figures }: { figures: PerformanceMetrics }) {
  const m = figures.metrics;
  const t = figures.trends;
  const dir = directionChip(t.performance_direction);
  const items: { label: string; value: string; chip?: ReactNode; testId: string }[] = [
    { label: "Automations", value: m.total_automations.toLocaleString("en-US"), chip: <Chip chip={volumeTrend(t.automation_volume_trend)} label="Volume change against the previous period" />, testId: "figure-volume" },
    { label: "Success rate", value: m.success_rate === null ? "—" : `${m.success_rate}%`, chip: <Chip chip={successTrend(t.success_rate_trend)} label="Success-rate change against the previous period, in points" />, testId: "figure-success" },
    { label: "Avg processing", value: m.avg_processing_time === null ? "—" : `${m.avg_processing_time} s`, testId: "figure-processing" },
    { label: "Cost savings", value: formatMoney(m.cost_savings, m.currency, true), testId: "figure-savings" },
  ];
  return (
    <div className="px-4 pb-3 pt-4 sm:px-5">
      <div className="mb-3 flex flex-wrap items-center gap-2 text-xs text-muted">
        <Badge tone={dir.tone} className="text-[11px]" title="Direction against the previous equal period (volume and success rate)">
          {dir.text}
        </Badge>
        <span>vs the previous {figures.previous_period.hours >= 48 ? `${Math.round(figures.previous_period.hours / 24)} days` : `${figures.previous_period.hours} hours`}</span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
        {items.map((it) => (
          <div key={it.label} className="flex min-w-0 flex-col gap-0.5" data-testid={it.testId}>
            <dt className="text-[11px] font-medium uppercase tracking-wide text-subtle">{it.label}</dt>
            <dd className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <span className="text-lg font-semibold text-fg tabular-nums">{it.value}</span>
              {it.chip}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ChartArea({ id, series, metric, state, timeframe, canWrite }: { id: string; series: PerformanceSeriesOutput; metric: PerformanceMetric; state: ReturnType<typeof metricsState>; timeframe: Timeframe; canWrite: boolean }) {
  const theme = useResolvedTheme() ?? "light";
  const { option, empty } = useMemo(() => performanceChartOption(toChartSeries(series), metric, theme), [series, metric, theme]);
  const box = "mt-3 h-52 sm:h-64";
  if (state !== "ready" || empty) {
    return (
      <div id={id} role="tabpanel" className={cx(box, "flex items-center justify-center")} data-testid="performance-empty" data-timeframe={series.timeframe}>
        {state === "no_source" ? (
          <EmptyState icon={ChartIcon} title="No metrics source yet" headingLevel={3} compact>
            {canWrite ? "Add a metrics URL to a system (Edit on its row) and ClientPulse pulls it every 15 minutes, " : "An editor can add a metrics URL to a system, "}
            or push numbers to <code className="font-mono text-xs">POST /api/ingest/metrics</code> with an API key.
          </EmptyState>
        ) : state === "awaiting_first_pull" ? (
          <EmptyState icon={ChartIcon} title="Waiting for the first pull" headingLevel={3} compact>
            A metrics URL is set: the first pull happens within 15 minutes{canWrite ? ", or use Pull metrics now" : ""}.
          </EmptyState>
        ) : (
          <EmptyState icon={ChartIcon} title="No metrics in this timeframe" headingLevel={3} compact>
            Nothing was collected in the {SPOKEN[timeframe]}; try a longer timeframe.
          </EmptyState>
        )}
      </div>
    );
  }
  const filled = series.buckets.filter((b) => b.total_automations !== null).length;
  return (
    <div
      id={id}
      role="tabpanel"
      aria-label={`${METRIC_HINT[metric]}, ${SPOKEN[timeframe]}, ${series.granularity === "hour" ? "per hour" : "per day"}: ${filled} of ${series.buckets.length} ${series.granularity === "hour" ? "hours" : "days"} with data`}
      className={box}
      data-testid="performance-chart"
      data-timeframe={series.timeframe}
      data-metric={metric}
      data-buckets={series.buckets.length}
    >
      <EChart option={option} />
    </div>
  );
}

function RoiPanel({ client, figures, canWrite, timeframe }: { client: ClientPick; figures: PerformanceMetrics; canWrite: boolean; timeframe: Timeframe }) {
  const roi = figures.metrics.roi_metrics;
  const currency = figures.metrics.currency;
  const rows: [string, string, string][] = [
    ["Time saved", formatHours(roi.time_saved_hours), "Hours of manual work the systems reported saving"],
    ["Labour cost savings", formatMoney(roi.labor_cost_savings, currency, true), "Time saved × the hourly rate"],
    ["Efficiency improvement", roi.efficiency_improvement === null ? "—" : `${roi.efficiency_improvement}%`, "Time saved / (time saved + processing time)"],
  ];
  return (
    <Card className="flex flex-col" data-testid="performance-roi">
      <div className="flex items-start justify-between gap-3 border-b border-line px-4 py-3.5 sm:px-5">
        <div>
          <h3 className="text-sm font-semibold text-fg">Return on investment</h3>
          <p className="mt-0.5 text-[13px] text-muted">{SPOKEN[timeframe][0].toUpperCase() + SPOKEN[timeframe].slice(1)}</p>
        </div>
      </div>
      <dl className="flex flex-col divide-y divide-line px-4 sm:px-5">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="flex items-baseline justify-between gap-3 py-3" title={hint}>
            <dt className="text-[13px] text-muted">{label}</dt>
            <dd className="text-base font-semibold text-fg tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="flex-1 px-4 pb-3 text-xs leading-5 text-subtle sm:px-5">
        Labour cost savings = time saved × the hourly rate. Efficiency improvement = time saved / (time saved + processing time).
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-line bg-surface-muted/60 px-4 py-2.5 text-[13px] sm:px-5 dark:bg-white/[0.02]" data-testid="hourly-rate">
        <span className="text-muted">
          Hourly rate <span className="font-medium text-fg tabular-nums">{formatMoney(roi.hourly_rate, currency)}</span>
          <span className="text-subtle"> / hour saved</span>
        </span>
        {canWrite ? <EditClientSettingsButton client={client} label="Edit rate" /> : <span className="text-xs text-subtle">Set by an editor</span>}
      </div>
    </Card>
  );
}

const OUTCOME_TONE: Record<string, "emerald" | "amber" | "rose" | "neutral"> = { accepted: "emerald", partial: "amber", rejected: "rose", error: "rose" };
const SOURCE_LABEL: Record<string, string> = { pull: "Scheduled pull", push: "Push", manual: "Pulled now" };

function PullList({ pulls, now, state }: { pulls: MetricPullEntry[]; now: number; state: ReturnType<typeof metricsState> }) {
  const headingId = useId();
  return (
    <Card data-testid="metric-pulls">
      <div className="border-b border-line px-4 py-3.5 sm:px-5">
        <h3 id={headingId} className="text-sm font-semibold text-fg">
          Last pulls
        </h3>
        <p className="mt-0.5 text-[13px] text-muted">Each metrics pull or push and what became of it, newest first</p>
      </div>
      {pulls.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-5 text-[13px] text-muted sm:px-5">
          <ListIcon className="size-4 shrink-0 text-subtle" />
          {state === "no_source" ? "No system has a metrics URL and nothing was pushed yet." : "No pull yet: the first one happens within 15 minutes of adding a metrics URL."}
        </p>
      ) : (
        <ul aria-labelledby={headingId} className="divide-y divide-line">
          {pulls.map((p, i) => (
            <li key={`${p.at}-${p.system}-${i}`} className="flex flex-col gap-1 px-4 py-2.5 sm:flex-row sm:items-start sm:gap-4 sm:px-5" data-testid="metric-pull">
              <div className="flex shrink-0 items-center gap-2 sm:w-64">
                <Badge tone={OUTCOME_TONE[p.outcome] ?? "neutral"} className="text-[11px] capitalize">
                  {p.outcome}
                </Badge>
                <span className="truncate text-[13px] font-medium text-fg">{p.system}</span>
              </div>
              <p className="min-w-0 flex-1 break-words text-[13px] text-muted">{p.message ? readablePullMessage(p.message) : p.outcome === "accepted" ? "Accepted" : "—"}</p>
              <p className="shrink-0 text-xs text-subtle sm:text-right">
                {SOURCE_LABEL[p.source] ?? p.source} ·{" "}
                <time dateTime={p.at} title={formatTimestampUtc(p.at, "second")}>
                  {formatAgo(Date.parse(p.at), now)}
                </time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
