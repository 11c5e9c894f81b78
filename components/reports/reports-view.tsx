"use client";

// The Reports page: what was generated (health first, newest first), filtered by client and type
// (kept in the address), page by page; each with its downloads. Editors generate and regenerate
// reports and manage the schedules that email them; viewers see and download.
import Link from "next/link";
import { useState } from "react";
import type { ReportClientOption } from "@/lib/reports/client-options";
import { ALL_REPORT_TYPES, type ReportSummary } from "@/lib/reports/contracts";
import { REPORT_TYPE_LABEL } from "@/lib/reports/report-view";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { ClientsIcon, PlusIcon, ReportIcon, Spinner } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { GenerateReportDialog, useGenerateDialog } from "./generate-report-dialog";
import { ReportDownloads, ReportRow, reportLabel } from "./report-row";
import { ReportSchedules, useScheduleDialog } from "./report-schedules";
import { useReportsList } from "./use-reports";

export interface ReportFilters {
  client_id: string;
  report_type: string;
}

export function ReportsView({ clients, initialFilters, canWrite }: { clients: ReportClientOption[]; initialFilters: ReportFilters; canWrite: boolean }) {
  const [filters, setFilters] = useState(initialFilters);
  const [generated, setGenerated] = useState<ReportSummary | null>(null);
  const generate = useGenerateDialog();
  const schedules = useScheduleDialog();
  const list = useReportsList(filters);
  const filtered = filters.client_id !== "" || filters.report_type !== "";
  const noClients = clients.length === 0;

  const set = (key: keyof ReportFilters) => (e: React.ChangeEvent<HTMLSelectElement>) => {
    const next = { ...filters, [key]: e.target.value };
    setFilters(next);
    // Shareable: the address says what is shown.
    const query = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
    window.history.replaceState(null, "", `/reports${query ? `?${query}` : ""}`);
  };

  // Pages refetched after new reports may repeat a row: keep the first.
  const seen = new Set<string>();
  const rows = (list.data?.pages ?? []).flatMap((p) => p.reports).filter((r) => !seen.has(r.id) && seen.add(r.id));
  const openGenerate = () => generate.open({ client_id: filters.client_id || undefined });

  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader
        title="Reports"
        description="Client-ready reports of uptime, incidents, automations and ROI, frozen when generated: what you sent stays what you sent."
        actions={
          canWrite && !noClients ? (
            <Button variant="primary" size="sm" onClick={openGenerate} data-testid="generate-report">
              <PlusIcon className="size-4" />
              Generate report
            </Button>
          ) : null
        }
      />

      {noClients ? (
        <Card>
          <EmptyState
            icon={ClientsIcon}
            title="Register a client first"
            actions={
              canWrite ? (
                <Link href="/clients/new" className={buttonClasses({ variant: "primary", size: "sm" })}>
                  Register a client
                </Link>
              ) : null
            }
          >
            A report covers one client&rsquo;s systems over a day, week, month, quarter or a range you choose.
            {canWrite ? "" : " An editor can register clients."}
          </EmptyState>
        </Card>
      ) : (
        <>
          {generated ? (
            <FormAlert tone="success" title={`Report generated: ${reportLabel(generated)}`} testId="generated-report">
              <div className="mt-1 flex flex-col gap-2.5">
                <span>{generated.report_type === "custom" ? "The custom range" : "The period"} is in {generated.time_zone}; the numbers are frozen with it.</span>
                <ReportDownloads links={generated.links} label={reportLabel(generated)} />
              </div>
            </FormAlert>
          ) : null}

          <section aria-labelledby="reports-heading" className="flex flex-col gap-3">
            <h2 id="reports-heading" className="sr-only">
              Generated reports
            </h2>
            <Card className="grid grid-cols-1 gap-3 p-4 sm:grid-cols-2 lg:max-w-2xl">
              <SelectField name="filter_client" label="Client" value={filters.client_id} onChange={set("client_id")}>
                <option value="">All clients</option>
                {clients.map((c) => (
                  <option key={c.client_id} value={c.client_id}>
                    {c.client_name}
                  </option>
                ))}
              </SelectField>
              <SelectField name="filter_type" label="Type" value={filters.report_type} onChange={set("report_type")}>
                <option value="">Any type</option>
                {ALL_REPORT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {REPORT_TYPE_LABEL[t]}
                  </option>
                ))}
              </SelectField>
            </Card>

            <Card className="overflow-hidden">
              {list.isPending ? (
                <p className="flex items-center gap-2 px-5 py-8 text-[13px] text-muted">
                  <Spinner className="size-4" label="Loading reports" />
                </p>
              ) : list.isError ? (
                <p role="alert" className="px-5 py-8 text-[13px] text-rose-700 dark:text-rose-300">
                  Couldn&rsquo;t load the reports: {list.error.message}
                </p>
              ) : rows.length === 0 ? (
                <EmptyState
                  icon={ReportIcon}
                  title={filtered ? "No reports match these filters" : "No reports yet"}
                  actions={
                    canWrite ? (
                      <Button variant={filtered ? "secondary" : "primary"} size="sm" onClick={openGenerate}>
                        <PlusIcon className="size-4" />
                        Generate report
                      </Button>
                    ) : null
                  }
                >
                  {filtered
                    ? "Try another client or type, or generate one."
                    : canWrite
                      ? "Generate one for the last complete day, week, month or quarter in the client's time zone, or any range of days; or schedule them below."
                      : "Reports generated by editors, or by a schedule, appear here with their PDF, CSV and JSON downloads."}
                </EmptyState>
              ) : (
                <ul className="divide-y divide-line" aria-label="Reports, newest first" data-testid="report-list">
                  {rows.map((r) => (
                    <ReportRow key={r.id} report={r} canWrite={canWrite} fresh={r.id === generated?.id} onGenerated={setGenerated} />
                  ))}
                </ul>
              )}
            </Card>
            {list.hasNextPage ? (
              <div className="flex items-center gap-3">
                <Button size="sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} aria-busy={list.isFetchingNextPage}>
                  {list.isFetchingNextPage ? <Spinner className="size-4" /> : null}
                  Load more
                </Button>
                {list.isFetchNextPageError ? <span className="text-[13px] text-rose-700 dark:text-rose-300">{list.error?.message}</span> : null}
              </div>
            ) : null}
          </section>

          <Panel
            id="schedules"
            title="Schedules"
            description={
              filters.client_id
                ? `Reports emailed to ${clients.find((c) => c.client_id === filters.client_id)?.client_name ?? filters.client_id}'s recipients, in its time zone.`
                : "Reports emailed to each client's recipients with the PDF attached, in the client's time zone."
            }
            actions={
              canWrite ? (
                <Button size="sm" onClick={() => schedules.open({ schedule: null, client_id: filters.client_id || undefined })} data-testid="add-schedule">
                  <PlusIcon className="size-4" />
                  Add schedule
                </Button>
              ) : null
            }
            flush
          >
            <ReportSchedules clientId={filters.client_id} clients={clients} canWrite={canWrite} showClient={!filters.client_id} dialog={schedules} />
          </Panel>
        </>
      )}

      {canWrite && !noClients ? <GenerateReportDialog dialog={generate} clients={clients} onGenerated={setGenerated} /> : null}
    </div>
  );
}
