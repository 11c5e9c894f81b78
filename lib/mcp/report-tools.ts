// MCP edges of client reports: the seed's generate_client_reports (the frozen document plus its
// download links), list_reports, and every stored report as a resource
// report://{client_id}/{report_id} (listed newest first, readable as the document's JSON).
// Thin edges: the verbs validate, check scopes and scope client-bound keys to their client.
import { McpError, type ListResourcesResult, type ReadResourceResult } from "@modelcontextprotocol/sdk/types.js";
import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { scopeClientRows } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { AppError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { generateClientReport } from "@/lib/reports/generate-report";
import { loadStoredReport } from "@/lib/reports/get-report";
import { listReports } from "@/lib/reports/list-reports";
import { renderReportJson } from "@/lib/reports/render/json";
import { reportSummarySelect } from "@/lib/reports/report-output";
import { generatedReportOutputSchema, generateReportInputSchema, listReportsInputSchema, listReportsOutputSchema } from "@/lib/reports/schemas";
import { readable, writable, type ToolDefinition } from "./tool-definition";

export const REPORT_TOOLS: readonly ToolDefinition[] = [
  {
    name: "generate_client_reports",
    title: "Generate a client report",
    description:
      "Use this when asked for a client's report (daily, weekly, monthly, quarterly, or a custom range). " +
      "Computes the report for the last complete period in the client's time zone (or the one containing period_containing; custom: start and end) " +
      "and stores it frozen: downloading it later gives the same document; generating the same period again makes a new version. " +
      "Returns the document (report_metadata with the period's exact bounds and zone; executive_summary with overall_health, key achievements and areas for improvement; " +
      "system_health with uptime per system against the SLA target, error budget, incidents, MTTR; performance_metrics with automations, ROI and efficiency against the previous period; " +
      "recommendations, each citing the numbers that triggered its rule; methodology with maintenance excluded and coverage) " +
      "plus links: pdf, csv, json and html download paths on this server (GET with the same API key) and the report:// resource URI. " +
      "A figure that is null means no data, never zero. Needs the write scope.",
    inputSchema: generateReportInputSchema,
    outputSchema: generatedReportOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: async (ctx, args) => ({ ...(await generateClientReport({ ctx, input: args as z.input<typeof generateReportInputSchema> })) }),
  },
  {
    name: "list_reports",
    title: "Stored reports",
    description:
      "Use this to find reports already generated (on demand or by a schedule), newest first: each row has id, client_id, report_type, period_label, " +
      "period_start/period_end and time_zone, version (regenerations of one period count up), overall_health, generated_at/generated_by, " +
      "schedule_id and delivery_state (the emailed copy: pending | delivered | dead | cancelled), and links (pdf, csv, json, html downloads and the report:// resource, " +
      "which reads the whole frozen document). Filter by client_id, report_type and schedule_id; pass next_cursor back as cursor for the next page.",
    inputSchema: listReportsInputSchema,
    outputSchema: listReportsOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: async (ctx, args) => ({ ...(await listReports({ ctx, input: args as z.input<typeof listReportsInputSchema> })) }),
  },
];

/** Resources listed per call: the newest ones (list_reports pages through the rest). */
export const REPORT_RESOURCES_LISTED = 100;
export const REPORT_URI_TEMPLATE = "report://{client_id}/{report_id}";
/** MCP's code for a resource that does not exist (the specification's -32002). */
export const RESOURCE_NOT_FOUND = -32002;

const uuid = z.uuid();

/** Registers report://{client_id}/{report_id} on a server built for one caller (read scope only). */
export function registerReportResources(server: McpServer, ctx: Context): void {
  if (!readable(ctx)) return;
  server.registerResource(
    "report",
    new ResourceTemplate(REPORT_URI_TEMPLATE, { list: () => guarded(() => listReportResources(ctx)) }),
    { title: "Client report", description: "A stored, frozen client report: the whole document as JSON (the same bytes as its JSON download).", mimeType: "application/json" },
    (uri, variables) => guarded(() => readReportResource(ctx, uri.href, String(variables.client_id), String(variables.report_id))),
  );
}

export async function listReportResources(ctx: Context): Promise<ListResourcesResult> {
  const rows = await ctx.db.report.findMany({
    where: scopeClientRows(ctx, {}),
    select: { id: true, periodLabel: true, reportType: true, version: true, generatedAt: true, client: reportSummarySelect.client },
    orderBy: [{ generatedAt: "desc" }, { id: "desc" }],
    take: REPORT_RESOURCES_LISTED,
  });
  return {
    resources: rows.map((r) => ({
      uri: `report://${r.client.clientId}/${r.id}`,
      name: `${r.client.clientId}-${r.id}`,
      title: `${r.client.name}: ${r.reportType} report, ${r.periodLabel}${r.version > 1 ? ` (v${r.version})` : ""}`,
      mimeType: "application/json",
      annotations: { lastModified: r.generatedAt.toISOString() },
    })),
  };
}

export async function readReportResource(ctx: Context, uri: string, clientId: string, reportId: string): Promise<ReadResourceResult> {
  const notFound = () => new McpError(RESOURCE_NOT_FOUND, `Resource ${uri} was not found (list the resources, or call list_reports, for the reports this key can read)`, { uri });
  // A malformed id is "not found" too: there is no such report, whatever the reason.
  if (!uuid.safeParse(reportId).success) throw notFound();
  let stored;
  try {
    stored = await loadStoredReport(ctx, reportId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound();
    throw error;
  }
  // The URI names the client too: a report read under another client's name does not exist.
  if (stored.summary.client_id !== clientId) throw notFound();
  return { contents: [{ uri, mimeType: "application/json", text: renderReportJson(stored.report) }] };
}

/** Protocol errors only: an MCP error passes as it is; anything else is logged and answered without its details. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof McpError) throw error;
    const e = toAppError(error);
    if (e.status >= 500) logger.error("mcp report resource failed", { error });
    throw new McpError(e.status === 403 || e.status === 404 || e.status === 422 ? -32602 : -32603, e.message);
  }
}
