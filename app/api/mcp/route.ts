import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { toAppError } from "@/lib/errors";
import { contextForRequest } from "@/lib/http/request-context";
import { checkHostAndOrigin } from "@/lib/http/origin-policy";
import { ALL_TOOL_NAMES, createMcpServer, toolsShownBy } from "@/lib/mcp/server";
import { auditRefusedToolCalls, toolCallNames, trackToolCalls } from "@/lib/mcp/tool-result";

export const dynamic = "force-dynamic";

function jsonRpcError(status: number, message: string): Response {
  const headers: Record<string, string> = {};
  // RFC 6750: tell the client how to authenticate.
  // (The readable reason is in the body: header values must stay plain ASCII.)
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="ClientPulse", error="invalid_token"';
  return Response.json({ jsonrpc: "2.0", error: { code: -32001, message }, id: null }, { status, headers });
}

// POST|GET|DELETE /api/mcp — MCP over Streamable HTTP, stateless: a fresh server and transport per request
async function handle(request: Request): Promise<Response> {
  const refused = checkHostAndOrigin(request);
  if (refused) return jsonRpcError(403, refused);
  let ctx;
  try {
    ctx = await contextForRequest(request, "mcp");
  } catch (error) {
    const e = toAppError(error);
    return jsonRpcError(e.status, e.message);
  }
  const requested = request.method === "POST" ? toolCallNames(await request.clone().json().catch(() => null)) : [];
  const handled = trackToolCalls(ctx);
  const server = createMcpServer(ctx);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(request);
    if (requested.length) {
      await auditRefusedToolCalls(ctx, requested, handled, ALL_TOOL_NAMES, toolsShownBy(server));
    }
    return response;
  } finally {
    // Stateless: nothing outlives the response. JSON responses are complete once returned.
    void server.close();
  }
}

export const POST = handle;
export const GET = handle;
export const DELETE = handle;
