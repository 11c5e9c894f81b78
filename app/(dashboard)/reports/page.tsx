import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ComingBadge } from "@/components/ui/coming-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CalendarIcon, ChartIcon, DownloadIcon, ReportIcon, type IconProps } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import type { ComponentType } from "react";

export const metadata: Metadata = { title: "Reports" };

const CONTENTS: { icon: ComponentType<IconProps>; title: string; text: string }[] = [
  { icon: ChartIcon, title: "Executive summary", text: "Overall health, key achievements, uptime against the SLA target, ROI and recommendations." },
  { icon: DownloadIcon, title: "PDF, CSV and JSON", text: "Each report is frozen when generated, so what you send stays exactly what you sent." },
  { icon: CalendarIcon, title: "Daily to quarterly", text: "Generate one on demand or schedule it to arrive by email." },
];

export default function ReportsPage() {
  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader title="Reports" eyebrow={<ComingBadge />} description="Client-ready summaries of uptime and performance." />
      <Card>
        {/* Not an empty list: reports are not built yet, and the page says so. */}
        <EmptyState
          icon={ReportIcon}
          title="Reports are coming"
          actions={
            <>
              <Link href="/clients" className={buttonClasses({ variant: "primary", size: "sm" })}>
                See uptime by client
              </Link>
              <Link href="/" className={buttonClasses({ size: "sm" })}>
                Back to the dashboard
              </Link>
            </>
          }
        >
          ClientPulse does not generate reports yet. When it does, the reports you generate or schedule will be listed here, newest first,
          ready to download or share. Until then, each client&rsquo;s page shows its uptime against the SLA target and its response-time
          history.
        </EmptyState>
        <ul className="grid grid-cols-1 divide-y divide-line border-t border-line md:grid-cols-3 md:divide-x md:divide-y-0">
          {CONTENTS.map(({ icon: Icon, title, text }) => (
            <li key={title} className="flex gap-3 px-5 py-5">
              <Icon className="mt-0.5 size-4 shrink-0 text-subtle" />
              <div>
                <h2 className="text-[13px] font-semibold text-fg">{title}</h2>
                <p className="mt-1 text-[13px] leading-5 text-muted">{text}</p>
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
