import { BadRequestError, UnavailableError } from "@/lib/errors";
import { dateParam, demoSystemOr404, waitLatency } from "@/lib/demo/fleet-http";
import { healthAt, metricsFor } from "@/lib/demo/fleet-model";
import { jsonError, jsonOk, withErrors } from "@/lib/http/responses";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ clientId: string; system: string }> };

const DAY_MS = 86_400_000;

// GET /api/demo/fleet/{clientId}/{system}/metrics?start_date=&end_date= — simulated client metrics endpoint (default: last 24 h)
export const GET = withErrors(async (request: Request, { params }: Params) => {
  const system = demoSystemOr404(await params);
  const now = new Date();
  const query = new URL(request.url).searchParams;
  const requestedEnd = dateParam(query, "end_date") ?? now;
  const requestedStart = dateParam(query, "start_date") ?? new Date(requestedEnd.getTime() - DAY_MS);
  if (requestedStart > requestedEnd) throw new BadRequestError("start_date must not be after end_date");

  const health = healthAt(system, now);
  await waitLatency(health.latencyMs, request.signal);
  // A system in a hard outage (HTTP 5xx on /health) cannot serve its metrics either.
  if (health.httpStatus >= 500) return jsonError(new UnavailableError(`${system.name} is unavailable right now (simulated outage)`));

  // Nothing has happened yet after "now": a period reaching into the future ends now.
  const end = requestedEnd > now ? now : requestedEnd;
  const start = requestedStart > end ? end : requestedStart;
  // `now` lets the stalled demo system be silent in the hours before it (lib/demo/fleet-model.ts).
  return jsonOk(metricsFor(system, start, end, { now }));
});
