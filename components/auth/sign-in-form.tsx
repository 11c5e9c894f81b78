"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { signInAction, type AuthFormState } from "@/app/actions/auth";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Spinner } from "@/components/ui/icons";
import { useFieldErrors } from "@/components/ui/use-field-errors";

export function SignInForm({ next, notice }: { next: string; notice: string | null }) {
  const [state, formAction, pending] = useActionState<AuthFormState, FormData>(signInAction, null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const passwordRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(state);
  const failed = state && !state.ok;
  const fieldErrorCount = failed ? Object.keys(state.fieldErrors).length : 0;

  // Wrong credentials: clear the password and put the cursor back there for another try; an
  // empty field: the cursor goes to it. The clearing happens while rendering the new result
  // (React's "adjust state when a prop changes"), the focus after it is on screen.
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    if (state && !state.ok && Object.keys(state.fieldErrors).length === 0) setPassword("");
  }
  useEffect(() => {
    if (!state || state.ok) return;
    if (Object.keys(state.fieldErrors).length === 0) {
      passwordRef.current?.focus();
    } else {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // startTransition instead of <form action> alone: React would reset the form on an error.
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-5">
      {failed && fieldErrorCount === 0 ? (
        <FormAlert tone="error" testId="sign-in-error">
          {state.error}
        </FormAlert>
      ) : notice && !state ? (
        <FormAlert tone="info" testId="sign-in-notice">
          {notice}
        </FormAlert>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        autoFocus
        value={email}
        onChange={(e) => {
          errors.markEdited("email");
          setEmail(e.target.value);
        }}
        error={errors.error("email", "Email")}
      />
      <TextField
        ref={passwordRef}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => {
          errors.markEdited("password");
          setPassword(e.target.value);
        }}
        error={errors.error("password", "Password")}
      />
      <Button type="submit" variant="primary" className="mt-1 w-full" disabled={pending} aria-busy={pending}>
        {pending ? <Spinner className="size-4" /> : null}
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-xs text-subtle">Forgot your password? Ask an admin of this workspace to set a new one.</p>
    </form>
  );
}
