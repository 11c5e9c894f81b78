"use client";

// "Send test" for one alert channel (the channel settings list puts it on every channel row):
// sends a test notification right away through the real delivery path and shows the outcome
// (delivered, or the receiver's error with secrets removed).
import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { sendTestNotificationAction } from "@/app/actions/deliveries";
import { queryKeys } from "@/lib/query-keys";
import { Button } from "@/components/ui/button";
import { SendIcon, Spinner } from "@/components/ui/icons";

export function SendTestButton({ channelId, channelName, disabled = false }: { channelId: string; channelName: string; disabled?: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const queryClient = useQueryClient();

  function run() {
    setMessage(null);
    startTransition(async () => {
      const result = await sendTestNotificationAction(channelId);
      if (!result.ok) setMessage({ tone: "error", text: result.error });
      else if (result.data.outcome === "delivered") {
        setMessage({ tone: "ok", text: `Delivered${result.data.status_code ? ` (${result.data.status_code})` : ""}${result.data.error ? `; ${result.data.error}` : ""}` });
      } else setMessage({ tone: "error", text: `Failed: ${result.data.error ?? "unknown error"}` });
      await queryClient.invalidateQueries({ queryKey: queryKeys.deliveries.all() });
    });
  }

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <Button size="sm" variant="secondary" onClick={run} disabled={disabled || pending} aria-busy={pending} aria-label={`Send a test notification to ${channelName}`}>
        {pending ? <Spinner className="size-4" /> : <SendIcon className="size-4" />}
        Send test
      </Button>
      {message ? (
        <span role="status" className={`min-w-0 break-words text-[13px] ${message.tone === "error" ? "text-rose-700 dark:text-rose-400" : "text-emerald-700 dark:text-emerald-400"}`}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
