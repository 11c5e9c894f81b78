import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ComingBadge } from "@/components/ui/coming-badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BellIcon, MailIcon, SendIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Alerts" };

const EXAMPLES = [
  { rule: "Uptime below 95%", scope: "any client", channel: "Slack" },
  { rule: "Success rate below 90%", scope: "any client", channel: "Email" },
  { rule: "Response time above 5,000 ms", scope: "one client", channel: "Webhook" },
];

export default function AlertsPage() {
  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader title="Alerts" eyebrow={<ComingBadge />} description="Hear about problems before your clients do." />
      <Card>
        {/* Not an empty list: alerting is not built yet, and the page says so. */}
        <EmptyState
          icon={BellIcon}
          title="Alerting is coming"
          actions={
            <>
              <Link href="/" className={buttonClasses({ variant: "primary", size: "sm" })}>
                See who needs attention now
              </Link>
              <Link href="/clients" className={buttonClasses({ size: "sm" })}>
                Open a client
              </Link>
            </>
          }
        >
          ClientPulse does not send alerts yet. When it does, this page will hold your alert rules — watching uptime, response time, success
          rate, daily automation volume, error rate, cost savings and status, for one client or all of them, and notifying you by email, Slack
          or webhook — and the incidents they raise, from firing to resolved. Until then, the dashboard puts every client that needs attention
          first, with the reason.
        </EmptyState>
        <div className="border-t border-line px-5 py-5 sm:px-8">
          <h2 className="text-xs font-medium uppercase tracking-wide text-subtle">Examples of rules you will be able to set</h2>
          <ul className="mt-3 grid grid-cols-1 gap-2 md:grid-cols-3">
            {EXAMPLES.map((e) => (
              <li key={e.rule} className="flex items-center justify-between gap-3 rounded-lg border border-dashed border-line-strong px-3.5 py-2.5 text-[13px]">
                <span className="min-w-0">
                  <span className="block truncate font-medium text-fg">{e.rule}</span>
                  <span className="text-subtle">{e.scope}</span>
                </span>
                <span className="inline-flex shrink-0 items-center gap-1 text-muted">
                  {e.channel === "Email" ? <MailIcon className="size-3.5" /> : <SendIcon className="size-3.5" />}
                  {e.channel}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </Card>
    </div>
  );
}
