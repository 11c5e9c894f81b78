"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/app/actions/action-result";
import { updateSystemAction } from "@/app/actions/systems";
import type { SystemOutput } from "@/lib/clients/schemas";
import { queryKeys } from "@/lib/query-keys";
import { SYSTEM_FORM_LABELS as LABEL, systemFormValues, type SystemFormField, type SystemFormValues } from "@/lib/ui/system-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormErrorSummary } from "@/components/ui/form-alert";
import { DialogFooter, DialogHeader, FormDialog } from "@/components/ui/form-dialog";
import { PencilIcon } from "@/components/ui/icons";
import { Switch } from "@/components/ui/switch";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

type Result = ActionResult<SystemOutput> | null;

/**
 * "Edit" on a system card: a form in a native modal <dialog> (focus kept inside, Escape
 * closes, focus returns to the button). The form is mounted only while open, so it always
 * starts from the system's current settings and the page never holds two fields with one id.
 */
export function EditSystemButton({ clientId, system }: { clientId: string; system: SystemOutput }) {
  // The form is mounted first, so there is something to focus: the name field.
  const dialog = useEditDialog<SystemOutput>();
  const [result, setResult] = useState<Result>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const titleId = useId();

  function show() {
    setResult(null);
    dialog.open(system);
  }

  function submit(formData: FormData) {
    startTransition(async () => {
      const outcome = await updateSystemAction(formData);
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
      <Button variant="ghost" size="sm" onClick={show} aria-haspopup="dialog" title={`Edit ${system.name}`} className="-mr-2 gap-1.5 px-2">
        <PencilIcon className="size-3.5" />
        {/* Icon only on phones, where the system's name needs the room; the name is always in the accessible name. */}
        <span className="sr-only sm:not-sr-only">Edit</span>
        <span className="sr-only"> {system.name}</span>
      </Button>
      <FormDialog
        dialogRef={dialog.ref}
        titleId={titleId}
        size="lg"
        onClose={dialog.onClosed}
        // A save in flight finishes with the dialog open, so its outcome is seen.
        onCancel={(event) => {
          if (pending) event.preventDefault();
        }}
      >
        {dialog.editing ? (
          <EditSystemForm clientId={clientId} system={system} titleId={titleId} result={result} pending={pending} onSubmit={submit} onCancel={() => dialog.ref.current?.close()} />
        ) : null}
      </FormDialog>
    </>
  );
}

const NUMBER_FIELDS: { name: SystemFormField; suffix?: string; min: number; max: number; step: number; hint: string }[] = [
  { name: "check_interval_seconds", suffix: "s", min: 10, max: 86_400, step: 1, hint: "10 s to 1 day." },
  { name: "timeout_ms", suffix: "ms", min: 500, max: 60_000, step: 100, hint: "At most the interval." },
  { name: "degraded_threshold_ms", suffix: "ms", min: 1, max: 600_000, step: 100, hint: "Slower counts as degraded." },
  { name: "confirmations", min: 1, max: 10, step: 1, hint: "Checks in a row to change status." },
];

function EditSystemForm({
  clientId,
  system,
  titleId,
  result,
  pending,
  onSubmit,
  onCancel,
}: {
  clientId: string;
  system: SystemOutput;
  titleId: string;
  result: Result;
  pending: boolean;
  onSubmit: (formData: FormData) => void;
  onCancel: () => void;
}) {
  // Controlled: what was typed survives a failed save untouched.
  const [values, setValues] = useState<SystemFormValues>(() => systemFormValues(system));
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(result);
  useFocusOnFailure(result, formRef);
  const shown: string[] = [...Object.keys(LABEL)];
  const other = errors.other(shown);
  const summary = errors.summary();

  function set(field: SystemFormField, value: string) {
    errors.markEdited(field);
    setValues((prev) => ({ ...prev, [field]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  }

  const text = (name: SystemFormField) => ({
    name,
    label: LABEL[name],
    value: values[name],
    onChange: (e: { target: { value: string } }) => set(name, e.target.value),
    error: errors.error(name, LABEL[name]),
  });

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="flex max-h-[calc(100dvh-2rem)] flex-col" data-testid="edit-system-form">
      <input type="hidden" name="client_id" value={clientId} />
      <input type="hidden" name="system" value={system.name} />
      <DialogHeader titleId={titleId} truncate title={`Edit ${system.name}`} description="A new URL, interval or monitoring setting is checked within 10 seconds." />

      <div className="flex min-h-0 flex-col gap-5 overflow-y-auto px-5 py-5">
        <FormErrorSummary title="Couldn’t save the changes" summary={summary} other={other} />
        <TextField {...text("name")} autoComplete="off" maxLength={200} />
        <TextField {...text("health_url")} type="url" inputMode="url" spellCheck={false} autoCapitalize="none" placeholder="https://api.client.com/health" />
        <TextField
          {...text("metrics_url")}
          optional
          type="url"
          inputMode="url"
          spellCheck={false}
          autoCapitalize="none"
          placeholder="https://api.client.com/metrics"
          hint="Leave empty to stop pulling metrics."
        />
        <div className="grid grid-cols-2 gap-x-4 gap-y-5">
          {NUMBER_FIELDS.map((f) => (
            <TextField
              key={f.name}
              {...text(f.name)}
              type="number"
              inputMode="numeric"
              min={f.min}
              max={f.max}
              step={f.step}
              suffix={f.suffix}
              hint={f.hint}
            />
          ))}
        </div>
        <MonitoringSwitch
          checked={values.enabled}
          onCheckedChange={(enabled) => {
            errors.markEdited("enabled");
            setValues((prev) => ({ ...prev, enabled }));
          }}
          error={errors.error("enabled", LABEL.enabled)}
        />
      </div>

      <DialogFooter pending={pending} onCancel={onCancel} submitLabel="Save changes" />
    </form>
  );
}

function MonitoringSwitch({ checked, onCheckedChange, error }: { checked: boolean; onCheckedChange: (v: boolean) => void; error?: string }) {
  const id = useId();
  return (
    <div className="flex items-start justify-between gap-4 rounded-lg border border-line px-3.5 py-3">
      <div className="min-w-0">
        <p id={`${id}-label`} className="text-[13px] font-medium text-fg">
          Monitor this system
        </p>
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-subtle">
          When off, checks pause and its status no longer counts towards the client&rsquo;s.
        </p>
        {error ? <p className="mt-1 text-[13px] text-rose-700 dark:text-rose-300">{error}</p> : null}
      </div>
      <Switch name="enabled" checked={checked} onCheckedChange={onCheckedChange} aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} className="mt-0.5" />
    </div>
  );
}
