// Report schedules: create (write), update, delete (write), list and get (read), each scoped to
// the clients the caller may see (another client's schedule is "not found", never "forbidden")
// and audited. A schedule's recipients live in an email channel the schedule owns (source
// "report", the client's, never a default alert channel), written in the same transaction as
// the schedule and deleted with it, so alert routing and the delivery log treat report emails
// like any other message. next_run_at is computed with croner in the CLIENT's zone.
import { z } from "zod";
import { smtpSettings } from "@/lib/alerts/delivery/smtp-settings";
import { recordAudit } from "@/lib/audit/record-audit";
import { clientNotFound, scopeClientRows, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { AppError, parseInput, ValidationError, type FieldIssue } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { DEFAULT_SCHEDULE_CRON, MAX_SCHEDULE_RECIPIENTS, type PeriodicReportType, type ReportScheduleOutput } from "../contracts";
import { checkCron, describeCron, nextRunAfter } from "./cron";
import {
  createReportScheduleInputSchema,
  listReportSchedulesInputSchema,
  reportScheduleRefInputSchema,
  updateReportScheduleInputSchema,
} from "./schemas";

/** The channel source that marks a schedule's own recipients channel. */
export const REPORT_CHANNEL_SOURCE = "report";
const MAX_SCHEDULES = 500;

const scheduleInclude = {
  client: { select: { clientId: true, name: true, timeZone: true } },
  channel: { select: { id: true, destination: true } },
} satisfies Prisma.ReportScheduleInclude;
type ScheduleRow = Prisma.ReportScheduleGetPayload<{ include: typeof scheduleInclude }>;

export function recipientsOfDestination(destination: string): string[] {
  return destination.split(/[,;]/).map((a) => a.trim()).filter(Boolean);
}

export function toScheduleOutput(row: ScheduleRow): ReportScheduleOutput {
  return {
    id: row.id,
    client_id: row.client.clientId,
    client_name: row.client.name,
    report_type: row.reportType as PeriodicReportType,
    cron: row.cron,
    description: describeCron(row.cron, row.client.timeZone),
    time_zone: row.client.timeZone,
    include_recommendations: row.includeRecommendations,
    recipients: recipientsOfDestination(row.channel.destination),
    enabled: row.enabled,
    next_run_at: row.enabled ? row.nextRunAt.toISOString() : null,
    last_run_at: row.lastRunAt?.toISOString() ?? null,
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
  };
}

const auditSummary = (o: ReportScheduleOutput) => ({
  client_id: o.client_id,
  report_type: o.report_type,
  cron: o.cron,
  description: o.description,
  include_recommendations: o.include_recommendations,
  recipients: o.recipients,
  enabled: o.enabled,
});

/** Valid, deduplicated (case-insensitively) addresses, 1–MAX; issues name `recipients` (and the index). */
export function checkRecipients(list: readonly string[]): { recipients: string[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const email = z.email();
  const seen = new Map<string, string>();
  list.forEach((raw, i) => {
    const address = raw.trim();
    if (!address) return;
    if (address.length > 254 || !email.safeParse(address).success) issues.push({ path: `recipients.${i}`, message: `"${address.slice(0, 100)}" is not a valid email address` });
    else if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  });
  const recipients = [...seen.values()];
  if (!issues.length && recipients.length === 0) issues.push({ path: "recipients", message: "needs at least one email address" });
  if (recipients.length > MAX_SCHEDULE_RECIPIENTS) issues.push({ path: "recipients", message: `at most ${MAX_SCHEDULE_RECIPIENTS} addresses (got ${recipients.length})` });
  return { recipients, issues };
}

function channelName(clientName: string): string {
  return `Reports: ${clientName}`.slice(0, 100);
}

async function findClient(ctx: Context, clientId: string) {
  const client = await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId }), select: { id: true, clientId: true, name: true, timeZone: true, contactEmail: true } });
  if (!client) {
    throw new AppError("not_found", 404, `Client "${clientId}" was not found (client_id)`, [{ path: "client_id", message: `no client "${clientId}"; see GET /api/clients for the ids` }]);
  }
  return client;
}

async function findScheduleOrThrow(ctx: Context, id: string, db: Tx | Context["db"] = ctx.db): Promise<ScheduleRow> {
  const row = await db.reportSchedule.findFirst({ where: scopeClientRows(ctx, { id }), include: scheduleInclude });
  if (!row) throw new AppError("not_found", 404, `Report schedule ${id} was not found`, [{ path: "id", message: "no report schedule with this id (see GET /api/report-schedules)" }]);
  return row;
}

/** Creates a schedule and its recipients channel in one transaction. */
export async function createReportSchedule({ ctx, input }: { ctx: Context; input: VerbInput<typeof createReportScheduleInputSchema> }): Promise<ReportScheduleOutput> {
  requireScope(ctx, "write");
  const data = parseInput(createReportScheduleInputSchema, input);
  const client = await findClient(ctx, data.client_id);
  const now = ctx.clock.now();
  const issues: FieldIssue[] = [];
  const cron = checkCron(data.cron ?? DEFAULT_SCHEDULE_CRON[data.report_type], client.timeZone, now);
  if (!cron.ok) issues.push({ path: "cron", message: cron.message });
  let recipients: string[] = [];
  if (data.recipients === undefined || data.recipients.every((r) => !r.trim())) {
    if (client.contactEmail) recipients = [client.contactEmail];
    else issues.push({ path: "recipients", message: `is required: ${client.clientId} has no contact email to send to by default` });
  } else {
    const checked = checkRecipients(data.recipients);
    recipients = checked.recipients;
    issues.push(...checked.issues);
  }
  if (issues.length || !cron.ok) throw new ValidationError(issues);
  const nextRunAt = nextRunAfter(cron.cron, client.timeZone, now)!;
  return ctx.db.$transaction(async (tx) => {
    const channel = await tx.alertChannel.create({
      data: { type: "email", name: channelName(client.name), destination: recipients.join(", "), clientRef: client.id, source: REPORT_CHANNEL_SOURCE, isDefault: false, enabled: true },
    });
    const row = await tx.reportSchedule.create({
      data: {
        clientRef: client.id,
        reportType: data.report_type,
        cron: cron.cron,
        includeRecommendations: data.include_recommendations ?? true,
        channelId: channel.id,
        enabled: data.enabled ?? true,
        nextRunAt,
        createdBy: ctx.actor.label.slice(0, 200),
      },
      include: scheduleInclude,
    });
    const out = toScheduleOutput(row);
    await recordAudit(ctx, { action: "report_schedule.create", targetType: "report_schedule", targetId: row.id, summary: auditSummary(out) }, tx);
    return out;
  });
}

/** Changes a schedule's type, cron, recipients, recommendations or enabled; the next run is recomputed when its timing changes. */
export async function updateReportSchedule({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateReportScheduleInputSchema> }): Promise<ReportScheduleOutput> {
  requireScope(ctx, "write");
  const data = parseInput(updateReportScheduleInputSchema, input);
  const row = await findScheduleOrThrow(ctx, data.id);
  const now = ctx.clock.now();
  const zone = row.client.timeZone;
  const issues: FieldIssue[] = [];
  const type = (data.report_type ?? row.reportType) as PeriodicReportType;
  // A schedule still on its type's default cron follows a type change; a custom cron is kept.
  const wasDefault = row.cron === DEFAULT_SCHEDULE_CRON[row.reportType as PeriodicReportType];
  const wantedCron = data.cron ?? (data.report_type && wasDefault ? DEFAULT_SCHEDULE_CRON[type] : row.cron);
  const cron = checkCron(wantedCron, zone, now);
  if (!cron.ok) issues.push({ path: data.cron !== undefined ? "cron" : "report_type", message: cron.message });
  let recipients: string[] | undefined;
  if (data.recipients !== undefined) {
    const checked = checkRecipients(data.recipients);
    recipients = checked.recipients;
    issues.push(...checked.issues);
  }
  if (issues.length || !cron.ok) throw new ValidationError(issues);
  const enabled = data.enabled ?? row.enabled;
  const retime = cron.cron !== row.cron || (enabled && !row.enabled);
  const before = toScheduleOutput(row);
  return ctx.db.$transaction(async (tx) => {
    if (recipients) await tx.alertChannel.update({ where: { id: row.channelId }, data: { destination: recipients.join(", ") } });
    const updated = await tx.reportSchedule.update({
      where: { id: row.id },
      data: {
        reportType: type,
        cron: cron.cron,
        includeRecommendations: data.include_recommendations ?? row.includeRecommendations,
        enabled,
        ...(retime ? { nextRunAt: nextRunAfter(cron.cron, zone, now)!, lastError: null } : {}),
      },
      include: scheduleInclude,
    });
    const out = toScheduleOutput(updated);
    await recordAudit(ctx, { action: "report_schedule.update", targetType: "report_schedule", targetId: row.id, summary: { before: auditSummary(before), after: auditSummary(out) } }, tx);
    return out;
  });
}

/** Deletes a schedule and its recipients channel (kept disabled when it holds delivery history). Reports it made stay (their schedule link is cleared). */
export async function deleteReportSchedule({ ctx, input }: { ctx: Context; input: VerbInput<typeof reportScheduleRefInputSchema> }): Promise<ReportScheduleOutput> {
  requireScope(ctx, "write");
  const { id } = parseInput(reportScheduleRefInputSchema, input);
  const row = await findScheduleOrThrow(ctx, id);
  const out = toScheduleOutput(row);
  await ctx.db.$transaction(async (tx) => {
    await tx.reportSchedule.delete({ where: { id } });
    // The recipients channel goes too, unless emails were sent through it: then it is kept,
    // disabled, so the delivery log of the reports already sent stays (the history of what was
    // sent); a queued email is then cancelled by the worker. Either way nothing more is sent.
    const used = await tx.notification.count({ where: { channelId: row.channelId } });
    if (used === 0) await tx.alertChannel.deleteMany({ where: { id: row.channelId, source: REPORT_CHANNEL_SOURCE } });
    else await tx.alertChannel.updateMany({ where: { id: row.channelId, source: REPORT_CHANNEL_SOURCE }, data: { enabled: false, name: `${channelName(row.client.name)} (schedule deleted)`.slice(0, 100) } });
    await recordAudit(ctx, { action: "report_schedule.delete", targetType: "report_schedule", targetId: id, summary: auditSummary(out) }, tx);
  });
  return out;
}

export async function getReportSchedule({ ctx, input }: { ctx: Context; input: VerbInput<typeof reportScheduleRefInputSchema> }): Promise<ReportScheduleOutput> {
  requireScope(ctx, "read");
  const { id } = parseInput(reportScheduleRefInputSchema, input);
  return toScheduleOutput(await findScheduleOrThrow(ctx, id));
}

/** Schedules of the clients the caller may see (one client's with client_id), by client then type. */
/**
 * The schedules, and whether email can leave this server at all: without SMTP_URL a run still
 * stores its report, but its email waits in the outbox (retried, then dead after 24 h), so the
 * page and assistants say so instead of letting the schedule look fine.
 */
export async function listReportSchedules({ ctx, input = {} }: { ctx: Context; input?: VerbInput<typeof listReportSchedulesInputSchema> }): Promise<{ schedules: ReportScheduleOutput[]; email_configured: boolean }> {
  requireScope(ctx, "read");
  const data = parseInput(listReportSchedulesInputSchema, input);
  if (data.client_id && !(await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId: data.client_id }), select: { id: true } }))) {
    throw clientNotFound(data.client_id);
  }
  const rows = await ctx.db.reportSchedule.findMany({
    where: scopeClientRows(ctx, data.client_id ? { client: { clientId: data.client_id } } : {}),
    include: scheduleInclude,
    orderBy: [{ client: { name: "asc" } }, { reportType: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: MAX_SCHEDULES,
  });
  return { schedules: rows.map(toScheduleOutput), email_configured: smtpSettings().url !== null };
}
