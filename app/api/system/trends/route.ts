import { jsonOk, queryNumber, withContext } from "@/lib/http/responses";
import { getTrendsWithAutomations } from "@/lib/metrics/get-trends-with-automations";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/system/trends?days=30 — checks, uptime, latency, automation volume and success rate per day across all clients (and automations per client)
export const GET = withContext(async (ctx, request: Request) => {
  const days = queryNumber(new URL(request.url).searchParams.get("days"));
  return jsonOk(await getTrendsWithAutomations({ ctx, input: untrusted(days === undefined ? {} : { days }) }));
});
