// One MCP server per request, closed over the caller's context (stateless Streamable HTTP):
// what a caller may do decides which tools it is shown.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { mayRegisterClients } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { APP_VERSION } from "@/lib/system/get-app-health";
import { registerClientsTools } from "./clients-tools";
import { registerMetricsTools } from "./metrics-tools";

/** Every tool ClientPulse has, whether or not a given caller is shown it. */
export const ALL_TOOL_NAMES = ["get_all_clients_status", "get_performance_metrics", "get_system_health", "register_client", "run_health_check"] as const;

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
  shownTools.set(server, [...registerClientsTools(server, ctx), ...registerMetricsTools(server, ctx)]);
  return server;
}

/** What the model is told at initialize: what ClientPulse is, and what this key may do. */
function instructionsFor(ctx: Context): string {
  const canWrite = ctx.scopes.has("write");
  const lines = [
    "ClientPulse monitors an agency's client automation systems.",
    ctx.clientRestriction
      ? `This key is bound to one client, client_id "${ctx.clientRestriction}": it sees and acts on that client only.`
      : "Start with get_all_clients_status to see every client and its client_id.",
    canWrite
      ? "This key may read and write."
      : "This key is read-only: it may list clients and read their health, not register clients or run checks.",
  ];
  lines.push("get_performance_metrics reports a client's automations, success rate, cost savings, ROI and trends for 24h, 7d, 30d, 90d or a custom range.");
  if (canWrite) {
    lines.push(`run_health_check probes a client's systems now; this key may start ${getEnv().CHECK_NOW_PER_MINUTE} checks a minute.`);
  }
  if (mayRegisterClients(ctx)) lines.push("register_client adds a client with its systems.");
  else if (canWrite) lines.push("It cannot register new clients.");
  return lines.join(" ");
}
