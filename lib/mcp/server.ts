// One MCP server per request, closed over the caller's context (stateless Streamable HTTP):
// what a caller may do decides which tools it is shown.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Context } from "@/lib/context";
import { APP_VERSION } from "@/lib/system/get-app-health";
import { registerClientsTools } from "./clients-tools";

/** Every tool ClientPulse has, whether or not a given caller is shown it. */
export const ALL_TOOL_NAMES = ["get_all_clients_status", "get_system_health", "register_client", "run_health_check"] as const;

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
      instructions:
        "ClientPulse monitors an agency's client automation systems. Start with get_all_clients_status to see every " +
        "client and its client_id; register_client adds a client with its systems.",
    },
  );
  shownTools.set(server, registerClientsTools(server, ctx));
  return server;
}
