// One MCP server per request, closed over the caller's context (stateless Streamable HTTP):
// what a caller may do decides which tools it is shown. Tools come from one table
// (clients-tools.ts); tools/list is the SDK's, tools/call is dispatched here so that every
// failure, including arguments that fail the input schema and unknown or hidden tools, is an
// isError result with the one JSON error shape REST uses (tool-result.ts).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { mayRegisterClients } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { ForbiddenError, InternalError, issuesFromZod, NotFoundError, ValidationError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { APP_VERSION } from "@/lib/system/get-app-health";
import { ALERT_CONFIG_TOOLS } from "./alert-config-tools";
import { ALERT_TOOLS } from "./alert-tools";
import { CLIENTS_TOOLS } from "./clients-tools";
import { METRICS_COLLECTION_TOOLS } from "./metrics-collection-tools";
import { MAINTENANCE_TOOLS } from "./maintenance-tools";
import { METRICS_TOOLS } from "./metrics-tools";
import { REPORT_SCHEDULE_TOOLS } from "./report-schedule-tools";
import { registerReportResources, REPORT_TOOLS } from "./report-tools";
import type { ToolDefinition } from "./tool-definition";
import { runTool, toolError } from "./tool-result";

const TOOLS: ReadonlyMap<string, ToolDefinition> = new Map([...CLIENTS_TOOLS, ...METRICS_TOOLS, ...METRICS_COLLECTION_TOOLS, ...ALERT_CONFIG_TOOLS, ...ALERT_TOOLS, ...MAINTENANCE_TOOLS, ...REPORT_TOOLS, ...REPORT_SCHEDULE_TOOLS].map((t) => [t.name, t]));

/** Every tool ClientPulse has, whether or not a given caller is shown it. */
export const ALL_TOOL_NAMES: readonly string[] = [...TOOLS.keys()];

const shownTools = new WeakMap<McpServer, string[]>();

/** The tools this server (built for one caller) shows in tools/list. */
export function toolsShownBy(server: McpServer): string[] {
  return shownTools.get(server) ?? [];
}

export function createMcpServer(ctx: Context): McpServer {
  const server = new McpServer(
    { name: "clientpulse", title: "ClientPulse", version: APP_VERSION },
    {
      capabilities: { tools: {} },
      instructions: instructionsFor(ctx),
    },
  );
  const shown: string[] = [];
  for (const tool of TOOLS.values()) {
    if (!tool.shownTo(ctx)) continue;
    shown.push(tool.name);
    // Registered for tools/list (schemas, annotations); calls never reach this handler.
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: tool.annotations },
      () => toolError(new InternalError()),
    );
  }
  shownTools.set(server, shown);
  // report://{client_id}/{report_id}: each stored report the caller may read, as a resource.
  registerReportResources(server, ctx);
  // The SDK documents its underlying Server for custom request handlers; this one replaces the
  // SDK's tools/call, whose own failures are plain-text messages.
  server.server.setRequestHandler(CallToolRequestSchema, (request) => callTool(ctx, request.params.name, request.params.arguments));
  return server;
}

/**
 * Dispatches one tools/call. Refusals before the tool runs (unknown or hidden tool, invalid
 * arguments) are not audited here: the route audits every call that did not reach runTool.
 */
export async function callTool(ctx: Context, name: string, args: unknown): Promise<CallToolResult> {
  const tool = TOOLS.get(name);
  if (!tool) return toolError(new NotFoundError(`There is no tool named "${name.slice(0, 100)}"; tools/list shows the tools this key may use`));
  if (!tool.shownTo(ctx)) return toolError(new ForbiddenError(`This key may not use ${name}: ${tool.refusal}`));
  const parsed = tool.inputSchema.safeParse(args ?? {});
  if (!parsed.success) return toolError(new ValidationError(issuesFromZod(parsed.error)));
  const result = await runTool(ctx, name, () => tool.run(ctx, parsed.data));
  // What tools/list promises is what is sent: a result that does not fit its own output
  // schema is our bug, logged, and never handed to the model half-right.
  if (!result.isError && !tool.outputSchema.safeParse(result.structuredContent).success) {
    logger.error("mcp tool result does not match its output schema", { tool: name, issues: tool.outputSchema.safeParse(result.structuredContent).error?.issues.slice(0, 5) });
    return toolError(new InternalError());
  }
  return result;
}

/** What the model is told at initialize: what ClientPulse is, and what this key may do. */
function instructionsFor(ctx: Context): string {
  const canWrite = ctx.scopes.has("write");
  const lines = [
    "ClientPulse monitors an agency's client automation systems.",
    ctx.clientRestriction
      ? `This key is bound to one client, client_id "${ctx.clientRestriction}": it sees and acts on that client only.`
      : "Start with get_all_clients_status to see every client and its client_id; for triage pass attention_only: true.",
    canWrite
      ? "This key may read and write."
      : "This key is read-only: it may list clients and read their health, not register clients or run checks.",
  ];
  lines.push("get_performance_metrics reports a client's automations, success rate, cost savings, ROI and trends for 24h, 7d, 30d, 90d or a custom range.");
  if (canWrite) {
    lines.push(`run_health_check probes a client's systems now and collect_metrics pulls their business metrics now; this key may start ${getEnv().CHECK_NOW_PER_MINUTE} of these a minute.`);
  }
  lines.push(canWrite ? 'alert_on_failures creates an alert rule (e.g. client_id "*", metric_name "uptime", threshold 95, comparison "less_than", alert_type "slack"); list_thresholds, update_threshold and delete_threshold manage the rules.' : "list_thresholds shows the alert rules.");
  lines.push(
    canWrite
      ? "generate_client_reports makes a frozen client report (daily, weekly, monthly, quarterly or custom) with download links; list_reports and the report:// resources read stored ones."
      : "list_reports and the report:// resources read the stored client reports.",
  );
  if (mayRegisterClients(ctx)) lines.push("register_client adds a client with its systems.");
  else if (canWrite) lines.push("It cannot register new clients.");
  lines.push('A failed call is an isError result whose text is {"error":{"code","message","issues"?:[{"path","message"}]}}.');
  return lines.join(" ");
}
