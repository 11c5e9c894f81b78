import { loadDemoWorkspace } from "@/lib/demo/load-demo-workspace";
import { BadRequestError } from "@/lib/errors";
import { requestBaseUrl } from "@/lib/http/origin-policy";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/demo — load the demo workspace (six demo clients whose systems are simulated by this server); idempotent
// (Signed-in callers only; withContext refuses cookie-authenticated POSTs from other origins.)
export const POST = withContext(async (ctx, request: Request) => {
  // The scheduler probes the fleet through this base URL, so it must reach this very server:
  // APP_URL, else the origin the request was addressed to (a reverse proxy's forwarded host).
  const base_url = requestBaseUrl(request);
  if (!base_url) throw new BadRequestError("Cannot tell this server's address from the request (no usable Host header); set APP_URL");
  return jsonOk(await loadDemoWorkspace({ ctx, input: { base_url } }), { status: 201 });
});
