import { getDelivery } from "@/lib/alerts/delivery/deliveries";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/deliveries/{id} — one notification with its attempt log (when, how long, status, error)
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  return jsonOk(await getDelivery({ ctx, input: { id: (await params).id } }));
});
