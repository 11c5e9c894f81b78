"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { fieldMessage } from "@/lib/ui/form-errors";

type State = { ok: true } | { ok: false; error: string; fieldErrors: Record<string, string> } | null;

/**
 * Field errors of the last submission, each hidden as soon as its field is edited (a stale
 * error next to a corrected value only confuses). `extra` carries checks made in the browser.
 */
export function useFieldErrors(state: State, extra: Record<string, string> = {}) {
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [seen, setSeen] = useState<State>(state);
  if (state !== seen) {
    setSeen(state);
    setEdited(new Set());
  }
  const server = state && !state.ok ? state.fieldErrors : {};
  const errors: Record<string, string> = { ...server, ...extra };
  const failed = state !== null && !state.ok;
  return {
    /** The message for a field, led by its label when it is a fragment ("is required"). */
    error(name: string, label: string): string | undefined {
      return edited.has(name) ? undefined : fieldMessage(label, errors[name]);
    },
    markEdited(name: string) {
      if (errors[name] && !edited.has(name)) setEdited((prev) => new Set(prev).add(name));
    },
    /** Errors for fields this form does not show (e.g. "form", or an id). */
    other(shown: readonly string[]): string[] {
      return Object.entries(errors)
        .filter(([k]) => !shown.includes(k))
        .map(([k, m]) => (k === "form" ? m : `${k}: ${m}`));
    },
    /**
     * The form-level message to show, if any: the action's own words for a failure without
     * field errors (wrong password, conflict…), or "Please correct…" while any server field
     * error is still showing.
     */
    summary(): string | null {
      if (!failed) return null;
      const fieldKeys = Object.keys(server);
      if (fieldKeys.length === 0) return state.error;
      return fieldKeys.some((k) => !edited.has(k)) ? state.error : null;
    },
  };
}

/**
 * After a failed submission, puts the keyboard focus where the problem is: the first invalid
 * field, else the form's alert. (The submit button was disabled while pending, so the focus
 * had fallen back to the page.)
 */
export function useFocusOnFailure(state: State, formRef: RefObject<HTMLFormElement | null>) {
  const handled = useRef<State>(null);
  useEffect(() => {
    if (!state || state.ok || handled.current === state) return;
    handled.current = state;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [state, formRef]);
}
