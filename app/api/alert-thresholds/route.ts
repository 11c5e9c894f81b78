import { alertOnFailures } from "@/lib/alerts/thresholds/alert-on-failures";
import { createThreshold } from "@/lib/alerts/thresholds/create-threshold";
import { listThresholds } from "@/lib/alerts/thresholds/list-thresholds";
import { BadRequestError } from "@/lib/errors";
import { jsonOk, queryFlag, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/alert-thresholds?client=slug|*&include_global=&system=&metric=&enabled= — alert rules (a client's include the "*" ones)
export const GET = withContext(async (ctx, request: Request) => {
  const q = new URL(request.url).searchParams;
  return jsonOk(
    await listThresholds({
      ctx,
      input: untrusted({
        client_id: q.get("client") ?? q.get("client_id") ?? undefined,
        include_global: queryFlag(q.get("include_global")),
        system: q.get("system") ?? undefined,
        metric: q.get("metric") ?? undefined,
        enabled: queryFlag(q.get("enabled")),
      }),
    }),
  );
});

// POST /api/alert-thresholds — create a rule: {client_id, metric, comparison, threshold, channels, …}, or the seed's
// alert_on_failures shape {client_id, metric_name, threshold, comparison, alert_type, destination?}
export const POST = withContext(async (ctx, request: Request) => {
  const body = await readJsonBody(request);
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequestError("Send a JSON object");
  const seedShape = "alert_type" in body || "metric_name" in body;
  const rule = seedShape ? await alertOnFailures({ ctx, input: untrusted(body) }) : await createThreshold({ ctx, input: untrusted(body) });
  return jsonOk(rule, { status: 201, headers: { location: `/api/alert-thresholds/${rule.id}` } });
});
