import { jsonOk, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { getReport } from "@/lib/reports/get-report";

export const dynamic = "force-dynamic";

// GET /api/reports/{id} — one stored report: its row, links and the frozen document
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const input: Record<string, unknown> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in input)) input[key] = value;
  return jsonOk(await getReport({ ctx, input: untrusted({ ...input, id: (await params).id }) }));
});
