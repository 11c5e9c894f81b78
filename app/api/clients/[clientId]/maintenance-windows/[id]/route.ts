import { BadRequestError } from "@/lib/errors";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { deleteMaintenanceWindow, updateMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ clientId: string; id: string }> };

// PATCH /api/clients/{client_id}/maintenance-windows/{id} — change fields; those left out stay as they are
export const PATCH = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  if ("client_id" in body || "id" in body) throw new BadRequestError('"client_id" and "id" come from the URL and cannot be changed');
  const { clientId, id } = await params;
  return jsonOk(await updateMaintenanceWindow({ ctx, input: untrusted({ ...body, client_id: clientId, id }) }));
});

// DELETE /api/clients/{client_id}/maintenance-windows/{id} — remove the window (its time counts in the uptime figures again)
export const DELETE = withContext(async (ctx, request: Request, { params }: Params) => {
  const { clientId, id } = await params;
  return jsonOk(await deleteMaintenanceWindow({ ctx, input: { client_id: clientId, id } }));
});
