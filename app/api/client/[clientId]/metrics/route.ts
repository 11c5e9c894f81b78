import { jsonError, jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { dailyMetricsCsv, getDailyMetrics } from "@/lib/metrics/get-daily-metrics";
import { getPerformanceMetrics } from "@/lib/metrics/get-performance-metrics";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const PARAMS = new Set(["timeframe", "start", "end", "format"]);

// GET /api/client/{client_id}/metrics?timeframe=24h|7d|30d|90d | ?start=&end= — performance metrics, ROI, trends and coverage;
// with format=csv&start=&end=, the client's daily metrics (per system and total) as a CSV download
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const query = new URL(request.url).searchParams;
  const unknown = [...new Set(query.keys())].filter((k) => !PARAMS.has(k));
  if (unknown.length) return jsonError(new ValidationError(unknown.map((k) => ({ path: k, message: `is not a known parameter (use ${[...PARAMS].join(", ")})` }))));
  const client_id = (await params).clientId;
  const get = (k: string) => query.get(k) ?? undefined;
  const format = get("format") ?? "json";
  if (format !== "json" && format !== "csv") return jsonError(new ValidationError([{ path: "format", message: "must be json or csv" }]));
  if (format === "csv") {
    const { filename, text } = dailyMetricsCsv(await getDailyMetrics({ ctx, input: untrusted({ client_id, start: get("start"), end: get("end"), ...(query.has("timeframe") ? { timeframe: get("timeframe") } : {}) }) }));
    return new Response(text, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  }
  return jsonOk(await getPerformanceMetrics({ ctx, input: untrusted({ client_id, timeframe: get("timeframe"), start: get("start"), end: get("end") }) }));
});
