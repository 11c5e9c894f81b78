import type { ChannelOutput, ChannelType } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError, type FieldIssue } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { channelAuditSummary, channelInclude, storedHeaders, toChannelOutput } from "./channel-output";
import { checkDestination, headerIssues } from "./destination";
import { findChannelOrThrow, makeDefault } from "./find-channel";
import { updateChannelInputSchema } from "./schemas";

/**
 * Changes a channel (admins). Fields left out stay; `headers` is merged (null removes one).
 * A new destination is checked like a new channel's; the webhook secret stays (rotate it
 * separately). `is_default: true` makes it the default of its type for its owner.
 */
export async function updateChannel({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateChannelInputSchema> }): Promise<ChannelOutput> {
  requireScope(ctx, "admin");
  const data = parseInput(updateChannelInputSchema, input);
  const before = await findChannelOrThrow(ctx, data.id);
  const type = before.type as ChannelType;
  const issues: FieldIssue[] = [];
  let destination: string | undefined;
  let warnings: string[] = [];
  if (data.destination !== undefined) {
    const checked = await checkDestination(type, data.destination);
    issues.push(...checked.issues);
    destination = checked.destination;
    warnings = checked.warnings;
  }
  let headers: Record<string, string> | undefined;
  if (data.headers && type !== "webhook") issues.push({ path: "headers", message: "only webhook channels send extra headers" });
  else if (data.headers) {
    const merged = storedHeaders(before.headers);
    for (const [name, value] of Object.entries(data.headers)) {
      for (const existing of Object.keys(merged)) if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
      if (value !== null) merged[name] = value;
    }
    issues.push(...headerIssues(merged));
    headers = merged;
  }
  if (issues.length) throw new ValidationError(issues);

  return ctx.db.$transaction(async (t) => {
    const row = await t.alertChannel.update({
      where: { id: before.id },
      data: {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(destination !== undefined ? { destination } : {}),
        ...(headers !== undefined ? { headers: Object.keys(headers).length ? headers : Prisma.DbNull } : {}),
        ...(data.enabled !== undefined ? { enabled: data.enabled } : {}),
        ...(data.is_default === false ? { isDefault: false } : {}),
      },
      include: channelInclude,
    });
    if (data.is_default === true && !row.isDefault) {
      await makeDefault(t, row);
      row.isDefault = true;
    }
    const out = toChannelOutput(row, warnings);
    await recordAudit(ctx, { action: "alert_channel.update", targetType: "alert_channel", targetId: row.id, summary: { before: channelAuditSummary(toChannelOutput(before)), after: channelAuditSummary(out) } }, t);
    return out;
  });
}
