"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { checkClientNowAction } from "@/app/actions/clients";
import { queryKeys } from "@/lib/query-keys";
import { Button } from "@/components/ui/button";
import { RefreshIcon, Spinner } from "@/components/ui/icons";

/** Probes the client's systems now; the page then shows the new checks, statuses and reasons. */
export function CheckNowButton({ clientId }: { clientId: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const router = useRouter();
  const queryClient = useQueryClient();

  function run() {
    setMessage(null);
    startTransition(async () => {
      const result = await checkClientNowAction(clientId);
      if (result.ok) {
        const n = result.data.systems.length;
        const changed = result.data.systems.filter((s) => s.state_changed).length;
        setMessage({ tone: "ok", text: `Checked ${n} system${n === 1 ? "" : "s"}${changed ? `; ${changed} changed state` : ""}` });
        await queryClient.invalidateQueries({ queryKey: queryKeys.all });
        router.refresh();
      } else {
        setMessage({ tone: "error", text: result.error });
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
        {pending ? <Spinner className="size-4" /> : <RefreshIcon className="size-4" />}
        Check now
      </Button>
    </div>
  );
}
