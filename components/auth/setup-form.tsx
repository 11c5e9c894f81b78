"use client";

import Link from "next/link";
import { useActionState, useRef } from "react";
import { setupAction, type AuthFormState } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Spinner } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";
import { PASSWORD_HINT } from "@/lib/ui/password-hint";
import { usePasswordEntry } from "@/components/ui/use-password-entry";

type Field = "name" | "email" | "password" | "confirm_password";

export function SetupForm() {
  const [state, formAction, pending] = useActionState<AuthFormState, FormData>(setupAction, null);
  const { values, change, confirmError, confirmRef, onSubmit } = usePasswordEntry<Field>({ name: "", email: "", password: "", confirm_password: "" }, "password", formAction);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(state, confirmError ? { confirm_password: confirmError } : {});
  useFocusOnFailure(state, formRef);
  const failed = state && !state.ok;
  const alreadySetUp = failed && Object.keys(state.fieldErrors).length === 0;
  const summary = errors.summary();

  function set(field: Field, value: string) {
    errors.markEdited(field);
    change(field, value);
  }

  const field = (name: Field, label: string) => ({
    name,
    label,
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    error: errors.error(name, label),
  });

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      {alreadySetUp ? (
        <FormAlert tone="error" testId="setup-error">
          {state.error}{" "}
          <Link href="/sign-in" className="font-medium underline underline-offset-2">
            Go to sign in
          </Link>
        </FormAlert>
      ) : summary ? (
        <FormAlert tone="error" testId="setup-error">
          {summary}
        </FormAlert>
      ) : null}
      <TextField {...field("name", "Your name")} autoComplete="name" placeholder="Ada Lovelace" autoFocus required />
      <TextField
        {...field("email", "Email")}
        type="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="you@agency.com"
        required
      />
      <TextField {...field("password", "Password")} type="password" autoComplete="new-password" hint={PASSWORD_HINT} required minLength={12} />
      <TextField ref={confirmRef} {...field("confirm_password", "Confirm password")} type="password" autoComplete="new-password" required />
      <Button type="submit" variant="primary" className="mt-1 w-full" disabled={pending} aria-busy={pending}>
        {pending ? <Spinner className="size-4" /> : null}
        {pending ? "Creating your account…" : "Create admin account"}
      </Button>
    </form>
  );
}
