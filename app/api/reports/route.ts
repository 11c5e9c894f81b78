import { jsonOk, queryNumber, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { generateClientReport } from "@/lib/reports/generate-report";
import { listReports } from "@/lib/reports/list-reports";

export const dynamic = "force-dynamic";

// GET /api/reports?client_id=&report_type=&schedule_id=&limit=&cursor= — stored reports, newest first
export const GET = withContext(async (ctx, request: Request) => {
  const input: Record<string, unknown> = {};
  // Every parameter goes to the verb's strict schema: an unknown one is a 422 naming it.
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in input)) input[key] = key === "limit" ? queryNumber(value) : value;
  return jsonOk(await listReports({ ctx, input: untrusted(input) }));
});

// POST /api/reports {client_id, report_type, include_recommendations?, start?, end?, period_containing?}
// — generate and store a frozen report; 201 with the document and its download links
export const POST = withContext(async (ctx, request: Request) => {
  const body = await readJsonBody(request);
  const report = await generateClientReport({ ctx, input: untrusted(body) });
  return jsonOk(report, { status: 201, headers: { location: `/api/reports/${report.id}` } });
});
