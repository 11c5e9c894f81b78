import { listClients } from "@/lib/clients/list-clients";
import { registerClient } from "@/lib/clients/register-client";
import { contextForRequest } from "@/lib/http/request-context";
import { jsonOk, queryFlag, queryNumber, readJsonBody, withErrors } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/clients?search=&include_inactive=&limit=&offset= — list clients with their status
export const GET = withErrors(async (request: Request) => {
  const ctx = await contextForRequest(request, "rest");
  const q = new URL(request.url).searchParams;
  return jsonOk(
    await listClients({
      ctx,
      input: {
        search: q.get("search") ?? undefined,
        include_inactive: queryFlag(q.get("include_inactive")),
        limit: queryNumber(q.get("limit")),
        offset: queryNumber(q.get("offset")),
      },
    }),
  );
});

// POST /api/clients — register a client (normalised `systems` shape or the seed's automation_systems + monitoring_endpoints)
export const POST = withErrors(async (request: Request) => {
  const ctx = await contextForRequest(request, "rest");
  const body = await readJsonBody(request);
  const client = await registerClient({ ctx, input: body });
  return jsonOk(client, { status: 201, headers: { location: `/api/clients/${client.client_id}` } });
});
