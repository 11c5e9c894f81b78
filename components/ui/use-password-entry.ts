"use client";

import { startTransition, useRef, useState, type FormEvent } from "react";
import { confirmationError } from "@/lib/ui/password-hint";

/**
 * Controlled values for a form that sets a password with a confirmation field: a mismatch is
 * shown as soon as the form is submitted (the server action checks it again, with all other
 * fields); editing either password field clears that message.
 */
export function usePasswordEntry<F extends string>(initial: Record<F, string>, passwordField: F, formAction: (formData: FormData) => void) {
  const [values, setValues] = useState(initial);
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const confirmRef = useRef<HTMLInputElement>(null);

  function change(field: F, value: string) {
    if (field === passwordField || field === "confirm_password") setConfirmError(undefined);
    setValues((prev) => ({ ...prev, [field]: value }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A mismatch shows at once, but the form is still sent: the action reports it together
    // with every other field's error, so one round names them all (not the mismatch first,
    // then the rest).
    setConfirmError(confirmationError(values[passwordField], values["confirm_password" as F] ?? ""));
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return { values, change, confirmError, confirmRef, onSubmit };
}
