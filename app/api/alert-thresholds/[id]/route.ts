import { deleteThreshold } from "@/lib/alerts/thresholds/delete-threshold";
import { getThreshold } from "@/lib/alerts/thresholds/get-threshold";
import { updateThreshold } from "@/lib/alerts/thresholds/update-threshold";
import { BadRequestError } from "@/lib/errors";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

// GET /api/alert-thresholds/{id} — one alert rule, with its firing count
export const GET = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await getThreshold({ ctx, input: untrusted({ id: (await params).id }) }));
});

// PATCH /api/alert-thresholds/{id} — change fields (its client cannot change; `channels` replaces the list)
export const PATCH = withContext(async (ctx, request: Request, { params }: Params) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  const { id } = await params;
  if ("id" in body && (body as { id: unknown }).id !== id) throw new BadRequestError("id cannot be changed");
  return jsonOk(await updateThreshold({ ctx, input: untrusted({ ...body, id }) }));
});

// DELETE /api/alert-thresholds/{id} — delete the rule (its past alerts stay in the history)
export const DELETE = withContext(async (ctx, request: Request, { params }: Params) => {
  return jsonOk(await deleteThreshold({ ctx, input: untrusted({ id: (await params).id }) }));
});
