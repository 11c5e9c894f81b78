import { listDeliveries } from "@/lib/alerts/delivery/deliveries";
import { ValidationError } from "@/lib/errors";
import { jsonError, jsonOk, queryNumber, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

const PARAMS = ["state", "channel_id", "client_id", "limit", "cursor"];

// GET /api/deliveries?state=pending|delivered|dead|failing|cancelled&channel_id=&client_id=&limit=50&cursor=
// — notifications newest first, each with where it went, what it said and how its attempts ended;
// next_cursor pages on (a client-bound key sees its client's only)
export const GET = withContext(async (ctx, request: Request) => {
  const query = new URL(request.url).searchParams;
  const unknown = [...new Set(query.keys())].filter((k) => !PARAMS.includes(k));
  if (unknown.length) return jsonError(new ValidationError(unknown.map((k) => ({ path: k, message: `is not a known parameter (use ${PARAMS.join(", ")})` }))));
  const input: Record<string, unknown> = {};
  for (const k of PARAMS) if (query.has(k)) input[k] = k === "limit" ? queryNumber(query.get(k)) : query.get(k);
  return jsonOk(await listDeliveries({ ctx, input: untrusted(input) }));
});
