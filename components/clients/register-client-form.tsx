"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { registerClientAction, type RegisterClientState } from "@/app/actions/clients";
import { cx } from "@/lib/ui/class-names";
import {
  compareFieldKeys,
  DEFAULT_SLA_TARGET_TEXT,
  describeFieldError,
  summaryLine,
  SYSTEM_FIELD_DEFAULTS,
  systemFieldName,
  type SystemFieldName,
} from "@/lib/ui/register-client-form";
import { suggestClientId } from "@/lib/ui/slug";
import { timeZoneSuggestions } from "@/lib/ui/client-settings-form";
import { buttonClasses, Button } from "@/components/ui/button";
import { fieldId, TextField } from "@/components/ui/field";
import { AlertCircleIcon, ChevronDownIcon, PlusIcon, ServerIcon, Spinner, TrashIcon } from "@/components/ui/icons";

interface SystemRow {
  key: number;
  name: string;
  health_url: string;
  metrics_url: string;
  check_interval_seconds: string;
  timeout_ms: string;
  degraded_threshold_ms: string;
  advancedOpen: boolean;
}

const ADVANCED_FIELDS = ["check_interval_seconds", "timeout_ms", "degraded_threshold_ms"] as const;

let nextRowKey = 1;
function newRow(): SystemRow {
  return { key: nextRowKey++, name: "", health_url: "", metrics_url: "", ...SYSTEM_FIELD_DEFAULTS, advancedOpen: false };
}

type ClientField = "client_name" | "client_id" | "industry" | "contact_email" | "tags" | "sla_target" | "time_zone";

export function RegisterClientForm() {
  const [state, formAction, pending] = useActionState<RegisterClientState, FormData>(registerClientAction, null);

  // Controlled fields: what the user typed survives a failed submission untouched.
  const [values, setValues] = useState<Record<ClientField, string>>({
    client_name: "",
    client_id: "",
    industry: "",
    contact_email: "",
    tags: "",
    sla_target: DEFAULT_SLA_TARGET_TEXT,
    time_zone: "",
  });
  const zones = useMemo(() => timeZoneSuggestions(), []);
  const [clientIdEdited, setClientIdEdited] = useState(false);
  const [rows, setRows] = useState<SystemRow[]>(() => [{ ...newRow(), key: 0 }]); // key 0: same id on server and client

  // Errors belong to the submission that produced them. Rows are matched by the order they had
  // when submitted (the verb's paths are systems.<index>), so removing a row afterwards does
  // not move its errors onto its neighbour. Editing a field hides its now-stale error.
  const [submittedRowKeys, setSubmittedRowKeys] = useState<number[]>([]);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const summaryRef = useRef<HTMLDivElement>(null);

  const fieldErrors = state && !state.ok ? state.fieldErrors : {};
  const errorFor = (key: string): string | undefined => (edited.has(key) ? undefined : fieldErrors[key]);
  const rowErrorKey = (row: SystemRow, field: SystemFieldName): string | null => {
    const index = submittedRowKeys.indexOf(row.key);
    return index === -1 ? null : systemFieldName(index, field);
  };
  const rowError = (row: SystemRow, field: SystemFieldName, label: string): string | undefined => {
    const key = rowErrorKey(row, field);
    const message = key ? errorFor(key) : undefined;
    return message ? describeFieldError(label, message) : undefined;
  };
  const clientError = (field: ClientField, label: string): string | undefined => {
    const message = errorFor(field);
    return message ? describeFieldError(label, message) : undefined;
  };

  useEffect(() => {
    if (state && !state.ok) summaryRef.current?.focus();
  }, [state]);

  function markEdited(key: string) {
    if (!fieldErrors[key] || edited.has(key)) return;
    setEdited((prev) => new Set(prev).add(key));
  }

  function setField(field: ClientField, value: string) {
    markEdited(field);
    setValues((prev) => {
      const next = { ...prev, [field]: value };
      if (field === "client_name" && !clientIdEdited) next.client_id = suggestClientId(value);
      return next;
    });
  }

  function setRowField(row: SystemRow, field: SystemFieldName, value: string) {
    const key = rowErrorKey(row, field);
    if (key) markEdited(key);
    setRows((prev) => prev.map((r) => (r.key === row.key ? { ...r, [field]: value } : r)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting through startTransition (instead of <form action>) skips React's automatic
    // form reset, which would otherwise clear uncontrolled parts of the form on an error.
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setSubmittedRowKeys(rows.map((r) => r.key));
    setEdited(new Set());
    startTransition(() => formAction(formData));
  }

  const summaryEntries = Object.entries(fieldErrors).sort(([a], [b]) => compareFieldKeys(a, b));
  const systemsListError = errorFor("systems");

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-describedby={state && !state.ok ? "form-summary" : undefined}>
      {state && !state.ok ? (
        <div
          ref={summaryRef}
          id="form-summary"
          tabIndex={-1}
          role="alert"
          className="rounded-xl border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900 outline-none dark:border-rose-400/25 dark:bg-rose-400/[0.08] dark:text-rose-100"
          data-testid="form-summary"
        >
          <div className="flex items-start gap-2.5">
            <AlertCircleIcon className="mt-0.5 size-4 shrink-0 text-rose-600 dark:text-rose-300" />
            <div className="min-w-0">
              <p className="font-semibold">Couldn&rsquo;t register the client</p>
              <p className="mt-0.5 text-rose-800 dark:text-rose-200/90">{state.error}</p>
              {summaryEntries.length > 0 ? (
                <ul className="mt-2 list-disc space-y-0.5 pl-4 text-[13px] text-rose-800 dark:text-rose-200/90">
                  {summaryEntries.map(([key, message]) => (
                    <li key={key}>
                      <a href={`#${fieldId(key)}`} className="underline decoration-rose-300 underline-offset-2 hover:decoration-current dark:decoration-rose-400/50">
                        {summaryLine(key, message)}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}

      <FormSection title="Client" description="Who the systems belong to. The client ID appears in URLs, the API and reports.">
        <div className="grid grid-cols-1 gap-x-5 gap-y-5 sm:grid-cols-2">
          <TextField
            name="client_name"
            label="Client name"
            placeholder="TNT Limousine"
            autoComplete="organization"
            value={values.client_name}
            onChange={(e) => setField("client_name", e.target.value)}
            error={clientError("client_name", "Client name")}
          />
          <TextField
            name="client_id"
            label="Client ID"
            placeholder="tnt-limousine-001"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            inputClassName="font-mono"
            value={values.client_id}
            onChange={(e) => {
              setClientIdEdited(e.target.value !== "");
              setField("client_id", e.target.value);
            }}
            hint={clientIdEdited ? "Lowercase letters, digits, dashes." : "Lowercase letters, digits, dashes. Suggested from the name until you edit it."}
            error={clientError("client_id", "Client ID")}
          />
          <TextField
            name="industry"
            label="Industry"
            optional
            placeholder="Transportation"
            value={values.industry}
            onChange={(e) => setField("industry", e.target.value)}
            error={clientError("industry", "Industry")}
          />
          <TextField
            name="contact_email"
            label="Contact email"
            optional
            type="email"
            placeholder="ops@client.com"
            autoComplete="email"
            value={values.contact_email}
            onChange={(e) => setField("contact_email", e.target.value)}
            error={clientError("contact_email", "Contact email")}
          />
          <TextField
            name="tags"
            label="Tags"
            optional
            placeholder="enterprise, eu"
            hint="Comma-separated."
            value={values.tags}
            onChange={(e) => setField("tags", e.target.value)}
            error={clientError("tags", "Tags")}
          />
          <TextField
            name="sla_target"
            label="SLA target"
            type="number"
            inputMode="decimal"
            step="0.01"
            min="0"
            max="100"
            suffix="%"
            hint="Uptime promised to the client; reports compare against it."
            value={values.sla_target}
            onChange={(e) => setField("sla_target", e.target.value)}
            error={clientError("sla_target", "SLA target")}
          />
          <TextField
            name="time_zone"
            label="Time zone"
            optional
            list="register-time-zones"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            placeholder="UTC"
            hint="The client's days for daily metrics, e.g. America/New_York."
            value={values.time_zone}
            onChange={(e) => setField("time_zone", e.target.value)}
            error={clientError("time_zone", "Time zone")}
          />
          <datalist id="register-time-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
      </FormSection>

      <FormSection
        title="Systems"
        description="The automation systems to monitor. ClientPulse probes each health URL on its interval; the metrics URL feeds performance reports."
      >
        {systemsListError ? (
          <p className="mb-4 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300" id={fieldId("systems")} tabIndex={-1}>
            <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
            {describeFieldError("Systems", systemsListError)}
          </p>
        ) : null}
        <ol className="flex flex-col gap-4" aria-label="Systems">
          {rows.map((row, index) => {
            const advancedError = ADVANCED_FIELDS.some((f) => {
              const key = rowErrorKey(row, f);
              return key ? Boolean(errorFor(key)) : false;
            });
            const advancedOpen = row.advancedOpen || advancedError;
            const panelId = `system-${row.key}-advanced`;
            const title = row.name.trim() || `System ${index + 1}`;
            return (
              <li key={row.key} className="rounded-lg border border-line bg-surface-muted/50 dark:bg-white/[0.015]" data-testid="system-row">
                <div className="flex items-center justify-between gap-3 border-b border-line px-4 py-2.5">
                  <h3 className="flex min-w-0 items-center gap-2 text-[13px] font-semibold text-fg">
                    <ServerIcon className="size-4 shrink-0 text-subtle" />
                    <span className="truncate">{title}</span>
                  </h3>
                  <button
                    type="button"
                    onClick={() => setRows((prev) => prev.filter((r) => r.key !== row.key))}
                    disabled={rows.length === 1}
                    aria-label={`Remove system ${index + 1}${row.name.trim() ? ` (${row.name.trim()})` : ""}`}
                    title={rows.length === 1 ? "A client needs at least one system" : "Remove this system"}
                    className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-muted transition-colors hover:bg-rose-50 hover:text-rose-700 disabled:pointer-events-none disabled:opacity-40 dark:hover:bg-rose-400/10 dark:hover:text-rose-300"
                  >
                    <TrashIcon className="size-3.5" />
                    <span className="hidden sm:inline">Remove</span>
                  </button>
                </div>
                <div className="grid grid-cols-1 gap-x-4 gap-y-4 p-4 md:grid-cols-[minmax(0,0.8fr)_minmax(0,1.2fr)]">
                  <TextField
                    name={systemFieldName(index, "name")}
                    label="Name"
                    placeholder="Booking automation"
                    value={row.name}
                    onChange={(e) => setRowField(row, "name", e.target.value)}
                    error={rowError(row, "name", "Name")}
                  />
                  <TextField
                    name={systemFieldName(index, "health_url")}
                    label="Health URL"
                    type="url"
                    inputMode="url"
                    placeholder="https://api.client.com/health"
                    spellCheck={false}
                    autoCapitalize="none"
                    value={row.health_url}
                    onChange={(e) => setRowField(row, "health_url", e.target.value)}
                    error={rowError(row, "health_url", "Health URL")}
                  />
                  <TextField
                    name={systemFieldName(index, "metrics_url")}
                    label="Metrics URL"
                    optional
                    type="url"
                    inputMode="url"
                    placeholder="https://api.client.com/metrics"
                    spellCheck={false}
                    autoCapitalize="none"
                    className="md:col-span-2"
                    value={row.metrics_url}
                    onChange={(e) => setRowField(row, "metrics_url", e.target.value)}
                    error={rowError(row, "metrics_url", "Metrics URL")}
                  />
                  <div className="md:col-span-2">
                    <button
                      type="button"
                      aria-expanded={advancedOpen}
                      aria-controls={panelId}
                      onClick={() => setRows((prev) => prev.map((r) => (r.key === row.key ? { ...r, advancedOpen: !advancedOpen } : r)))}
                      className="inline-flex items-center gap-1 rounded-md text-[13px] font-medium text-muted hover:text-fg"
                    >
                      <ChevronDownIcon className={cx("size-4 transition-transform", !advancedOpen && "-rotate-90")} />
                      Advanced
                      {!advancedOpen ? (
                        <span className="ml-1 hidden font-normal text-subtle sm:inline">
                          every {row.check_interval_seconds || "60"} s · timeout {row.timeout_ms || "10000"} ms · degraded &gt; {row.degraded_threshold_ms || "2000"} ms
                        </span>
                      ) : null}
                    </button>
                    {/* Hidden, not unmounted: the fields still submit their values. */}
                    <div id={panelId} hidden={!advancedOpen} className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-3">
                      <TextField
                        name={systemFieldName(index, "check_interval_seconds")}
                        label="Check interval"
                        type="number"
                        inputMode="numeric"
                        min="10"
                        step="1"
                        suffix="s"
                        value={row.check_interval_seconds}
                        onChange={(e) => setRowField(row, "check_interval_seconds", e.target.value)}
                        error={rowError(row, "check_interval_seconds", "Check interval")}
                      />
                      <TextField
                        name={systemFieldName(index, "timeout_ms")}
                        label="Timeout"
                        type="number"
                        inputMode="numeric"
                        min="500"
                        step="100"
                        suffix="ms"
                        value={row.timeout_ms}
                        onChange={(e) => setRowField(row, "timeout_ms", e.target.value)}
                        error={rowError(row, "timeout_ms", "Timeout")}
                      />
                      <TextField
                        name={systemFieldName(index, "degraded_threshold_ms")}
                        label="Degraded threshold"
                        type="number"
                        inputMode="numeric"
                        min="1"
                        step="100"
                        suffix="ms"
                        hint="Slower responses count as degraded."
                        value={row.degraded_threshold_ms}
                        onChange={(e) => setRowField(row, "degraded_threshold_ms", e.target.value)}
                        error={rowError(row, "degraded_threshold_ms", "Degraded threshold")}
                      />
                    </div>
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
        <Button
          className="mt-4"
          onClick={() => {
            setRows((prev) => [...prev, newRow()]);
            // Move focus to the new row's name so keyboard users can keep typing.
            requestAnimationFrame(() => {
              const inputs = document.querySelectorAll<HTMLInputElement>('[data-testid="system-row"] input[name$=".name"]');
              inputs[inputs.length - 1]?.focus();
            });
          }}
          disabled={rows.length >= 50}
        >
          <PlusIcon className="size-4" />
          Add another system
        </Button>
      </FormSection>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-end">
        <Link href="/clients" className={buttonClasses({ variant: "ghost" })}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
          {pending ? <Spinner className="size-4" /> : null}
          {pending ? "Registering…" : "Register client"}
        </Button>
      </div>
    </form>
  );
}

function FormSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none" aria-labelledby={`section-${title}`}>
      <div className="border-b border-line px-5 py-4">
        <h2 id={`section-${title}`} className="text-sm font-semibold text-fg">
          {title}
        </h2>
        <p className="mt-0.5 text-[13px] text-muted">{description}</p>
      </div>
      <div className="p-5">{children}</div>
    </section>
  );
}
