import { getSystemHistory } from "@/lib/monitoring/get-system-history";
import { jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/client/{client_id}/history?timeframe=1h|6h|24h|7d|30d|90d&system=NAME — 90-day uptime bars, the latency series and stats, recent state changes
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const query = new URL(request.url).searchParams;
  const input = { client_id: (await params).clientId, system: query.get("system") ?? undefined, timeframe: query.get("timeframe") ?? undefined };
  return jsonOk(await getSystemHistory({ ctx, input: untrusted(input) }));
});
