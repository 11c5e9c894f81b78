"use client";

import { SendTestButton } from "@/components/alerts/send-test-button";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/app/actions/action-result";
import { deleteChannelAction, rotateChannelSecretAction, saveChannelAction, setDefaultChannelAction } from "@/app/actions/alert-channels";
import { CHANNEL_TYPES, type ChannelCreatedOutput, type ChannelOutput, type ChannelType } from "@/lib/alerts/contracts";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/lib/ui/fetch-json";
import { formatDateUtc } from "@/lib/ui/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, useDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField, TextField, fieldId } from "@/components/ui/field";
import { FormErrorSummary } from "@/components/ui/form-alert";
import { DialogFooter, DialogHeader, FormDialog } from "@/components/ui/form-dialog";
import { AlertTriangleIcon, KeyIcon, MailIcon, PencilIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { EmptyState } from "@/components/ui/empty-state";
import { Switch } from "@/components/ui/switch";
import { useEditDialog, type EditDialogState } from "@/components/ui/use-edit-dialog";
import { useFieldErrors, useFocusOnFailure } from "@/components/ui/use-field-errors";

const TYPE_LABEL: Record<ChannelType, string> = { email: "Email", slack: "Slack", webhook: "Webhook" };
const SOURCE_LABEL: Record<ChannelOutput["source"], string | null> = { settings: null, env: "From environment", threshold: "Made by a rule" };
const DESTINATION: Record<ChannelType, { label: string; placeholder: string; hint: string }> = {
  email: { label: "Email addresses", placeholder: "alerts@agency.com, oncall@agency.com", hint: "One or more, separated by commas. Sent through SMTP_URL." },
  slack: { label: "Incoming webhook URL", placeholder: "https://hooks.slack.com/services/…", hint: "Slack, or a Slack-compatible receiver (Mattermost, Rocket.Chat)." },
  webhook: { label: "Webhook URL", placeholder: "https://hooks.example.com/clientpulse", hint: "Signed per Standard Webhooks (webhook-id, -timestamp, -signature)." },
};
const REFRESH_MS = 30_000;

export interface ClientOption {
  client_id: string;
  client_name: string;
}

/**
 * Settings → Alert channels: agency channels and per-client overrides, destinations masked,
 * the default of each type marked, and a channel that keeps failing flagged with its last
 * error. Admins add, edit, delete, make default and rotate a webhook's secret; the secret
 * (at creation or rotation) is shown once, here, with a copy button. Editors and admins may send
 * a test notification on every channel (through the real delivery path).
 */
export function ChannelsSettings({
  initial,
  clients,
  canAdmin,
  canTest,
}: {
  initial: ChannelOutput[];
  clients: ClientOption[];
  canAdmin: boolean;
  canTest: boolean;
}) {
  const channelActions = canTest
    ? (c: ChannelOutput) => <SendTestButton channelId={c.id} channelName={c.name} disabled={!c.enabled} />
    : undefined;
  const { data } = useQuery({
    queryKey: queryKeys.alertRules.channels(),
    queryFn: ({ signal }) => fetchJson<{ channels: ChannelOutput[] }>("/api/alert-channels", { signal }),
    initialData: { channels: initial },
    refetchInterval: REFRESH_MS,
  });
  const [revealed, setRevealed] = useState<ChannelCreatedOutput | null>(null);
  const dialog = useEditDialog<ChannelOutput | null>();
  const channels = data.channels;
  const agency = channels.filter((c) => c.client_id === null);
  const byClient = new Map<string, ChannelOutput[]>();
  for (const c of channels) if (c.client_id) byClient.set(c.client_id, [...(byClient.get(c.client_id) ?? []), c]);
  const clientName = (id: string) => clients.find((c) => c.client_id === id)?.client_name ?? id;

  return (
    <div className="flex flex-col gap-5">
      {revealed?.secret ? <SecretReveal channel={revealed} onDone={() => setRevealed(null)} /> : null}
      <section aria-labelledby="agency-channels" className="flex flex-col gap-3" data-testid="agency-channels">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 id="agency-channels" className="text-sm font-semibold text-fg">
              Agency channels <span className="font-normal text-subtle tabular-nums">{agency.length}</span>
            </h2>
            <p className="mt-0.5 text-[13px] text-muted">The default of each type is where “alert on Slack” (or email, or webhook) sends.</p>
          </div>
          {canAdmin ? (
            <Button size="sm" onClick={() => dialog.open(null)}>
              <PlusIcon className="size-4" />
              Add channel
            </Button>
          ) : null}
        </div>
        {agency.length ? (
          <ChannelList channels={agency} canAdmin={canAdmin} onEdit={dialog.open} onSecret={setRevealed} channelActions={channelActions} />
        ) : (
          <div className="rounded-xl border border-dashed border-line-strong">
            <EmptyState icon={MailIcon} title="No channels yet" compact headingLevel={3}>
              Add an email, Slack or webhook channel{canAdmin ? "" : " (admins)"}, or start ClientPulse with SMTP_URL + ALERT_EMAIL_TO, SLACK_WEBHOOK_URL, or
              ALERT_WEBHOOK_URL + ALERT_WEBHOOK_SECRET.
            </EmptyState>
          </div>
        )}
      </section>
      {byClient.size ? (
        <section aria-labelledby="client-channels" className="flex flex-col gap-3" data-testid="client-channels">
          <div>
            <h2 id="client-channels" className="text-sm font-semibold text-fg">
              Client channels
            </h2>
            <p className="mt-0.5 text-[13px] text-muted">A client&rsquo;s default channel of a type replaces the agency&rsquo;s for that client&rsquo;s alerts.</p>
          </div>
          {[...byClient.entries()].map(([clientId, list]) => (
            <div key={clientId} className="flex flex-col gap-2">
              <h3 className="text-[13px] font-medium text-muted">{clientName(clientId)}</h3>
              <ChannelList channels={list} canAdmin={canAdmin} onEdit={dialog.open} onSecret={setRevealed} channelActions={channelActions} />
            </div>
          ))}
        </section>
      ) : null}
      {canAdmin ? <ChannelDialog dialogRef={dialog.ref} editing={dialog.editing} onClosed={dialog.onClosed} clients={clients} onCreated={setRevealed} /> : null}
    </div>
  );
}

function ChannelList({
  channels,
  canAdmin,
  onEdit,
  onSecret,
  channelActions,
}: {
  channels: ChannelOutput[];
  canAdmin: boolean;
  onEdit: (c: ChannelOutput) => void;
  onSecret: (c: ChannelCreatedOutput) => void;
  channelActions?: (channel: ChannelOutput) => ReactNode;
}) {
  return (
    <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
      {channels.map((c) => (
        <ChannelRow key={c.id} channel={c} canAdmin={canAdmin} onEdit={() => onEdit(c)} onSecret={onSecret} extra={channelActions?.(c)} />
      ))}
    </ul>
  );
}

function ChannelRow({ channel: c, canAdmin, onEdit, onSecret, extra }: { channel: ChannelOutput; canAdmin: boolean; onEdit: () => void; onSecret: (c: ChannelCreatedOutput) => void; extra?: ReactNode }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const confirmDelete = useDialog();
  const confirmRotate = useDialog();
  const source = SOURCE_LABEL[c.source];

  function run<T>(action: () => Promise<ActionResult<T>>, after?: (data: T) => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      after?.(result.data);
      await queryClient.invalidateQueries({ queryKey: queryKeys.alertRules.all() });
      router.refresh();
    });
  }

  return (
    <li className="flex flex-col gap-2 px-4 py-3 lg:flex-row lg:items-start lg:justify-between lg:gap-4" data-testid="alert-channel">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone="slate">{TYPE_LABEL[c.type]}</Badge>
          <span className="text-[13px] font-medium text-fg">{c.name}</span>
          {c.is_default ? <Badge tone="indigo">Default</Badge> : null}
          {!c.enabled ? <Badge tone="neutral">Disabled</Badge> : null}
          {source ? <Badge tone="neutral">{source}</Badge> : null}
          {c.failing ? <Badge tone="rose">Failing</Badge> : null}
        </div>
        <p className="mt-1 break-all font-mono text-xs text-muted" data-testid="channel-destination">
          {c.destination}
        </p>
        {c.header_names.length || c.has_secret ? (
          <p className="mt-0.5 text-xs text-subtle">
            {c.has_secret ? "Signed (secret hidden)" : null}
            {c.has_secret && c.header_names.length ? " · " : null}
            {c.header_names.length ? `Headers: ${c.header_names.join(", ")} (values hidden)` : null}
          </p>
        ) : null}
        {c.failing ? (
          <p className="mt-1 text-[13px] text-rose-700 dark:text-rose-300">
            {c.consecutive_failures} deliveries failed in a row{c.failing_since ? ` since ${formatDateUtc(c.failing_since)}` : ""}
            {c.last_error ? `: ${c.last_error}` : ""}
          </p>
        ) : null}
        {c.warnings.map((w) => (
          <p key={w} className="mt-1 flex items-start gap-1.5 text-xs text-amber-800 dark:text-amber-300">
            <AlertTriangleIcon className="mt-px size-3.5 shrink-0" />
            {w}
          </p>
        ))}
        {error ? (
          <p role="alert" className="mt-1 text-[13px] text-rose-700 dark:text-rose-300">
            {error}
          </p>
        ) : null}
      </div>
      {canAdmin ? (
        <div className="flex shrink-0 flex-wrap items-center gap-1">
          {extra}
          {!c.is_default ? (
            <Button variant="ghost" size="sm" disabled={pending} onClick={() => run(() => setDefaultChannelAction(c.id))} aria-label={`Make ${c.name} the default ${TYPE_LABEL[c.type]} channel`}>
              Make default
            </Button>
          ) : null}
          {c.type === "webhook" ? (
            <Button variant="ghost" size="sm" className="gap-1.5 px-2" disabled={pending} onClick={() => confirmRotate.open()} aria-label={`Rotate the signing secret of ${c.name}`}>
              <KeyIcon className="size-3.5" />
              Rotate secret
            </Button>
          ) : null}
          <Button variant="ghost" size="sm" className="gap-1.5 px-2" onClick={onEdit} aria-label={`Edit ${c.name}`}>
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
            aria-label={`Delete ${c.name}`}
          >
            <TrashIcon className="size-3.5" />
            Delete
          </Button>
          <ConfirmDialog
            dialogRef={confirmDelete.ref}
            title={`Delete “${c.name}”?`}
            confirmLabel="Delete channel"
            pending={pending}
            error={error}
            onConfirm={() => run(() => deleteChannelAction(c.id), () => confirmDelete.close())}
          >
            Alerts stop going to this channel. A channel that alert rules still use cannot be deleted: move those rules to another channel first.
          </ConfirmDialog>
          <ConfirmDialog
            dialogRef={confirmRotate.ref}
            title={`New signing secret for “${c.name}”?`}
            confirmLabel="Rotate secret"
            confirmVariant="primary"
            pending={pending}
            error={error}
            onConfirm={() =>
              run(
                () => rotateChannelSecretAction(c.id),
                (data) => {
                  confirmRotate.close();
                  onSecret(data);
                },
              )
            }
          >
            The receiver must verify with the new secret from now on; the old one stops working at once. The new secret is shown once.
          </ConfirmDialog>
        </div>
      ) : null}
    </li>
  );
}

function SecretReveal({ channel, onDone }: { channel: ChannelCreatedOutput; onDone: () => void }) {
  return (
    <section aria-labelledby="secret-title" data-testid="webhook-secret" className="rounded-xl border border-emerald-300 bg-emerald-50/70 p-4 dark:border-emerald-400/30 dark:bg-emerald-400/[0.06]">
      <h2 id="secret-title" className="text-sm font-semibold text-fg">
        Signing secret of &ldquo;{channel.name}&rdquo;: copy it now
      </h2>
      <p className="mt-1 text-[13px] text-muted">
        This is the only time it is shown. Give it to the receiver to verify the <code className="font-mono text-xs">webhook-signature</code> header (Standard
        Webhooks). Lost it? Rotate the secret.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="webhook-secret-value" className="sr-only">
          Signing secret
        </label>
        <input
          id="webhook-secret-value"
          readOnly
          value={channel.secret}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="h-9 min-w-0 flex-1 rounded-lg border border-emerald-300 bg-surface px-3 font-mono text-[13px] text-fg dark:border-emerald-400/30"
          data-testid="webhook-secret-value"
        />
        <CopyButton text={channel.secret!} label="Copy secret" variant="primary" size="md" testId="copy-webhook-secret" />
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </section>
  );
}

/** What the channel dialog edits: a channel (null: a new one). */
type Editing = EditDialogState<ChannelOutput | null>;

function ChannelDialog({
  dialogRef,
  editing,
  onClosed,
  clients,
  onCreated,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  editing: Editing | null;
  onClosed: () => void;
  clients: ClientOption[];
  onCreated: (c: ChannelCreatedOutput) => void;
}) {
  const titleId = useId();
  return (
    <FormDialog dialogRef={dialogRef} titleId={titleId} size="lg" onClose={onClosed}>
      {editing ? <ChannelForm key={editing.n} channel={editing.item} clients={clients} titleId={titleId} onDone={() => dialogRef.current?.close()} onCreated={onCreated} /> : null}
    </FormDialog>
  );
}

const FIELD_LABEL: Record<string, string> = { type: "Type", name: "Name", destination: "Destination", client_id: "Client", headers: "Headers" };

function ChannelForm({
  channel,
  clients,
  titleId,
  onDone,
  onCreated,
}: {
  channel: ChannelOutput | null;
  clients: ClientOption[];
  titleId: string;
  onDone: () => void;
  onCreated: (c: ChannelCreatedOutput) => void;
}) {
  const [result, setResult] = useState<ActionResult<ChannelCreatedOutput> | null>(null);
  const [pending, startTransition] = useTransition();
  const [type, setType] = useState<ChannelType>(channel?.type ?? "slack");
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const errors = useFieldErrors(result);
  useFocusOnFailure(result, formRef);
  const summary = errors.summary();
  const other = errors.other(Object.keys(FIELD_LABEL));
  const dest = DESTINATION[type];
  const err = (name: string) => errors.error(name, FIELD_LABEL[name]);
  const edited = (name: string) => () => errors.markEdited(name);
  const enabledId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await saveChannelAction(formData);
      setResult(outcome);
      if (outcome.ok) {
        onDone();
        if (outcome.data.secret) onCreated(outcome.data);
        await queryClient.invalidateQueries({ queryKey: queryKeys.alertRules.all() });
        router.refresh();
      }
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex max-h-[calc(100dvh-2rem)] flex-col" data-testid="alert-channel-form">
      {channel ? <input type="hidden" name="id" value={channel.id} /> : null}
      <DialogHeader
        titleId={titleId}
        title={channel ? `Edit ${channel.name}` : "New alert channel"}
        description="Addresses and URLs are checked against the network policy before they are saved."
      />
      <div className="flex min-h-0 flex-col gap-5 overflow-y-auto px-5 py-5">
        <FormErrorSummary title="Couldn’t save the channel" summary={summary} other={other} />
        {channel ? null : (
          <div className="grid grid-cols-1 gap-x-4 gap-y-5 sm:grid-cols-2">
            <SelectField
              name="type"
              label="Type"
              value={type}
              onChange={(e) => {
                errors.markEdited("type");
                setType(e.target.value as ChannelType);
              }}
              error={err("type")}
            >
              {CHANNEL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL[t]}
                </option>
              ))}
            </SelectField>
            <SelectField name="client_id" label="For" defaultValue="" onChange={edited("client_id")} error={err("client_id")} hint="A client's channel overrides the agency's for that client.">
              <option value="">The agency (all clients)</option>
              {clients.map((c) => (
                <option key={c.client_id} value={c.client_id}>
                  {c.client_name}
                </option>
              ))}
            </SelectField>
          </div>
        )}
        <TextField name="name" label="Name" optional defaultValue={channel?.name ?? ""} placeholder="#ops-alerts" maxLength={100} onChange={edited("name")} error={err("name")} />
        <TextField
          name="destination"
          label={dest.label}
          optional={Boolean(channel)}
          type={type === "email" ? "text" : "url"}
          inputMode={type === "email" ? "email" : "url"}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
          placeholder={channel ? `Unchanged: ${channel.destination}` : dest.placeholder}
          hint={channel ? "Leave empty to keep the current one." : dest.hint}
          onChange={edited("destination")}
          error={err("destination")}
        />
        {type === "webhook" ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor={fieldId("headers")} className="text-[13px] font-medium text-fg">
              Extra headers <span className="font-normal text-subtle">(optional)</span>
            </label>
            <textarea
              id={fieldId("headers")}
              name="headers"
              rows={3}
              spellCheck={false}
              placeholder={"Authorization: Bearer …\nX-Team: ops"}
              onChange={edited("headers")}
              aria-invalid={err("headers") ? true : undefined}
              aria-describedby={`${fieldId("headers")}-hint`}
              className="w-full rounded-lg border border-line-strong bg-surface px-3 py-2 font-mono text-[13px] text-fg placeholder:text-subtle focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring dark:bg-white/[0.03]"
            />
            <p id={`${fieldId("headers")}-hint`} className="text-xs text-subtle">
              One “Name: value” per line; values are never shown again.{channel?.header_names.length ? ` Kept: ${channel.header_names.join(", ")}; “Name:” alone removes one.` : ""}
            </p>
            {err("headers") ? <p className="text-[13px] text-rose-700 dark:text-rose-300">{err("headers")}</p> : null}
          </div>
        ) : null}
        {channel?.is_default ? null : (
          <label className="flex items-center gap-2.5 text-[13px] text-fg">
            <input type="checkbox" name="is_default" value="true" className="size-4 accent-zinc-900 dark:accent-zinc-100" />
            Make it the default {TYPE_LABEL[type]} channel
          </label>
        )}
        <div className="flex items-center justify-between gap-4">
          <span id={enabledId} className="text-[13px] font-medium text-fg">
            Enabled
          </span>
          <Switch name="enabled" checked={enabled} onCheckedChange={setEnabled} aria-labelledby={enabledId} />
        </div>
      </div>
      <DialogFooter pending={pending} onCancel={onDone} submitLabel={channel ? "Save channel" : "Add channel"} />
    </form>
  );
}
