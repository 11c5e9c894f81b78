import { getClient } from "@/lib/clients/get-client";
import { contextForRequest } from "@/lib/http/request-context";
import { jsonOk, withErrors } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/client/{client_id}/details — the seed's client details: the client, its systems and their health
export const GET = withErrors(async (request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const ctx = await contextForRequest(request, "rest");
  return jsonOk(await getClient({ ctx, input: { client_id: (await params).clientId } }));
});
