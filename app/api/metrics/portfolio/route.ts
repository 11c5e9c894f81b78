import { ValidationError } from "@/lib/errors";
import { jsonError, jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { getPortfolioMetrics } from "@/lib/metrics/get-portfolio-metrics";

export const dynamic = "force-dynamic";

const PARAMS = new Set(["timeframe", "start", "end"]);

// GET /api/metrics/portfolio?timeframe=24h|7d|30d|90d | ?start=&end= — every visible client's automations, money per currency, trends and coverage
export const GET = withContext(async (ctx, request: Request) => {
  const query = new URL(request.url).searchParams;
  const unknown = [...new Set(query.keys())].filter((k) => !PARAMS.has(k));
  if (unknown.length) return jsonError(new ValidationError(unknown.map((k) => ({ path: k, message: `is not a known parameter (use ${[...PARAMS].join(", ")})` }))));
  const get = (k: string) => query.get(k) ?? undefined;
  return jsonOk(await getPortfolioMetrics({ ctx, input: untrusted({ timeframe: get("timeframe"), start: get("start"), end: get("end") }) }));
});
