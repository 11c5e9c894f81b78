import { listFailingChannels } from "@/lib/alerts/delivery/deliveries";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/alert-channels/failing — channels that keep failing (≥ 3 attempts in a row or for ≥ 15 min), admins only
export const GET = withContext(async (ctx) => {
  return jsonOk(await listFailingChannels({ ctx }));
});
