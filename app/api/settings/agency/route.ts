import { getAgencySettings, updateAgencySettings } from "@/lib/reports/branding/agency-settings";
import { jsonOk, readJsonBody, withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";

export const dynamic = "force-dynamic";

// GET /api/settings/agency — the white-label settings every report is branded with (logo as a data: URL)
export const GET = withContext(async (ctx) => jsonOk(await getAgencySettings({ ctx })));

// PUT /api/settings/agency — change agency_name, accent_color, report_footer, logo {type, base64} | null (admins)
export const PUT = withContext(async (ctx, request: Request) => jsonOk(await updateAgencySettings({ ctx, input: untrusted(await readJsonBody(request)) })));
