import { getClient } from "@/lib/clients/get-client";
import { getPerformanceMetrics } from "@/lib/metrics/get-performance-metrics";
import { getSystemHealth } from "@/lib/monitoring/get-system-health";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/client/{client_id}/details — the seed's client details: the client, its systems, their health and 30-day performance metrics
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const input = { client_id: (await params).clientId };
  const client = await getClient({ ctx, input });
  const [health, metrics] = await Promise.all([getSystemHealth({ ctx, input }), getPerformanceMetrics({ ctx, input: { ...input, timeframe: "30d" } })]);
  return jsonOk({ ...client, health, metrics });
});
