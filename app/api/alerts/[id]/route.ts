import { getAlert } from "@/lib/alerts/get-alert";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/alerts/{id} — one alert with its timeline and delivery log
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  return jsonOk(await getAlert({ ctx, input: { alert_id: (await params).id } }));
});
