import { getAllClientsStatus } from "@/lib/alerts/clients-overview";
import { jsonOk, queryFlag, queryNumber, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/dashboard/summary?include_inactive=&status=&attention_only=&limit=&cursor= — every
// client's status with its attention flags (attention first) and the totals, in one request
export const GET = withContext(async (ctx, request: Request) => {
  const q = new URL(request.url).searchParams;
  return jsonOk(
    await getAllClientsStatus({
      ctx,
      input: untrusted({
        include_inactive: queryFlag(q.get("include_inactive")) ?? false,
        status: q.get("status") ?? undefined,
        attention_only: queryFlag(q.get("attention_only")),
        limit: queryNumber(q.get("limit")),
        cursor: q.get("cursor") ?? undefined,
      }),
    }),
  );
});
