import { createChannel } from "@/lib/alerts/channels/create-channel";
import { listChannels } from "@/lib/alerts/channels/list-channels";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/alert-channels?client=slug|*&type= — channels, destinations masked ("*" = the agency's)
export const GET = withContext(async (ctx, request: Request) => {
  const q = new URL(request.url).searchParams;
  return jsonOk(await listChannels({ ctx, input: untrusted({ client_id: q.get("client") ?? q.get("client_id") ?? undefined, type: q.get("type") ?? undefined }) }));
});

// POST /api/alert-channels — add a channel (admins); a webhook's signing secret is in this answer only
export const POST = withContext(async (ctx, request: Request) => {
  const channel = await createChannel({ ctx, input: untrusted(await readJsonBody(request)) });
  return jsonOk(channel, { status: 201, headers: { location: `/api/alert-channels/${channel.id}` } });
});
