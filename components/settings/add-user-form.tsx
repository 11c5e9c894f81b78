"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { createUserAction, type UserFormState } from "@/app/actions/users";
import { ROLES } from "@/lib/auth/roles";
import { PASSWORD_HINT } from "@/lib/ui/password-hint";
import { ROLE_DESCRIPTION, ROLE_LABEL } from "@/lib/ui/permissions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { PlusIcon, Spinner } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

export function AddUserForm() {
  const [state, formAction, pending] = useActionState<UserFormState, FormData>(createUserAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(state);
  useFocusOnFailure(state, formRef);
  const others = errors.other(["email", "name", "role", "password"]);
  const summary = others.length > 0 ? others.join(" ") : errors.summary();

  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-5" aria-label="Add a user">
      {state?.ok ? (
        <FormAlert tone="success" testId="add-user-success">
          Added {state.data.name} ({state.data.email}) as {ROLE_LABEL[state.data.role].toLowerCase()}. Share the initial password with them
          securely; they can change it under Settings.
        </FormAlert>
      ) : summary ? (
        <FormAlert tone="error">{summary}</FormAlert>
      ) : null}
      <div className="grid grid-cols-1 gap-x-4 gap-y-5 md:grid-cols-2">
        <TextField
          name="name"
          label="Name"
          placeholder="Grace Hopper"
          autoComplete="off"
          onChange={() => errors.markEdited("name")}
          error={errors.error("name", "Name")}
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          placeholder="grace@agency.com"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          onChange={() => errors.markEdited("email")}
          error={errors.error("email", "Email")}
        />
        <SelectField
          name="role"
          label="Role"
          defaultValue="viewer"
          hint="Viewers see everything and change nothing."
          onChange={() => errors.markEdited("role")}
          error={errors.error("role", "Role")}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABEL[role]}: {ROLE_DESCRIPTION[role].toLowerCase()}
            </option>
          ))}
        </SelectField>
        <TextField
          name="password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          onChange={() => errors.markEdited("password")}
          error={errors.error("password", "Initial password")}
        />
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : <PlusIcon className="size-4" />}
          {pending ? "Adding user…" : "Add user"}
        </Button>
      </div>
    </form>
  );
}
