"use client";

import { useRef, useState } from "react";
import { flushSync } from "react-dom";

/** What an edit dialog shows: the item it edits; n remounts the form on each opening. */
export interface EditDialogState<T> {
  item: T;
  n: number;
}

/**
 * A native modal <dialog> whose form is mounted only while it is open: the dialog's ref and
 * what it edits, kept apart so nothing reads the ref while rendering. open() mounts a fresh
 * form first (so it starts from the item's current settings and there is something to focus),
 * then shows the dialog and focuses the first field (showModal() alone focuses the dialog
 * itself: React's autoFocus sets no attribute for it to find). Pass `focusFirstField: false`
 * to leave the focus to the browser. Clear `editing` from the dialog's onClose with close().
 */
export function useEditDialog<T>({ focusFirstField = true }: { focusFirstField?: boolean } = {}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [editing, setEditing] = useState<EditDialogState<T> | null>(null);
  const open = (item: T) => {
    flushSync(() => setEditing((prev) => ({ item, n: (prev?.n ?? 0) + 1 })));
    ref.current?.showModal();
    if (focusFirstField) ref.current?.querySelector<HTMLElement>("select, input:not([type=hidden])")?.focus();
  };
  return { ref, editing, open, onClosed: () => setEditing(null) };
}
