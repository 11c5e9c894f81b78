import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { createReportSchedule, listReportSchedules } from "@/lib/reports/schedules/report-schedules";

export const dynamic = "force-dynamic";

// GET /api/report-schedules?client=slug — scheduled reports of the clients you may see
export const GET = withContext(async (ctx, request: Request) => {
  const q = new URL(request.url).searchParams;
  return jsonOk(await listReportSchedules({ ctx, input: untrusted({ client_id: q.get("client") ?? q.get("client_id") ?? undefined }) }));
});

// POST /api/report-schedules — schedule a client's report {client_id, report_type, cron?, include_recommendations?, recipients?, enabled?}
export const POST = withContext(async (ctx, request: Request) => {
  const schedule = await createReportSchedule({ ctx, input: untrusted(await readJsonBody(request)) });
  return jsonOk(schedule, { status: 201, headers: { location: `/api/report-schedules/${schedule.id}` } });
});
