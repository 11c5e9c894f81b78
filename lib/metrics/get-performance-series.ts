// A client's automations bucket by bucket for the client page's performance chart (issue #10
// item 6): hourly buckets of the last 24 h (the same hours get_performance_metrics counts), or
// the last 7 / 30 / 90 local days (today so far included) from the daily rollups. Every bucket
// is listed, a bucket without a rollup row is null (a gap, never a zero). Reads rollups only.
import { scopeSql } from "@/lib/client-scope";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { strictObject } from "@/lib/input";
import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { resolvePeriod, TIMEFRAMES, TIMEFRAME_MS, type Timeframe } from "./periods";
import { localDate, nextLocalDay, startOfLocalDay } from "./zone-time";

export const performanceSeriesInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's client_id"),
  timeframe: z
    .enum(TIMEFRAMES, { error: `must be one of ${TIMEFRAMES.join(", ")}` })
    .optional()
    .describe("24h (hourly buckets) | 7d | 30d | 90d (daily buckets in the client's time zone); default 30d"),
});

export interface PerformanceSeriesBucket {
  start: string;
  total_automations: number | null;
  successful_automations: number | null;
  failed_automations: number | null;
  /** Seconds of processing across the bucket's runs. */
  total_processing_time: number | null;
  cost_savings_cents: number | null;
}

export interface PerformanceSeriesOutput {
  client_id: string;
  timeframe: Timeframe;
  granularity: "hour" | "day";
  time_zone: string;
  currency: string;
  /** [start, end) of the buckets. */
  start: string;
  end: string;
  /** The client's local days the buckets touch, [start, end) as YYYY-MM-DD: the range of the CSV download. */
  days: { start: string; end: string };
  buckets: PerformanceSeriesBucket[];
}

const HOUR_MS = 3_600_000;

/** The bucket starts of a timeframe ending at `end` (the last complete local hour). */
export function seriesBuckets(zone: string, timeframe: Timeframe, end: number): { granularity: "hour" | "day"; starts: number[]; end: number } {
  if (timeframe === "24h") {
    const starts = Array.from({ length: 24 }, (_, i) => end - TIMEFRAME_MS["24h"] + i * HOUR_MS);
    return { granularity: "hour", starts, end };
  }
  const days = TIMEFRAME_MS[timeframe] / (24 * HOUR_MS);
  // The last `days` local days ending with the one holding the last complete hour (today).
  const today = startOfLocalDay(zone, end - 1);
  let first = today;
  // Step back a day at a time (local days are 23–25 h long across DST).
  for (let i = 1; i < days; i++) first = startOfLocalDay(zone, first - 1);
  const starts: number[] = [];
  for (let d = first; d <= today; d = nextLocalDay(zone, d)) starts.push(d);
  return { granularity: "day", starts, end: nextLocalDay(zone, today) };
}

export async function getPerformanceSeries({ ctx, input }: { ctx: Context; input: VerbInput<typeof performanceSeriesInputSchema> }): Promise<PerformanceSeriesOutput> {
  requireScope(ctx, "read");
  const data = parseInput(performanceSeriesInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  const zone = client.timeZone;
  const timeframe = data.timeframe ?? "30d";
  const period = resolvePeriod(zone, ctx.clock.now(), { timeframe });
  const { granularity, starts, end } = seriesBuckets(zone, timeframe, period.current.end);
  const ids = client.systems.map((s) => s.id);
  const rows = ids.length
    ? await ctx.db.$queryRaw<{ bucket_start: Date | string; total: string; successful: string; failed: string; processing: string; cost: string }[]>`
        SELECT r.bucket_start, SUM(r.total_automations)::text AS total, SUM(r.successful_automations)::text AS successful, SUM(r.failed_automations)::text AS failed,
          SUM(r.total_processing_time)::text AS processing, SUM(r.cost_savings_cents)::text AS cost
        FROM metric_rollups r
        WHERE r.system_id = ANY(${ids}::uuid[]) AND r.period = ${granularity}::"RollupPeriod" AND r.bucket_start >= ${new Date(starts[0])} AND r.bucket_start < ${new Date(end)}
          AND ${scopeSql(ctx, { systemId: "r.system_id" })}
        GROUP BY r.bucket_start`
    : [];
  const byStart = new Map(rows.map((r) => [new Date(r.bucket_start).getTime(), r]));
  return {
    client_id: client.clientId,
    timeframe,
    granularity,
    time_zone: zone,
    currency: client.currency,
    start: new Date(starts[0]).toISOString(),
    end: new Date(end).toISOString(),
    days: { start: localDate(zone, startOfLocalDay(zone, starts[0])), end: localDate(zone, nextLocalDay(zone, startOfLocalDay(zone, end - 1))) },
    buckets: starts.map((t) => {
      const r = byStart.get(t);
      return {
        start: new Date(t).toISOString(),
        total_automations: r ? Number(r.total) : null,
        successful_automations: r ? Number(r.successful) : null,
        failed_automations: r ? Number(r.failed) : null,
        total_processing_time: r ? Number(r.processing) : null,
        cost_savings_cents: r ? Number(r.cost) : null,
      };
    }),
  };
}
