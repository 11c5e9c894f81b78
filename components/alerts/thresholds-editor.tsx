"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { deleteThresholdAction, saveThresholdAction, setThresholdEnabledAction, type ThresholdActionResult } from "@/app/actions/alert-rules";
import { ALERT_METRICS, COMPARISONS, type AlertMetric, type ChannelType, type ThresholdOutput } from "@/lib/alerts/contracts";
import { METRIC_RULES } from "@/lib/alerts/thresholds/metric-rules";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog, useDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormErrorSummary } from "@/components/ui/form-alert";
import { DialogFooter, DialogHeader, FormDialog } from "@/components/ui/form-dialog";
import { BellIcon, PencilIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { EmptyState } from "@/components/ui/empty-state";
import { Switch } from "@/components/ui/switch";
import { useEditDialog, type EditDialogState } from "@/components/ui/use-edit-dialog";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

/** A channel a rule may send to (agency channels, and the client's own on a client page). */
export interface ChannelChoice {
  id: string;
  type: ChannelType;
  name: string;
  client_id: string | null;
  is_default: boolean;
  enabled: boolean;
}

const METRIC_LABEL: Record<AlertMetric, string> = {
  uptime: "Uptime (%)",
  response_time: "Response time (ms)",
  status: "Status (1 degraded, 2 down)",
  success_rate: "Success rate (%)",
  daily_automations: "Automations",
  error_rate: "Error rate (%)",
  cost_savings: "Cost savings",
  flapping: "Flapping (flag)",
  stalled: "Stalled (flag)",
  sla: "Below SLA (flag)",
};
const COMPARISON_LABEL: Record<(typeof COMPARISONS)[number], string> = {
  less_than: "below (<)",
  less_or_equal: "at or below (≤)",
  equals: "equal to (=)",
  greater_or_equal: "at or above (≥)",
  greater_than: "above (>)",
};
const TYPE_LABEL: Record<ChannelType, string> = { email: "Email", slack: "Slack", webhook: "Webhook" };
const REFRESH_MS = 30_000;

/**
 * The alert rules of one client (its own, and the "*" rules that apply to it, marked Global
 * and edited on the global page) or, with scope "*", the rules for every client. Add, edit,
 * delete and enable/disable through server actions; the list refreshes every 30 s (firing counts).
 */
export function ThresholdsEditor({
  scope,
  initial,
  channels,
  systems,
  canWrite,
  globalRulesHref,
}: {
  /** A client_id, or "*". */
  scope: string;
  initial: ThresholdOutput[];
  channels: ChannelChoice[];
  systems: string[];
  canWrite: boolean;
  globalRulesHref?: string;
}) {
  const isGlobal = scope === "*";
  const { data } = useQuery({
    queryKey: queryKeys.alertRules.list(scope),
    queryFn: ({ signal }) => fetchJson<{ thresholds: ThresholdOutput[] }>(`/api/alert-thresholds?client=${encodeURIComponent(scope)}`, { signal }),
    initialData: { thresholds: initial },
    refetchInterval: REFRESH_MS,
  });
  const rules = data.thresholds;
  const dialog = useEditDialog<ThresholdOutput | null>();

  return (
    <section aria-labelledby={`rules-${scope}-heading`} className="flex flex-col gap-3" data-testid="alert-rules">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <h2 id={`rules-${scope}-heading`} className="text-sm font-semibold text-fg">
          {isGlobal ? "Rules for every client" : "Alert rules"} <span className="font-normal text-subtle tabular-nums">{rules.length}</span>
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {globalRulesHref ? (
            <ButtonLink href={globalRulesHref} variant="ghost" size="sm">
              Global rules
            </ButtonLink>
          ) : null}
          {canWrite ? (
            <Button size="sm" onClick={() => dialog.open(null)}>
              <PlusIcon className="size-4" />
              Add rule
            </Button>
          ) : null}
        </div>
      </div>
      {rules.length === 0 ? (
        <div className="rounded-xl border border-dashed border-line-strong">
          <EmptyState icon={BellIcon} title="No alert rules yet" compact headingLevel={3}>
            {isGlobal
              ? "A rule here watches every client, e.g. uptime over 24 h below 95 % → Slack."
              : "Nothing alerts on this client yet. Add a rule, e.g. success rate over 1 h below 90 % → email."}
            {canWrite ? null : " An editor or admin can add one."}
          </EmptyState>
        </div>
      ) : (
        <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface" aria-label={isGlobal ? "Rules for every client" : "Alert rules"}>
          {rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              scope={scope}
              editable={canWrite && (isGlobal || rule.client_id !== "*")}
              onEdit={() => dialog.open(rule)}
            />
          ))}
        </ul>
      )}
      {canWrite ? <RuleDialog dialogRef={dialog.ref} editing={dialog.editing} onClosed={dialog.onClosed} scope={scope} channels={channels} systems={systems} /> : null}
    </section>
  );
}

function RuleRow({ rule, scope, editable, onEdit }: { rule: ThresholdOutput; scope: string; editable: boolean; onEdit: () => void }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const confirm = useDialog();
  const labelId = useId();

  function run(action: () => Promise<ThresholdActionResult>, after?: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      after?.();
      await queryClient.invalidateQueries({ queryKey: queryKeys.alertRules.all() });
      router.refresh();
    });
  }

  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4" data-testid="alert-rule">
      <div className="min-w-0">
        <p id={labelId} className={`text-[13px] font-medium ${rule.enabled ? "text-fg" : "text-muted line-through decoration-line-strong"}`}>
          {rule.description}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-muted">
          <Badge tone={rule.severity === "critical" ? "rose" : "amber"}>{rule.severity}</Badge>
          {rule.client_id === "*" && scope !== "*" ? (
            <Badge tone="indigo" title="A rule for every client, edited on the global rules page">
              Global
            </Badge>
          ) : null}
          {!rule.enabled ? <Badge tone="neutral">Disabled</Badge> : null}
          {rule.firing > 0 ? <Badge tone="rose">{rule.firing} firing</Badge> : null}
          <span>{rule.system ?? "All systems"}</span>
          <span aria-hidden>·</span>
          <span className="min-w-0 break-words">
            {rule.channels.length ? rule.channels.map((c) => `${TYPE_LABEL[c.type]}: ${c.name}`).join(", ") : "No channel: shown in ClientPulse only"}
          </span>
          {rule.remind_every_minutes ? (
            <>
              <span aria-hidden>·</span>
              <span>reminds every {rule.remind_every_minutes} min</span>
            </>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="mt-1 text-[13px] text-rose-700 dark:text-rose-300">
            {error}
          </p>
        ) : null}
      </div>
      {editable ? (
        <div className="flex shrink-0 items-center gap-1">
          <Switch
            checked={rule.enabled}
            pending={pending}
            onCheckedChange={(enabled) => run(() => setThresholdEnabledAction(rule.id, enabled))}
            aria-label={`${rule.enabled ? "Disable" : "Enable"} rule: ${rule.description}`}
            className="mr-2"
          />
          <Button variant="ghost" size="sm" onClick={onEdit} className="gap-1.5 px-2" aria-label={`Edit rule: ${rule.description}`}>
            <PencilIcon className="size-3.5" />
            <span className="hidden sm:inline">Edit</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="gap-1.5 px-2 text-rose-700 hover:bg-rose-50 hover:text-rose-800 dark:text-rose-300 dark:hover:bg-rose-400/10"
            onClick={() => {
              setError(null);
              confirm.open();
            }}
            aria-label={`Delete rule: ${rule.description}`}
          >
            <TrashIcon className="size-3.5" />
            <span className="hidden sm:inline">Delete</span>
          </Button>
          <ConfirmDialog
            dialogRef={confirm.ref}
            title="Delete this rule?"
            confirmLabel="Delete rule"
            pending={pending}
            error={error}
            onConfirm={() => run(() => deleteThresholdAction(rule.id), () => confirm.close())}
          >
            “{rule.description}” stops alerting. Its past alerts stay in the history. To pause it instead, switch it off.
          </ConfirmDialog>
        </div>
      ) : null}
    </li>
  );
}

/** What the rule dialog edits: a rule (null: a new one). */
type Editing = EditDialogState<ThresholdOutput | null>;

function RuleDialog({
  dialogRef,
  editing,
  onClosed,
  scope,
  channels,
  systems,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  editing: Editing | null;
  onClosed: () => void;
  scope: string;
  channels: ChannelChoice[];
  systems: string[];
}) {
  const titleId = useId();
  return (
    <FormDialog dialogRef={dialogRef} titleId={titleId} size="lg" onClose={onClosed}>
      {editing ? <RuleForm key={editing.n} rule={editing.item} scope={scope} channels={channels} systems={systems} titleId={titleId} onDone={() => dialogRef.current?.close()} /> : null}
    </FormDialog>
  );
}

const FIELD_LABEL: Record<string, string> = {
  metric: "Metric",
  comparison: "Comparison",
  threshold: "Threshold",
  window_minutes: "Window",
  system: "System",
  severity: "Severity",
  for_count: "Evaluations in a row",
  remind_every_minutes: "Reminders",
  channels: "Channels",
  client_id: "Client",
};

function RuleForm({
  rule,
  scope,
  channels,
  systems,
  titleId,
  onDone,
}: {
  rule: ThresholdOutput | null;
  scope: string;
  channels: ChannelChoice[];
  systems: string[];
  titleId: string;
  onDone: () => void;
}) {
  const [result, setResult] = useState<ThresholdActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const [metric, setMetric] = useState<AlertMetric>(rule?.metric ?? "uptime");
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [recovery, setRecovery] = useState(rule?.notify_recovery ?? true);
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const errors = useFieldErrors(result);
  useFocusOnFailure(result, formRef);
  const summary = errors.summary();
  const other = errors.other(Object.keys(FIELD_LABEL));
  const meta = METRIC_RULES[metric];
  const windowed = meta.defaultWindow !== null;
  const chosen = new Set(rule ? rule.channels.map((c) => c.id) : channels.filter((c) => c.is_default && c.client_id === null && c.enabled).map((c) => c.id));
  const err = (name: string) => errors.error(name, FIELD_LABEL[name]);
  const edited = (name: string) => () => errors.markEdited(name);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await saveThresholdAction(formData);
      setResult(outcome);
      if (outcome.ok) {
        onDone();
        await queryClient.invalidateQueries({ queryKey: queryKeys.alertRules.all() });
        router.refresh();
      }
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex max-h-[calc(100dvh-2rem)] flex-col" data-testid="alert-rule-form">
      {rule ? <input type="hidden" name="id" value={rule.id} /> : <input type="hidden" name="client_id" value={scope} />}
      <DialogHeader
        titleId={titleId}
        title={rule ? "Edit alert rule" : scope === "*" ? "New rule for every client" : "New alert rule"}
        description="Alerts when the metric crosses the threshold, and again when it recovers."
      />
      <div className="flex min-h-0 flex-col gap-5 overflow-y-auto px-5 py-5">
        <FormErrorSummary title="Couldn’t save the rule" summary={summary} other={other} />
        <div className="grid grid-cols-1 gap-x-4 gap-y-5 sm:grid-cols-2">
          <SelectField
            name="metric"
            label="Metric"
            value={metric}
            onChange={(e) => {
              errors.markEdited("metric");
              setMetric(e.target.value as AlertMetric);
            }}
            error={err("metric")}
          >
            {ALERT_METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABEL[m]}
              </option>
            ))}
          </SelectField>
          {scope !== "*" ? (
            <SelectField name="system" label="System" defaultValue={rule?.system ?? ""} onChange={edited("system")} error={err("system")}>
              <option value="">All systems</option>
              {systems.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField name="comparison" label="Comparison" defaultValue={rule?.comparison ?? "less_than"} onChange={edited("comparison")} error={err("comparison")}>
            {COMPARISONS.map((c) => (
              <option key={c} value={c}>
                {COMPARISON_LABEL[c]}
              </option>
            ))}
          </SelectField>
          <TextField
            name="threshold"
            label="Threshold"
            inputMode="decimal"
            defaultValue={rule ? String(rule.threshold) : ""}
            placeholder={metric === "uptime" ? "95" : metric === "response_time" ? "5000" : ""}
            suffix={meta.unit || undefined}
            hint={`${meta.values.charAt(0).toUpperCase()}${meta.values.slice(1)}.`}
            onChange={edited("threshold")}
            error={err("threshold")}
          />
          {windowed ? (
            <TextField
              key={metric}
              name="window_minutes"
              label="Window"
              inputMode="numeric"
              defaultValue={rule && rule.metric === metric ? String(rule.window_minutes) : String(meta.defaultWindow)}
              suffix="min"
              hint={metric === "response_time" ? "p95 over this window; 0 = the last check." : metric === "daily_automations" ? "0 = today in the client’s time zone." : "Measured over this window."}
              onChange={edited("window_minutes")}
              error={err("window_minutes")}
            />
          ) : null}
          <SelectField name="severity" label="Severity" defaultValue={rule?.severity ?? ""} onChange={edited("severity")} error={err("severity")}>
            {rule ? null : <option value="">Automatic</option>}
            <option value="critical">Critical</option>
            <option value="warning">Warning</option>
          </SelectField>
          <TextField
            name="for_count"
            label="Evaluations in a row"
            inputMode="numeric"
            defaultValue={String(rule?.for_count ?? 1)}
            hint="Breaching this many times before it fires."
            onChange={edited("for_count")}
            error={err("for_count")}
          />
          <TextField
            name="remind_every_minutes"
            label="Reminders"
            optional
            inputMode="numeric"
            defaultValue={rule?.remind_every_minutes ? String(rule.remind_every_minutes) : ""}
            suffix="min"
            hint="Every N minutes while firing (5 or more); empty = none."
            onChange={edited("remind_every_minutes")}
            error={err("remind_every_minutes")}
          />
        </div>
        <fieldset className="flex flex-col gap-2" aria-describedby="rule-channels-hint">
          <legend className="text-[13px] font-medium text-fg">Channels</legend>
          <p id="rule-channels-hint" className="-mt-1 text-xs text-subtle">
            {channels.length ? "A client’s own default channel of a type replaces the agency’s for that client." : "No channels yet: an admin adds them in Settings → Alert channels. Without one, alerts show in ClientPulse only."}
          </p>
          {channels.map((c) => (
            <label key={c.id} className="flex items-center gap-2.5 text-[13px] text-fg">
              <input type="checkbox" name="channels" value={c.id} defaultChecked={chosen.has(c.id)} onChange={edited("channels")} className="size-4 accent-zinc-900 dark:accent-zinc-100" />
              <span className="min-w-0 break-words">
                {TYPE_LABEL[c.type]}: {c.name}
                {c.client_id ? <span className="text-subtle"> (this client)</span> : null}
                {!c.enabled ? <span className="text-subtle"> (disabled)</span> : null}
              </span>
            </label>
          ))}
          {err("channels") ? <p className="text-[13px] text-rose-700 dark:text-rose-300">{err("channels")}</p> : null}
        </fieldset>
        <ToggleRow name="notify_recovery" label="Notify when it recovers" checked={recovery} onChange={setRecovery} />
        <ToggleRow name="enabled" label="Enabled" checked={enabled} onChange={setEnabled} />
      </div>
      <DialogFooter pending={pending} onCancel={onDone} submitLabel={rule ? "Save rule" : "Add rule"} />
    </form>
  );
}

function ToggleRow({ name, label, checked, onChange }: { name: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="flex items-center justify-between gap-4">
      <span id={id} className="text-[13px] font-medium text-fg">
        {label}
      </span>
      <Switch name={name} checked={checked} onCheckedChange={onChange} aria-labelledby={id} />
    </div>
  );
}
