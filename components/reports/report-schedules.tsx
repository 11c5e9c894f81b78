"use client";

// Report schedules: each in words ("Every Monday at 09:00 (Europe/London)"), its recipients, the
// next run in the client's zone, the last run and its error; editors switch one on or off, add,
// change and delete them. The dialog builds the five-field cron from friendly presets (or takes
// one as typed); the server action validates it.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/app/actions/action-result";
import { createReportScheduleAction, deleteReportScheduleAction, updateReportScheduleAction } from "@/app/actions/report-schedules";
import type { ReportClientOption } from "@/lib/reports/client-options";
import { DEFAULT_SCHEDULE_CRON, MAX_SCHEDULE_RECIPIENTS, REPORT_TYPES, type PeriodicReportType, type ReportScheduleOutput } from "@/lib/reports/contracts";
import { queryKeys } from "@/lib/query-keys";
import {
  countRecipients,
  cronToPreset,
  describePreset,
  MAX_MONTH_DAY,
  presetToCron,
  recipientsText,
  REPORT_TYPE_LABEL,
  WEEKDAY_NAMES,
  WEEKDAY_ORDER,
  whenInZone,
  type SchedulePreset,
  type SchedulePresetKind,
} from "@/lib/reports/report-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField, fieldId } from "@/components/ui/field";
import { FormAlert, FormErrorSummary } from "@/components/ui/form-alert";
import { DialogFooter, DialogHeader, FormDialog } from "@/components/ui/form-dialog";
import { AlertCircleIcon, CalendarIcon, MailIcon, PencilIcon, Spinner, TrashIcon } from "@/components/ui/icons";
import { Switch } from "@/components/ui/switch";
import { useEditDialog } from "@/components/ui/use-edit-dialog";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";
import { useReportSchedules } from "./use-reports";

/** What the schedule dialog edits: a schedule, or a new one (optionally for a given client). */
type ScheduleTarget = { schedule: ReportScheduleOutput } | { schedule: null; client_id?: string };

export function useScheduleDialog() {
  return useEditDialog<ScheduleTarget>();
}

/** The fields an update sends: the schedule as it is, with `patch` applied (the switch changes only `enabled`). */
function scheduleForm(s: ReportScheduleOutput, patch: Partial<Pick<ReportScheduleOutput, "enabled">> = {}): FormData {
  const form = new FormData();
  form.set("client_id", s.client_id);
  form.set("report_type", s.report_type);
  form.set("cron", s.cron);
  form.set("include_recommendations", String(s.include_recommendations));
  form.set("recipients", s.recipients.join(", "));
  form.set("enabled", String(patch.enabled ?? s.enabled));
  return form;
}

/**
 * The list of schedules (of one client, or of every client when `clientId` is ""), with the
 * dialog to add and edit them. `showClient`: each row names its client (the Reports page).
 */
export function ReportSchedules({
  clientId,
  clients,
  canWrite,
  showClient,
  dialog,
}: {
  clientId: string;
  clients: ReportClientOption[];
  canWrite: boolean;
  showClient: boolean;
  dialog: ReturnType<typeof useScheduleDialog>;
}) {
  const list = useReportSchedules(clientId);
  return (
    <>
      {list.isPending ? (
        <p className="flex items-center gap-2 px-5 py-6 text-[13px] text-muted">
          <Spinner className="size-4" label="Loading schedules" />
        </p>
      ) : list.isError ? (
        <p role="alert" className="px-5 py-6 text-[13px] text-rose-700 dark:text-rose-300">
          Couldn&rsquo;t load the schedules: {list.error.message}
        </p>
      ) : list.data.schedules.length === 0 ? (
        <EmptyState
          icon={CalendarIcon}
          title="No scheduled reports"
          compact
          headingLevel={3}
        >
          {canWrite
            ? "Send a client its report by email, e.g. weekly on Monday at 09:00 or monthly on the 1st, in the client's time zone, with the PDF attached."
            : "An editor can schedule reports to be emailed to a client's recipients."}
        </EmptyState>
      ) : (
        <>
        {list.data.email_configured ? null : (
          <FormAlert tone="info" title="Email is not set up on this server" className="mx-5 mt-4" testId="schedules-no-email">
            These reports are generated on time, but their emails wait in the outbox until SMTP_URL is set (see the README&rsquo;s
            Configuration); undelivered ones give up after 24 hours. The reports themselves stay downloadable here.
          </FormAlert>
        )}
        <ul className="divide-y divide-line" data-testid="schedule-list">
          {list.data.schedules.map((s) => (
            <ScheduleRow key={s.id} schedule={s} canWrite={canWrite} showClient={showClient} onEdit={() => dialog.open({ schedule: s })} />
          ))}
        </ul>
        </>
      )}
      {canWrite ? <ScheduleDialog dialog={dialog} clients={clients} /> : null}
    </>
  );
}

function ScheduleRow({ schedule: s, canWrite, showClient, onEdit }: { schedule: ReportScheduleOutput; canWrite: boolean; showClient: boolean; onEdit: () => void }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [enabled, setEnabled] = useState(s.enabled);
  const [seen, setSeen] = useState(s.enabled);
  if (seen !== s.enabled) {
    // A refetch moved it on (another tab, another person): follow the server.
    setSeen(s.enabled);
    setEnabled(s.enabled);
  }
  const confirmDelete = useDialog();
  const queryClient = useQueryClient();
  const labelId = useId();
  const name = `${showClient ? `${s.client_name}, ` : ""}${REPORT_TYPE_LABEL[s.report_type].toLowerCase()} report`;

  function run(action: () => Promise<ActionResult<unknown>>, onOk?: () => void, onFail?: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(Object.values(result.fieldErrors)[0] ?? result.error);
        onFail?.();
        return;
      }
      onOk?.();
      await queryClient.invalidateQueries({ queryKey: queryKeys.reportSchedules.all() });
    });
  }

  function toggle(next: boolean) {
    setEnabled(next);
    run(
      () => updateReportScheduleAction(s.id, scheduleForm(s, { enabled: next })),
      undefined,
      () => setEnabled(!next),
    );
  }

  return (
    <li className="flex flex-col gap-2 px-4 py-3.5 sm:flex-row sm:items-start sm:justify-between sm:gap-4 sm:px-5" data-testid="schedule-row" data-schedule-id={s.id}>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span id={labelId} className="text-sm font-medium text-fg [overflow-wrap:anywhere]">
            {showClient ? `${s.client_name} · ` : ""}
            {REPORT_TYPE_LABEL[s.report_type]} report
          </span>
          {enabled ? null : <Badge tone="neutral">Paused</Badge>}
          {s.last_error ? <Badge tone="rose">Last run failed</Badge> : null}
        </div>
        <p className="mt-0.5 text-[13px] text-muted" data-testid="schedule-description">
          {s.description}
        </p>
        <p className="mt-0.5 flex min-w-0 items-start gap-1.5 text-[13px] text-muted">
          <MailIcon className="mt-[3px] size-3.5 shrink-0 text-subtle" />
          <span className="sr-only">Recipients: </span>
          <span className="min-w-0 break-all">{s.recipients.length ? s.recipients.join(", ") : "No recipients"}</span>
        </p>
        <p className="mt-0.5 text-xs text-subtle">
          {enabled && s.next_run_at ? <>Next: {whenInZone(s.next_run_at, s.time_zone)}</> : "Not running"}
          {s.last_run_at ? <> · last run {whenInZone(s.last_run_at, s.time_zone)}</> : " · never run yet"}
          {s.include_recommendations ? " · with recommendations" : ""}
        </p>
        {s.last_error ? (
          <p className="mt-1 flex items-start gap-1.5 text-[13px] text-rose-700 [overflow-wrap:anywhere] dark:text-rose-300">
            <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
            {s.last_error}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="mt-1 text-[13px] text-rose-700 dark:text-rose-300">
            {error}
          </p>
        ) : null}
      </div>
      {canWrite ? (
        <div className="flex shrink-0 flex-wrap items-center gap-1">
          <label className="mr-2 flex items-center gap-2 text-[13px] text-muted">
            <Switch checked={enabled} onCheckedChange={toggle} pending={pending} aria-label={`Send the ${name}`} data-testid="schedule-enabled" />
            {enabled ? "On" : "Off"}
          </label>
          <Button variant="ghost" size="sm" className="gap-1.5 px-2" onClick={onEdit} aria-label={`Edit the ${name}`}>
            <PencilIcon className="size-3.5" />
            Edit
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="gap-1.5 px-2 text-rose-700 hover:bg-rose-50 hover:text-rose-800 dark:text-rose-300 dark:hover:bg-rose-400/10"
            onClick={() => {
              setError(null);
              confirmDelete.open();
            }}
            aria-label={`Delete the ${name}`}
          >
            <TrashIcon className="size-3.5" />
            Delete
          </Button>
          <ConfirmDialog
            dialogRef={confirmDelete.ref}
            title={`Delete the ${name}?`}
            confirmLabel="Delete schedule"
            pending={pending}
            error={error}
            onConfirm={() => run(() => deleteReportScheduleAction(s.id), () => confirmDelete.close())}
          >
            No more reports are emailed by it. Reports it already generated stay in the list, with their downloads.
          </ConfirmDialog>
        </div>
      ) : (
        <Badge tone={enabled ? "emerald" : "neutral"}>{enabled ? "On" : "Off"}</Badge>
      )}
    </li>
  );
}

/** The add / edit dialog (mounted by the list, or alone where no list is shown). */
export function ScheduleDialog({ dialog, clients }: { dialog: ReturnType<typeof useScheduleDialog>; clients: ReportClientOption[] }) {
  const titleId = useId();
  return (
    <FormDialog dialogRef={dialog.ref} titleId={titleId} size="lg" onClose={dialog.onClosed}>
      {dialog.editing ? <ScheduleForm key={dialog.editing.n} target={dialog.editing.item} clients={clients} titleId={titleId} onDone={() => dialog.ref.current?.close()} /> : null}
    </FormDialog>
  );
}

const LABEL: Record<string, string> = {
  client_id: "Client",
  report_type: "Report type",
  cron: "Schedule",
  recipients: "Recipients",
  include_recommendations: "Recommendations",
  enabled: "Enabled",
};

const PRESET_LABEL: Record<SchedulePresetKind, string> = {
  daily: "Every day",
  weekly: "Every week",
  monthly: "Every month",
  quarterly: "Every quarter",
  custom: "Custom (cron)",
};

const textareaClasses =
  "block w-full min-w-0 rounded-lg border border-line-strong bg-surface px-3 py-2 text-sm text-fg shadow-xs placeholder:text-subtle hover:border-zinc-400 " +
  "dark:bg-white/[0.03] dark:hover:border-white/25 aria-[invalid=true]:border-rose-500 dark:aria-[invalid=true]:border-rose-400/80";

function ScheduleForm({ target, clients, titleId, onDone }: { target: ScheduleTarget; clients: ReportClientOption[]; titleId: string; onDone: () => void }) {
  const existing = target.schedule;
  const fixedClient = existing ? existing.client_id : "client_id" in target ? target.client_id : undefined;
  const [clientId, setClientId] = useState(fixedClient ?? clients.find((c) => c.active)?.client_id ?? clients[0]?.client_id ?? "");
  const [type, setType] = useState<PeriodicReportType>(existing?.report_type ?? "weekly");
  const [preset, setPreset] = useState<SchedulePreset>(() => cronToPreset(existing?.cron ?? DEFAULT_SCHEDULE_CRON[existing?.report_type ?? "weekly"]));
  const [presetTouched, setPresetTouched] = useState(Boolean(existing));
  const [recipients, setRecipients] = useState(existing ? recipientsText(existing.recipients) : "");
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [recommendations, setRecommendations] = useState(existing?.include_recommendations ?? true);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const errors = useFieldErrors(result);
  useFocusOnFailure(result, formRef);
  const err = (name: string) => errors.error(name, LABEL[name] ?? name);
  const client = clients.find((c) => c.client_id === clientId);
  const zone = existing?.time_zone ?? client?.time_zone ?? "UTC";
  const cron = presetToCron(preset);
  const cronError = err("cron");
  const enabledId = useId();
  const recoId = useId();
  const count = countRecipients(recipients);

  function change(patch: Partial<SchedulePreset>) {
    errors.markEdited("cron");
    setPresetTouched(true);
    setPreset((p) => ({ ...p, ...patch }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = existing ? await updateReportScheduleAction(existing.id, form) : await createReportScheduleAction(form);
      setResult(outcome);
      if (!outcome.ok) return;
      onDone();
      await queryClient.invalidateQueries({ queryKey: queryKeys.reportSchedules.all() });
    });
  }

  const fixed = fixedClient ? clients.find((c) => c.client_id === fixedClient) : undefined;
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex max-h-[calc(100dvh-2rem)] flex-col" data-testid="schedule-form">
      <DialogHeader
        titleId={titleId}
        title={existing ? `Edit the ${REPORT_TYPE_LABEL[existing.report_type].toLowerCase()} report of ${existing.client_name}` : fixed ? `Schedule a report for ${fixed.client_name}` : "Schedule a report"}
        description="Each run generates the last complete period and emails the PDF to the recipients, in the client's time zone."
        truncate
      />
      <div className="flex min-h-0 flex-col gap-5 overflow-y-auto px-5 py-5">
        <FormErrorSummary title="Couldn’t save the schedule" summary={errors.summary()} other={errors.other(Object.keys(LABEL))} />
        <div className="grid grid-cols-1 gap-x-4 gap-y-5 sm:grid-cols-2">
          {fixedClient ? (
            <input type="hidden" name="client_id" value={fixedClient} />
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
            label="Report"
            value={type}
            onChange={(e) => {
              const next = e.target.value as PeriodicReportType;
              errors.markEdited("report_type");
              setType(next);
              // Until the schedule is chosen by hand, it follows the type (weekly → Mondays 09:00).
              if (!presetTouched) setPreset(cronToPreset(DEFAULT_SCHEDULE_CRON[next]));
            }}
            error={err("report_type")}
            hint="Each run covers the last complete period of this type."
          >
            {REPORT_TYPES.map((t) => (
              <option key={t} value={t}>
                {REPORT_TYPE_LABEL[t]}
              </option>
            ))}
          </SelectField>
        </div>

        <fieldset className="min-w-0" aria-describedby={`${fieldId("cron")}-preview`}>
          <legend className="sr-only">When</legend>
          <input type="hidden" name="cron" value={cron} />
          <div className="grid grid-cols-1 gap-x-4 gap-y-4 sm:grid-cols-3">
            <SelectField name="preset" label="Repeat" value={preset.kind} onChange={(e) => change({ kind: e.target.value as SchedulePresetKind, cron: preset.kind === "custom" ? preset.cron : cron })}>
              {(Object.keys(PRESET_LABEL) as SchedulePresetKind[]).map((k) => (
                <option key={k} value={k}>
                  {PRESET_LABEL[k]}
                </option>
              ))}
            </SelectField>
            {preset.kind === "weekly" ? (
              <SelectField name="weekday" label="On" value={String(preset.weekday)} onChange={(e) => change({ weekday: Number(e.target.value) })}>
                {WEEKDAY_ORDER.map((d) => (
                  <option key={d} value={d}>
                    {WEEKDAY_NAMES[d]}
                  </option>
                ))}
              </SelectField>
            ) : preset.kind === "monthly" ? (
              <TextField
                name="month_day"
                type="number"
                inputMode="numeric"
                label="On day"
                min={1}
                max={MAX_MONTH_DAY}
                value={String(preset.day)}
                onChange={(e) => change({ day: Number(e.target.value) })}
                hint={`1–${MAX_MONTH_DAY}, so every month has it.`}
              />
            ) : null}
            {preset.kind === "custom" ? (
              <TextField
                name="cron_text"
                label="Cron expression"
                className="sm:col-span-3"
                inputClassName="font-mono"
                placeholder="0 9 * * 1"
                spellCheck={false}
                autoCapitalize="none"
                value={preset.cron}
                onChange={(e) => change({ cron: e.target.value })}
                error={cronError}
                hint={`minute hour day month weekday, in ${zone}; e.g. 0 9 * * 1 = Mondays 09:00`}
              />
            ) : (
              <TextField name="time" type="time" label="At" value={preset.time} onChange={(e) => change({ time: e.target.value })} error={cronError} />
            )}
          </div>
          <p id={`${fieldId("cron")}-preview`} className="mt-2 text-[13px] text-muted" data-testid="schedule-preview">
            {describePreset(preset)} ({zone})
            {cron && preset.kind !== "custom" ? <span className="ml-1.5 whitespace-nowrap font-mono text-xs text-subtle">{cron}</span> : null}
          </p>
        </fieldset>

        <div className="flex min-w-0 flex-col">
          <label htmlFor={fieldId("recipients")} className="mb-1.5 flex items-baseline justify-between gap-2 text-[13px] font-medium text-fg">
            <span>Recipients</span>
            <span className="text-xs font-normal text-subtle tabular-nums">
              {count} of at most {MAX_SCHEDULE_RECIPIENTS}
            </span>
          </label>
          <textarea
            id={fieldId("recipients")}
            name="recipients"
            rows={3}
            spellCheck={false}
            autoCapitalize="none"
            placeholder={"ops@client.com\nceo@client.com"}
            value={recipients}
            onChange={(e) => {
              errors.markEdited("recipients");
              setRecipients(e.target.value);
            }}
            aria-invalid={err("recipients") ? true : undefined}
            aria-describedby={`${fieldId("recipients")}-hint${err("recipients") ? ` ${fieldId("recipients")}-error` : ""}`}
            className={textareaClasses}
          />
          {err("recipients") ? (
            <p id={`${fieldId("recipients")}-error`} className="mt-1.5 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300" data-field-error="recipients">
              <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
              <span>{err("recipients")}</span>
            </p>
          ) : null}
          <p id={`${fieldId("recipients")}-hint`} className="mt-1.5 text-xs text-subtle">
            Email addresses, one a line or separated by commas; left empty, the client&rsquo;s contact email. The PDF goes out through the alert email settings
            (SMTP_URL).
          </p>
        </div>

        <label className="flex items-start gap-2.5 text-[13px] text-fg" htmlFor={recoId}>
          <input
            id={recoId}
            type="checkbox"
            checked={recommendations}
            onChange={(e) => setRecommendations(e.target.checked)}
            className="mt-0.5 size-4 accent-zinc-900 dark:accent-zinc-100"
          />
          Include recommendations
        </label>
        {/* Sent either way: on an edit, an absent field would leave the setting unchanged. */}
        <input type="hidden" name="include_recommendations" value={String(recommendations)} />
        <div className="flex items-center justify-between gap-4">
          <span className="text-[13px] font-medium text-fg">
            <span id={enabledId}>Enabled</span>
            <span id={`${enabledId}-hint`} className="block text-xs font-normal text-subtle">
              Off: kept, but nothing is sent until it is switched on again.
            </span>
          </span>
          <Switch name="enabled" checked={enabled} onCheckedChange={setEnabled} aria-labelledby={enabledId} aria-describedby={`${enabledId}-hint`} />
        </div>
      </div>
      <DialogFooter pending={pending} onCancel={onDone} submitLabel={existing ? "Save schedule" : "Add schedule"} />
    </form>
  );
}
