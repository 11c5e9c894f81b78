import { rotateChannelSecret } from "@/lib/alerts/channels/rotate-channel-secret";
import { jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

// POST /api/alert-channels/{id}/rotate-secret — a new webhook signing secret, shown in this answer only (admins)
export const POST = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await rotateChannelSecret({ ctx, input: untrusted({ id: (await params).id }) }));
});
