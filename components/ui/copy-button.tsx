"use client";

import { useEffect, useState } from "react";
import { cx } from "@/lib/ui/class-names";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

async function copyText(text: string): Promise<boolean> {
  try {
    // The Clipboard API needs a secure context (https or localhost)…
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // …a self-hosted server on plain http over the LAN is not one: fall back to a selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok: boolean;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** Copies `text`; says "Copied" for a moment (also to screen readers), or asks to copy by hand. */
export function CopyButton({
  text,
  label = "Copy",
  variant = "secondary",
  size = "sm",
  className,
  testId,
}: {
  text: string;
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  testId?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      className={cx(buttonClasses({ variant, size }), className)}
    >
      {state === "copied" ? <CheckIcon className="size-4 text-emerald-600 dark:text-emerald-400" /> : <CopyIcon className="size-4" />}
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : label}</span>
    </button>
  );
}
