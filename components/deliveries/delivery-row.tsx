"use client";

// One notification on the deliveries page: what it said, where it went, how it stands, its last
// error, a retry button when it is dead, and its attempt log on demand.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { retryDeliveryAction } from "@/app/actions/deliveries";
import type { DeliveryOutput } from "@/lib/alerts/contracts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatTimestampUtc } from "@/lib/ui/relative-time";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChevronDownIcon, ChevronRightIcon, RefreshIcon, Spinner } from "@/components/ui/icons";

const STATE: Record<string, { label: string; tone: BadgeTone }> = {
  delivered: { label: "Delivered", tone: "emerald" },
  pending: { label: "Pending", tone: "slate" },
  failing: { label: "Retrying", tone: "amber" },
  dead: { label: "Dead", tone: "rose" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export function deliveryStateOf(d: DeliveryOutput): keyof typeof STATE {
  return d.state === "pending" && d.attempts > 0 ? "failing" : d.state;
}

const KIND: Record<DeliveryOutput["kind"], string> = { alert: "", test: "Test · ", channel_failing: "Channel notice · ", report: "Report · " };

export function DeliveryRow({ delivery, canWrite }: { delivery: DeliveryOutput; canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const logId = useId();
  const state = STATE[deliveryStateOf(delivery)]!;
  const log = useQuery({
    queryKey: queryKeys.deliveries.detail(delivery.id),
    queryFn: ({ signal }) => fetchJson<DeliveryOutput>(`/api/deliveries/${delivery.id}`, { signal }),
    enabled: open,
  });

  function retry() {
    setError(null);
    startTransition(async () => {
      const result = await retryDeliveryAction(delivery.id);
      if (!result.ok) setError(result.error);
      await queryClient.invalidateQueries({ queryKey: queryKeys.deliveries.all() });
    });
  }

  return (
    <li className="flex flex-col gap-2 px-4 py-3.5 sm:px-5">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={state.tone}>{state.label}</Badge>
            <span className="min-w-0 break-words text-sm font-medium text-fg">
              {KIND[delivery.kind]}
              {delivery.summary}
            </span>
          </div>
          <p className="mt-1 text-[13px] text-muted">
            <span className="capitalize">{delivery.channel.type}</span> · {delivery.channel.name}
            {delivery.client_id ? (
              <>
                {" "}
                ·{" "}
                <Link className="underline-offset-2 hover:underline" href={`/clients/${encodeURIComponent(delivery.client_id)}`}>
                  {delivery.client_id}
                </Link>
              </>
            ) : null}{" "}
            · queued {formatTimestampUtc(delivery.created_at)} · {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
            {delivery.delivered_at ? <> · delivered {formatTimestampUtc(delivery.delivered_at)}</> : null}
            {delivery.next_attempt_at && delivery.attempts > 0 ? <> · next try {formatTimestampUtc(delivery.next_attempt_at)}</> : null}
          </p>
          {delivery.last_error && delivery.state !== "delivered" ? (
            <p className="mt-1 break-words text-[13px] text-rose-700 dark:text-rose-400">
              {delivery.last_status_code ? `${delivery.last_status_code} · ` : ""}
              {delivery.last_error}
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="mt-1 text-[13px] text-rose-700 dark:text-rose-400">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {delivery.state === "dead" && canWrite ? (
            <Button size="sm" variant="secondary" onClick={retry} disabled={pending} aria-busy={pending}>
              {pending ? <Spinner className="size-4" /> : <RefreshIcon className="size-4" />}
              Retry
            </Button>
          ) : null}
          {delivery.attempts > 0 || delivery.state !== "pending" ? (
            <Button size="sm" variant="ghost" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls={logId}>
              {open ? <ChevronDownIcon className="size-4" /> : <ChevronRightIcon className="size-4" />}
              Attempts
            </Button>
          ) : null}
        </div>
      </div>
      {open ? (
        <div id={logId} className="rounded-lg border border-line bg-surface-muted px-3 py-2 text-[13px]">
          <p className="mb-1 text-subtle">
            Message id <code className="break-all">{delivery.message_id}</code> (the webhook-id of every attempt)
          </p>
          {log.isPending ? (
            <p className="text-muted">Loading…</p>
          ) : log.isError ? (
            <p className="text-rose-700 dark:text-rose-400">{log.error.message}</p>
          ) : log.data.log?.length ? (
            <ol className="flex flex-col gap-1">
              {log.data.log.map((a) => (
                <li key={a.attempt} className="break-words text-muted">
                  <span className="font-medium text-fg">#{a.attempt}</span> {formatTimestampUtc(a.at, "second")} · {a.outcome}
                  {a.status_code ? ` · ${a.status_code}` : ""} · {a.duration_ms} ms{a.error ? ` · ${a.error}` : ""}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-muted">No attempt yet.</p>
          )}
        </div>
      ) : null}
    </li>
  );
}
