// MCP tools of the metrics write path, declared as a table (name, scope, schemas, annotations,
// handler): registration, the set a caller is shown and the audit names all derive from it.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { z } from "zod";
import type { Context, Scope } from "@/lib/context";
import { collectMetrics } from "@/lib/metrics/collect-metrics";
import { collectMetricsInputSchema, collectMetricsOutputSchema } from "@/lib/metrics/schemas";
import { runTool } from "./tool-result";

interface ToolEntry {
  name: string;
  scope: Scope;
  title: string;
  description: string;
  inputSchema: z.ZodObject;
  outputSchema: z.ZodObject;
  annotations: { readOnlyHint: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint: boolean };
  handler: (ctx: Context, args: Record<string, unknown>) => Promise<Record<string, unknown>>;
}

export const METRICS_COLLECTION_TOOLS: readonly ToolEntry[] = [
  {
    name: "collect_metrics",
    scope: "write",
    title: "Collect a client's business metrics now",
    description:
      "Use this to pull a client's automation metrics (runs, successes, failures, processing time, cost savings) from its systems' metrics URLs now, " +
      "instead of waiting for the 15-minute schedule; all enabled systems with a metrics URL, or one by name. " +
      "Each pull asks for exactly the span since the last accepted sample and returns its outcome: accepted, partial (valid part kept), " +
      "rejected (with the validation reason, e.g. \"metrics rejected: successful 430 > total 428\") or error (unreachable, timeout, not JSON). " +
      "Get client_id from get_all_clients_status.",
    inputSchema: collectMetricsInputSchema,
    outputSchema: collectMetricsOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    handler: (ctx, args) => collectMetrics({ ctx, input: args as z.input<typeof collectMetricsInputSchema> }),
  },
];

/** Registers the tools of this table the caller's scopes allow; returns their names. */
export function registerMetricsCollectionTools(server: McpServer, ctx: Context): string[] {
  const shown: string[] = [];
  for (const tool of METRICS_COLLECTION_TOOLS) {
    if (!ctx.scopes.has(tool.scope)) continue;
    shown.push(tool.name);
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema.shape, annotations: tool.annotations },
      async (args: Record<string, unknown>) => runTool(ctx, tool.name, () => tool.handler(ctx, args)),
    );
  }
  return shown;
}
