import { deactivateClient } from "@/lib/clients/deactivate-client";
import { getClient } from "@/lib/clients/get-client";
import { updateClient } from "@/lib/clients/update-client";
import { BadRequestError } from "@/lib/errors";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ clientId: string }> };

// GET /api/clients/{client_id} — one client with its systems
export const GET = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await getClient({ ctx, input: { client_id: (await params).clientId } }));
});

// PATCH /api/clients/{client_id} — change fields; `systems`, when given, becomes the exact list (matched by name)
export const PATCH = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  const { clientId } = await params;
  if ("client_id" in body && (body as { client_id: unknown }).client_id !== clientId) {
    throw new BadRequestError("client_id cannot be changed; register a new client instead");
  }
  return jsonOk(await updateClient({ ctx, input: { ...body, client_id: clientId } }));
});

// DELETE /api/clients/{client_id} — deactivate (history and reports are kept; PATCH {"active": true} restores)
export const DELETE = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await deactivateClient({ ctx, input: { client_id: (await params).clientId } }));
});
