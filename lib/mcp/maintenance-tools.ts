// MCP tools of maintenance windows, as one table (see clients-tools.ts): thin edges over the
// verbs in lib/maintenance, which validate, check scopes and the client scope, and audit.
import type { z } from "zod";
import { createMaintenanceWindow, listMaintenanceWindows } from "@/lib/maintenance/maintenance-windows";
import { createWindowInputSchema, listWindowsInputSchema, maintenanceWindowOutputSchema, windowListOutputSchema } from "@/lib/maintenance/schemas";
import { readable, writable, type ToolDefinition } from "./tool-definition";

export const MAINTENANCE_TOOLS: readonly ToolDefinition[] = [
  {
    name: "list_maintenance_windows",
    title: "A client's maintenance windows",
    description:
      "Use this to see when a client is (or will be) in planned maintenance: checks made inside a window still show the real status " +
      "but are left out of uptime and SLA figures, and alerts are muted. Returns active_now and the windows, active first then upcoming, " +
      "each with a plain-words description in the client's time zone, next_start / next_end. Get client_id from get_all_clients_status.",
    inputSchema: listWindowsInputSchema,
    outputSchema: windowListOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: (ctx, args) => listMaintenanceWindows({ ctx, input: args as z.input<typeof listWindowsInputSchema> }),
  },
  {
    name: "create_maintenance_window",
    title: "Plan a maintenance window",
    description:
      "Use this to plan maintenance for a client so its checks stay out of uptime/SLA and its alerts are muted meanwhile. " +
      "One-off: {client_id, title, starts_at, ends_at} (ISO 8601 with a zone; at most 31 days; ends_at in the future). " +
      "Recurring: {client_id, title, recurrence, duration_minutes} with a 5-field cron expression read in the client's time zone, " +
      'e.g. "0 2 * * 0" + 120 = Sundays 02:00–04:00; optional starts_at / ends_at bound the series. Fails with field errors naming the field.',
    inputSchema: createWindowInputSchema,
    outputSchema: maintenanceWindowOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: (ctx, args) => createMaintenanceWindow({ ctx, input: args as z.input<typeof createWindowInputSchema> }),
  },
];
