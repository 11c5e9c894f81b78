import { demoSystemOr404, waitLatency } from "@/lib/demo/fleet-http";
import { healthAt } from "@/lib/demo/fleet-model";
import { withErrors } from "@/lib/http/responses";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ clientId: string; system: string }> };

// GET /api/demo/fleet/{clientId}/{system}/health — simulated client health endpoint
export const GET = withErrors(async (request: Request, { params }: Params) => {
  const system = demoSystemOr404(await params);
  const health = healthAt(system, new Date());
  // Really take the simulated time, so ClientPulse measures a true response time.
  await waitLatency(health.latencyMs, request.signal);
  return Response.json(health.body, {
    status: health.httpStatus,
    headers: { "content-type": health.contentType, "cache-control": "no-store" },
  });
});
