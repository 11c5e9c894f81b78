import { loadDemoWorkspace } from "@/lib/demo/load-demo-workspace";
import { getEnv } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { checkHostAndOrigin } from "@/lib/http/origin-policy";
import { contextForRequest } from "@/lib/http/request-context";
import { jsonOk, withErrors } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/demo — load the demo workspace (six demo clients whose systems are simulated by this server); idempotent
export const POST = withErrors(async (request: Request) => {
  // A bodyless POST needs no CORS preflight, so a foreign web page could fire it: refuse other origins.
  const refused = checkHostAndOrigin(request);
  if (refused) throw new ForbiddenError(refused);
  const ctx = await contextForRequest(request, "rest");
  // The scheduler probes the fleet through this base URL, so it must reach this very server.
  const base_url = getEnv().APP_URL ?? new URL(request.url).origin;
  return jsonOk(await loadDemoWorkspace({ ctx, input: { base_url } }), { status: 201 });
});
