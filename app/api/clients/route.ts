import { listClients } from "@/lib/alerts/clients-overview";
import { ValidationError } from "@/lib/errors";
import { registerClientAndCheck } from "@/lib/monitoring/register-client-and-check";
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

// POST /api/clients?check_now=true — register a client (normalised `systems` shape or the seed's
// automation_systems + monitoring_endpoints); first_check says when its systems are first
// checked, and with check_now they are checked before the answer (one on-demand check).
export const POST = withContext(async (ctx, request: Request) => {
  const checkNow = queryFlag(new URL(request.url).searchParams.get("check_now"));
  if (typeof checkNow === "string") throw new ValidationError([{ path: "check_now", message: "must be true or false" }]);
  const body = await readJsonBody(request);
  const client = await registerClientAndCheck({ ctx, input: untrusted(body), checkNow });
  return jsonOk(client, { status: 201, headers: { location: `/api/clients/${client.client_id}` } });
});
