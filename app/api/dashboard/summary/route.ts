import { getAllClientsStatus } from "@/lib/clients/get-all-clients-status";
import { contextForRequest } from "@/lib/http/request-context";
import { jsonOk, queryFlag, withErrors } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/dashboard/summary?include_inactive=true — every client's status and the totals, in one request
export const GET = withErrors(async (request: Request) => {
  const ctx = await contextForRequest(request, "rest");
  const includeInactive = queryFlag(new URL(request.url).searchParams.get("include_inactive"));
  return jsonOk(await getAllClientsStatus({ ctx, input: { include_inactive: includeInactive ?? false } }));
});
