import { jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { getPortfolioMetrics } from "@/lib/metrics/get-portfolio-metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics/portfolio?timeframe=24h|7d|30d|90d | ?start=&end= — every visible client's automations, money per currency, trends and coverage
export const GET = withContext(async (ctx, request: Request) => {
  const query = new URL(request.url).searchParams;
  const get = (k: string) => query.get(k) ?? undefined;
  return jsonOk(await getPortfolioMetrics({ ctx, input: untrusted({ timeframe: get("timeframe"), start: get("start"), end: get("end") }) }));
});
