"use client";

import { startTransition, useActionState, useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { createApiKeyAction, type CreateApiKeyState } from "@/app/actions/api-keys";
import { apiKeyAccessLabel } from "@/lib/ui/api-keys";
import { cx } from "@/lib/ui/class-names";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { fieldId, SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { AlertCircleIcon, KeyIcon, PlusIcon, Spinner } from "@/components/ui/icons";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

export interface ClientChoice {
  client_id: string;
  client_name: string;
  active: boolean;
}

const ACCESS = [
  { value: "read", title: "Read only", text: "Clients, status, metrics and reports." },
  { value: "read_write", title: "Read & write", text: "Also registers and changes clients, alerts and reports." },
] as const;

const subscribeNever = () => () => {};
/** This server's address as the browser sees it (for the usage snippet); null while rendering on the server. */
function useOrigin(): string | null {
  return useSyncExternalStore(subscribeNever, () => window.location.origin, () => null);
}

export function CreateApiKeyForm({ clients }: { clients: readonly ClientChoice[] }) {
  const [state, formAction, pending] = useActionState<CreateApiKeyState, FormData>(createApiKeyAction, null);
  const [dismissed, setDismissed] = useState<CreateApiKeyState>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [access, setAccess] = useState<(typeof ACCESS)[number]["value"]>("read");
  const errors = useFieldErrors(state);
  useFocusOnFailure(state, formRef);
  const created = state?.ok && state !== dismissed ? state.data : null;
  const summary = errors.summary();

  // A new key: clear the form for the next one (the key itself shows above until dismissed).
  // The access choice is state, reset while rendering the result; the inputs are the DOM's.
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    if (state?.ok) setAccess("read");
  }
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  const scopeError = errors.error("scopes", "Access");

  return (
    <div className="flex flex-col gap-5">
      {created ? <NewKeyReveal name={created.name} keyValue={created.key} scopes={created.scopes} clientId={created.client_id} onDone={() => setDismissed(state)} /> : null}
      <form
        ref={formRef}
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        aria-labelledby="new-key-heading"
        className="rounded-lg border border-line bg-surface-muted/50 dark:bg-white/[0.015]"
      >
        <div className="flex items-center gap-2 border-b border-line px-4 py-2.5">
          <KeyIcon className="size-4 text-subtle" />
          <h3 id="new-key-heading" className="text-[13px] font-semibold text-fg">
            New API key
          </h3>
        </div>
        <div className="flex flex-col gap-5 p-4">
          {summary ? <FormAlert tone="error">{summary}</FormAlert> : null}
          <div className="grid grid-cols-1 gap-x-4 gap-y-5 md:grid-cols-2">
            <TextField
              name="name"
              label="Name"
              placeholder="Claude Desktop, CI pipeline…"
              hint="Who or what uses it; shown in the audit log."
              autoComplete="off"
              maxLength={100}
              onChange={() => errors.markEdited("name")}
              error={errors.error("name", "Name")}
            />
            <fieldset className="min-w-0" aria-describedby={scopeError ? `${fieldId("scopes")}-error` : undefined}>
              <legend className="mb-1.5 text-[13px] font-medium text-fg">Access</legend>
              <div className="grid grid-cols-1 gap-2 min-[480px]:grid-cols-2">
                {ACCESS.map((option) => {
                  const checked = access === option.value;
                  return (
                    <label
                      key={option.value}
                      className={cx(
                        "flex cursor-pointer flex-col gap-0.5 rounded-lg border px-3 py-2 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                        checked ? "border-fg/70 bg-surface ring-1 ring-fg/70" : "border-line-strong bg-surface hover:bg-surface-hover dark:bg-white/[0.03]",
                      )}
                    >
                      <input
                        type="radio"
                        name="access"
                        value={option.value}
                        checked={checked}
                        onChange={() => {
                          errors.markEdited("scopes");
                          setAccess(option.value);
                        }}
                        className="sr-only"
                      />
                      <span className="flex items-center gap-2 text-[13px] font-medium text-fg">
                        <span
                          aria-hidden
                          className={cx("flex size-3.5 items-center justify-center rounded-full border", checked ? "border-fg" : "border-line-strong")}
                        >
                          {checked ? <span className="size-1.5 rounded-full bg-fg" /> : null}
                        </span>
                        {option.title}
                      </span>
                      <span className="text-xs leading-4 text-subtle">{option.text}</span>
                    </label>
                  );
                })}
              </div>
              {scopeError ? (
                <p id={`${fieldId("scopes")}-error`} className="mt-1.5 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300">
                  <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
                  {scopeError}
                </p>
              ) : null}
            </fieldset>
            <SelectField
              name="client_id"
              label="Client"
              optional
              defaultValue=""
              hint="Restrict the key to one client's data."
              onChange={() => errors.markEdited("client_id")}
              error={errors.error("client_id", "Client")}
            >
              <option value="">All clients</option>
              {clients.map((c) => (
                <option key={c.client_id} value={c.client_id}>
                  {c.client_name} ({c.client_id}){c.active ? "" : " · inactive"}
                </option>
              ))}
            </SelectField>
            <TextField
              name="expires_in_days"
              label="Expires after"
              optional
              type="number"
              inputMode="numeric"
              min="1"
              max="3650"
              step="1"
              suffix="days"
              placeholder="Never"
              hint="Leave empty for a key that does not expire."
              onChange={() => errors.markEdited("expires_in_days")}
              error={errors.error("expires_in_days", "Expiry")}
            />
          </div>
          <div className="flex justify-end">
            <Button type="submit" variant="primary" disabled={pending} aria-busy={pending}>
              {pending ? <Spinner className="size-4" /> : <PlusIcon className="size-4" />}
              {pending ? "Creating key…" : "Create key"}
            </Button>
          </div>
        </div>
      </form>
    </div>
  );
}

/** The one and only time the full key is on screen: copy it, see how to use it, then dismiss. */
function NewKeyReveal({
  name,
  keyValue,
  scopes,
  clientId,
  onDone,
}: {
  name: string;
  keyValue: string;
  scopes: readonly string[];
  clientId: string | null;
  onDone: () => void;
}) {
  const origin = useOrigin() ?? "";
  const header = `Authorization: Bearer ${keyValue}`;
  const curl = `curl -H "${header}" ${origin}/api/clients`;
  return (
    <section
      aria-labelledby="new-key-title"
      data-testid="new-api-key"
      className="rounded-xl border border-emerald-300 bg-emerald-50/70 p-4 dark:border-emerald-400/30 dark:bg-emerald-400/[0.06]"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <h3 id="new-key-title" className="text-sm font-semibold text-fg">
          Key &ldquo;{name}&rdquo; created: copy it now
        </h3>
        <span className="flex items-center gap-1.5">
          <Badge tone="neutral">{apiKeyAccessLabel(scopes)}</Badge>
          <Badge tone="neutral">{clientId ? `Only ${clientId}` : "All clients"}</Badge>
        </span>
      </div>
      <p className="mt-1 text-[13px] text-muted">
        This is the only time the full key is shown; ClientPulse keeps just a fingerprint. You won&rsquo;t see it again, so store it in a
        password manager or your secret store. Lost it? Revoke it and create another.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-api-key-value" className="sr-only">
          New API key
        </label>
        <input
          id="new-api-key-value"
          readOnly
          value={keyValue}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="h-9 min-w-0 flex-1 rounded-lg border border-emerald-300 bg-surface px-3 font-mono text-[13px] text-fg dark:border-emerald-400/30"
          data-testid="new-api-key-value"
        />
        <CopyButton text={keyValue} label="Copy key" variant="primary" size="md" testId="copy-api-key" />
      </div>
      <div className="mt-4 flex flex-col gap-3 text-[13px]">
        <div>
          <p className="font-medium text-fg">Use it for the REST API and MCP</p>
          <p className="mt-0.5 text-muted">
            Send it in the <code className="font-mono text-xs">Authorization</code> header, never in a URL. MCP endpoint:{" "}
            <code className="break-all font-mono text-xs text-fg">{origin}/api/mcp</code> (Streamable HTTP).
          </p>
        </div>
        <Snippet label="Header" text={header} />
        <Snippet label="Try it" text={curl} />
      </div>
      <div className="mt-4 flex justify-end">
        <Button onClick={onDone}>Done, I&rsquo;ve stored it</Button>
      </div>
    </section>
  );
}

function Snippet({ label, text }: { label: string; text: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-line bg-surface">
      <div className="flex items-center justify-between gap-2 border-b border-line bg-surface-muted px-3 py-1">
        <span className="text-[11px] font-medium uppercase tracking-wide text-subtle">{label}</span>
        <CopyButton text={text} variant="ghost" className="h-7 px-2 text-xs" />
      </div>
      <pre className="overflow-x-auto px-3 py-2 font-mono text-xs leading-5 text-fg">
        <code>{text}</code>
      </pre>
    </div>
  );
}
