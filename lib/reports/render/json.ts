// The JSON download: the frozen document exactly as stored, pretty-printed. Deterministic: the
// same stored report gives the same bytes on every download.
import type { ReportDocument } from "../contracts";

export function renderReportJson(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
