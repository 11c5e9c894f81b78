import type { ChannelOutput } from "@/lib/alerts/contracts";
import { describeRule } from "@/lib/alerts/thresholds/metric-rules";
import { ALL_CLIENTS } from "@/lib/alerts/thresholds/schemas";
import type { AlertMetric, Comparison } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { channelAuditSummary, toChannelOutput } from "./channel-output";
import { findChannelOrThrow } from "./find-channel";
import { channelRefInputSchema } from "./schemas";

/**
 * Deletes a channel (admins). A channel that rules still send to is refused with the list of
 * those rules: silently dropping it would leave rules that alert nobody. Move them to another
 * channel (or delete them) first. A client's override is never linked to rules, so it can go
 * at any time: that client's alerts then go to the agency channel again.
 */
export async function deleteChannel({ ctx, input }: { ctx: Context; input: VerbInput<typeof channelRefInputSchema> }): Promise<ChannelOutput> {
  requireScope(ctx, "admin");
  const { id } = parseInput(channelRefInputSchema, input);
  const row = await findChannelOrThrow(ctx, id);
  const out = toChannelOutput(row);
  if (row.source === "report" && (await ctx.db.reportSchedule.count({ where: { channelId: id } })) > 0) {
    // A report schedule's recipients: it goes with its schedule (deleting it alone would leave a schedule that mails nobody).
    throw new ConflictError(`"${row.name}" holds a report schedule's recipients; delete or change the schedule instead (/api/report-schedules)`, [{ path: "id", message: "belongs to a report schedule" }]);
  }
  await ctx.db.$transaction(async (t) => {
    const users = await t.alertThresholdChannel.findMany({
      where: { channelId: id },
      select: { threshold: { select: { id: true, metric: true, comparison: true, value: true, windowMinutes: true, client: { select: { clientId: true } } } } },
      take: 21,
    });
    if (users.length) {
      const lines = users.slice(0, 20).map(({ threshold: r }) => {
        const words = describeRule({ metric: r.metric as AlertMetric, comparison: r.comparison as Comparison, threshold: r.value, windowMinutes: r.windowMinutes });
        return `${r.client?.clientId ?? ALL_CLIENTS}: ${words} (${r.id})`;
      });
      const more = users.length > 20 ? " and more" : "";
      throw new ConflictError(
        `"${row.name}" is used by ${users.length > 20 ? "more than 20" : users.length} alert rule${users.length === 1 ? "" : "s"}: ${lines.join("; ")}${more}. Give those rules another channel or delete them first.`,
        [{ path: "id", message: "is still used by alert rules" }],
      );
    }
    await t.alertChannel.delete({ where: { id } });
    await recordAudit(ctx, { action: "alert_channel.delete", targetType: "alert_channel", targetId: id, summary: channelAuditSummary(out) }, t);
  });
  return out;
}
