// MCP tools of the clients domain, with the seed's names and argument shapes, as one table:
// server.ts shows a caller the tools it may use and dispatches calls through it. Each tool is a
// thin edge: the verb validates, checks scopes and does the work. Input schemas are strict
// objects (tools/list shows `additionalProperties: false`; an unknown or misplaced argument is a
// validation error naming it), and every input field carries a description.
import { z } from "zod";
import { getAllClientsStatus } from "@/lib/alerts/clients-overview";
import { mayRegisterClients } from "@/lib/clients/register-client";
import { allClientsStatusInputSchema, allClientsStatusOutputSchema, registerClientInputSchema } from "@/lib/clients/schemas";
import { strictObject } from "@/lib/input";
import { getSystemHealth, systemHealthInputSchema, systemHealthOutputSchema } from "@/lib/monitoring/get-system-health";
import { FIRST_CHECK_WITHIN_SECONDS, registerClientAndCheck, registeredClientOutputSchema } from "@/lib/monitoring/register-client-and-check";
import { runHealthCheckAndEvaluate } from "@/lib/alerts/engine/with-evaluation";
import { runHealthCheckInputSchema, runHealthCheckOutputSchema } from "@/lib/monitoring/run-health-check";
import { readable, writable, type ToolDefinition } from "./tool-definition";

/** How to read an uptime figure, said once for every tool that returns them (lib/monitoring/coverage.ts). */
const UPTIME_FIGURES =
  "Each uptime figure is {pct, covered_from, coverage 0–1} or null (window never watched): when coverage < 1 the figure speaks " +
  "only since covered_from, so say \"99.2 % since <covered_from>\", never \"over 30 days\". ";

/** A page of get_all_clients_status stays well inside an assistant's per-result budget. */
const MCP_PAGE_SIZE = 100;


const allClientsStatusToolInput = strictObject({
  ...allClientsStatusInputSchema.shape,
  limit: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MCP_PAGE_SIZE, `must be at most ${MCP_PAGE_SIZE}`)
    .default(MCP_PAGE_SIZE)
    .describe(`Clients per page (1–${MCP_PAGE_SIZE}, default ${MCP_PAGE_SIZE})`),
});

const registerClientToolInput = strictObject({
  client_data: registerClientInputSchema.describe("The client to register: client_id, client_name and its systems (either shape, see the tool description)"),
  check_now: z
    .boolean({ error: "must be true or false" })
    .default(false)
    .describe(
      `Check every system once before answering (at most ~15 s) and return what each saw; counts as one on-demand check. ` +
        `Default false: the scheduler checks them within ${FIRST_CHECK_WITHIN_SECONDS} s.`,
    ),
});

export const CLIENTS_TOOLS: readonly ToolDefinition[] = [
  {
    name: "get_all_clients_status",
    title: "All clients' status",
    description:
      "Use this when asked which clients need attention and why, for an overview of every client, or to find a client_id. " +
      "Clients come attention first. Each has overall_status (healthy | degraded | down | unknown = not checked yet), the reason, " +
      "and attention: flags [{kind: down | misconfigured | flapping | below_sla | degraded | stalled, system, reason, since}] " +
      "naming each troubled system, plus sla {target_pct, uptime_pct over window, covered_from, coverage 0–1, met}, " +
      "and, for a client with firing alerts, alerts {firing, critical, unacknowledged} (absent = none firing; list_alerts has them). " +
      "overall_summary counts clients by status and by flag. For triage pass attention_only: true. " +
      UPTIME_FIGURES +
      "p95_response_ms is estimated from histograms (p95_approximate: say \"about\"). " +
      `At most ${MCP_PAGE_SIZE} clients per call: pass next_cursor back as cursor for the rest.`,
    inputSchema: allClientsStatusToolInput,
    outputSchema: allClientsStatusOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: async (ctx, args) => {
      const result = await getAllClientsStatus({ ctx, input: args as z.input<typeof allClientsStatusToolInput> });
      // An assistant's context is small: the badge is said only where something is firing.
      return { ...result, clients: result.clients.map(({ alerts, ...row }) => (alerts.firing > 0 ? { ...row, alerts } : row)) };
    },
  },
  {
    name: "get_system_health",
    title: "A client's system health",
    description:
      "Use this to see why a client is degraded or down: each system's confirmed status with the reason, response time, " +
      "last check, its recent state changes (from, to, reason, started_at, ended_at, duration_seconds; newest first), " +
      "uptime over 24h / 7d / 30d / 90d / this quarter (and start_date..end_date if given) " +
      "measured by ClientPulse's own checks, and exact 24h latency avg/p50/p95/p99. " +
      UPTIME_FIGURES +
      "Get client_id from get_all_clients_status; run_health_check probes again now.",
    inputSchema: systemHealthInputSchema,
    outputSchema: systemHealthOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: (ctx, args) => getSystemHealth({ ctx, input: args as z.input<typeof systemHealthInputSchema> }),
  },
  {
    name: "run_health_check",
    title: "Check a client's systems now",
    description:
      "Use this to probe a client's health endpoints immediately (all enabled systems, or one by name) instead of waiting for the schedule. " +
      "Returns what each probe saw with the reason, and each system's confirmed status (a status changes only after consecutive agreeing checks). " +
      "Get client_id from get_all_clients_status.",
    inputSchema: runHealthCheckInputSchema,
    outputSchema: runHealthCheckOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: (ctx, args) => runHealthCheckAndEvaluate({ ctx, input: args as z.input<typeof runHealthCheckInputSchema> }),
  },
  {
    name: "register_client",
    title: "Register a client",
    description:
      "Use this to add a new client of the agency with the automation systems ClientPulse should monitor. " +
      "client_data takes either `systems: [{ name, health_url, metrics_url? }]` or the seed shape " +
      "`automation_systems: [names]` + `monitoring_endpoints: [base URLs]` paired by index (a base URL gets /health and /metrics). " +
      "client_id is a unique lowercase slug such as tnt-limousine-001. Fails with field errors if input is invalid or the id exists. " +
      `The result's first_check says when the systems are first checked (within ${FIRST_CHECK_WITHIN_SECONDS} s); ` +
      "with check_now: true they are checked before the answer and first_check.systems has what each saw.",
    inputSchema: registerClientToolInput,
    outputSchema: registeredClientOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    // A key bound to one client can never create another: it is not shown the tool at all.
    shownTo: mayRegisterClients,
    refusal: "this key is read-only or bound to one client, and cannot create clients",
    run: (ctx, args) => {
      const { client_data, check_now } = args as z.output<typeof registerClientToolInput>;
      return registerClientAndCheck({ ctx, input: client_data, checkNow: check_now });
    },
  },
];
