import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { BadRequestError } from "@/lib/errors";
import { hasJsonContentType, jsonOk, readBodyText, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// POST /api/alerts/{id}/acknowledge — acknowledge a firing alert (stops reminders; optional JSON body {"note": "…"})
export const POST = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const text = await readBodyText(request, 16 * 1024);
  let body: unknown = {};
  if (text.trim()) {
    if (!hasJsonContentType(request)) throw new BadRequestError('Send the body as JSON with "Content-Type: application/json", or no body');
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError('Send a JSON object, e.g. {"note": "looking into it"}, or no body');
  if ("alert_id" in body) throw new BadRequestError("The alert id is in the URL; do not send alert_id in the body");
  return jsonOk(await acknowledgeAlert({ ctx, input: untrusted({ ...body, alert_id: (await params).id }) }));
});
