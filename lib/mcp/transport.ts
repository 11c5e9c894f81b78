// The HTTP side of /api/mcp, around the SDK's stateless Streamable HTTP transport: the body is
// read once through the REST body limit and parsed once, then handed to the transport as
// `parsedBody` (the SDK never reads or clones the request itself); batches and methods a
// stateless server does not offer are refused here with JSON-RPC errors.
import { AppError } from "@/lib/errors";
import { hasJsonContentType, MAX_JSON_BODY_BYTES, readBodyText } from "@/lib/http/responses";

/** JSON-RPC error codes used at the HTTP edge (the SDK's own, for the same situations). */
export const JSONRPC = { parseError: -32700, invalidRequest: -32600, serverError: -32000, unauthorized: -32001 } as const;

export function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * GET (a server-to-client SSE stream) and DELETE (ending a session) have nothing to serve on
 * a stateless endpoint. The spec's answer is 405: clients then stop asking (an event stream
 * that closes at once makes the SDK client reconnect about once a second instead).
 */
export function methodNotAllowed(): Response {
  return jsonRpcError(
    405,
    JSONRPC.serverError,
    "Method not allowed: this MCP endpoint is stateless and takes only POST (no server-sent event stream, no sessions to delete)",
    { allow: "POST" },
  );
}

/** One JSON-RPC message from the body, or the error response that refuses the request. */
export type ReadMessage = { message: unknown; refused?: undefined } | { refused: Response };

export async function readJsonRpcMessage(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<ReadMessage> {
  // Checked before reading, so a body of another type is never read at all.
  if (!hasJsonContentType(request)) {
    return { refused: jsonRpcError(415, JSONRPC.serverError, "Unsupported Media Type: send the body as JSON with Content-Type: application/json") };
  }
  let text: string;
  try {
    text = await readBodyText(request, limit);
  } catch (error) {
    if (error instanceof AppError) return { refused: jsonRpcError(error.status, JSONRPC.serverError, error.message) };
    return { refused: jsonRpcError(400, JSONRPC.parseError, "Parse error: the request body could not be read") };
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return { refused: jsonRpcError(400, JSONRPC.parseError, `Parse error: the body is not valid JSON (${(error as Error).message})`) };
  }
  if (Array.isArray(message)) {
    // Batching was removed from MCP in protocol version 2025-06-18; refused whole, nothing in it runs.
    return {
      refused: jsonRpcError(400, JSONRPC.invalidRequest, "Invalid Request: JSON-RPC batches are not supported (removed from MCP in 2025-06-18); send one message per request"),
    };
  }
  return { message };
}
