import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { listAuditLog, type AuditEntryOutput } from "@/lib/audit/list-audit-log";
import { requireViewer } from "@/lib/http/page-context";
import { toAppError } from "@/lib/errors";
import { listUsers } from "@/lib/users/manage-users";
import {
  AUDIT_ACTION_OPTIONS,
  auditFiltersFromParams,
  auditHref,
  auditInputFromFilters,
  auditSummaryPairs,
  formatAuditTime,
  isFiltered,
  type AuditFilters,
} from "@/lib/ui/audit";
import { permissionsFor } from "@/lib/ui/permissions";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { ArrowRightIcon, ListIcon, SearchIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { AccessNeeded } from "@/components/layout/access-needed";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audit log" };

const crumbs = <Breadcrumbs items={[{ label: "Settings", href: "/settings" }, { label: "Audit log" }]} />;

const ACTOR_TYPE_LABEL: Record<string, string> = { user: "user", api_key: "API key", mcp: "MCP", system: "system", anonymous: "anonymous" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await connection();
  const { ctx, user } = await requireViewer();
  if (!permissionsFor(user.role).admin) {
    return (
      <div className="flex max-w-6xl flex-col gap-6">
        {crumbs}
        <AccessNeeded title="You need admin access" backHref="/settings" backLabel="Back to settings">
          The audit log records every sign-in, change and refused attempt in this workspace; only admins can read it.
        </AccessNeeded>
      </div>
    );
  }

  const filters = auditFiltersFromParams(await searchParams);
  let page: Awaited<ReturnType<typeof listAuditLog>> | null = null;
  let error: string | null = null;
  try {
    page = await listAuditLog({ ctx, input: auditInputFromFilters(filters) });
  } catch (e) {
    error = toAppError(e).message;
  }
  // Targets are ids; show the names people recognise where we know them.
  const [users, keys] = await Promise.all([listUsers({ ctx }), listApiKeys({ ctx })]);
  const names = new Map<string, string>([...users.map((u) => [u.id, u.email] as const), ...keys.map((k) => [k.id, `key “${k.name}”`] as const)]);

  return (
    <div className="flex max-w-6xl flex-col gap-6 lg:gap-8">
      <PageHeader eyebrow={crumbs} title="Audit log" description="Every sign-in, change and refused attempt, newest first. Entries cannot be edited or deleted here." />

      <FilterForm filters={filters} />

      {error ? (
        <FormAlert tone="error" title="Couldn’t read the audit log">
          {error}
        </FormAlert>
      ) : page && page.entries.length === 0 ? (
        <Card>
          {isFiltered(filters) || filters.before_id ? (
            <EmptyState
              icon={SearchIcon}
              title="No entries match"
              compact
              actions={
                <Link href="/settings/audit" className={buttonClasses({ size: "sm" })}>
                  Clear filters
                </Link>
              }
            >
              Try another actor or action, or look at all outcomes.
            </EmptyState>
          ) : (
            <EmptyState icon={ListIcon} title="Nothing recorded yet" compact>
              Sign-ins and changes appear here as they happen.
            </EmptyState>
          )}
        </Card>
      ) : page ? (
        <div className="overflow-hidden rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none">
          <AuditTable entries={page.entries} names={names} />
          <nav aria-label="Audit log pages" className="flex items-center justify-between gap-3 border-t border-line px-5 py-3 text-[13px]">
            <p className="text-xs text-subtle tabular-nums">
              {page.entries.length} {page.entries.length === 1 ? "entry" : "entries"}
              {filters.before_id ? " (older page)" : ""}
            </p>
            <div className="flex items-center gap-2">
              {filters.before_id ? (
                <Link href={auditHref(filters)} className={buttonClasses({ size: "sm", variant: "ghost" })}>
                  Newest
                </Link>
              ) : null}
              {page.next_before_id ? (
                <Link href={auditHref(filters, page.next_before_id)} className={buttonClasses({ size: "sm" })} rel="next">
                  Older
                  <ArrowRightIcon className="size-3.5" />
                </Link>
              ) : (
                <span className="text-xs text-subtle">That&rsquo;s the beginning of the log.</span>
              )}
            </div>
          </nav>
        </div>
      ) : null}
    </div>
  );
}

/** A plain GET form: filters live in the URL, so any view can be bookmarked or shared with another admin. */
function FilterForm({ filters }: { filters: AuditFilters }) {
  const known = AUDIT_ACTION_OPTIONS.some((o) => o.value === filters.action);
  return (
    <form method="get" action="/settings/audit" role="search" aria-label="Filter the audit log" className="rounded-xl border border-line bg-surface p-4 shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,0.8fr)_auto] lg:items-end">
        {filters.limit ? <input type="hidden" name="limit" value={filters.limit} /> : null}
        <TextField name="actor" label="Actor" defaultValue={filters.actor} placeholder="Email or key name" autoComplete="off" spellCheck={false} />
        <SelectField name="action" label="Action" defaultValue={filters.action}>
          <option value="">All actions</option>
          {AUDIT_ACTION_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label} ({o.value.replace(/\.$/, "")})
            </option>
          ))}
          {filters.action && !known ? <option value={filters.action}>{filters.action}</option> : null}
        </SelectField>
        <SelectField name="outcome" label="Outcome" defaultValue={filters.outcome}>
          <option value="all">All outcomes</option>
          <option value="success">Succeeded</option>
          <option value="failed">Failed or refused</option>
        </SelectField>
        <div className="flex items-center gap-2 sm:col-span-2 lg:col-span-1">
          <Button type="submit" variant="primary">
            Apply
          </Button>
          {isFiltered(filters) ? (
            <Link href="/settings/audit" className={buttonClasses({ variant: "ghost" })}>
              Clear
            </Link>
          ) : null}
        </div>
      </div>
    </form>
  );
}

function AuditTable({ entries, names }: { entries: readonly AuditEntryOutput[]; names: ReadonlyMap<string, string> }) {
  return (
    <div className="relative overflow-x-auto">
      <DataTable
        caption="Audit log entries, newest first"
        testId="audit-table"
        columns={[
          { label: "Time", className: "hidden pl-5 pr-3 md:table-cell" },
          { label: "Actor & action", className: "pl-5 pr-3 md:pl-3" },
          { label: "Target", className: "hidden px-3 lg:table-cell" },
          { label: "Outcome", className: "hidden px-3 sm:table-cell" },
          { label: "Details", className: "hidden pl-3 pr-5 sm:table-cell" },
        ]}
      >
        <tbody className="divide-y divide-line">
          {entries.map((entry) => {
            const pairs = auditSummaryPairs(entry.summary);
            const target = entry.target_id ? (names.get(entry.target_id) ?? entry.target_id) : null;
            return (
              <tr key={entry.id} data-testid="audit-row" className="align-top">
                <td className="hidden whitespace-nowrap py-3 pl-5 pr-3 font-mono text-xs text-muted tabular-nums md:table-cell">
                  <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time>
                </td>
                <td className="w-full max-w-0 py-3 pl-5 pr-3 sm:w-auto md:w-[30%] md:pl-3">
                  <p className="truncate font-medium text-fg" title={entry.actor_label}>
                    {entry.actor_label}
                  </p>
                  <p className="mt-0.5 flex min-w-0 items-center gap-1.5 text-xs text-subtle">
                    <span className="shrink-0">{ACTOR_TYPE_LABEL[entry.actor_type] ?? entry.actor_type}</span>
                    <span aria-hidden>·</span>
                    <code className="truncate font-mono text-[12px] text-muted">{entry.action}</code>
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-2 md:hidden">
                    <span className="sm:hidden">{entry.success ? <Badge tone="emerald">Success</Badge> : <Badge tone="rose">Failed</Badge>}</span>
                    <time dateTime={entry.at} className="font-mono text-[11px] text-subtle">
                      {formatAuditTime(entry.at)}
                    </time>
                  </p>
                </td>
                <td className="hidden max-w-[14rem] px-3 py-3 lg:table-cell">
                  {target ? (
                    <>
                      <p className="truncate text-fg" title={target}>
                        {target}
                      </p>
                      {entry.target_type ? <p className="mt-0.5 text-xs text-subtle">{entry.target_type.replace("_", " ")}</p> : null}
                    </>
                  ) : (
                    <span className="text-subtle">—</span>
                  )}
                </td>
                <td className="hidden px-3 py-3 sm:table-cell">
                  {entry.success ? <Badge tone="emerald">Success</Badge> : <Badge tone="rose">Failed</Badge>}
                </td>
                <td className="hidden py-3 pl-3 pr-5 sm:table-cell">
                  {pairs.length > 0 ? (
                    <dl className="flex flex-col gap-0.5 text-xs">
                      {pairs.map((p) => (
                        <div key={p.key} className="flex min-w-0 gap-1.5">
                          <dt className="shrink-0 text-subtle">{p.key}:</dt>
                          <dd className="min-w-0 break-words text-muted">{p.value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    <span className="text-subtle">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DataTable>
    </div>
  );
}
