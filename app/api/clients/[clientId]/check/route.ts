import { runHealthCheckAndEvaluate } from "@/lib/alerts/engine/with-evaluation";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/clients/{client_id}/check?system=NAME — probe the client's systems (or one) now and return what each saw (then evaluate the client's alerts)
export const POST = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const system = new URL(request.url).searchParams.get("system") ?? undefined;
  return jsonOk(await runHealthCheckAndEvaluate({ ctx, input: { client_id: (await params).clientId, system } }));
});
