import { getClient } from "@/lib/clients/get-client";
import { getSystemHealth } from "@/lib/monitoring/get-system-health";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/client/{client_id}/details — the seed's client details: the client, its systems and their health
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
  const input = { client_id: (await params).clientId };
  const client = await getClient({ ctx, input });
  return jsonOk({ ...client, health: await getSystemHealth({ ctx, input }) });
});
