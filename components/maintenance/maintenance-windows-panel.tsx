"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { createMaintenanceWindowAction, deleteMaintenanceWindowAction } from "@/app/actions/maintenance";
import type { MaintenanceWindowOutputShape, WindowListOutput } from "@/lib/maintenance/schemas";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { WEEK_DAYS, type MaintenanceFormKind } from "@/lib/ui/maintenance-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/card";
import { ConfirmDialog, useDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { CalendarIcon, PlusIcon, Spinner, TrashIcon } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

type State = Awaited<ReturnType<typeof createMaintenanceWindowAction>> | null;

const REFRESH_MS = 60_000;

/** "Sun 6 Dec, 02:00" in the client's zone. */
function whenInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

export function MaintenanceWindowsPanel({ clientId, timeZone, initial, canWrite }: { clientId: string; timeZone: string; initial: WindowListOutput; canWrite: boolean }) {
  const { data } = useQuery({
    queryKey: queryKeys.clients.maintenance(clientId),
    queryFn: ({ signal }) => fetchJson<WindowListOutput>(`/api/clients/${encodeURIComponent(clientId)}/maintenance-windows`, { signal }),
    initialData: initial,
    refetchInterval: REFRESH_MS,
  });
  const [adding, setAdding] = useState(false);
  const windows = data.windows;

  return (
    <Panel
      id="maintenance"
      title={
        <>
          Maintenance windows <span className="font-normal text-subtle tabular-nums">{data.total}</span>
        </>
      }
      description={`Checks inside a window still show the real status but stay out of uptime and SLA; alerts are muted. Times in ${timeZone}.`}
      actions={
        canWrite && !adding ? (
          <Button size="sm" onClick={() => setAdding(true)} data-testid="maintenance-add">
            <PlusIcon className="size-4" />
            Add window
          </Button>
        ) : null
      }
      flush
    >
      {adding ? <AddWindowForm clientId={clientId} timeZone={timeZone} onDone={() => setAdding(false)} /> : null}
      {windows.length === 0 ? (
        adding ? null : (
          <EmptyState icon={CalendarIcon} title="No maintenance planned" compact headingLevel={3}>
            {canWrite ? "Plan a one-off window for an upgrade, or a weekly one for routine patching." : "An editor can plan maintenance windows for this client."}
          </EmptyState>
        )
      ) : (
        <ul className="divide-y divide-line" data-testid="maintenance-list">
          {windows.map((w) => (
            <WindowRow key={w.id} window={w} timeZone={timeZone} canWrite={canWrite} clientId={clientId} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function WindowRow({ window: w, timeZone, canWrite, clientId }: { window: MaintenanceWindowOutputShape; timeZone: string; canWrite: boolean; clientId: string }) {
  const dialog = useDialog();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await deleteMaintenanceWindowAction(clientId, w.id);
      if (!result.ok) return setError(result.error);
      dialog.close();
      await queryClient.invalidateQueries({ queryKey: queryKeys.all });
      router.refresh();
    });
  }

  return (
    <li className="flex items-start justify-between gap-3 px-5 py-3.5 sm:items-center" data-testid="maintenance-window">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <span className="break-words text-sm font-medium text-fg">{w.title}</span>
          {w.active_now ? (
            <Badge tone="indigo">Active now</Badge>
          ) : w.recurrence ? (
            <Badge tone="neutral">Recurring</Badge>
          ) : (
            <Badge tone="neutral">One-off</Badge>
          )}
        </div>
        <p className="mt-0.5 text-[13px] text-muted">{w.description}</p>
        <p className="mt-0.5 text-xs text-subtle">
          {w.active_now && w.next_end
            ? `Until ${whenInZone(w.next_end, timeZone)}`
            : w.next_start
              ? `Next: ${whenInZone(w.next_start, timeZone)}${w.next_end ? ` – ${whenInZone(w.next_end, timeZone)}` : ""}`
              : "Over"}
          {w.created_by ? ` · planned by ${w.created_by}` : ""}
        </p>
      </div>
      {canWrite ? (
        <>
          <Button variant="ghost" size="sm" onClick={dialog.open} aria-label={`Delete maintenance window ${w.title}`} className="-mr-2 shrink-0">
            <TrashIcon className="size-4" />
            <span className="hidden sm:inline">Delete</span>
          </Button>
          <ConfirmDialog dialogRef={dialog.ref} title={`Delete “${w.title}”?`} confirmLabel="Delete window" pending={pending} error={error} onConfirm={remove}>
            Checks in its time count in uptime and SLA again, and its alerts are no longer muted.
          </ConfirmDialog>
        </>
      ) : null}
    </li>
  );
}

function AddWindowForm({ clientId, timeZone, onDone }: { clientId: string; timeZone: string; onDone: () => void }) {
  const [kind, setKind] = useState<MaintenanceFormKind>("once");
  const [state, setState] = useState<State>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFieldErrors(state);
  useFocusOnFailure(state, formRef);
  const queryClient = useQueryClient();
  const router = useRouter();

  function submit(form: FormData) {
    startTransition(async () => {
      const result = await createMaintenanceWindowAction(form);
      setState(result);
      if (!result.ok) return;
      await queryClient.invalidateQueries({ queryKey: queryKeys.all });
      router.refresh();
      onDone();
    });
  }

  const shown = ["title", "starts_at", "ends_at", "recurrence", "duration_minutes", "days", "time"];
  const summary = errors.summary();
  const other = errors.other(shown);
  const edit = (name: string) => () => errors.markEdited(name);
  // The weekly form's schedule errors (a bad cron built from it) show under the days.
  const scheduleError = errors.error("days", "Days") ?? (kind === "weekly" ? errors.error("recurrence", "Schedule") : undefined);

  return (
    <form
      ref={formRef}
      // onSubmit, not action: a form action resets the fields, and what was typed must stay beside its error.
      onSubmit={(event) => {
        event.preventDefault();
        if (!pending) submit(new FormData(event.currentTarget));
      }}
      className="flex flex-col gap-4 border-b border-line bg-surface-muted/60 px-5 py-4" data-testid="maintenance-form" noValidate>
      <input type="hidden" name="client_id" value={clientId} />
      <input type="hidden" name="time_zone" value={timeZone} />
      {summary ? <FormAlert tone="error" title={summary}>{other.length ? other.join("; ") : null}</FormAlert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="title" label="Title" placeholder="Database upgrade" maxLength={200} required error={errors.error("title", "Title")} onChange={edit("title")} />
        <SelectField name="kind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as MaintenanceFormKind)}>
          <option value="once">One-off</option>
          <option value="weekly">Repeats weekly</option>
          <option value="cron">Custom schedule (cron)</option>
        </SelectField>
      </div>
      {kind === "once" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="starts_at" type="datetime-local" label="Starts" hint={timeZone} error={errors.error("starts_at", "Start")} onChange={edit("starts_at")} />
          <TextField name="ends_at" type="datetime-local" label="Ends" hint={`${timeZone}; at most 31 days after the start`} error={errors.error("ends_at", "End")} onChange={edit("ends_at")} />
        </div>
      ) : (
        <>
          {kind === "weekly" ? (
            <>
              <fieldset className="min-w-0" aria-describedby={scheduleError ? "maintenance-days-error" : undefined}>
                <legend className="mb-1.5 text-[13px] font-medium text-fg">Days</legend>
                <div className="flex flex-wrap gap-1.5">
                  {WEEK_DAYS.map((d) => (
                    <label
                      key={d.value}
                      className="inline-flex cursor-pointer items-center gap-1.5 rounded-lg border border-line-strong bg-surface px-2.5 py-1.5 text-[13px] text-fg has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:has-[:checked]:border-indigo-400/60 dark:has-[:checked]:bg-indigo-400/10 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500"
                    >
                      <input
                        type="checkbox"
                        name="days"
                        value={d.value}
                        defaultChecked={d.value === 0}
                        aria-invalid={scheduleError ? true : undefined}
                        className="size-3.5 accent-indigo-600"
                        onChange={edit("days")}
                      />
                      {d.short}
                    </label>
                  ))}
                </div>
                {scheduleError ? (
                  <p id="maintenance-days-error" className="mt-1.5 text-[13px] text-rose-700 dark:text-rose-300">
                    {scheduleError}
                  </p>
                ) : null}
              </fieldset>
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField name="time" type="time" label="Starts at" defaultValue="02:00" hint={timeZone} error={errors.error("time", "Start time")} onChange={edit("time")} />
                <TextField name="duration_minutes" type="number" inputMode="numeric" min={1} max={1440} defaultValue="120" label="Lasts" suffix="min" error={errors.error("duration_minutes", "Duration")} onChange={edit("duration_minutes")} />
              </div>
            </>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                name="recurrence"
                label="Cron expression"
                placeholder="0 2 * * 0"
                hint={`minute hour day month weekday, in ${timeZone}; e.g. 0 2 * * 0 = Sundays 02:00`}
                className="font-mono"
                error={errors.error("recurrence", "The cron expression")}
                onChange={edit("recurrence")}
              />
              <TextField name="duration_minutes" type="number" inputMode="numeric" min={1} max={1440} defaultValue="60" label="Lasts" suffix="min" error={errors.error("duration_minutes", "Duration")} onChange={edit("duration_minutes")} />
            </div>
          )}
        </>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" type="button" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button variant="primary" type="submit" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : null}
          Save window
        </Button>
      </div>
    </form>
  );
}
