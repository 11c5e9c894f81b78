// A download of a stored report in one format, rendered from the frozen document and branding
// alone (never recomputed): the same report gives the same JSON bytes on every download, next
// month as today. The REST route streams it with Content-Disposition; the UI links to that.
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import type { ReportFormat } from "./contracts";
import { reportFilename } from "./filename";
import { loadStoredReport } from "./get-report";
import { reportChartSvgs } from "./render/chart-svg";
import { renderReportCsv } from "./render/csv";
import { renderReportHtml } from "./render/html";
import { renderReportJson } from "./render/json";
import { renderReportPdf } from "./render/pdf";
import { downloadReportInputSchema } from "./schemas";

export interface ReportDownload {
  filename: string;
  contentType: string;
  body: Buffer | string;
  /** html opens in the browser (print from there); the others are files. */
  disposition: "attachment" | "inline";
  format: ReportFormat;
}

/** The printable view's chart size (CSS pixels; the SVG scales with the page). */
const HTML_CHART_SIZE = { width: 760, height: 260 };

export async function downloadReport({ ctx, input }: { ctx: Context; input: VerbInput<typeof downloadReportInputSchema> }): Promise<ReportDownload> {
  requireScope(ctx, "read");
  const { id, format, section } = parseInput(downloadReportInputSchema, input);
  const { report: doc, branding } = await loadStoredReport(ctx, id);
  const meta = doc.report_metadata;
  switch (format) {
    case "json":
      return { format, filename: reportFilename(meta, "json"), contentType: "application/json; charset=utf-8", body: renderReportJson(doc), disposition: "attachment" };
    case "csv": {
      const name = reportFilename(meta, "csv");
      return {
        format,
        filename: section ? name.replace(/\.csv$/, `-${section.replace(/_/g, "-")}.csv`) : name,
        contentType: "text/csv; charset=utf-8",
        body: renderReportCsv(doc, section),
        disposition: "attachment",
      };
    }
    case "html":
      return {
        format,
        filename: reportFilename(meta, "html"),
        contentType: "text/html; charset=utf-8",
        body: renderReportHtml(doc, branding, reportChartSvgs(doc, HTML_CHART_SIZE)),
        disposition: "inline",
      };
    case "pdf":
      return { format, filename: reportFilename(meta, "pdf"), contentType: "application/pdf", body: await renderReportPdf(doc, branding), disposition: "attachment" };
  }
}
