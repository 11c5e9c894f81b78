// How verbs' results and errors become MCP tool results: structuredContent matching the
// tool's outputSchema plus the same JSON as text; every failure is an `isError` result whose
// text is REST's error body, `{"error":{"code","message","issues"?:[{"path","message"}]}}`
// (plus retry_after_seconds when rate limited), which the model can read and fix: never a
// protocol error or a stack trace.
// Every call is audited with the tool's name, duration and outcome.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Context } from "@/lib/context";
import { DatabaseUnavailableError, errorBody, TooManyRequestsError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Compact JSON: indentation would double the size of a large result (and an assistant's token count).
function toolResult(data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(data) }], structuredContent: data };
}

export function toolError(error: unknown): CallToolResult {
  const e = toAppError(error);
  if (e instanceof DatabaseUnavailableError) logger.warn("mcp tool failed: database unavailable", { error });
  else if (e.status >= 500) logger.error("mcp tool failed", { error });
  const { error: body } = errorBody(e);
  // What REST sends as a Retry-After header, in the body for a model to wait on.
  const retry = e instanceof TooManyRequestsError || e instanceof DatabaseUnavailableError ? { retry_after_seconds: e.retryAfterSeconds } : {};
  return { isError: true, content: [{ type: "text", text: JSON.stringify({ error: { ...body, ...retry } }) }] };
}

// Per request: which tool calls reached runTool (and were audited there). The route audits
// the others, which the SDK answered itself (unknown tool, hidden tool, invalid arguments).
const handledCalls = new WeakMap<Context, string[]>();

export function trackToolCalls(ctx: Context): string[] {
  const handled: string[] = [];
  handledCalls.set(ctx, handled);
  return handled;
}

/** Runs a verb for a tool, maps its outcome and audits the call. */
export async function runTool(ctx: Context, tool: string, fn: () => Promise<Record<string, unknown>>): Promise<CallToolResult> {
  handledCalls.get(ctx)?.push(tool);
  const started = performance.now();
  let result: CallToolResult;
  let errorCode: string | undefined;
  try {
    result = toolResult(await fn());
  } catch (error) {
    errorCode = toAppError(error).code;
    result = toolError(error);
  }
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  await recordAudit(ctx, {
    action: "mcp.tool_call",
    targetType: "tool",
    targetId: tool,
    success: !errorCode,
    summary: { duration_ms: durationMs, ...(errorCode ? { error: errorCode } : {}) },
  }).catch((error) => logger.warn("could not audit an MCP tool call", { error }));
  return result;
}

/** The tool name of a `tools/call` request (one JSON-RPC message), else undefined. */
export function toolCallName(message: unknown): string | undefined {
  const msg = message as { method?: unknown; params?: { name?: unknown } } | null;
  if (msg?.method !== "tools/call") return undefined;
  return typeof msg.params?.name === "string" ? msg.params.name.slice(0, 100) : "(no name)";
}

/**
 * Audits a tool call the SDK refused before any ClientPulse code ran (a hidden or unknown
 * tool, arguments that fail the input schema). A call that reached runTool was audited there.
 */
export async function auditRefusedToolCall(ctx: Context, tool: string, handled: string[], knownTools: readonly string[], shownTools: readonly string[]): Promise<void> {
  if (handled.includes(tool)) return;
  const reason = shownTools.includes(tool) ? "invalid arguments" : knownTools.includes(tool) ? "not allowed for this caller" : "unknown tool";
  await recordAudit(ctx, {
    action: reason === "not allowed for this caller" ? "access.denied" : "mcp.tool_call",
    targetType: "tool",
    targetId: tool,
    success: false,
    summary: { error: reason },
  }).catch((error) => logger.warn("could not audit an MCP tool call", { error }));
}
