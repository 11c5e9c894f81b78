import { sendTestNotification } from "@/lib/alerts/delivery/send-test-notification";
import { jsonOk, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// POST /api/alert-channels/{id}/test — send a test notification through the channel now and
// return how it went ({ outcome: delivered|failed, error, status_code, delivery }); one attempt, not retried
export const POST = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  return jsonOk(await sendTestNotification({ ctx, input: { channel_id: (await params).id } }));
});
