import { withContext } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { downloadReport } from "@/lib/reports/download-report";

export const dynamic = "force-dynamic";

// The printable view may show its own inline styles, inline SVG and a data: logo, and nothing
// else: no script, no fetch, no frame, no form (report text is the client's, escaped, but a
// second line of defence costs nothing).
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

// GET /api/reports/{id}/download?format=pdf|csv|json|html&section= — the stored report rendered
// (csv: section = one table alone); html opens inline, the others download as files named like
// acme-2026-10-monthly.pdf
export const GET = withContext(async (ctx, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const input: Record<string, unknown> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in input)) input[key] = value;
  const file = await downloadReport({ ctx, input: untrusted({ ...input, id: (await params).id }) });
  const body = typeof file.body === "string" ? Buffer.from(file.body, "utf8") : file.body;
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    // reportFilename is ASCII letters, digits, dashes and dots: safe in a quoted string as it is.
    "content-disposition": `${file.disposition}; filename="${file.filename}"`,
    "content-length": String(body.byteLength),
    // A frozen report never changes, but it is one client's data: the browser may keep it, shared caches may not.
    "cache-control": "private, no-cache",
    "x-content-type-options": "nosniff",
  };
  if (file.format === "html") headers["content-security-policy"] = HTML_CSP;
  return new Response(new Uint8Array(body), { status: 200, headers });
});
