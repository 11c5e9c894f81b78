// MCP tools of the metrics domain (read): the seed's get_performance_metrics. A thin edge over
// lib/metrics/get-performance-metrics.ts, declared like every other tool table (tool-definition.ts).
import type { z } from "zod";
import { getPerformanceMetrics } from "@/lib/metrics/get-performance-metrics";
import { performanceMetricsInputSchema, performanceMetricsOutputSchema } from "@/lib/metrics/schemas";
import { readable, type ToolDefinition } from "./tool-definition";

export const METRICS_TOOLS: readonly ToolDefinition[] = [
  {
    name: "get_performance_metrics",
    title: "A client's automation performance",
    description:
      "Use this when asked how a client's automations performed: total / successful / failed automations, success rate, " +
      "average processing time (s), cost savings in the client's currency, ROI (time saved, labor cost savings at the client's hourly rate, " +
      "efficiency improvement) and trends against the previous equal period (volume %, success-rate points, performance_direction " +
      "improving | stable | declining), each system's figures and coverage (which systems reported for which share of the period). " +
      "timeframe 24h | 7d | 30d | 90d ends at the last complete hour in the client's time zone; or give start and end for a custom range. " +
      "Get client_id from get_all_clients_status.",
    inputSchema: performanceMetricsInputSchema,
    outputSchema: performanceMetricsOutputSchema,
    annotations: { readOnlyHint: true, openWorldHint: false },
    shownTo: readable,
    refusal: 'it needs the "read" scope',
    run: (ctx, args) => getPerformanceMetrics({ ctx, input: args as z.input<typeof performanceMetricsInputSchema> }),
  },
];
