import { getAppHealth } from "@/lib/system/get-app-health";
import { jsonOk } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// GET /api/health-check — this ClientPulse server's own health (200 ok, 503 when the database is unreachable)
export async function GET() {
  const health = await getAppHealth();
  return jsonOk(health, { status: health.status === "ok" ? 200 : 503 });
}
