"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { CollectMetricsOutput } from "@/lib/metrics/schemas";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { summarizeCollection } from "@/lib/metrics/collection-summary";
import { Button } from "@/components/ui/button";
import { ChartIcon, Spinner } from "@/components/ui/icons";

/**
 * "Pull metrics now" on the client page: POST /api/clients/{id}/collect-metrics (the same verb
 * as MCP collect_metrics), then refreshes what the page shows, with a one-line outcome.
 */
export function CollectMetricsButton({ clientId, system }: { clientId: string; system?: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const router = useRouter();
  const queryClient = useQueryClient();

  function run() {
    setMessage(null);
    startTransition(async () => {
      const query = system ? `?system=${encodeURIComponent(system)}` : "";
      try {
        const result = await fetchJson<CollectMetricsOutput>(`/api/clients/${encodeURIComponent(clientId)}/collect-metrics${query}`, { method: "POST" });
        setMessage(summarizeCollection(result));
        await queryClient.invalidateQueries({ queryKey: queryKeys.all });
        router.refresh();
      } catch (error) {
        setMessage({ tone: "error", text: (error as Error).message });
      }
    });
  }

  return (
    <div className="flex items-center gap-2">
      {message ? (
        <span role="status" className={`text-[13px] ${message.tone === "error" ? "text-rose-700 dark:text-rose-400" : "text-muted"}`}>
          {message.text}
        </span>
      ) : null}
      <Button variant="secondary" onClick={run} disabled={pending} aria-busy={pending}>
        {pending ? <Spinner className="size-4" /> : <ChartIcon className="size-4" />}
        Pull metrics now
      </Button>
    </div>
  );
}
