import { getClient } from "@/lib/clients/get-client";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/client/{client_id}/details — the seed's client details: the client, its systems and their health
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  return jsonOk(await getClient({ ctx, input: { client_id: (await params).clientId } }));
});
