import { collectMetricsAndEvaluate } from "@/lib/alerts/engine/with-evaluation";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/clients/{client_id}/collect-metrics?system=NAME — pull the client's metrics URLs (or one) now and return what each pull did
export const POST = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const system = new URL(request.url).searchParams.get("system") ?? undefined;
  return jsonOk(await collectMetricsAndEvaluate({ ctx, input: { client_id: (await params).clientId, system } }));
});
