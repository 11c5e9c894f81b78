// GET /api/system/trends: checks, uptime and latency per UTC day across all clients (or the one
// client a restricted key may see), read from daily rollups and the state-change history. Past
// days never change, so their totals are kept per process once computed; today is always read.
import { z } from "zod";
import { isClientBound, scopeClientRows, scopeSystemRows } from "@/lib/client-scope";
import { type VerbInput, strictObject } from "@/lib/input";
import { round2 } from "@/lib/clients/client-output";
import { requireScope, type Context } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { uptimeFigureSchema } from "@/lib/clients/schemas";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import { computeUptime, type StateInterval } from "./compute-uptime";
import { withoutMaintenance } from "./maintenance-time";
import { firstKnownInstant, uptimeFigure, windowCoverage } from "./coverage";
import { roundUptime } from "./history-series";
import { histogramPercentile, mergeHistograms } from "./latency-histogram";

export const systemTrendsInputSchema = strictObject({
  days: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(90, "must be at most 90").default(30),
});

const dayPoint = z.object({
  date: z.string(),
  checks: z.number(),
  healthy_checks: z.number(),
  degraded_checks: z.number(),
  down_checks: z.number(),
  /** Time-weighted over every enabled system's known time that day; null when none. */
  uptime_pct: z.number().nullable(),
  avg_response_ms: z.number().nullable(),
  /** Estimated from the day's latency histogram (approximate, ±9 %). */
  p95_response_ms: z.number().nullable(),
});

/** @public The output contract (its type is used; the schema is there for an MCP outputSchema). */
export const systemTrendsOutputSchema = z.object({
  period: z.object({ start: z.string(), end: z.string(), days: z.number() }),
  systems: z.number(),
  days: z.array(dayPoint),
  summary: z.object({
    checks: z.number(),
    /** Over the period, with the span covered (from the first known instant of any system in it); null with no coverage. */
    uptime: uptimeFigureSchema,
    avg_response_ms: z.number().nullable(),
    p95_response_ms: z.number().nullable(),
    /** true: the p95 figures (summary and days) are estimated from histograms (show them as ≈). */
    p95_approximate: z.boolean(),
  }),
});
export type SystemTrends = z.infer<typeof systemTrendsOutputSchema>;

const DAY_MS = 86_400_000;
const SETTLE_MS = 60_000;

interface DayTotals {
  checks: number;
  healthy: number;
  degraded: number;
  down: number;
  latencyCount: number;
  latencySum: number;
  latencyMax: number | null;
  hist: number[];
}

const closedDays = new WeakMap<Db, Map<number, DayTotals>>();

async function dayTotals(ctx: Context, from: number, to: number, now: Date): Promise<Map<number, DayTotals>> {
  const out = new Map<number, DayTotals>();
  const settled = now.getTime() - SETTLE_MS;
  // Only unscoped reads (every system) are cached: a client-bound key's few systems are cheap.
  const shared = !isClientBound(ctx);
  let cache = shared ? closedDays.get(ctx.db) : undefined;
  if (shared && !cache) closedDays.set(ctx.db, (cache = new Map()));
  const wanted: number[] = [];
  for (let d = from; d < to; d += DAY_MS) {
    const hit = cache?.get(d);
    if (hit) out.set(d, hit);
    else wanted.push(d);
  }
  if (wanted.length === 0) return out;
  const rows = await ctx.db.checkRollup.findMany({
    where: scopeSystemRows(ctx, { period: "day", bucketStart: { in: wanted.map((d) => new Date(d)) } }),
    select: { bucketStart: true, checks: true, healthy: true, degraded: true, down: true, latencyCount: true, latencySum: true, latencyMax: true, latencyHist: true },
  });
  const grouped = new Map<number, typeof rows>();
  for (const r of rows) grouped.set(r.bucketStart.getTime(), [...(grouped.get(r.bucketStart.getTime()) ?? []), r]);
  for (const d of wanted) {
    const list = grouped.get(d) ?? [];
    const maxes = list.map((r) => r.latencyMax).filter((m): m is number => m !== null);
    const totals: DayTotals = {
      checks: list.reduce((a, r) => a + r.checks, 0),
      healthy: list.reduce((a, r) => a + r.healthy, 0),
      degraded: list.reduce((a, r) => a + r.degraded, 0),
      down: list.reduce((a, r) => a + r.down, 0),
      latencyCount: list.reduce((a, r) => a + r.latencyCount, 0),
      latencySum: list.reduce((a, r) => a + r.latencySum, 0),
      latencyMax: maxes.length ? Math.max(...maxes) : null,
      hist: mergeHistograms(list.map((r) => r.latencyHist)),
    };
    out.set(d, totals);
    if (cache && d + DAY_MS <= settled) cache.set(d, totals);
  }
  return out;
}

export async function getSystemTrends({ ctx, input }: { ctx: Context; input: VerbInput<typeof systemTrendsInputSchema> }): Promise<SystemTrends> {
  requireScope(ctx, "read");
  const { days } = parseInput(systemTrendsInputSchema, input ?? {});
  const now = ctx.clock.now();
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = today - (days - 1) * DAY_MS;
  const end = today + DAY_MS;

  const systems = await ctx.db.system.findMany({
    where: scopeClientRows(ctx, { enabled: true, client: { active: true } }),
    select: { id: true, clientRef: true },
  });
  const ids = systems.map((s) => s.id);
  const clientOf = new Map(systems.map((s) => [s.id, s.clientRef]));
  const [totals, changes, maintenance] = await Promise.all([
    dayTotals(ctx, from, end, now),
    ctx.db.statusChange.findMany({
      where: scopeSystemRows(ctx, { systemId: { in: ids }, OR: [{ endedAt: null }, { endedAt: { gt: new Date(from) } }], startedAt: { lt: now } }),
      select: { systemId: true, toStatus: true, startedAt: true, endedAt: true },
    }),
    maintenanceIntervals(ctx.db, [...new Set(clientOf.values())], new Date(from), now),
  ]);
  const bySystem = new Map<string, StateInterval[]>();
  for (const c of changes) {
    const e = c.endedAt ?? now;
    if (e > c.startedAt) bySystem.set(c.systemId, [...(bySystem.get(c.systemId) ?? []), { status: c.toStatus, start: c.startedAt, end: e }]);
  }

  // Maintenance time is out of the figures (the coverage below still counts it as watched).
  const counted = new Map([...bySystem].map(([id, iv]) => [id, withoutMaintenance(iv, maintenance.get(clientOf.get(id) ?? ""))]));
  let upAll = 0;
  let knownAll = 0;
  const points: SystemTrends["days"] = [];
  for (let d = from; d < end; d += DAY_MS) {
    const window = { start: new Date(d), end: new Date(Math.min(d + DAY_MS, now.getTime())) };
    let up = 0;
    let known = 0;
    for (const intervals of counted.values()) {
      const u = computeUptime(intervals, window);
      up += u.healthyMs + u.degradedMs;
      known += u.knownMs;
    }
    upAll += up;
    knownAll += known;
    const t = totals.get(d)!;
    points.push({
      date: new Date(d).toISOString().slice(0, 10),
      checks: t.checks,
      healthy_checks: t.healthy,
      degraded_checks: t.degraded,
      down_checks: t.down,
      uptime_pct: known > 0 ? roundUptime((up / known) * 100) : null,
      avg_response_ms: t.latencyCount > 0 ? round2(t.latencySum / t.latencyCount) : null,
      p95_response_ms: histogramPercentile(t.hist, 95, t.latencyMax),
    });
  }
  const period = { start: new Date(from), end: now };
  const coverage = windowCoverage(period, firstKnownInstant([...bySystem.values()].flat(), period));
  const all = [...totals.values()];
  const latencyCount = all.reduce((a, t) => a + t.latencyCount, 0);
  const maxes = all.map((t) => t.latencyMax).filter((m): m is number => m !== null);
  return {
    period: { start: new Date(from).toISOString(), end: now.toISOString(), days },
    systems: ids.length,
    days: points,
    summary: {
      checks: all.reduce((a, t) => a + t.checks, 0),
      uptime: knownAll > 0 ? uptimeFigure((upAll / knownAll) * 100, coverage) : null,
      avg_response_ms: latencyCount > 0 ? round2(all.reduce((a, t) => a + t.latencySum, 0) / latencyCount) : null,
      p95_response_ms: histogramPercentile(mergeHistograms(all.map((t) => t.hist)), 95, maxes.length ? Math.max(...maxes) : null),
      p95_approximate: true,
    },
  };
}
