"use client";

import type { AllClientsStatus, HealthStatusValue } from "@/lib/clients/schemas";
import { cx } from "@/lib/ui/class-names";
import { FLAG_LABEL, FLAG_TONE, STATUS_CARD_HINT, STATUS_LABEL, STATUS_ORDER } from "@/lib/ui/status";
import { STATUS_ICON } from "@/components/clients/status-badge";

const ACCENT: Record<HealthStatusValue, { icon: string; ring: string; bar: string }> = {
  healthy: {
    icon: "bg-emerald-50 text-emerald-600 ring-emerald-200/70 dark:bg-emerald-400/10 dark:text-emerald-400 dark:ring-emerald-400/20",
    ring: "ring-emerald-500/60 dark:ring-emerald-400/50",
    bar: "bg-emerald-500",
  },
  degraded: {
    icon: "bg-amber-50 text-amber-600 ring-amber-200/70 dark:bg-amber-400/10 dark:text-amber-400 dark:ring-amber-400/20",
    ring: "ring-amber-500/60 dark:ring-amber-400/50",
    bar: "bg-amber-500",
  },
  down: {
    icon: "bg-rose-50 text-rose-600 ring-rose-200/70 dark:bg-rose-400/10 dark:text-rose-400 dark:ring-rose-400/20",
    ring: "ring-rose-500/60 dark:ring-rose-400/50",
    bar: "bg-rose-500",
  },
  unknown: {
    icon: "bg-slate-100 text-slate-500 ring-slate-200/70 dark:bg-slate-400/10 dark:text-slate-400 dark:ring-slate-400/20",
    ring: "ring-slate-400/70 dark:ring-slate-400/50",
    bar: "bg-slate-400",
  },
};

/** Four status counts; each card also filters the table below to that status. */
export function StatusCards({
  summary,
  totalClients,
  selected,
  onSelect,
}: {
  summary: AllClientsStatus["overall_summary"];
  totalClients: number;
  selected: HealthStatusValue | null;
  onSelect: (status: HealthStatusValue | null) => void;
}) {
  return (
    <div className="flex flex-col gap-3">
      <ul className="grid grid-cols-4 gap-2 sm:grid-cols-2 sm:gap-3 lg:grid-cols-4 lg:gap-4" aria-label="Clients by status">
        {STATUS_ORDER.map((status) => {
          const count = summary[`${status}_clients`];
          const Icon = STATUS_ICON[status];
          const active = selected === status;
          const share = totalClients > 0 ? Math.round((count / totalClients) * 100) : 0;
          return (
            <li key={status}>
              <button
                type="button"
                aria-pressed={active}
                onClick={() => onSelect(active ? null : status)}
                data-testid={`status-card-${status}`}
                title={active ? "Show all clients" : `Show only ${STATUS_LABEL[status].toLowerCase()} clients`}
                className={cx(
                  "group relative flex w-full flex-col overflow-hidden rounded-xl border border-line bg-surface p-2.5 text-left shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] transition-all hover:border-line-strong dark:shadow-none sm:p-5",
                  active && cx("ring-2", ACCENT[status].ring, "border-transparent"),
                )}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate text-[11px] font-medium text-muted sm:text-[13px]">{STATUS_LABEL[status]}</span>
                  <span className={cx("hidden size-7 items-center justify-center rounded-lg ring-1 ring-inset sm:flex", ACCENT[status].icon)}>
                    <Icon className="size-4" />
                  </span>
                </div>
                <span className={cx("mt-0.5 text-xl font-semibold tracking-tight tabular-nums sm:mt-2 sm:text-3xl", count === 0 ? "text-subtle" : "text-fg")}>
                  {count}
                  <span className="sr-only"> {count === 1 ? "client" : "clients"}</span>
                </span>
                <span className="mt-1 hidden truncate text-xs text-subtle sm:block">{STATUS_CARD_HINT[status]}</span>
                <span aria-hidden className="absolute inset-x-0 bottom-0 h-0.5 bg-line">
                  <span className={cx("block h-full transition-[width]", ACCENT[status].bar)} style={{ width: `${share}%` }} />
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <AttentionCounts summary={summary} />
    </div>
  );
}

/** How many clients carry each attention flag (the server's one definition), beside the status cards. */
function AttentionCounts({ summary }: { summary: AllClientsStatus["overall_summary"] }) {
  const items = [
    { key: "needs_attention", label: "Need attention", count: summary.needs_attention_clients, tone: "rose" as const, hint: "Down, degraded, flapping, below SLA, misconfigured or stalled" },
    { key: "flapping", label: FLAG_LABEL.flapping, count: summary.flapping_clients, tone: FLAG_TONE.flapping, hint: "Several confirmed state changes within the last hour" },
    { key: "below_sla", label: "At risk of SLA", count: summary.below_sla_clients, tone: FLAG_TONE.below_sla, hint: "Uptime over the last 30 days (or since monitored) below the client's SLA target" },
    { key: "misconfigured", label: FLAG_LABEL.misconfigured, count: summary.misconfigured_clients, tone: FLAG_TONE.misconfigured, hint: "Checks refused or impossible: a configuration problem on our side" },
    { key: "stalled", label: FLAG_LABEL.stalled, count: summary.stalled_clients, tone: FLAG_TONE.stalled, hint: "Healthy, but no automations for longer than the system's usual gap" },
  ];
  return (
    <dl className="flex flex-wrap gap-2" aria-label="Clients by attention flag" data-testid="attention-counts">
      {items.map((i) => (
        <div
          key={i.key}
          title={i.hint}
          data-testid={`attention-count-${i.key}`}
          className="inline-flex items-center gap-1.5 rounded-lg border border-line bg-surface px-2 py-1 text-xs shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none sm:gap-2 sm:px-3 sm:py-1.5 sm:text-[13px]"
        >
          <dt className="text-muted">{i.label}</dt>
          <dd className={cx("font-semibold tabular-nums", i.count === 0 ? "text-subtle" : COUNT_TEXT[i.tone])}>{i.count}</dd>
        </div>
      ))}
    </dl>
  );
}

const COUNT_TEXT: Record<"rose" | "amber" | "slate", string> = {
  rose: "text-rose-700 dark:text-rose-300",
  amber: "text-amber-800 dark:text-amber-300",
  slate: "text-fg",
};
