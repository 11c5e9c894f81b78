// OWNER: helper D (storage and edges). Generating a report: resolve the client (scoped) and the
// period, compute the document (outside any transaction), then store it frozen with its branding
// in one short write. Regenerating the same client, type and period makes version N + 1.
// Scheduled runs (lib/reports/schedules) call prepareReport + storeReport inside their own
// transaction, so the report row and its email are written together.
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { clientNotFound, scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { loadBranding } from "./branding/agency-settings";
import { computeReportDocument } from "./compute/compute-report";
import { reportLinks, type GeneratedReport, type ReportBranding, type ReportDocument, type ReportType } from "./contracts";
import { resolveReportPeriod, type ReportPeriodChoice, type ResolvedReportPeriod } from "./periods";
import { generateReportInputSchema } from "./schemas";

export interface PrepareReportArgs {
  /** The client's slug (client_id); scope is checked. */
  client_id: string;
  report_type: ReportType;
  include_recommendations: boolean;
  choice?: ReportPeriodChoice;
  /** Default: ctx.actor.label. */
  generatedBy?: string;
}

export interface PreparedReport {
  id: string;
  clientRef: string;
  clientId: string;
  /** Not in the stub's contract: the name the summary shows (added, optional for hand-built ones). */
  clientName?: string;
  reportType: ReportType;
  period: ResolvedReportPeriod;
  timeZone: string;
  includeRecommendations: boolean;
  generatedAt: Date;
  generatedBy: string;
  document: ReportDocument;
  branding: ReportBranding;
}

export async function prepareReport(ctx: Context, args: PrepareReportArgs): Promise<PreparedReport> {
  const client = await ctx.db.client.findFirst({ where: scopeClients(ctx, { clientId: args.client_id }), select: { id: true, clientId: true, name: true, timeZone: true } });
  if (!client) throw clientNotFound(args.client_id);
  const generatedAt = ctx.clock.now();
  // Throws a ValidationError naming start / end / period_containing.
  const period = resolveReportPeriod(client.timeZone, args.report_type, generatedAt, args.choice ?? {});
  const branding = await loadBranding(ctx.db);
  const id = randomUUID();
  const generatedBy = args.generatedBy ?? ctx.actor.label;
  const document = await computeReportDocument(ctx, {
    clientRef: client.id,
    reportType: args.report_type,
    period,
    includeRecommendations: args.include_recommendations,
    reportId: id,
    version: 1,
    generatedAt,
    generatedBy,
    agencyName: branding.agency_name,
  });
  return {
    id,
    clientRef: client.id,
    clientId: client.clientId,
    clientName: client.name,
    reportType: args.report_type,
    period,
    timeZone: client.timeZone,
    includeRecommendations: args.include_recommendations,
    generatedAt,
    generatedBy,
    document,
    branding,
  };
}

/** Concurrent regenerations of one period race for the next version: each lost race reads the new maximum and tries again. */
const VERSION_ATTEMPTS = 8;

/**
 * Stores a prepared report (sets its final version in the document). With `schedule`, the row is
 * unique per (schedule, scheduledFor): returns null when that run was already stored.
 */
export async function storeReport(tx: Tx, prepared: PreparedReport, schedule?: { id: string; scheduledFor: Date }): Promise<{ id: string; version: number } | null> {
  const periodStart = new Date(prepared.period.current.start);
  const periodEnd = new Date(prepared.period.current.end);
  const alreadyRun = async () => schedule !== undefined && (await tx.report.count({ where: { scheduleId: schedule.id, scheduledFor: schedule.scheduledFor } })) > 0;
  for (let attempt = 0; attempt < VERSION_ATTEMPTS; attempt++) {
    if (await alreadyRun()) return null;
    const latest = await tx.report.aggregate({ where: { clientRef: prepared.clientRef, reportType: prepared.reportType, periodStart, periodEnd }, _max: { version: true } });
    const version = (latest._max.version ?? 0) + 1;
    prepared.document.report_metadata.version = version;
    prepared.document.report_metadata.report_id = prepared.id;
    // ON CONFLICT DO NOTHING (skipDuplicates): losing a race on either unique key is a row not
    // written, not an error that would abort the caller's transaction on PostgreSQL.
    const { count } = await tx.report.createMany({
      data: [
        {
          id: prepared.id,
          clientRef: prepared.clientRef,
          reportType: prepared.reportType,
          periodStart,
          periodEnd,
          timeZone: prepared.timeZone,
          version,
          periodLabel: prepared.period.current.label.slice(0, 120),
          includeRecommendations: prepared.includeRecommendations,
          generatedBy: prepared.generatedBy.slice(0, 200),
          generatedAt: prepared.generatedAt,
          scheduleId: schedule?.id ?? null,
          scheduledFor: schedule?.scheduledFor ?? null,
          data: prepared.document as unknown as Prisma.InputJsonValue,
          branding: prepared.branding as unknown as Prisma.InputJsonValue,
          overallHealth: prepared.document.executive_summary.overall_health,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) return { id: prepared.id, version };
  }
  if (await alreadyRun()) return null;
  throw new Error(`storeReport: no free version for report ${prepared.id} after ${VERSION_ATTEMPTS} attempts`);
}

/** The verb behind generate_client_reports, POST /api/reports and the Generate dialog. */
export async function generateClientReport({ ctx, input }: { ctx: Context; input: VerbInput<typeof generateReportInputSchema> }): Promise<GeneratedReport> {
  requireScope(ctx, "write");
  const data = parseInput(generateReportInputSchema, input ?? {});
  const prepared = await prepareReport(ctx, {
    client_id: data.client_id,
    report_type: data.report_type,
    include_recommendations: data.include_recommendations,
    choice: { start: data.start, end: data.end, containing: data.period_containing },
  });
  const stored = await ctx.db.$transaction(async (tx) => {
    const row = await storeReport(tx, prepared);
    if (!row) throw new Error("storeReport refused an on-demand report");
    await recordAudit(
      ctx,
      {
        action: "report.generate",
        targetType: "client",
        targetId: prepared.clientId,
        summary: { report_id: row.id, report_type: prepared.reportType, period: prepared.period.current.label, version: row.version },
      },
      tx,
    );
    return row;
  });
  const doc = prepared.document;
  return {
    id: stored.id,
    client_id: prepared.clientId,
    client_name: prepared.clientName ?? doc.report_metadata.client_name,
    report_type: prepared.reportType,
    period_label: prepared.period.current.label,
    period_start: new Date(prepared.period.current.start).toISOString(),
    period_end: new Date(prepared.period.current.end).toISOString(),
    time_zone: prepared.timeZone,
    version: stored.version,
    overall_health: doc.executive_summary.overall_health,
    generated_at: prepared.generatedAt.toISOString(),
    generated_by: prepared.generatedBy,
    include_recommendations: prepared.includeRecommendations,
    schedule_id: null,
    delivery_state: null,
    links: reportLinks(prepared.clientId, stored.id),
    report: doc,
  };
}
