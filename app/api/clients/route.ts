import { listClients } from "@/lib/metrics/clients-overview";
import { registerClient } from "@/lib/clients/register-client";
import { jsonOk, queryFlag, queryNumber, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/clients?search=&include_inactive=&limit=&offset= — list clients with their status
export const GET = withContext(async (ctx, request: Request) => {
  const q = new URL(request.url).searchParams;
  return jsonOk(
    await listClients({
      ctx,
      input: untrusted({
        search: q.get("search") ?? undefined,
        include_inactive: queryFlag(q.get("include_inactive")),
        limit: queryNumber(q.get("limit")),
        offset: queryNumber(q.get("offset")),
      }),
    }),
  );
});

// POST /api/clients — register a client (normalised `systems` shape or the seed's automation_systems + monitoring_endpoints)
export const POST = withContext(async (ctx, request: Request) => {
  const body = await readJsonBody(request);
  const client = await registerClient({ ctx, input: untrusted(body) });
  return jsonOk(client, { status: 201, headers: { location: `/api/clients/${client.client_id}` } });
});
