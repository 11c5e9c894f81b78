import { loadDemoWorkspace } from "@/lib/demo/load-demo-workspace";
import { getEnv } from "@/lib/env";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/demo — load the demo workspace (six demo clients whose systems are simulated by this server); idempotent
// (Signed-in callers only; withContext refuses cookie-authenticated POSTs from other origins.)
export const POST = withContext(async (ctx, request: Request) => {
  // The scheduler probes the fleet through this base URL, so it must reach this very server.
  const base_url = getEnv().APP_URL ?? new URL(request.url).origin;
  return jsonOk(await loadDemoWorkspace({ ctx, input: { base_url } }), { status: 201 });
});
