"use client";

import { useActionState, useRef } from "react";
import { changePasswordAction, type AuthFormState } from "@/app/actions/auth";
import { PASSWORD_HINT } from "@/lib/ui/password-hint";
import { usePasswordEntry } from "@/components/ui/use-password-entry";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Spinner } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

type Field = "current_password" | "new_password" | "confirm_password";

/** On success the action signs this browser out (the verb has ended every session) and opens /sign-in. */
export function ChangePasswordForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<AuthFormState, FormData>(changePasswordAction, null);
  const { values, change, confirmError, confirmRef, onSubmit } = usePasswordEntry<Field>({ current_password: "", new_password: "", confirm_password: "" }, "new_password", formAction);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(state, confirmError ? { confirm_password: confirmError.replace("the password", "the new password") } : {});
  useFocusOnFailure(state, formRef);
  const summary = errors.summary();

  function set(field: Field, value: string) {
    errors.markEdited(field);
    change(field, value);
  }

  const field = (name: Field, label: string) => ({
    name,
    label,
    type: "password",
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    error: errors.error(name, label),
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" aria-label="Change password">
      {summary ? <FormAlert tone="error">{summary}</FormAlert> : null}
      {/* Lets password managers attach the new password to the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField {...field("current_password", "Current password")} autoComplete="current-password" required />
      <TextField {...field("new_password", "New password")} autoComplete="new-password" hint={PASSWORD_HINT} required />
      <TextField ref={confirmRef} {...field("confirm_password", "Confirm new password")} autoComplete="new-password" required />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : null}
          {pending ? "Changing password…" : "Change password"}
        </Button>
        <p className="text-xs text-subtle">You will be signed out everywhere, including here.</p>
      </div>
    </form>
  );
}
