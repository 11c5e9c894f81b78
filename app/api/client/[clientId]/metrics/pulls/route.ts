import { jsonError, jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { listMetricPulls } from "@/lib/metrics/list-metric-pulls";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const PARAMS = new Set(["limit"]);

// GET /api/client/{client_id}/metrics/pulls?limit=20 — the last metric pulls and pushes of the
// client's systems, newest first (at most 100), each with its outcome and validation message
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const query = new URL(request.url).searchParams;
  const unknown = [...new Set(query.keys())].filter((k) => !PARAMS.has(k));
  if (unknown.length) return jsonError(new ValidationError(unknown.map((k) => ({ path: k, message: "is not a known parameter (use limit)" }))));
  const client_id = (await params).clientId;
  return jsonOk(await listMetricPulls({ ctx, input: untrusted({ client_id, ...(query.has("limit") ? { limit: query.get("limit") } : {}) }) }));
});
