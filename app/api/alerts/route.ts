import { listAlerts } from "@/lib/alerts/list-alerts";
import { jsonOk, queryFlag, queryNumber, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/alerts?client_id=&severity=critical|warning&state=firing|resolved|all&acknowledged=true|false&limit=&cursor= — alerts, firing first, then newest
export const GET = withContext(async (ctx, request: Request) => {
  const q = new URL(request.url).searchParams;
  const input: Record<string, unknown> = {};
  for (const key of ["client_id", "severity", "state", "cursor"]) {
    const v = q.get(key);
    if (v !== null) input[key] = v;
  }
  const acknowledged = queryFlag(q.get("acknowledged"));
  if (acknowledged !== undefined) input.acknowledged = acknowledged;
  const limit = queryNumber(q.get("limit"));
  if (limit !== undefined) input.limit = limit;
  for (const key of q.keys()) if (!["client_id", "severity", "state", "cursor", "acknowledged", "limit"].includes(key)) input[key] = q.get(key);
  return jsonOk(await listAlerts({ ctx, input: untrusted(input) }));
});
