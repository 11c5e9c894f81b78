"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { resetPasswordAction, updateUserAction, type UserFormState } from "@/app/actions/users";
import { ROLES, type RoleName } from "@/lib/auth/roles";
import type { UserOutput } from "@/lib/users/schemas";
import { cx } from "@/lib/ui/class-names";
import { PASSWORD_HINT } from "@/lib/ui/password-hint";
import { ROLE_LABEL } from "@/lib/ui/permissions";
import { formatAgo, formatTimestampUtc } from "@/lib/ui/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useDialog } from "@/components/ui/confirm-dialog";
import { selectClasses, TextField } from "@/components/ui/field";
import { AlertCircleIcon, CheckCircleIcon, ChevronDownIcon, Spinner } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { ActionsHeader, DataTable } from "@/components/ui/data-table";

export function UsersTable({ users, currentUserId, now }: { users: readonly UserOutput[]; currentUserId: string; now: number }) {
  return (
    <div className="relative overflow-x-auto">
      <DataTable
        caption="Users of this workspace"
        testId="users-table"
        columns={[
          { label: "User", className: "pl-5 pr-3" },
          { label: "Role", className: "px-3" },
          { label: "Status", className: "hidden px-3 sm:table-cell" },
          { label: "Last sign-in", className: "hidden px-3 md:table-cell" },
          { label: ActionsHeader, className: "hidden pl-3 pr-5 text-right sm:table-cell" },
        ]}
      >
        {users.map((user) => (
          <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} now={now} />
        ))}
      </DataTable>
    </div>
  );
}

type Notice = { tone: "error" | "success"; text: string } | null;

/** One user: role select + save, reset password, deactivate / reactivate; the verb's answer shows right under the row. */
function UserRow({ user, isSelf, now }: { user: UserOutput; isSelf: boolean; now: number }) {
  const [role, setRole] = useState<RoleName>(user.role);
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, startUpdate] = useTransition();
  const [pendingWhat, setPendingWhat] = useState<"role" | "active" | null>(null);
  const deactivate = useDialog();
  const selectId = useId();
  const roleChanged = role !== user.role;
  // Phones have no room for an actions column: the actions go under the name instead (one
  // place at a time, so each dialog exists once).
  const wide = useMediaQuery("(min-width: 640px)");

  // After a refresh the server's role wins (e.g. someone else changed it meanwhile).
  const [serverRole, setServerRole] = useState(user.role);
  if (serverRole !== user.role) {
    setServerRole(user.role);
    setRole(user.role);
  }

  function update(what: "role" | "active", patch: { role?: string; active?: boolean }, after?: () => void) {
    setNotice(null);
    setPendingWhat(what);
    startUpdate(async () => {
      const result = await updateUserAction(user.id, patch);
      setPendingWhat(null);
      after?.();
      if (result.ok) {
        setNotice({
          tone: "success",
          text:
            what === "role"
              ? `${user.name} is now ${ROLE_LABEL[result.data.role].toLowerCase()}.`
              : result.data.active
                ? `${user.name} can sign in again.`
                : `${user.name} is deactivated and signed out everywhere.`,
        });
      } else {
        if (what === "role") setRole(user.role); // nothing changed: show what is true
        setNotice({ tone: "error", text: result.error });
      }
    });
  }

  const actions = isSelf ? (
    <p className={cx("text-xs text-subtle", wide && "text-right")}>
      <Link href="/settings#account" className="underline decoration-line-strong underline-offset-2 hover:text-fg hover:decoration-current">
        Change your password
      </Link>{" "}
      under Settings
    </p>
  ) : (
    <div className={cx("flex flex-wrap items-center gap-1", wide ? "justify-end" : "-ml-3")}>
      <ResetPasswordButton user={user} onDone={(text) => setNotice({ tone: "success", text })} />
      {user.active ? (
        <Button size="sm" variant="ghost" onClick={() => deactivate.open()} disabled={pending}>
          Deactivate
          <span className="sr-only"> {user.name}</span>
        </Button>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => update("active", { active: true })} disabled={pending} aria-busy={pendingWhat === "active"}>
          {pendingWhat === "active" ? <Spinner className="size-3.5" /> : null}
          Reactivate
          <span className="sr-only"> {user.name}</span>
        </Button>
      )}
      <ConfirmDialog
        dialogRef={deactivate.ref}
        title={`Deactivate ${user.name}?`}
        confirmLabel="Deactivate user"
        pending={pendingWhat === "active"}
        onConfirm={() => update("active", { active: false }, () => deactivate.close())}
      >
        {user.name} is signed out everywhere and cannot sign in until reactivated. Their entries in the audit log are kept.
      </ConfirmDialog>
    </div>
  );

  return (
    <tbody className="border-b border-line last:border-b-0" data-testid="user-row" data-email={user.email}>
      <tr className={user.active ? undefined : "text-muted"}>
        <td className="w-full max-w-0 py-3 pl-5 pr-3 sm:w-[34%]">
          <p className="flex min-w-0 items-center gap-2">
            <span className={cx("truncate font-medium", user.active ? "text-fg" : undefined)}>{user.name}</span>
            {isSelf ? <Badge tone="indigo">You</Badge> : null}
          </p>
          <p className="mt-0.5 truncate text-xs text-subtle" title={user.email}>
            {user.email}
          </p>
          {!wide ? (
            <div className="mt-1.5 flex flex-col items-start gap-1.5">
              <StatusBadge active={user.active} />
              {actions}
            </div>
          ) : null}
        </td>
        <td className="px-3 py-3">
          <div className="flex items-center gap-2">
            <label htmlFor={selectId} className="sr-only">
              Role for {user.name}
            </label>
            <div className="relative w-28 shrink-0">
              <select
                id={selectId}
                value={role}
                onChange={(e) => {
                  setNotice(null);
                  setRole(e.target.value as RoleName);
                }}
                disabled={pending}
                className={cx(selectClasses, "h-8 text-[13px]")}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </select>
              <ChevronDownIcon aria-hidden className="pointer-events-none absolute right-2.5 top-1/2 size-4 -translate-y-1/2 text-subtle" />
            </div>
            {roleChanged ? (
              <Button size="sm" variant="primary" onClick={() => update("role", { role })} disabled={pending} aria-busy={pendingWhat === "role"}>
                {pendingWhat === "role" ? <Spinner className="size-3.5" /> : null}
                Save
                <span className="sr-only"> role for {user.name}</span>
              </Button>
            ) : null}
          </div>
        </td>
        <td className="hidden px-3 py-3 sm:table-cell">
          <StatusBadge active={user.active} />
        </td>
        <td className="hidden px-3 py-3 md:table-cell">
          {user.last_sign_in_at ? (
            <time dateTime={user.last_sign_in_at} title={formatTimestampUtc(user.last_sign_in_at)} className="whitespace-nowrap tabular-nums">
              {formatAgo(Date.parse(user.last_sign_in_at), now)}
            </time>
          ) : (
            <span className="text-subtle">Never</span>
          )}
        </td>
        {wide ? <td className="py-3 pl-3 pr-5">{actions}</td> : null}
      </tr>
      {notice ? (
        <tr>
          <td colSpan={5} className="px-5 pb-3 pt-0">
            <p
              role={notice.tone === "error" ? "alert" : "status"}
              data-testid={notice.tone === "error" ? "user-row-error" : "user-row-notice"}
              className={cx(
                "flex items-start gap-1.5 text-[13px]",
                notice.tone === "error" ? "text-rose-700 dark:text-rose-300" : "text-emerald-700 dark:text-emerald-300",
              )}
            >
              {notice.tone === "error" ? <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" /> : <CheckCircleIcon className="mt-[3px] size-3.5 shrink-0" />}
              {notice.text}
            </p>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function StatusBadge({ active }: { active: boolean }) {
  return active ? <Badge tone="emerald">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>;
}

/**
 * "Reset password" opens a dialog with one field. The form exists only while the dialog is
 * open: a fresh form each time, and no duplicate field ids across the table's rows.
 */
function ResetPasswordButton({ user, onDone }: { user: UserOutput; onDone: (text: string) => void }) {
  const dialog = useDialog();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) dialog.open();
  }, [open, dialog]);
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Reset password
        <span className="sr-only"> for {user.name}</span>
      </Button>
      <dialog
        // eslint-disable-next-line react-hooks/refs -- passes the ref object to `ref`, never reads .current (compiler misreads `dialog` after the effect)
        ref={dialog.ref}
        onClose={() => setOpen(false)}
        aria-labelledby={`reset-${user.id}-title`}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-line bg-surface p-0 text-left text-fg shadow-2xl backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[2px] dark:backdrop:bg-black/60"
      >
        {open ? (
          <ResetPasswordForm
            user={user}
            onCancel={() => dialog.close()}
            onDone={() => {
              dialog.close();
              onDone(`New password set for ${user.name}; their sessions were ended.`);
            }}
          />
        ) : null}
      </dialog>
    </>
  );
}

function ResetPasswordForm({ user, onCancel, onDone }: { user: UserOutput; onCancel: () => void; onDone: () => void }) {
  const [state, formAction, pending] = useActionState<UserFormState, FormData>(resetPasswordAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(state);
  useFocusOnFailure(state, formRef);
  const failed = state && !state.ok;

  // Once per successful submission (onDone is a new function on every render).
  const handled = useRef<UserFormState>(null);
  useEffect(() => {
    if (state?.ok && handled.current !== state) {
      handled.current = state;
      onDone();
    }
  }, [state, onDone]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate>
      <div className="p-5">
        <h2 id={`reset-${user.id}-title`} className="text-base font-semibold">
          Reset password for {user.name}
        </h2>
        <p className="mt-2 text-sm leading-6 text-muted">
          They are signed out everywhere and sign in with this password next. Share it with them securely.
        </p>
        <input type="hidden" name="user_id" value={user.id} />
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <TextField
          className="mt-4"
          name="new_password"
          label="New password"
          type="password"
          autoComplete="new-password"
          autoFocus
          hint={PASSWORD_HINT}
          onChange={() => errors.markEdited("new_password")}
          error={errors.error("new_password", "New password")}
        />
        {failed && !state.fieldErrors.new_password ? (
          <p role="alert" className="mt-3 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300">
            <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
            {state.error}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-line bg-surface-muted px-5 py-3">
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : null}
          Set new password
        </Button>
      </div>
    </form>
  );
}
