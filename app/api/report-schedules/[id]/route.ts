import { BadRequestError } from "@/lib/errors";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { deleteReportSchedule, getReportSchedule, updateReportSchedule } from "@/lib/reports/schedules/report-schedules";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

// GET /api/report-schedules/{id} — one schedule with its next run and recipients
export const GET = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await getReportSchedule({ ctx, input: untrusted({ id: (await params).id }) }));
});

// PATCH /api/report-schedules/{id} — change report_type, cron, include_recommendations, recipients, enabled
export const PATCH = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  const { id } = await params;
  if ("id" in body && (body as { id: unknown }).id !== id) throw new BadRequestError("id cannot be changed");
  return jsonOk(await updateReportSchedule({ ctx, input: untrusted({ ...body, id }) }));
});

// DELETE /api/report-schedules/{id} — stop and delete a schedule (reports it made are kept)
export const DELETE = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await deleteReportSchedule({ ctx, input: untrusted({ id: (await params).id }) }));
});
