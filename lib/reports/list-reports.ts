// list_reports / GET /api/reports / the Reports page: newest first, filtered by client, type and
// schedule, a bounded page with a keyset cursor. Scoped: a key bound to one client sees only
// that client's reports (another client's id reads as not found).
import { clientInScope, clientNotFound, scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import type { ReportSummary } from "./contracts";
import { reportSummarySelect, toReportSummary } from "./report-output";
import { listReportsInputSchema } from "./schemas";

export interface ListReportsOutput {
  reports: ReportSummary[];
  next_cursor: string | null;
}

export async function listReports({ ctx, input }: { ctx: Context; input: VerbInput<typeof listReportsInputSchema> }): Promise<ListReportsOutput> {
  requireScope(ctx, "read");
  const data = parseInput(listReportsInputSchema, input ?? {});
  const after = data.cursor === undefined ? undefined : decodeCursor(data.cursor);
  const filters: Prisma.ReportWhereInput[] = [];
  if (data.client_id !== undefined) {
    if (!clientInScope(ctx, data.client_id)) throw clientNotFound(data.client_id);
    const client = await ctx.db.client.findUnique({ where: { clientId: data.client_id }, select: { id: true } });
    if (!client) throw clientNotFound(data.client_id);
    filters.push({ clientRef: client.id });
  }
  if (data.report_type !== undefined) filters.push({ reportType: data.report_type });
  if (data.schedule_id !== undefined) filters.push({ scheduleId: data.schedule_id });
  if (after) filters.push({ OR: [{ generatedAt: { lt: after.at } }, { generatedAt: after.at, id: { lt: after.id } }] });
  const rows = await ctx.db.report.findMany({
    where: scopeClientRows(ctx, { AND: filters }),
    select: reportSummarySelect,
    orderBy: [{ generatedAt: "desc" }, { id: "desc" }],
    take: data.limit + 1,
  });
  const page = rows.slice(0, data.limit);
  const last = page.at(-1);
  return {
    reports: page.map(toReportSummary),
    next_cursor: rows.length > data.limit && last ? encodeCursor(last.generatedAt, last.id) : null,
  };
}

// The position after the last row shown: (generated_at, id), so new reports never shift a page.
function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`r:${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const m = /^r:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const at = m ? new Date(m[1]!) : undefined;
  if (!m || !at || Number.isNaN(at.getTime())) throw new ValidationError([{ path: "cursor", message: "is not a cursor this server gave out (pass next_cursor unchanged)" }]);
  return { at, id: m[2]! };
}
