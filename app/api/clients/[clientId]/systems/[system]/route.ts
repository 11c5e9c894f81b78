import { updateSystem } from "@/lib/clients/update-system";
import { BadRequestError } from "@/lib/errors";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";

export const dynamic = "force-dynamic";
// Next.js hands route handlers their segments already decoded ("Booking%20API" → "Booking API").
type Params = { params: Promise<{ clientId: string; system: string }> };

// PATCH /api/clients/{client_id}/systems/{system name, URL-encoded} — change that system's settings; fields left out stay as they are
export const PATCH = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  if ("client_id" in body) throw new BadRequestError('"client_id" comes from the URL and cannot be changed here');
  if ("system" in body) throw new BadRequestError('"system" comes from the URL; to rename the system, send "name"');
  const { clientId, system } = await params;
  return jsonOk(await updateSystem({ ctx, input: { ...body, client_id: clientId, system } }));
});
