import type { ChannelCreatedOutput, ChannelOutput, ChannelType } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { parseInput, ValidationError, type FieldIssue } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { resolveRuleClient } from "@/lib/alerts/thresholds/rule-targets";
import { channelAuditSummary, channelInclude, toChannelOutput } from "./channel-output";
import { checkDestination, generateWebhookSecret, headerIssues } from "./destination";
import { makeDefault } from "./find-channel";
import { createChannelInputSchema } from "./schemas";

export interface NewChannel {
  type: ChannelType;
  name?: string;
  /** Already checked by checkDestination. */
  destination: string;
  clientRef: string | null;
  headers?: Record<string, string>;
  /** undefined: default when its owner has no default of this type yet (never for source "threshold"). */
  isDefault?: boolean;
  enabled?: boolean;
  source: ChannelOutput["source"];
  /** For env channels: the operator's own secret; otherwise a webhook gets a fresh one. */
  secret?: string;
}

/** "Email to ops@agency.com (+1)", "Slack (hooks.slack.com)", "Webhook (hooks.example.com)". */
export function defaultChannelName(type: ChannelType, destination: string): string {
  if (type === "email") {
    const list = destination.split(", ");
    return `Email to ${list[0]}${list.length > 1 ? ` (+${list.length - 1})` : ""}`.slice(0, 100);
  }
  let host = "";
  try {
    host = new URL(destination).host;
  } catch {
    // validated before; a name is still needed
  }
  return `${type === "slack" ? "Slack" : "Webhook"} (${host})`.slice(0, 100);
}

/**
 * Stores a checked channel in the caller's transaction and audits it (without the secret).
 * Returns the output and, for a webhook, its secret: the only time it leaves the server.
 */
export async function storeChannel(ctx: Context, t: Tx, channel: NewChannel, warnings: readonly string[] = []): Promise<ChannelCreatedOutput> {
  const secret = channel.type === "webhook" ? (channel.secret ?? generateWebhookSecret()) : undefined;
  const row = await t.alertChannel.create({
    data: {
      type: channel.type,
      name: channel.name ?? defaultChannelName(channel.type, channel.destination),
      destination: channel.destination,
      clientRef: channel.clientRef,
      secret: secret ?? null,
      headers: channel.type === "webhook" && channel.headers && Object.keys(channel.headers).length ? channel.headers : undefined,
      enabled: channel.enabled ?? true,
      source: channel.source,
    },
    include: channelInclude,
  });
  const wantDefault =
    channel.isDefault ??
    (channel.source !== "threshold" && (await t.alertChannel.count({ where: { clientRef: channel.clientRef, type: channel.type, isDefault: true } })) === 0);
  if (wantDefault) {
    await makeDefault(t, row);
    row.isDefault = true;
  }
  const out = toChannelOutput(row, warnings);
  await recordAudit(ctx, { action: "alert_channel.create", targetType: "alert_channel", targetId: row.id, summary: { ...channelAuditSummary(out), source: out.source } }, t);
  return secret ? { ...out, secret } : out;
}

/**
 * Creates a channel (admins: where alerts go is the agency's configuration). A webhook's
 * signing secret is generated here and returned once, in this answer.
 */
export async function createChannel({ ctx, input }: { ctx: Context; input: VerbInput<typeof createChannelInputSchema> }): Promise<ChannelCreatedOutput> {
  requireScope(ctx, "admin");
  const data = parseInput(createChannelInputSchema, input);
  const client = data.client_id ? await resolveRuleClient(ctx, ctx.db, data.client_id) : null;
  const checked = await checkDestination(data.type, data.destination);
  const issues: FieldIssue[] = [...checked.issues];
  if (data.headers && data.type !== "webhook") issues.push({ path: "headers", message: "only webhook channels send extra headers" });
  else if (data.headers) issues.push(...headerIssues(data.headers));
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.$transaction((t) =>
    storeChannel(
      ctx,
      t,
      { type: data.type, name: data.name, destination: checked.destination, clientRef: client?.ref ?? null, headers: data.headers, isDefault: data.is_default, enabled: data.enabled, source: "settings" },
      checked.warnings,
    ),
  );
}
