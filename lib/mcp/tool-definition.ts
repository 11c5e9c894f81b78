// The shape of one MCP tool in the tables (clients-tools.ts, metrics-collection-tools.ts, …):
// server.ts shows a caller the tools it may use and dispatches calls through them.
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { Context } from "@/lib/context";

export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodObject;
  outputSchema: z.ZodObject;
  annotations: ToolAnnotations;
  /** Whether this caller is shown the tool (and may call it); `refusal` says why not. */
  shownTo(ctx: Context): boolean;
  refusal: string;
  run(ctx: Context, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export const readable = (ctx: Context) => ctx.scopes.has("read");
export const writable = (ctx: Context) => ctx.scopes.has("write");
