import { jsonError, jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { getPerformanceSeries } from "@/lib/metrics/get-performance-series";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const PARAMS = new Set(["timeframe"]);

// GET /api/client/{client_id}/metrics/series?timeframe=24h|7d|30d|90d — the client's automations per
// hour (24h) or per local day, every bucket listed (null = nothing collected): the performance chart
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const query = new URL(request.url).searchParams;
  const unknown = [...new Set(query.keys())].filter((k) => !PARAMS.has(k));
  if (unknown.length) return jsonError(new ValidationError(unknown.map((k) => ({ path: k, message: "is not a known parameter (use timeframe)" }))));
  const client_id = (await params).clientId;
  return jsonOk(await getPerformanceSeries({ ctx, input: untrusted({ client_id, ...(query.has("timeframe") ? { timeframe: query.get("timeframe") } : {}) }) }));
});
