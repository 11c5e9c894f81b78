"use client";

import { useId, useState, type ReactNode } from "react";
import type { SystemOutput } from "@/lib/clients/schemas";
import type { SystemHistory } from "@/lib/monitoring/get-system-history";
import { cx } from "@/lib/ui/class-names";
import { formatLatency } from "@/lib/ui/history-format";
import { formatClockUtc, formatInterval, formatMilliseconds, formatTimestampUtc, formatUtc } from "@/lib/ui/relative-time";
import { PRIVATE_NETWORK_ANCHOR } from "@/lib/ui/status";
import { Badge } from "@/components/ui/badge";
import { ChevronDownIcon, ClockIcon, ShieldIcon } from "@/components/ui/icons";
import { EditSystemButton } from "./edit-system-dialog";
import { StatusBadge, STATUS_TEXT } from "./status-badge";
import { UptimeBars } from "./uptime-bars";
import { UptimeFigure } from "@/components/ui/uptime-figure";
import type { UptimeFigure as UptimeFigureValue } from "@/lib/clients/schemas";
import { useSystemHistoryQuery } from "./use-system-history-query";

/** A system's figures as get_system_health gives them (uptime windows, p95 of the last 24 h from hourly histograms). */
export interface SystemFigures {
  uptime_24h: UptimeFigureValue;
  uptime_30d: UptimeFigureValue;
  p95_24h_ms: number | null;
  /** True when p95 is estimated from histograms rather than computed from the raw checks. */
  p95_approximate: boolean;
}

/**
 * The client's systems, one compact row each, in the order given (the page passes them worst
 * first). Each row's 90-day strip comes from the history query the history section also uses
 * (one request, refreshed every 30 s); `now` is the server's time of the page, for "last check".
 */
export function SystemRows({
  clientId,
  systems,
  figures,
  initialHistory,
  slaTarget,
  now,
  canEdit = false,
  canAdmin = false,
}: {
  clientId: string;
  systems: readonly SystemOutput[];
  figures: Readonly<Record<string, SystemFigures>>;
  initialHistory: SystemHistory;
  slaTarget: number;
  now: number;
  canEdit?: boolean;
  canAdmin?: boolean;
}) {
  const query = useSystemHistoryQuery(clientId, null, "90d", { initialData: initialHistory });
  const history = query.data ?? initialHistory;
  const byName = new Map(history.systems.map((s) => [s.system_name, s]));
  return (
    <ul className="divide-y divide-line rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none">
      {systems.map((system) => {
        const h = byName.get(system.name);
        return (
          <li key={system.id}>
            <SystemRow
              clientId={clientId}
              system={system}
              figures={figures[system.name]}
              bars={h ? { bars: h.uptime_bars, uptime: h.uptime_90d } : null}
              slaTarget={slaTarget}
              now={now}
              canEdit={canEdit}
              canAdmin={canAdmin}
            />
          </li>
        );
      })}
    </ul>
  );
}

function SystemRow({
  clientId,
  system,
  figures,
  bars,
  slaTarget,
  now,
  canEdit,
  canAdmin,
}: {
  clientId: string;
  system: SystemOutput;
  figures: SystemFigures | undefined;
  bars: { bars: SystemHistory["systems"][number]["uptime_bars"]; uptime: UptimeFigureValue } | null;
  slaTarget: number;
  now: number;
  canEdit: boolean;
  canAdmin: boolean;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const nameId = `system-${system.id}-name`;
  const checked = system.last_check !== null;
  // Read from the stored rule, never the reason text: a refused check is unknown, not an outage.
  const refusal = system.status === "unknown" ? REFUSALS[system.status_rule ?? ""] : undefined;

  return (
    <article aria-labelledby={nameId} className="flex flex-col gap-2.5 px-4 py-3.5 sm:px-5" data-testid="system-card" data-status={system.status}>
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2.5 gap-y-1">
          <h3 id={nameId} className="min-w-0 break-words text-sm font-semibold text-fg">
            {system.name}
          </h3>
          {refusal ? (
            <Badge tone="slate" title={system.status_reason ?? undefined}>
              <ShieldIcon className="size-3.5" />
              Misconfigured
              {system.status_reason ? <span className="sr-only">: {system.status_reason}</span> : null}
            </Badge>
          ) : (
            <StatusBadge status={system.status} reason={system.status_reason} />
          )}
          {!system.enabled ? <Badge tone="neutral">Disabled</Badge> : null}
        </div>
        <div className="-my-1 flex shrink-0 items-center gap-1">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((o) => !o)}
            className="inline-flex h-8 items-center gap-1 rounded-lg px-2 text-[13px] font-medium text-muted transition-colors hover:bg-surface-hover hover:text-fg dark:hover:bg-white/[0.06]"
          >
            <span className="sr-only sm:not-sr-only">Details</span>
            <span className="sr-only"> of {system.name}</span>
            <ChevronDownIcon className={cx("size-3.5 transition-transform", open && "rotate-180")} />
          </button>
          {canEdit ? <EditSystemButton clientId={clientId} system={system} /> : null}
        </div>
      </div>

      <div className="flex flex-col gap-2.5 lg:flex-row lg:items-start lg:justify-between lg:gap-8">
        {/* Inline text, so a long reason and its time wrap together like a sentence; never cut. */}
        <p className="min-w-0 flex-1 text-[13px] leading-5" data-testid="system-reason">
          {!system.enabled ? <span className="text-subtle">Checks paused for this system. </span> : null}
          {checked ? (
            <>
              <span className={STATUS_TEXT[system.status]}>{system.status_reason ?? "Last check passed"}</span>
              {system.response_time_ms !== null ? <span className="whitespace-nowrap text-subtle"> · {formatLatency(system.response_time_ms)}</span> : null}
            </>
          ) : (
            <span className="inline-flex items-center gap-1.5 text-subtle">
              <ClockIcon className="size-3.5" />
              Awaiting first check
            </span>
          )}
        </p>
        <dl className="grid shrink-0 grid-cols-4 gap-x-4 gap-y-1 sm:gap-x-6 lg:text-right" data-testid="system-figures">
          <Figure label="24 h" prefix="Uptime ">
            <UptimeFigure figure={figures?.uptime_24h ?? null} windowLabel="24 hours" target={slaTarget} stacked align="start" />
          </Figure>
          <Figure label="30 d" prefix="Uptime ">
            <UptimeFigure figure={figures?.uptime_30d ?? null} windowLabel="30 days" target={slaTarget} stacked align="start" />
          </Figure>
          <Figure
            label="p95"
            title={figures?.p95_approximate ? "95th percentile response time over the last 24 hours, estimated from hourly histograms (±9 %)" : "95th percentile response time over the last 24 hours, from every check"}
          >
            {figures?.p95_24h_ms == null ? (
              <span className="text-subtle">—</span>
            ) : (
              <span className="tabular-nums text-fg">
                {figures.p95_approximate ? "≈ " : ""}
                {formatLatency(figures.p95_24h_ms)}
              </span>
            )}
          </Figure>
          <Figure label="Checked">
            {system.last_check ? (
              <time dateTime={system.last_check} title={formatTimestampUtc(system.last_check)} className="tabular-nums text-fg">
                {shortTime(system.last_check, now)}
              </time>
            ) : (
              <span className="text-subtle">never</span>
            )}
          </Figure>
        </dl>
      </div>

      {refusal ? <RefusalNote refusal={refusal} canAdmin={canAdmin} /> : null}

      {bars ? <UptimeBars systemName={system.name} bars={bars.bars} uptime={bars.uptime} paused={!system.enabled} compact /> : null}

      <div id={detailsId} hidden={!open} className="rounded-lg border border-line bg-surface-muted/60 dark:bg-white/[0.015]" data-testid="system-details">
        <dl className="flex flex-col gap-2.5 px-4 py-3 text-[13px]">
          <UrlRow label="Health URL" url={system.health_url} />
          <UrlRow label="Metrics URL" url={system.metrics_url} />
        </dl>
        <dl className="grid grid-cols-2 divide-line border-t border-line text-center sm:grid-cols-4 sm:divide-x">
          <Stat label="Interval" value={formatInterval(system.check_interval_seconds)} />
          <Stat label="Timeout" value={formatMilliseconds(system.timeout_ms)} />
          <Stat label="Degraded" value={`> ${formatMilliseconds(system.degraded_threshold_ms)}`} />
          <Stat
            label="Confirm"
            value={`${system.confirmations} check${system.confirmations === 1 ? "" : "s"}`}
            title={`A status change needs ${system.confirmations} agreeing check${system.confirmations === 1 ? "" : "s"} in a row`}
          />
        </dl>
      </div>
    </article>
  );
}

/** "12:10 UTC" for a check of the page's day, the full date-time otherwise. */
function shortTime(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10) ? `${formatClockUtc(ms)} UTC` : formatUtc(ms);
}

function Figure({ label, prefix, title, children }: { label: string; prefix?: string; title?: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5" title={title}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-subtle">
        {/* "Uptime 24 h" from sm up; a phone's narrow column shows "24 h" and still says "Uptime" to screen readers. */}
        {prefix ? <span className="sr-only sm:not-sr-only">{prefix}</span> : null}
        {label}
      </dt>
      <dd className="whitespace-nowrap text-[13px] font-medium">{children}</dd>
    </div>
  );
}

function UrlRow({ label, url }: { label: string; url: string | null }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] items-baseline gap-3">
      <dt className="text-subtle">{label}</dt>
      <dd className="min-w-0">
        {url ? <span className="block break-all font-mono text-xs leading-5 text-fg">{url}</span> : <span className="text-subtle">Not configured</span>}
      </dd>
    </div>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="flex flex-col-reverse gap-0.5 px-2 py-2.5" title={title} data-testid={`stat-${label.toLowerCase()}`}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-subtle">{label}</dt>
      <dd className="text-sm font-medium text-fg tabular-nums">{value}</dd>
    </div>
  );
}

type Refusal = "private" | "forbidden" | "invalid" | "dns";

/** The rules under which a check was not sent or reached nothing (systems.status_rule, REFUSED_RULES). */
const REFUSALS: Partial<Record<string, Refusal>> = { blocked_private: "private", blocked_by_policy: "forbidden", invalid_target: "invalid", dns_never_resolved: "dns" };

/** A check ClientPulse refused to send: say so plainly, and where it can be allowed. */
function RefusalNote({ refusal, canAdmin }: { refusal: Refusal; canAdmin: boolean }) {
  return (
    <p
      role="note"
      className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] leading-5 text-amber-900 dark:border-amber-400/25 dark:bg-amber-400/[0.08] dark:text-amber-100"
      data-testid="policy-block"
    >
      <ShieldIcon className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-300" />
      {refusal === "dns" ? (
        <span>The health URL&rsquo;s host name has never resolved: check it for a typo. Not counted as downtime; edit the system&rsquo;s URL.</span>
      ) : refusal === "invalid" ? (
        <span>ClientPulse could not send this check: the health URL is not a valid address. Not counted as downtime; edit the system&rsquo;s URL.</span>
      ) : refusal === "forbidden" ? (
        <span>ClientPulse never connects to this address (link-local, cloud metadata or reserved). Use the system&rsquo;s public address.</span>
      ) : canAdmin ? (
        <span>
          ClientPulse did not send this check: the address is private.{" "}
          <a href={`#${PRIVATE_NETWORK_ANCHOR}`} className="font-medium underline decoration-amber-400 underline-offset-2 hover:decoration-current">
            Allow private network access
          </a>{" "}
          if this client&rsquo;s systems are on your network.
        </span>
      ) : (
        <span>ClientPulse did not send this check: the address is private. An admin can allow private network access for this client.</span>
      )}
    </p>
  );
}
