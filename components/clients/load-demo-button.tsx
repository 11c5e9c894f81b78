"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fetchJson, FetchJsonError } from "@/lib/ui/fetch-json";
import { queryKeys } from "@/lib/query-keys";
import { Button } from "@/components/ui/button";
import { AlertCircleIcon, SparklesIcon, Spinner } from "@/components/ui/icons";

interface DemoResult {
  created: string[];
  skipped: string[];
}

/** POST /api/demo loads the demo workspace; then the page and every cached query refresh. */
export function LoadDemoButton() {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const busy = loading || refreshing;

  async function load() {
    setLoading(true);
    setError(null);
    try {
      await fetchJson<DemoResult>("/api/demo", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      await queryClient.invalidateQueries({ queryKey: queryKeys.all });
      startTransition(() => router.refresh());
    } catch (e) {
      setError(
        e instanceof FetchJsonError && e.status === 404
          ? "The demo workspace is not available on this server."
          : e instanceof Error
            ? e.message
            : "Loading the demo workspace failed.",
      );
    } finally {
      setLoading(false);
    }
  }

  return (
    <div className="flex flex-col items-center gap-2">
      <Button onClick={load} disabled={busy} aria-busy={busy}>
        {busy ? <Spinner className="size-4" /> : <SparklesIcon className="size-4" />}
        {busy ? "Loading demo workspace…" : "Load demo workspace"}
      </Button>
      {error ? (
        <p role="alert" className="flex max-w-sm items-start gap-1.5 text-left text-[13px] text-rose-700 dark:text-rose-300">
          <AlertCircleIcon className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      ) : null}
    </div>
  );
}
