"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import type { ClientStatusRow, HealthStatusValue } from "@/lib/clients/schemas";
import { cx } from "@/lib/ui/class-names";
import { filterClients } from "@/lib/ui/client-search";
import { nextSort, sortClients, type ClientSort, type ClientSortKey } from "@/lib/ui/client-sort";
import { formatLatency } from "@/lib/ui/history-format";
import { formatAgo, formatTimestampUtc } from "@/lib/ui/relative-time";
import { FLAG_LABEL, FLAG_TONE, STATUS_LABEL, statusExplanation } from "@/lib/ui/status";
import { Badge, Tag } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { UptimeFigure } from "@/components/ui/uptime-figure";
import { ArrowRightIcon, ClockIcon, CloseIcon, SearchIcon } from "@/components/ui/icons";
import { ClientAlertCount } from "@/components/alerts/alert-chips";
import { StatusBadge, StatusDot } from "./status-badge";
import { ActionsHeader, DataTable } from "@/components/ui/data-table";

export interface ClientsTableProps {
  rows: readonly ClientStatusRow[];
  /** Reference time for relative "last check" text until the browser clock takes over. */
  now: number;
  /** Restrict to one status (the dashboard's status cards set this). */
  statusFilter?: HealthStatusValue | null;
  onClearStatusFilter?: () => void;
  /** Accessible caption for the table. */
  caption: string;
  /** Extra controls shown at the right of the search bar. */
  toolbar?: ReactNode;
  /** The order before any header is clicked; null keeps `rows` as given (e.g. attention first). */
  initialSort?: ClientSort | null;
}

export function ClientsTable({ rows, now, statusFilter, onClearStatusFilter, caption, toolbar, initialSort = null }: ClientsTableProps) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<ClientSort | null>(initialSort);
  const searchId = useId();
  const router = useRouter();
  const byStatus = statusFilter ? rows.filter((r) => r.overall_status === statusFilter) : rows;
  const filteredRows = filterClients(byStatus, query);
  const visible = sort ? sortClients(filteredRows, sort) : filteredRows;
  const sortBy = (key: ClientSortKey, align?: "end") => ({
    direction: sort?.key === key ? sort.direction : null,
    onSort: () => setSort((current) => nextSort(current, key)),
    align,
  });
  const filtered = query.trim() !== "" || Boolean(statusFilter);

  return (
    <div className="overflow-hidden rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none">
      <div className="flex flex-col gap-3 border-b border-line px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
          <div className="relative w-full sm:max-w-xs">
            <label htmlFor={searchId} className="sr-only">
              Search clients
            </label>
            <SearchIcon className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-subtle" />
            <input
              id={searchId}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Search name, ID, industry or tag"
              autoComplete="off"
              spellCheck={false}
              className="h-9 w-full rounded-lg border border-line-strong bg-surface pl-8.5 pr-3 text-sm text-fg placeholder:text-subtle transition-colors hover:border-zinc-400 focus:border-transparent focus-visible:outline-2 dark:bg-white/[0.03] dark:hover:border-white/25"
            />
          </div>
          {statusFilter ? (
            <button
              type="button"
              onClick={onClearStatusFilter}
              className="inline-flex h-7 items-center gap-1.5 rounded-md border border-line bg-surface-muted pl-2 pr-1.5 text-xs font-medium text-muted hover:text-fg"
              aria-label={`Clear status filter: ${STATUS_LABEL[statusFilter]}`}
            >
              <StatusDot status={statusFilter} />
              {STATUS_LABEL[statusFilter]} only
              <CloseIcon className="size-3.5" />
            </button>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          <p className="text-xs text-subtle tabular-nums" aria-live="polite">
            {filtered ? `${visible.length} of ${rows.length}` : rows.length} {rows.length === 1 ? "client" : "clients"}
          </p>
          {toolbar}
        </div>
      </div>

      {visible.length === 0 ? (
        <div className="flex flex-col items-center px-6 py-14 text-center">
          <div className="flex size-10 items-center justify-center rounded-xl border border-line bg-surface-muted text-muted">
            <SearchIcon className="size-5" />
          </div>
          <p className="mt-3 text-sm font-semibold text-fg">No clients match {query.trim() ? <>&ldquo;{query.trim()}&rdquo;</> : "this filter"}</p>
          <p className="mt-1 text-[13px] text-muted">Try a name, a client ID, an industry or a tag.</p>
          <Button
            size="sm"
            className="mt-4"
            onClick={() => {
              setQuery("");
              onClearStatusFilter?.();
            }}
          >
            Clear search
          </Button>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <DataTable
            caption={caption}
            textSize="text-sm"
            columns={[
              { label: "Client", className: "pl-4 pr-3 sm:pl-5", sort: sortBy("name") },
              { label: "Status", className: "pl-3 pr-4 sm:pr-3", sort: sortBy("status") },
              { label: "Systems", className: "hidden px-3 sm:table-cell", sort: sortBy("systems") },
              { label: "Uptime 24h", className: "hidden px-3 text-right md:table-cell", sort: sortBy("uptime_24h", "end") },
              { label: "Uptime 30d", className: "hidden px-3 text-right lg:table-cell", sort: sortBy("uptime_30d", "end") },
              { label: "p95 24h", className: "hidden px-3 text-right lg:table-cell", sort: sortBy("p95", "end") },
              { label: "Industry", className: "hidden px-3 2xl:table-cell" },
              { label: "Last check", className: "hidden px-3 md:table-cell", sort: sortBy("last_check") },
              { label: ActionsHeader, className: "hidden pl-3 pr-4 text-right sm:table-cell sm:pr-5" },
            ]}
          >
            <tbody className="divide-y divide-line">
              {visible.map((row) => {
                const href = `/clients/${encodeURIComponent(row.client_id)}`;
                return (
                  <tr
                    key={row.client_id}
                    data-testid="client-row"
                    onClick={(event) => {
                      // Whole-row click for mouse users; links inside keep their own behaviour.
                      if ((event.target as HTMLElement).closest("a, button")) return;
                      router.push(href);
                    }}
                    className="group cursor-pointer transition-colors hover:bg-surface-hover/70 dark:hover:bg-white/[0.025]"
                  >
                    <td className="w-full max-w-0 py-3 pl-4 pr-3 sm:w-[36%] sm:pl-5">
                      <div className="flex min-w-0 items-center gap-2">
                        <Link href={href} className="truncate font-medium text-fg hover:underline underline-offset-4 decoration-line-strong">
                          {row.client_name}
                        </Link>
                        {!row.active ? <Badge tone="neutral">Inactive</Badge> : null}
                      </div>
                      {/* The alert count on the second line: beside the name it left a narrow column only "A…" of it. */}
                      <div className="mt-0.5 flex min-w-0 items-center gap-2">
                        <ClientAlertCount clientId={row.client_id} badge={row.alerts} />
                        <span className="truncate font-mono text-xs text-subtle">{row.client_id}</span>
                        {row.tags.length > 0 ? (
                          <span className="hidden shrink-0 items-center gap-1 xl:inline-flex">
                            {row.tags.slice(0, 2).map((t) => (
                              <Tag key={t}>{t}</Tag>
                            ))}
                            {row.tags.length > 2 ? <span className="text-[11px] text-subtle">+{row.tags.length - 2}</span> : null}
                          </span>
                        ) : null}
                      </div>
                      {/* Phones: the columns to the right are hidden, so the reason and 24 h uptime sit under the name. */}
                      <div className="mt-1 flex flex-col gap-0.5 text-xs sm:hidden" data-testid="client-row-phone">
                        {showsReason(row) ? (
                          <p aria-hidden className="text-muted [overflow-wrap:anywhere]">
                            {row.status_reason}
                          </p>
                        ) : null}
                        <p className="text-subtle">
                          Uptime 24 h <UptimeFigure figure={row.uptime_24h} windowLabel="24 hours" target={row.sla_target} />
                        </p>
                      </div>
                    </td>
                    <td className="w-px py-3 pl-3 pr-4 sm:w-auto sm:pr-3">
                      <StatusBadge status={row.overall_status} reason={statusExplanation(row.overall_status, row.status_reason, row.last_check)} />
                      {/* The whole reason, wrapped: it is the answer to "why", so it is never cut. The badge carries it for screen readers. */}
                      {showsReason(row) ? (
                        <p aria-hidden data-testid="client-reason" className="mt-1 hidden min-w-[14rem] max-w-[28rem] text-xs leading-4 text-muted [overflow-wrap:anywhere] sm:block">
                          {row.status_reason}
                        </p>
                      ) : null}
                      <AttentionChips row={row} />
                    </td>
                    <td className="hidden px-3 py-3 sm:table-cell">
                      <SystemsSummary row={row} />
                    </td>
                    <td className="hidden px-3 py-3 text-right md:table-cell">
                      <UptimeFigure figure={row.uptime_24h} windowLabel="24 hours" target={row.sla_target} stacked />
                    </td>
                    <td className="hidden px-3 py-3 text-right lg:table-cell">
                      <UptimeFigure figure={row.uptime_30d} windowLabel="30 days" target={row.sla_target} stacked />
                    </td>
                    <td className="hidden px-3 py-3 text-right text-[13px] whitespace-nowrap tabular-nums text-muted lg:table-cell">
                      {row.p95_response_ms === null ? (
                        <span className="text-subtle">—</span>
                      ) : (
                        // Estimated from hourly histograms: shown as approximate (SPEC "Time, money and numbers").
                        <span title={row.p95_approximate ? "Estimated from hourly latency histograms (within ±9 %)" : undefined}>
                          {row.p95_approximate ? "≈ " : ""}
                          {formatLatency(row.p95_response_ms)}
                        </span>
                      )}
                    </td>
                    <td className="hidden px-3 py-3 text-muted 2xl:table-cell">{row.industry ?? <span className="text-subtle">—</span>}</td>
                    <td className="hidden px-3 py-3 md:table-cell">
                      <LastCheck iso={row.last_check} now={now} />
                    </td>
                    <td className="hidden py-3 pl-3 pr-4 text-right sm:table-cell sm:pr-5">
                      <Link
                        href={href}
                        aria-label={`Open ${row.client_name}`}
                        className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-[13px] font-medium text-muted transition-colors hover:bg-surface-hover hover:text-fg group-hover:text-fg"
                      >
                        <span className="hidden sm:inline">Open</span>
                        <ArrowRightIcon className="size-3.5 transition-transform group-hover:translate-x-0.5" />
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
        </div>
      )}
    </div>
  );
}

/** A reason is worth a line when the client is not simply healthy. */
function showsReason(row: ClientStatusRow): boolean {
  return Boolean(row.status_reason) && row.overall_status !== "healthy";
}

/**
 * The attention flags the status badge does not already say (flapping, below SLA,
 * misconfigured, stalled; a down or degraded flag is the badge itself), as small labelled
 * chips. Reason and since when are in the title and read out to screen readers.
 */
function AttentionChips({ row }: { row: ClientStatusRow }) {
  const seen = new Set<string>();
  const chips = row.attention.flags.filter((f) => {
    if (f.kind === row.overall_status || seen.has(f.kind)) return false;
    seen.add(f.kind);
    return true;
  });
  if (chips.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label="Attention flags" data-testid="attention-flags">
      {chips.map((f) => {
        const detail = `${f.system ? `${f.system}: ` : ""}${f.reason} (since ${formatTimestampUtc(f.since)})`;
        return (
          <li key={f.kind}>
            <Badge tone={FLAG_TONE[f.kind]} title={detail}>
              {FLAG_LABEL[f.kind]}
              <span className="sr-only">: {detail}</span>
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}

function SystemsSummary({ row }: { row: ClientStatusRow }) {
  const parts: { status: HealthStatusValue; count: number }[] = [
    { status: "healthy" as const, count: row.healthy_systems },
    { status: "degraded" as const, count: row.degraded_systems },
    { status: "down" as const, count: row.down_systems },
    { status: "unknown" as const, count: row.unknown_systems },
  ].filter((p) => p.count > 0);
  const spoken = parts.map((p) => `${p.count} ${STATUS_LABEL[p.status].toLowerCase()}`).join(", ");
  return (
    <div className="flex flex-col gap-1">
      <span className="whitespace-nowrap text-fg tabular-nums">
        {row.systems_count} {row.systems_count === 1 ? "system" : "systems"}
      </span>
      {parts.length > 0 ? (
        <span className="flex items-center gap-2.5 text-xs text-subtle tabular-nums" title={spoken}>
          <span className="sr-only">{spoken}</span>
          {parts.map((p) => (
            <span key={p.status} aria-hidden className="inline-flex items-center gap-1">
              <StatusDot status={p.status} />
              {p.count}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

function LastCheck({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) {
    return (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-[13px] text-subtle">
        <ClockIcon className="size-3.5" />
        Awaiting first check
      </span>
    );
  }
  return (
    <time dateTime={iso} title={formatTimestampUtc(iso)} className={cx("whitespace-nowrap text-[13px] text-muted tabular-nums")}>
      {formatAgo(Date.parse(iso), now)}
    </time>
  );
}
