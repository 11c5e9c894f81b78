import type { ReactNode, RefObject, SyntheticEvent } from "react";
import { cx } from "@/lib/ui/class-names";
import { Button } from "./button";
import { Spinner } from "./icons";

/** The native modal <dialog> around an edit form (focus trap, Escape, inert background for free). */
export function FormDialog({
  dialogRef,
  titleId,
  size,
  onClose,
  onCancel,
  children,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  titleId: string;
  size: "md" | "lg";
  onClose: () => void;
  onCancel?: (event: SyntheticEvent<HTMLDialogElement>) => void;
  children: ReactNode;
}) {
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onCancel}
      className={
        size === "md"
          ? "m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-line bg-surface p-0 text-left text-fg shadow-2xl backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[2px] dark:backdrop:bg-black/60"
          : "m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl border border-line bg-surface p-0 text-left text-fg shadow-2xl backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[2px] dark:backdrop:bg-black/60"
      }
    >
      {children}
    </dialog>
  );
}

/** The title (labels the dialog via titleId) and one line of explanation at the top of a dialog form. */
export function DialogHeader({ titleId, title, description, truncate = false }: { titleId: string; title: ReactNode; description: ReactNode; truncate?: boolean }) {
  return (
    <div className="border-b border-line px-5 py-4">
      <h2 id={titleId} className={cx(truncate && "truncate", "text-base font-semibold")}>
        {title}
      </h2>
      <p className="mt-0.5 text-[13px] text-muted">{description}</p>
    </div>
  );
}

/** Cancel and submit at the bottom of a dialog form; both wait while a save is in flight. */
export function DialogFooter({ pending, onCancel, submitLabel }: { pending: boolean; onCancel: () => void; submitLabel: string }) {
  return (
    <div className="flex justify-end gap-2 rounded-b-xl border-t border-line bg-surface-muted px-5 py-3">
      <Button variant="ghost" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
        {pending ? <Spinner className="size-4" /> : null}
        {pending ? "Saving…" : submitLabel}
      </Button>
    </div>
  );
}
