"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, useTransition } from "react";
import { setClientActiveAction } from "@/app/actions/clients";
import { queryKeys } from "@/lib/query-keys";
import { Button } from "@/components/ui/button";
import { AlertCircleIcon, PowerIcon, Spinner } from "@/components/ui/icons";

/** Deactivate / Reactivate with a confirmation dialog (native <dialog>: focus trap and Escape for free). */
export function ClientActiveToggle({ clientId, clientName, active }: { clientId: string; clientName: string; active: boolean }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const verb = active ? "Deactivate" : "Reactivate";

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await setClientActiveAction(clientId, !active);
      if (result.ok) {
        dialogRef.current?.close();
        await queryClient.invalidateQueries({ queryKey: queryKeys.all });
      } else {
        setError(result.error);
      }
    });
  }

  return (
    <>
      <Button
        variant={active ? "secondary" : "primary"}
        onClick={() => {
          setError(null);
          dialogRef.current?.showModal();
        }}
      >
        <PowerIcon className="size-4" />
        {verb}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby="active-dialog-title"
        aria-describedby="active-dialog-body"
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-line bg-surface p-0 text-fg shadow-2xl backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[2px] dark:backdrop:bg-black/60"
      >
        <div className="p-5">
          <h2 id="active-dialog-title" className="text-base font-semibold">
            {verb} {clientName}?
          </h2>
          <p id="active-dialog-body" className="mt-2 text-sm leading-6 text-muted">
            {active
              ? "The client disappears from the dashboard and its systems stop being checked. Its history and reports are kept, and you can reactivate it at any time."
              : "The client returns to the dashboard and its systems are checked again on their intervals."}
          </p>
          {error ? (
            <p role="alert" className="mt-3 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300">
              <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex justify-end gap-2 rounded-b-xl border-t border-line bg-surface-muted px-5 py-3">
          <Button variant="ghost" onClick={() => dialogRef.current?.close()} disabled={pending} autoFocus={active}>
            Cancel
          </Button>
          <Button variant={active ? "danger" : "primary"} onClick={confirm} disabled={pending} aria-busy={pending} autoFocus={!active}>
            {pending ? <Spinner className="size-4" /> : null}
            {verb} client
          </Button>
        </div>
      </dialog>
    </>
  );
}
