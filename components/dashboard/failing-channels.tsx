"use client";

// Admins only: a banner on the dashboard while an alert channel keeps failing (≥ 3 attempts in
// a row or for ≥ 15 min), so a broken Slack hook or SMTP server is not discovered at the next
// outage. Links to the deliveries page, where dead messages can be retried.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { FailingChannelOutput } from "@/lib/alerts/contracts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatTimestampUtc } from "@/lib/ui/relative-time";
import { AlertTriangleIcon } from "@/components/ui/icons";

export function FailingChannels() {
  const query = useQuery({
    queryKey: queryKeys.deliveries.failingChannels(),
    queryFn: ({ signal }) => fetchJson<{ channels: FailingChannelOutput[] }>("/api/alert-channels/failing", { signal }),
    refetchInterval: 60_000,
  });
  const channels = query.data?.channels ?? [];
  if (!channels.length) return null;
  return (
    <section
      aria-labelledby="failing-channels-heading"
      className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-[13px] text-rose-900 dark:border-rose-400/25 dark:bg-rose-400/10 dark:text-rose-200"
    >
      <h2 id="failing-channels-heading" className="flex items-center gap-2 text-sm font-semibold">
        <AlertTriangleIcon className="size-4 shrink-0" />
        {channels.length === 1 ? "An alert channel keeps failing" : `${channels.length} alert channels keep failing`}
      </h2>
      <ul className="mt-2 flex flex-col gap-1.5">
        {channels.map((c) => (
          <li key={c.id} className="break-words">
            <span className="font-medium">{c.name}</span> <span className="capitalize">({c.type}{c.client_id ? `, ${c.client_id}` : ""})</span>: {c.consecutive_failures} failed
            attempt{c.consecutive_failures === 1 ? "" : "s"} in a row{c.failing_since ? ` since ${formatTimestampUtc(c.failing_since)}` : ""}
            {c.dead_deliveries ? `, ${c.dead_deliveries} dead` : ""}
            {c.retrying_deliveries ? `, ${c.retrying_deliveries} retrying` : ""}
            {c.last_error ? <span className="block text-rose-800/90 dark:text-rose-300/90">Last error: {c.last_error}</span> : null}
          </li>
        ))}
      </ul>
      <Link href="/alerts/deliveries" className="mt-2 inline-block font-medium underline underline-offset-2">
        Review deliveries
      </Link>
    </section>
  );
}
