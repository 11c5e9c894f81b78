// One stored report with its frozen document (GET /api/reports/{id}, the MCP resource). Scoped:
// another client's report is "not found", exactly like one that does not exist.
import { scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { NotFoundError, parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import type { GeneratedReport, ReportBranding, ReportDocument, ReportSummary } from "./contracts";
import { reportSummarySelect, storedBranding, storedDocument, toReportSummary } from "./report-output";
import { reportIdInputSchema } from "./schemas";

export function reportNotFound(id: string): NotFoundError {
  return new NotFoundError(`Report "${id}" was not found`);
}

/** The stored row a rendering needs: summary columns, the frozen document and branding. Scoped; 404 otherwise. */
export async function loadStoredReport(ctx: Context, id: string): Promise<{ summary: ReportSummary; report: ReportDocument; branding: ReportBranding }> {
  const row = await ctx.db.report.findFirst({ where: scopeClientRows(ctx, { id }), select: { ...reportSummarySelect, data: true, branding: true } });
  if (!row) throw reportNotFound(id);
  return { summary: toReportSummary(row), report: storedDocument(row.data), branding: storedBranding(row.branding) };
}

export async function getReport({ ctx, input }: { ctx: Context; input: VerbInput<typeof reportIdInputSchema> }): Promise<GeneratedReport> {
  requireScope(ctx, "read");
  const { id } = parseInput(reportIdInputSchema, input);
  const { summary, report } = await loadStoredReport(ctx, id);
  return { ...summary, report };
}
