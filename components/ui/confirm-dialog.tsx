"use client";

import { useId, useMemo, useRef, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { AlertCircleIcon, Spinner } from "./icons";

/**
 * A confirmation in a native <dialog> (focus trap, Escape and inert background for free), the
 * same look as the client deactivate dialog. The trigger opens it; `onConfirm` runs the action
 * and the parent closes it (via `dialogRef`) on success or passes `error` to show inside.
 */
export function ConfirmDialog({
  dialogRef,
  title,
  children,
  confirmLabel,
  confirmVariant = "danger",
  pending,
  error,
  onConfirm,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  pending: boolean;
  error?: string | null;
  onConfirm: () => void;
}) {
  const id = useId();
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-line bg-surface p-0 text-left text-fg shadow-2xl backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[2px] dark:backdrop:bg-black/60"
    >
      <div className="p-5">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <div id={`${id}-body`} className="mt-2 text-sm leading-6 text-muted">
          {children}
        </div>
        {error ? (
          <p role="alert" className="mt-3 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300">
            <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
            {error}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-line bg-surface-muted px-5 py-3">
        <Button variant="ghost" onClick={() => dialogRef.current?.close()} disabled={pending} autoFocus>
          Cancel
        </Button>
        <Button variant={confirmVariant} onClick={onConfirm} disabled={pending} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : null}
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

/** A ref for a <dialog> plus open/close; the same object on every render. */
export function useDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  return useMemo(
    () => ({
      ref,
      open: () => {
        if (!ref.current?.open) ref.current?.showModal();
      },
      close: () => ref.current?.close(),
    }),
    [],
  );
}
