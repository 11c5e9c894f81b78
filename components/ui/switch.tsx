"use client";

import type { ButtonHTMLAttributes } from "react";
import { cx } from "@/lib/ui/class-names";
import { Spinner } from "./icons";

/**
 * An on/off switch: a button with role="switch" and aria-checked (Space and Enter toggle it),
 * labelled by the caller (aria-labelledby or aria-label). With `name` it also submits its
 * state as "true"/"false" inside a form.
 */
export function Switch({
  checked,
  onCheckedChange,
  name,
  pending = false,
  className,
  disabled,
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onChange" | "role" | "type" | "name"> & {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  name?: string;
  /** Shows a spinner in the thumb and ignores clicks while a change is being saved. */
  pending?: boolean;
}) {
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-busy={pending || undefined}
        disabled={disabled}
        onClick={() => {
          if (!pending) onCheckedChange(!checked);
        }}
        className={cx(
          "relative inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full border border-transparent transition-colors",
          "disabled:cursor-not-allowed disabled:opacity-55",
          checked ? "bg-emerald-600 dark:bg-emerald-500" : "bg-zinc-300 dark:bg-white/20",
          className,
        )}
        {...props}
      >
        <span
          aria-hidden
          className={cx(
            "flex size-4 items-center justify-center rounded-full bg-white text-zinc-500 shadow-sm ring-1 ring-black/5 transition-transform",
            checked ? "translate-x-4" : "translate-x-0",
          )}
        >
          {pending ? <Spinner className="size-3" /> : null}
        </span>
      </button>
      {name ? <input type="hidden" name={name} value={checked ? "true" : "false"} /> : null}
    </>
  );
}
