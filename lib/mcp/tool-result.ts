// How verbs' results and errors become MCP tool results: structuredContent matching the
// tool's outputSchema plus the same JSON as text; business failures are `isError` results the
// model can read and fix (field paths included), never protocol errors or stack traces.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export function toolResult(data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(data, null, 2) }], structuredContent: data };
}

export function toolError(error: unknown): CallToolResult {
  const e = toAppError(error);
  if (e.status >= 500) logger.error("mcp tool failed", { error });
  const body = { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } };
  return { isError: true, content: [{ type: "text", text: JSON.stringify(body, null, 2) }] };
}

/** Runs a verb and maps its outcome. */
export async function runTool(fn: () => Promise<Record<string, unknown>>): Promise<CallToolResult> {
  try {
    return toolResult(await fn());
  } catch (error) {
    return toolError(error);
  }
}
