// MCP tools of the metrics write path, declared like every other tool table (tool-definition.ts).
import type { z } from "zod";
import { collectMetricsAndEvaluate } from "@/lib/alerts/engine/with-evaluation";
import { collectMetricsInputSchema, collectMetricsOutputSchema } from "@/lib/metrics/schemas";
import { writable, type ToolDefinition } from "./tool-definition";

export const METRICS_COLLECTION_TOOLS: readonly ToolDefinition[] = [
  {
    name: "collect_metrics",
    title: "Collect a client's business metrics now",
    description:
      "Use this to pull a client's automation metrics (runs, successes, failures, processing time, cost savings) from its systems' metrics URLs now, " +
      "instead of waiting for the 15-minute schedule; all enabled systems with a metrics URL, or one by name. " +
      "Each pull asks for exactly the span since the last accepted sample and returns its outcome: accepted, partial (valid part kept), " +
      'rejected (with the validation reason, e.g. "metrics rejected: successful 430 > total 428") or error (unreachable, timeout, not JSON). ' +
      "Get client_id from get_all_clients_status.",
    inputSchema: collectMetricsInputSchema,
    outputSchema: collectMetricsOutputSchema,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    shownTo: writable,
    refusal: 'this key is read-only (it needs the "write" scope)',
    run: (ctx, args) => collectMetricsAndEvaluate({ ctx, input: args as z.input<typeof collectMetricsInputSchema> }),
  },
];
