import { deleteChannel } from "@/lib/alerts/channels/delete-channel";
import { getChannel } from "@/lib/alerts/channels/get-channel";
import { updateChannel } from "@/lib/alerts/channels/update-channel";
import { BadRequestError } from "@/lib/errors";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

// GET /api/alert-channels/{id} — one channel, destination masked, never its secret or header values
export const GET = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await getChannel({ ctx, input: untrusted({ id: (await params).id }) }));
});

// PATCH /api/alert-channels/{id} — change name, destination, headers (merged; null removes), is_default, enabled (admins)
export const PATCH = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  const { id } = await params;
  if ("id" in body && (body as { id: unknown }).id !== id) throw new BadRequestError("id cannot be changed");
  return jsonOk(await updateChannel({ ctx, input: untrusted({ ...body, id }) }));
});

// DELETE /api/alert-channels/{id} — delete a channel no rule sends to (admins); 409 lists the rules that still do
export const DELETE = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await deleteChannel({ ctx, input: untrusted({ id: (await params).id }) }));
});
