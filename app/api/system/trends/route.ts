import { jsonOk, queryNumber, withContext } from "@/lib/http/responses";
import { getSystemTrends } from "@/lib/monitoring/get-system-trends";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/system/trends?days=30 — checks, uptime and latency per day across all clients
export const GET = withContext(async (ctx, request: Request) => {
  const days = queryNumber(new URL(request.url).searchParams.get("days"));
  return jsonOk(await getSystemTrends({ ctx, input: untrusted(days === undefined ? {} : { days }) }));
});
