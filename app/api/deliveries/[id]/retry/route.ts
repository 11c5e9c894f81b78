import { retryDelivery } from "@/lib/alerts/delivery/deliveries";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/deliveries/{id}/retry — send a dead notification again (pending now, same webhook-id); 409 unless it is dead
export const POST = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  return jsonOk(await retryDelivery({ ctx, input: { id: (await params).id } }));
});
