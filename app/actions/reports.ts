"use server";

// Server action for the Generate dialog (Reports page, client page): the form's fields carry the
// verb's names (client_id, report_type, include_recommendations, start, end, period_containing),
// so field errors land beside them. Returns the new report's row (the document stays on the
// server; the dialog links to its downloads).
import { revalidatePath } from "next/cache";
import { contextForAction } from "@/lib/http/page-context";
import { untrusted } from "@/lib/input";
import type { ReportSummary } from "@/lib/reports/contracts";
import { generateClientReport } from "@/lib/reports/generate-report";
import { generateReportInputFromForm } from "@/lib/ui/report-form";
import { actionFailure, type ActionResult } from "./action-result";

export async function generateReportAction(form: FormData): Promise<ActionResult<ReportSummary>> {
  try {
    const ctx = await contextForAction();
    const input = generateReportInputFromForm(form);
    const { report: _document, ...summary } = await generateClientReport({ ctx, input: untrusted(input) });
    void _document;
    revalidatePath("/", "layout");
    return { ok: true, data: summary };
  } catch (error) {
    return actionFailure(error);
  }
}
