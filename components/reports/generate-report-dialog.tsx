"use client";

// "Generate report": client, type, period (the last complete one, the one containing a date,
// or a custom range of whole local days), recommendations. The server action computes and
// freezes the report; its errors land beside their fields, anything else above the form.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, useTransition, type FormEvent, type RefObject } from "react";
import type { ActionResult } from "@/app/actions/action-result";
import { generateReportAction } from "@/app/actions/reports";
import type { ReportClientOption } from "@/lib/reports/client-options";
import { ALL_REPORT_TYPES, MAX_REPORT_RANGE_DAYS, type PeriodicReportType, type ReportSummary, type ReportType } from "@/lib/reports/contracts";
import { queryKeys } from "@/lib/query-keys";
import { addDays, localDate, PERIOD_NOUN, REPORT_TYPE_LABEL } from "@/lib/reports/report-view";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormErrorSummary } from "@/components/ui/form-alert";
import { DialogHeader, FormDialog } from "@/components/ui/form-dialog";
import { Spinner } from "@/components/ui/icons";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

/** What the dialog opens with: a client to pre-select (the client page), else none. */
export interface GenerateDefaults {
  client_id?: string;
}

export function useGenerateDialog() {
  return useEditDialog<GenerateDefaults>();
}

export function GenerateReportDialog({
  dialog,
  clients,
  onGenerated,
}: {
  dialog: ReturnType<typeof useGenerateDialog>;
  clients: ReportClientOption[];
  onGenerated: (report: ReportSummary) => void;
}) {
  const titleId = useId();
  return (
    <FormDialog dialogRef={dialog.ref} titleId={titleId} size="lg" onClose={dialog.onClosed}>
      {dialog.editing ? (
        <GenerateForm key={dialog.editing.n} defaults={dialog.editing.item} clients={clients} titleId={titleId} dialogRef={dialog.ref} onGenerated={onGenerated} />
      ) : null}
    </FormDialog>
  );
}

const LABEL: Record<string, string> = {
  client_id: "Client",
  report_type: "Report type",
  period_containing: "Date",
  start: "First day",
  end: "Last day",
  include_recommendations: "Recommendations",
};

type PeriodMode = "last" | "containing";

function GenerateForm({
  defaults,
  clients,
  titleId,
  dialogRef,
  onGenerated,
}: {
  defaults: GenerateDefaults;
  clients: ReportClientOption[];
  titleId: string;
  dialogRef: RefObject<HTMLDialogElement | null>;
  onGenerated: (report: ReportSummary) => void;
}) {
  const fixed = defaults.client_id ? clients.find((c) => c.client_id === defaults.client_id) : undefined;
  const [clientId, setClientId] = useState(fixed?.client_id ?? clients.find((c) => c.active)?.client_id ?? clients[0]?.client_id ?? "");
  const [type, setType] = useState<ReportType>("monthly");
  const [mode, setMode] = useState<PeriodMode>("last");
  const [lastDay, setLastDay] = useState("");
  // The form mounts when the dialog opens: "now" is that moment (the date fields' max).
  const [openedAt] = useState(() => Date.now());
  const [result, setResult] = useState<ActionResult<ReportSummary> | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const errors = useFieldErrors(result);
  useFocusOnFailure(result, formRef);
  const client = clients.find((c) => c.client_id === clientId);
  const zone = client?.time_zone ?? "UTC";
  const today = localDate(openedAt, zone);
  // A custom range is whole local days that are over: yesterday at the latest.
  const yesterday = addDays(today, -1);
  const err = (name: string) => errors.error(name, LABEL[name] ?? name);
  const edited = (name: string) => () => errors.markEdited(name);
  const modeName = useId();
  const recoId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await generateReportAction(form);
      setResult(outcome);
      if (!outcome.ok) return;
      dialogRef.current?.close();
      onGenerated(outcome.data);
      await queryClient.invalidateQueries({ queryKey: queryKeys.reports.all() });
    });
  }

  const noun = type === "custom" ? null : PERIOD_NOUN[type as PeriodicReportType];
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex max-h-[calc(100dvh-2rem)] flex-col" data-testid="generate-report-form">
      <DialogHeader
        titleId={titleId}
        title={fixed ? `Generate a report for ${fixed.client_name}` : "Generate a report"}
        description="Computed now from the stored checks and metrics, then frozen: a download next month gives the same document."
        truncate={Boolean(fixed)}
      />
      <div className="flex min-h-0 flex-col gap-5 overflow-y-auto px-5 py-5">
        <FormErrorSummary title="Couldn’t generate the report" summary={errors.summary()} other={errors.other(Object.keys(LABEL))} />
        <div className="grid grid-cols-1 gap-x-4 gap-y-5 sm:grid-cols-2">
          {fixed ? (
            <input type="hidden" name="client_id" value={fixed.client_id} />
          ) : (
            <SelectField
              name="client_id"
              label="Client"
              value={clientId}
              onChange={(e) => {
                errors.markEdited("client_id");
                setClientId(e.target.value);
              }}
              error={err("client_id")}
            >
              {clients.map((c) => (
                <option key={c.client_id} value={c.client_id}>
                  {c.client_name}
                  {c.active ? "" : " (inactive)"}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            name="report_type"
            label="Report type"
            value={type}
            onChange={(e) => {
              errors.markEdited("report_type");
              setType(e.target.value as ReportType);
            }}
            error={err("report_type")}
          >
            {ALL_REPORT_TYPES.map((t) => (
              <option key={t} value={t}>
                {REPORT_TYPE_LABEL[t]}
              </option>
            ))}
          </SelectField>
        </div>

        {noun ? (
          <fieldset className="min-w-0">
            <legend className="mb-1.5 text-[13px] font-medium text-fg">Period</legend>
            <div className="flex flex-col gap-2">
              <label className="flex items-start gap-2.5 text-[13px] text-fg">
                <input type="radio" name={modeName} value="last" checked={mode === "last"} onChange={() => setMode("last")} className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100" />
                <span>
                  The last complete {noun}
                  <span className="block text-xs text-subtle">In {zone}, the client&rsquo;s time zone.</span>
                </span>
              </label>
              <label className="flex items-start gap-2.5 text-[13px] text-fg">
                <input
                  type="radio"
                  name={modeName}
                  value="containing"
                  checked={mode === "containing"}
                  onChange={() => setMode("containing")}
                  className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
                />
                <span>The {noun} containing a date</span>
              </label>
            </div>
            {mode === "containing" ? (
              <TextField
                name="period_containing"
                type="date"
                label={`A day in the ${noun}`}
                max={today}
                className="mt-3 sm:max-w-[14rem]"
                hint={`The ${noun} must be over.`}
                onChange={edited("period_containing")}
                error={err("period_containing")}
              />
            ) : (
              <>
                <input type="hidden" name="period_containing" value="" />
                {err("period_containing") ? <p className="mt-1.5 text-[13px] text-rose-700 dark:text-rose-300">{err("period_containing")}</p> : null}
              </>
            )}
          </fieldset>
        ) : (
          <fieldset className="min-w-0">
            <legend className="mb-1.5 text-[13px] font-medium text-fg">Period</legend>
            <div className="grid grid-cols-1 gap-x-4 gap-y-5 sm:grid-cols-2">
              <TextField name="start" type="date" label="First day" max={yesterday} onChange={edited("start")} error={err("start")} />
              {/* The period verbs take an exclusive end: the day after the last day, sent as `end`. */}
              <TextField
                name="last_day"
                type="date"
                label="Last day"
                max={yesterday}
                value={lastDay}
                onChange={(e) => {
                  errors.markEdited("end");
                  setLastDay(e.target.value);
                }}
                error={err("end")}
                hint={`Whole days in ${zone}, up to yesterday; at most ${MAX_REPORT_RANGE_DAYS} days.`}
              />
              <input type="hidden" name="end" value={lastDay ? addDays(lastDay, 1) : ""} />
            </div>
          </fieldset>
        )}

        <label className="flex items-start gap-2.5 text-[13px] text-fg" htmlFor={recoId}>
          <input
            id={recoId}
            type="checkbox"
            name="include_recommendations"
            defaultChecked
            onChange={edited("include_recommendations")}
            className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
          />
          <span>
            Include recommendations
            <span className="block text-xs text-subtle">Each one comes from a documented rule and cites the numbers that triggered it.</span>
          </span>
        </label>
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-line bg-surface-muted px-5 py-3">
        <Button variant="ghost" onClick={() => dialogRef.current?.close()} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending || !clientId} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : null}
          {pending ? "Generating…" : "Generate report"}
        </Button>
      </div>
    </form>
  );
}
