import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { toAppError } from "@/lib/errors";
import { contextForRequest } from "@/lib/http/request-context";
import { checkHostAndOrigin } from "@/lib/http/origin-policy";
import { ALL_TOOL_NAMES, createMcpServer, toolsShownBy } from "@/lib/mcp/server";
import { auditRefusedToolCall, toolCallName, trackToolCalls } from "@/lib/mcp/tool-result";
import { JSONRPC, jsonRpcError, methodNotAllowed, readJsonRpcMessage } from "@/lib/mcp/transport";

export const dynamic = "force-dynamic";

// POST /api/mcp — MCP over Streamable HTTP, stateless: a fresh server and transport per request
export async function POST(request: Request): Promise<Response> {
  const refused = checkHostAndOrigin(request);
  if (refused) return jsonRpcError(403, JSONRPC.serverError, refused);
  let ctx;
  try {
    ctx = await contextForRequest(request, "mcp");
  } catch (error) {
    const e = toAppError(error);
    // RFC 6750: tell the client how to authenticate (the readable reason is in the body:
    // header values must stay plain ASCII).
    const headers: Record<string, string> = e.status === 401 ? { "www-authenticate": 'Bearer realm="ClientPulse", error="invalid_token"' } : {};
    return jsonRpcError(e.status, JSONRPC.unauthorized, e.message, headers);
  }
  // Only a caller we know gets its body read, once, bounded; the transport gets it parsed.
  const read = await readJsonRpcMessage(request);
  if (read.refused) return read.refused;
  const requested = toolCallName(read.message);
  const handled = trackToolCalls(ctx);
  const server = createMcpServer(ctx);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(request, { parsedBody: read.message });
    // A tools/call the SDK answered (200) but no tool ran for; one the transport refused
    // outright (406, 415…) never reached dispatch and is no call to audit.
    if (requested !== undefined && response.ok) await auditRefusedToolCall(ctx, requested, handled, ALL_TOOL_NAMES, toolsShownBy(server));
    return response;
  } finally {
    // Stateless: nothing outlives the response. JSON responses are complete once returned.
    void server.close();
  }
}

// No event stream to open and no session to end: 405 with `Allow: POST` (see methodNotAllowed).
export async function GET(): Promise<Response> {
  return methodNotAllowed();
}
export const DELETE = GET;
