// The verbs of maintenance windows: create, list, update, delete. Every edge (REST, MCP, the
// client page) calls these; each parses its own input, checks the caller's scope, finds the
// client within the caller's client scope (another client is 404, never 403) and audits writes.
import { recordAudit } from "@/lib/audit/record-audit";
import { clientNotFound, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { ConflictError, NotFoundError, parseInput, ValidationError, type FieldIssue } from "@/lib/errors";
import type { MaintenanceWindow } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { ruleOf } from "./maintenance-at";
import { currentOrNext, describeWindow, occurrenceAt } from "./recurrence";
import {
  createWindowInputSchema,
  listWindowsInputSchema,
  MAX_ONE_OFF_DAYS,
  MAX_WINDOWS_PER_CLIENT,
  updateWindowInputSchema,
  windowRefInputSchema,
  type MaintenanceWindowOutputShape,
  type WindowListOutput,
} from "./schemas";

const DAY_MS = 86_400_000;
/** How far ahead a window may be planned. */
const MAX_AHEAD_DAYS = 366;

interface ClientRef {
  id: string;
  clientId: string;
  timeZone: string;
}

async function findClient(ctx: Context, clientId: string): Promise<ClientRef> {
  const client = await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId }), select: { id: true, clientId: true, timeZone: true } });
  if (!client) throw clientNotFound(clientId);
  return client;
}

export function toWindowOutput(row: MaintenanceWindow, client: Pick<ClientRef, "clientId" | "timeZone">, now: Date): MaintenanceWindowOutputShape {
  const rule = ruleOf(row, client.timeZone);
  const next = currentOrNext(rule, now);
  return {
    id: row.id,
    client_id: client.clientId,
    title: row.title,
    starts_at: row.startsAt.toISOString(),
    ends_at: row.endsAt?.toISOString() ?? null,
    recurrence: row.recurrence,
    duration_minutes: row.durationMinutes,
    time_zone: client.timeZone,
    description: describeWindow(rule),
    active_now: occurrenceAt(rule, now) !== null,
    next_start: next?.start.toISOString() ?? null,
    next_end: next?.end.toISOString() ?? null,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
  };
}

interface WindowValues {
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  recurrence: string | null;
  durationMinutes: number | null;
}

/** The cross-field rules, on the values the window would have after the change. */
function windowIssues(v: WindowValues, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const start = v.startsAt;
  if (start && start.getTime() > now.getTime() + MAX_AHEAD_DAYS * DAY_MS) issues.push({ path: "starts_at", message: `must be at most ${MAX_AHEAD_DAYS} days ahead` });
  if (v.recurrence === null) {
    if (!start) issues.push({ path: "starts_at", message: "is required for a one-off window" });
    if (v.durationMinutes !== null) issues.push({ path: "duration_minutes", message: "is only for a recurring window (give a recurrence too, or leave it out)" });
    if (!v.endsAt) issues.push({ path: "ends_at", message: "is required for a one-off window (or give a recurrence and duration_minutes)" });
    else if (start && v.endsAt <= start) issues.push({ path: "ends_at", message: "must be after starts_at" });
    else if (start && v.endsAt.getTime() - start.getTime() > MAX_ONE_OFF_DAYS * DAY_MS) issues.push({ path: "ends_at", message: `must be at most ${MAX_ONE_OFF_DAYS} days after starts_at` });
    else if (v.endsAt <= now) issues.push({ path: "ends_at", message: "must be in the future (a window that is already over changes nothing)" });
  } else {
    if (v.durationMinutes === null) issues.push({ path: "duration_minutes", message: "is required for a recurring window (how long each occurrence lasts)" });
    if (v.endsAt && start && v.endsAt <= start) issues.push({ path: "ends_at", message: "must be after starts_at" });
    else if (v.endsAt && v.endsAt <= now) issues.push({ path: "ends_at", message: "must be in the future" });
  }
  return issues;
}

const auditSummary = (row: Pick<MaintenanceWindow, "id" | "title" | "startsAt" | "endsAt" | "recurrence" | "durationMinutes">) => ({
  id: row.id,
  title: row.title,
  starts_at: row.startsAt.toISOString(),
  ends_at: row.endsAt?.toISOString() ?? null,
  recurrence: row.recurrence,
  duration_minutes: row.durationMinutes,
});

/** Windows not over yet (those the per-client limit counts). */
const notOver = (now: Date) => ({ OR: [{ endsAt: null }, { endsAt: { gt: now } }] });

export async function createMaintenanceWindow({ ctx, input }: { ctx: Context; input: VerbInput<typeof createWindowInputSchema> }): Promise<MaintenanceWindowOutputShape> {
  requireScope(ctx, "write");
  const data = parseInput(createWindowInputSchema, input);
  const client = await findClient(ctx, data.client_id);
  const now = ctx.clock.now();
  const recurrence = data.recurrence ?? null;
  const values: WindowValues = {
    title: data.title,
    // A recurring series applies from now unless told otherwise.
    startsAt: data.starts_at ? new Date(data.starts_at) : recurrence ? now : null,
    endsAt: data.ends_at ? new Date(data.ends_at) : null,
    recurrence,
    durationMinutes: data.duration_minutes ?? null,
  };
  const issues = windowIssues(values, now);
  if (issues.length) throw new ValidationError(issues);

  const row = await ctx.db.$transaction(async (tx) => {
    const open = await tx.maintenanceWindow.count({ where: { clientRef: client.id, ...notOver(now) } });
    if (open >= MAX_WINDOWS_PER_CLIENT) {
      throw new ConflictError(`Client "${client.clientId}" already has ${MAX_WINDOWS_PER_CLIENT} maintenance windows that are not over; delete some first`);
    }
    const created = await tx.maintenanceWindow.create({
      data: {
        clientRef: client.id,
        title: values.title,
        startsAt: values.startsAt!,
        endsAt: values.endsAt,
        recurrence: values.recurrence,
        durationMinutes: values.durationMinutes,
        createdBy: ctx.actor.label.slice(0, 200),
        // From the context's clock: a window counts from its creation (maintenanceIntervals).
        createdAt: now,
      },
    });
    await recordAudit(ctx, { action: "maintenance.create", targetType: "client", targetId: client.clientId, summary: auditSummary(created) }, tx);
    return created;
  });
  return toWindowOutput(row, client, now);
}

export async function listMaintenanceWindows({ ctx, input }: { ctx: Context; input: VerbInput<typeof listWindowsInputSchema> }): Promise<WindowListOutput> {
  requireScope(ctx, "read");
  const data = parseInput(listWindowsInputSchema, input);
  const client = await findClient(ctx, data.client_id);
  const now = ctx.clock.now();
  const rows = await ctx.db.maintenanceWindow.findMany({
    where: { clientRef: client.id, ...(data.include_past ? {} : notOver(now)) },
    orderBy: { startsAt: "asc" },
    // Bounded: at most MAX_WINDOWS_PER_CLIENT are not over; past ones only with include_past.
    take: 1_000,
  });
  const all = rows.map((r) => toWindowOutput(r, client, now)).filter((w) => data.include_past || w.next_start !== null);
  const rank = (w: MaintenanceWindowOutputShape) => (w.active_now ? 0 : w.next_start ? 1 : 2);
  all.sort((a, b) => rank(a) - rank(b) || (a.next_start ?? "").localeCompare(b.next_start ?? "") || (b.ends_at ?? "").localeCompare(a.ends_at ?? ""));
  return { client_id: client.clientId, time_zone: client.timeZone, active_now: all.some((w) => w.active_now), windows: all.slice(0, data.limit), total: all.length };
}

async function findWindow(ctx: Context, client: ClientRef, id: string): Promise<MaintenanceWindow> {
  const row = await ctx.db.maintenanceWindow.findFirst({ where: { id, clientRef: client.id } });
  if (!row) throw new NotFoundError(`Client "${client.clientId}" has no maintenance window ${id}`);
  return row;
}

export async function updateMaintenanceWindow({ ctx, input }: { ctx: Context; input: VerbInput<typeof updateWindowInputSchema> }): Promise<MaintenanceWindowOutputShape> {
  requireScope(ctx, "write");
  const data = parseInput(updateWindowInputSchema, input);
  const client = await findClient(ctx, data.client_id);
  const current = await findWindow(ctx, client, data.id);
  const now = ctx.clock.now();
  const recurrence = data.recurrence === undefined ? current.recurrence : data.recurrence;
  const values: WindowValues = {
    title: data.title ?? current.title,
    startsAt: data.starts_at ? new Date(data.starts_at) : current.startsAt,
    endsAt: data.ends_at === undefined ? current.endsAt : data.ends_at === null ? null : new Date(data.ends_at),
    recurrence,
    // Turning a recurring window into a one-off drops its duration unless one is sent.
    durationMinutes: data.duration_minutes !== undefined ? data.duration_minutes : recurrence === null ? null : current.durationMinutes,
  };
  const issues = windowIssues(values, now);
  if (issues.length) throw new ValidationError(issues);
  const row = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.maintenanceWindow.update({
      where: { id: current.id },
      data: { title: values.title, startsAt: values.startsAt!, endsAt: values.endsAt, recurrence: values.recurrence, durationMinutes: values.durationMinutes },
    });
    await recordAudit(ctx, { action: "maintenance.update", targetType: "client", targetId: client.clientId, summary: { before: auditSummary(current), after: auditSummary(updated) } }, tx);
    return updated;
  });
  return toWindowOutput(row, client, now);
}

export async function deleteMaintenanceWindow({ ctx, input }: { ctx: Context; input: VerbInput<typeof windowRefInputSchema> }): Promise<MaintenanceWindowOutputShape & { deleted: true }> {
  requireScope(ctx, "write");
  const data = parseInput(windowRefInputSchema, input);
  const client = await findClient(ctx, data.client_id);
  const current = await findWindow(ctx, client, data.id);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const gone = await tx.maintenanceWindow.deleteMany({ where: { id: current.id } });
    if (gone.count === 0) throw new NotFoundError(`Client "${client.clientId}" has no maintenance window ${data.id}`);
    await recordAudit(ctx, { action: "maintenance.delete", targetType: "client", targetId: client.clientId, summary: auditSummary(current) }, tx);
  });
  return { ...toWindowOutput(current, client, now), deleted: true };
}
