import { ingestMetricsAndEvaluate } from "@/lib/alerts/engine/with-evaluation";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

/** A /metrics body is a few hundred bytes; anything near this is not one. */
const INGEST_BODY_LIMIT = 64 * 1024;

// POST /api/ingest/metrics — push one period's metrics (seed /metrics shape + client_id + system); idempotent on (system, period)
export const POST = withContext(async (ctx, request: Request) => {
  const result = await ingestMetricsAndEvaluate({ ctx, input: untrusted(await readJsonBody(request, INGEST_BODY_LIMIT)) });
  return jsonOk(result, { status: result.outcome === "already_recorded" ? 200 : 201 });
});
