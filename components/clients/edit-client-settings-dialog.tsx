"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/app/actions/action-result";
import { updateClientSettingsAction } from "@/app/actions/clients";
import type { ClientOutput } from "@/lib/clients/schemas";
import { queryKeys } from "@/lib/query-keys";
import { CLIENT_SETTINGS_LABELS as LABEL, clientSettingsValues, timeZoneSuggestions, type ClientSettingsField, type ClientSettingsValues } from "@/lib/ui/client-settings-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrorSummary } from "@/components/ui/form-alert";
import { DialogFooter, DialogHeader, FormDialog } from "@/components/ui/form-dialog";
import { PencilIcon } from "@/components/ui/icons";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

type Result = ActionResult<ClientOutput> | null;

/**
 * "Business settings" of a client (editors and admins): its time zone (whose days the daily
 * metrics and "today" are), the hourly rate that values time saved, and the currency. A native
 * modal <dialog>, mounted only while open, like the edit-system dialog.
 */
export function EditClientSettingsButton({
  client,
  label = "Business settings",
}: {
  client: Pick<ClientOutput, "client_id" | "client_name" | "time_zone" | "hourly_rate" | "currency">;
  /** The button's text where the context says which setting (the ROI panel: "Edit rate"). */
  label?: string;
}) {
  // The time zone field has autoFocus; the focus is left as it was before the shared hook.
  const dialog = useEditDialog<true>({ focusFirstField: false });
  const [result, setResult] = useState<Result>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const titleId = useId();

  function show() {
    setResult(null);
    dialog.open(true);
  }

  function submit(formData: FormData) {
    startTransition(async () => {
      const outcome = await updateClientSettingsAction(formData);
      setResult(outcome);
      if (outcome.ok) {
        dialog.ref.current?.close();
        await queryClient.invalidateQueries({ queryKey: queryKeys.all });
        router.refresh();
      }
    });
  }

  return (
    <>
      <Button variant="ghost" size="sm" onClick={show} aria-haspopup="dialog" className="gap-1.5 px-2">
        <PencilIcon className="size-3.5" />
        {label}
      </Button>
      <FormDialog
        dialogRef={dialog.ref}
        titleId={titleId}
        size="md"
        onClose={dialog.onClosed}
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
      >
        {dialog.editing ? <SettingsForm client={client} titleId={titleId} result={result} pending={pending} onSubmit={submit} onCancel={() => dialog.ref.current?.close()} /> : null}
      </FormDialog>
    </>
  );
}

function SettingsForm({
  client,
  titleId,
  result,
  pending,
  onSubmit,
  onCancel,
}: {
  client: Pick<ClientOutput, "client_id" | "client_name" | "time_zone" | "hourly_rate" | "currency">;
  titleId: string;
  result: Result;
  pending: boolean;
  onSubmit: (formData: FormData) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<ClientSettingsValues>(() => clientSettingsValues(client));
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(result);
  useFocusOnFailure(result, formRef);
  const zones = useMemo(() => timeZoneSuggestions(), []);
  const listId = useId();
  const summary = errors.summary();
  const other = errors.other(Object.keys(LABEL));

  const field = (name: ClientSettingsField) => ({
    name,
    label: LABEL[name],
    value: values[name],
    onChange: (e: { target: { value: string } }) => {
      errors.markEdited(name);
      setValues((prev) => ({ ...prev, [name]: e.target.value }));
    },
    error: errors.error(name, LABEL[name]),
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="flex flex-col" data-testid="client-settings-form">
      <input type="hidden" name="client_id" value={client.client_id} />
      <DialogHeader
        titleId={titleId}
        truncate
        title={`Business settings of ${client.client_name}`}
        description={<>Daily metrics and &ldquo;today&rdquo; follow the client&rsquo;s time zone; ROI values time saved at the hourly rate.</>}
      />
      <div className="flex flex-col gap-5 px-5 py-5">
        <FormErrorSummary title="Couldn’t save the settings" summary={summary} other={other} />
        <TextField {...field("time_zone")} list={listId} autoComplete="off" spellCheck={false} autoCapitalize="none" placeholder="America/New_York" hint="An IANA name, e.g. Europe/Berlin or UTC." autoFocus />
        <datalist id={listId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <div className="grid grid-cols-2 gap-x-4">
          <TextField {...field("hourly_rate")} type="number" inputMode="decimal" min={0} step={0.01} hint="Per hour saved." />
          <TextField {...field("currency")} autoComplete="off" spellCheck={false} maxLength={3} placeholder="USD" hint="ISO 4217 code." />
        </div>
      </div>
      <DialogFooter pending={pending} onCancel={onCancel} submitLabel="Save settings" />
    </form>
  );
}
