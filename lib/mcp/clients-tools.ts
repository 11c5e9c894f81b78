// MCP tools of the clients domain, with the seed's names and argument shapes. Each tool is a
// thin edge: the verb validates, checks scopes and does the work. Input schemas are strict
// objects: tools/list shows `additionalProperties: false`, and the SDK (which parses the
// arguments before the handler, and would otherwise strip unknown keys) refuses an unknown or
// misplaced argument with an isError result naming it.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { getAllClientsStatus } from "@/lib/metrics/clients-overview";
import { mayRegisterClients, registerClient } from "@/lib/clients/register-client";
import { allClientsStatusInputSchema, allClientsStatusOutputSchema, clientOutputSchema, registerClientInputSchema } from "@/lib/clients/schemas";
import type { Context } from "@/lib/context";
import { strictObject } from "@/lib/input";
import { getSystemHealth, systemHealthInputSchema, systemHealthOutputSchema } from "@/lib/monitoring/get-system-health";
import { runHealthCheck, runHealthCheckInputSchema, runHealthCheckOutputSchema } from "@/lib/monitoring/run-health-check";
import { runTool } from "./tool-result";

/** A page of get_all_clients_status stays well inside an assistant's per-result budget. */
const MCP_PAGE_SIZE = 100;

/** Registers the tools this caller may use; returns their names. */
export function registerClientsTools(server: McpServer, ctx: Context): string[] {
  const names = ["get_all_clients_status", "get_system_health"];
  server.registerTool(
    "get_all_clients_status",
    {
      title: "All clients' status",
      description:
        "Use this when asked which clients need attention and why, for an overview of every client, or to find a client_id. " +
        "Clients come attention first. Each has overall_status (healthy | degraded | down | unknown = not checked yet), the reason, " +
        "and attention: flags [{kind: down | misconfigured | flapping | below_sla | degraded | stalled, system, reason, since}] " +
        "naming each troubled system, plus sla {target_pct, uptime_pct over window, covered_from, coverage 0–1, met}. " +
        "overall_summary counts clients by status and by flag. For triage pass attention_only: true. " +
        `At most ${MCP_PAGE_SIZE} clients per call: pass next_cursor back as cursor for the rest.`,
      inputSchema: strictObject({
        ...allClientsStatusInputSchema.shape,
        limit: z
          .number({ error: "must be a number" })
          .int("must be a whole number")
          .min(1, "must be at least 1")
          .max(MCP_PAGE_SIZE, `must be at most ${MCP_PAGE_SIZE}`)
          .default(MCP_PAGE_SIZE)
          .describe(`Clients per page (1–${MCP_PAGE_SIZE}, default ${MCP_PAGE_SIZE})`),
      }),
      outputSchema: allClientsStatusOutputSchema.shape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => runTool(ctx, "get_all_clients_status", () => getAllClientsStatus({ ctx, input: args })),
  );

  server.registerTool(
    "get_system_health",
    {
      title: "A client's system health",
      description:
        "Use this to see why a client is degraded or down: each system's confirmed status with the reason, response time, " +
        "last check, last state change, uptime over 24h / 7d / 30d / 90d / this quarter (and start_date..end_date if given) " +
        "measured by ClientPulse's own checks, and 24h latency avg/p50/p95/p99. " +
        "Get client_id from get_all_clients_status; run_health_check probes again now.",
      inputSchema: systemHealthInputSchema,
      outputSchema: systemHealthOutputSchema.shape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => runTool(ctx, "get_system_health", () => getSystemHealth({ ctx, input: args })),
  );

  if (ctx.scopes.has("write")) {
    names.push("run_health_check");
    server.registerTool(
      "run_health_check",
      {
        title: "Check a client's systems now",
        description:
          "Use this to probe a client's health endpoints immediately (all enabled systems, or one by name) instead of waiting for the schedule. " +
          "Returns what each probe saw with the reason, and each system's confirmed status (a status changes only after consecutive agreeing checks). " +
          "Get client_id from get_all_clients_status.",
        inputSchema: runHealthCheckInputSchema,
        outputSchema: runHealthCheckOutputSchema.shape,
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
      },
      async (args) => runTool(ctx, "run_health_check", () => runHealthCheck({ ctx, input: args })),
    );
  }
  // A key bound to one client can never create another: it is not shown the tool at all.
  if (mayRegisterClients(ctx)) {
    names.push("register_client");
    server.registerTool(
      "register_client",
      {
        title: "Register a client",
        description:
          "Use this to add a new client of the agency with the automation systems ClientPulse should monitor. " +
          "client_data takes either `systems: [{ name, health_url, metrics_url? }]` or the seed shape " +
          "`automation_systems: [names]` + `monitoring_endpoints: [base URLs]` paired by index (a base URL gets /health and /metrics). " +
          "client_id is a unique lowercase slug such as tnt-limousine-001. Fails with field errors if input is invalid or the id exists.",
        inputSchema: strictObject({ client_data: registerClientInputSchema }),
        outputSchema: clientOutputSchema.shape,
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      },
      async ({ client_data }) => runTool(ctx, "register_client", () => registerClient({ ctx, input: client_data })),
    );
  }
  return names;
}
