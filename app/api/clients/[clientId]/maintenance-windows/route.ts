import { BadRequestError, ValidationError } from "@/lib/errors";
import { jsonOk, queryFlag, queryNumber, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { createMaintenanceWindow, listMaintenanceWindows } from "@/lib/maintenance/maintenance-windows";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ clientId: string }> };

const PARAMS = new Set(["include_past", "limit"]);

// GET /api/clients/{client_id}/maintenance-windows?include_past=&limit= — the client's maintenance
// windows, active first, then upcoming by next start (each with its plain-words description)
export const GET = withContext(async (ctx, request: Request, { params }: Params) => {
  const q = new URL(request.url).searchParams;
  const unknown = [...new Set(q.keys())].filter((k) => !PARAMS.has(k));
  if (unknown.length) throw new ValidationError(unknown.map((k) => ({ path: k, message: "is not a known parameter (use include_past, limit)" })));
  const client_id = (await params).clientId;
  return jsonOk(await listMaintenanceWindows({ ctx, input: untrusted({ client_id, include_past: queryFlag(q.get("include_past")), limit: queryNumber(q.get("limit")) }) }));
});

// POST /api/clients/{client_id}/maintenance-windows — a one-off window {title, starts_at, ends_at}
// or a recurring one {title, recurrence (cron, client's zone), duration_minutes, starts_at?, ends_at?}
export const POST = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  const { clientId } = await params;
  if ("client_id" in body && (body as { client_id: unknown }).client_id !== clientId) throw new BadRequestError('"client_id" comes from the URL');
  const window = await createMaintenanceWindow({ ctx, input: untrusted({ ...body, client_id: clientId }) });
  return jsonOk(window, { status: 201, headers: { location: `/api/clients/${clientId}/maintenance-windows/${window.id}` } });
});
