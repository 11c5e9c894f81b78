"use client";

// One generated report in a list: its health first, then client, period and type, the version
// when regenerated, who made it (a person, a key or a schedule, with the email's state), and
// its downloads. Editors may regenerate it (same client, type and period: a new version).
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { generateReportAction } from "@/app/actions/reports";
import type { ReportLinks, ReportSummary } from "@/lib/reports/contracts";
import { queryKeys } from "@/lib/query-keys";
import { cx } from "@/lib/ui/class-names";
import { deliveryOf, healthOf, regenerateFields, REPORT_TYPE_LABEL } from "@/lib/reports/report-view";
import { formatTimestampUtc } from "@/lib/ui/relative-time";
import { Badge, Tag } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { DownloadIcon, ExternalLinkIcon, RefreshIcon, Spinner } from "@/components/ui/icons";

/** PDF, CSV, JSON (attachments) and the printable view (a new tab). */
export function ReportDownloads({ links, label, className }: { links: ReportLinks; label: string; className?: string }) {
  const link = buttonClasses({ variant: "secondary", size: "sm", className: "gap-1.5 px-2.5" });
  return (
    <div className={cx("flex flex-wrap items-center gap-1.5", className)} role="group" aria-label={`Downloads of ${label}`}>
      <a href={links.pdf} download className={link} data-testid="download-pdf">
        <DownloadIcon className="size-3.5" />
        PDF
      </a>
      <a href={links.csv} download className={link}>
        CSV
      </a>
      <a href={links.json} download className={link}>
        JSON
      </a>
      <a href={links.html} target="_blank" rel="noopener" className={link} data-testid="print-view">
        <ExternalLinkIcon className="size-3.5" />
        Print view
      </a>
    </div>
  );
}

export function reportLabel(r: Pick<ReportSummary, "client_name" | "period_label" | "version">, withClient = true): string {
  return `${withClient ? `${r.client_name}, ` : ""}${r.period_label}${r.version > 1 ? ` (version ${r.version})` : ""}`;
}

export function ReportRow({
  report: r,
  canWrite,
  showClient = true,
  fresh = false,
  onGenerated,
}: {
  report: ReportSummary;
  canWrite: boolean;
  showClient?: boolean;
  /** Just generated here: highlighted so the eye finds it. */
  fresh?: boolean;
  onGenerated?: (report: ReportSummary) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const health = healthOf(r.overall_health);
  const delivery = deliveryOf(r);
  const label = reportLabel(r, showClient);

  function regenerate() {
    setError(null);
    const form = new FormData();
    for (const [k, v] of Object.entries(regenerateFields(r))) form.set(k, v);
    startTransition(async () => {
      const result = await generateReportAction(form);
      if (!result.ok) {
        setError(Object.values(result.fieldErrors)[0] ?? result.error);
        return;
      }
      onGenerated?.(result.data);
      await queryClient.invalidateQueries({ queryKey: queryKeys.reports.all() });
    });
  }

  return (
    <li
      className={cx("flex flex-col gap-3 px-4 py-3.5 sm:px-5 lg:flex-row lg:items-center lg:justify-between lg:gap-6", fresh && "bg-emerald-50/60 dark:bg-emerald-400/[0.05]")}
      data-testid="report-row"
      data-report-id={r.id}
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Badge tone={health.tone} title="Overall health of the period">
            {health.label}
          </Badge>
          <span className="min-w-0 text-sm font-medium text-fg [overflow-wrap:anywhere]">
            {showClient ? (
              <>
                <Link href={`/clients/${encodeURIComponent(r.client_id)}`} className="underline-offset-4 hover:underline">
                  {r.client_name}
                </Link>
                <span className="text-subtle"> · </span>
              </>
            ) : null}
            {r.period_label}
          </span>
          <Tag>{REPORT_TYPE_LABEL[r.report_type] ?? r.report_type}</Tag>
          {r.version > 1 ? (
            <Badge tone="indigo" title="Regenerated: each version keeps the numbers it was built from">
              v{r.version}
            </Badge>
          ) : null}
          {delivery ? <Badge tone={delivery.tone}>{delivery.label}</Badge> : null}
        </div>
        <p className="mt-1 text-[13px] text-muted [overflow-wrap:anywhere]">
          {r.schedule_id ? "Scheduled" : "On demand"} · generated <time dateTime={r.generated_at}>{formatTimestampUtc(r.generated_at)}</time>
          {r.schedule_id ? null : <> by {r.generated_by}</>}
          {showClient ? <span className="text-subtle"> · {r.time_zone}</span> : null}
        </p>
        {error ? (
          <p role="alert" className="mt-1 text-[13px] text-rose-700 dark:text-rose-300">
            Couldn&rsquo;t regenerate: {error}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-1.5 lg:shrink-0">
        <ReportDownloads links={r.links} label={label} />
        {canWrite ? (
          <Button variant="ghost" size="sm" className="gap-1.5 px-2.5" onClick={regenerate} disabled={pending} aria-busy={pending} aria-label={`Regenerate ${label}`}>
            {pending ? <Spinner className="size-3.5" /> : <RefreshIcon className="size-3.5" />}
            Regenerate
          </Button>
        ) : null}
      </div>
    </li>
  );
}
