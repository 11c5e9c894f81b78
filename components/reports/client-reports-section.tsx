"use client";

// The client page's "Reports": this client's latest reports with their downloads, Generate
// (the dialog pre-filled with the client) and its schedules; the Reports page has the rest.
import Link from "next/link";
import { useState } from "react";
import type { ReportClientOption } from "@/lib/reports/client-options";
import type { ReportSummary } from "@/lib/reports/contracts";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { CalendarIcon, PlusIcon, ReportIcon, Spinner } from "@/components/ui/icons";
import { GenerateReportDialog, useGenerateDialog } from "./generate-report-dialog";
import { ReportDownloads, ReportRow, reportLabel } from "./report-row";
import { ReportSchedules, ScheduleDialog, useScheduleDialog } from "./report-schedules";
import { useReportSchedules, useReportsList } from "./use-reports";

const SHOWN = 5;

export function ClientReportsSection({ client, canWrite }: { client: ReportClientOption; canWrite: boolean }) {
  const [generated, setGenerated] = useState<ReportSummary | null>(null);
  const generate = useGenerateDialog();
  const schedules = useScheduleDialog();
  const list = useReportsList({ client_id: client.client_id }, SHOWN);
  const scheduleList = useReportSchedules(client.client_id); // the same query the list below reads
  const reports = list.data?.pages[0]?.reports ?? [];
  const more = Boolean(list.data?.pages[0]?.next_cursor);
  const all = `/reports?client_id=${encodeURIComponent(client.client_id)}`;
  // Schedules get their own list once there are any (or an error to show); until then, one line above says how.
  const showSchedules = scheduleList.isError || (scheduleList.data?.schedules.length ?? 0) > 0;
  const noSchedules = !showSchedules;

  return (
    <Panel
      id="client-reports"
      title="Reports"
      // On a phone the header is the title and its buttons (the dialogs name the zone).
      description={<span className="hidden sm:inline">In {client.time_zone}; frozen when generated.</span>}
      actions={
        canWrite ? (
          <>
            {/* Icon only on a phone, so the buttons share the title's row. */}
            <Button
              size="sm"
              className="px-2 sm:px-3"
              onClick={() => schedules.open({ schedule: null, client_id: client.client_id })}
              aria-label="Schedule a report"
              title="Schedule a report"
              data-testid="client-add-schedule"
            >
              <CalendarIcon className="size-4" />
              <span className="hidden sm:inline">Schedule</span>
            </Button>
            <Button size="sm" onClick={() => generate.open({ client_id: client.client_id })} data-testid="client-generate-report">
              <PlusIcon className="size-4" />
              Generate report
            </Button>
          </>
        ) : null
      }
      flush
    >
      <div data-testid="client-reports">
        {generated ? (
          <div className="border-b border-line px-4 py-3 sm:px-5">
            <FormAlert tone="success" title={`Report generated: ${reportLabel(generated, false)}`} testId="generated-report">
              <ReportDownloads links={generated.links} label={reportLabel(generated, false)} className="mt-2" />
            </FormAlert>
          </div>
        ) : null}
        {list.isPending ? (
          <p className="flex items-center gap-2 px-5 py-4 text-[13px] text-muted">
            <Spinner className="size-4" label="Loading reports" />
          </p>
        ) : list.isError ? (
          <p role="alert" className="px-5 py-4 text-[13px] text-rose-700 dark:text-rose-300">
            Couldn&rsquo;t load the reports: {list.error.message}
          </p>
        ) : reports.length === 0 ? (
          // One quiet line, not an empty-state block: the client page stays short.
          <p className="flex items-start gap-2 px-4 py-2.5 text-[13px] text-muted sm:px-5 sm:py-3">
            <ReportIcon className="mt-0.5 size-4 shrink-0 text-subtle" />
            <span>
              <span className="font-medium text-fg">No reports for this client yet.</span>{" "}
              {/* The how-to only where there is room: the phone page keeps its height budget. */}
              <span className="hidden sm:inline">
                {canWrite
                  ? noSchedules
                    ? "Generate one for a past day, week, month or quarter, or schedule it to be emailed."
                    : "Generate one for a past day, week, month or quarter."
                  : "Reports an editor generates or schedules appear here, ready to download."}
              </span>
            </span>
          </p>
        ) : (
          <>
            <ul className="divide-y divide-line" aria-label={`Latest reports of ${client.client_name}`}>
              {reports.map((r) => (
                <ReportRow key={r.id} report={r} canWrite={canWrite} showClient={false} fresh={r.id === generated?.id} onGenerated={setGenerated} />
              ))}
            </ul>
            <p className="border-t border-line px-4 py-2.5 text-[13px] sm:px-5">
              <Link href={all} className="font-medium text-fg underline decoration-line-strong underline-offset-4 hover:decoration-current">
                {more ? "All reports of this client" : "Open on the Reports page"}
              </Link>
            </p>
          </>
        )}
        {noSchedules ? null : (
          <>
            <h3 className="border-t border-line bg-surface-muted/50 px-4 py-2.5 text-[13px] font-semibold text-fg sm:px-5">Scheduled reports</h3>
            <div className="border-t border-line">
              <ReportSchedules clientId={client.client_id} clients={[client]} canWrite={canWrite} showClient={false} dialog={schedules} />
            </div>
          </>
        )}
      </div>
      {canWrite ? (
        <>
          <GenerateReportDialog dialog={generate} clients={[client]} onGenerated={setGenerated} />
          {/* With no schedule listed, the list (and its dialog) is not mounted: the dialog alone. */}
          {noSchedules ? <ScheduleDialog dialog={schedules} clients={[client]} /> : null}
        </>
      ) : null}
    </Panel>
  );
}
