import { getAllClientsStatus } from "@/lib/monitoring/get-all-clients-status";
import { jsonOk, queryFlag, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/dashboard/summary?include_inactive=true — every client's status and the totals, in one request
export const GET = withContext(async (ctx, request: Request) => {
  const includeInactive = queryFlag(new URL(request.url).searchParams.get("include_inactive"));
  return jsonOk(await getAllClientsStatus({ ctx, input: untrusted({ include_inactive: includeInactive ?? false }) }));
});
