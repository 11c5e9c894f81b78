// The observed value of a threshold's metric for each of its subjects, read through the existing
// rules (never re-implemented here): uptime from the state history (computeUptime + coverage),
// p95 latency from the hourly rollup histograms, business metrics through the metrics domain's
// rollup reader, and the attention flags (flapping, stalled, below SLA) through clientAttention.
// A subject with no value (a window never watched, no automations counted, unknown status) is
// not evaluated at all: "no data" is never "100 %" and never a breach.
import type { Context } from "@/lib/context";
import type { AlertThreshold } from "@/lib/generated/prisma/client";
import { addTotals, readRollupTotals } from "@/lib/metrics/read-rollups";
import { startOfLocalDay } from "@/lib/metrics/zone-time";
import type { ClientAttention } from "@/lib/monitoring/attention";
import { clientAttention, type AttentionClientRow, type AttentionSystemRow } from "@/lib/monitoring/client-attention";
import { computeUptime, type StateInterval } from "@/lib/monitoring/compute-uptime";
import { firstKnownInstant, windowCoverage } from "@/lib/monitoring/coverage";
import { HISTOGRAM_BUCKETS, histogramPercentile } from "@/lib/monitoring/latency-histogram";
import type { AlertMetric, Comparison } from "../contracts";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Metrics judged per system (a client-wide threshold evaluates each enabled system as its own subject). */
export const SYSTEM_METRICS: ReadonlySet<AlertMetric> = new Set(["uptime", "response_time", "status", "stalled"]);
/** Metrics that arrive with business metrics (evaluated after metrics are accepted). */
export const BUSINESS_METRICS: ReadonlySet<AlertMetric> = new Set(["success_rate", "error_rate", "daily_automations", "cost_savings"]);
/** Metrics that move with each check (evaluated right after a check is recorded). */
export const CHECK_METRICS: ReadonlySet<AlertMetric> = new Set(["uptime", "response_time", "status", "flapping", "sla"]);

export interface ObservedSystem extends AttentionSystemRow {
  lastResponseTimeMs: number | null;
}

export interface ObservedClient extends AttentionClientRow {
  clientId: string;
  name: string;
  timeZone: string;
  systems: ObservedSystem[];
}

export interface Subject {
  /** The system's id, or "client". */
  key: string;
  system: ObservedSystem | null;
}

export interface Observed extends Subject {
  value: number;
}

/** The subjects a threshold judges for one client: its system, each enabled system, or the client. */
export function subjectsOf(threshold: Pick<AlertThreshold, "metric" | "systemId">, client: ObservedClient, onlySystemId?: string): Subject[] {
  const enabled = client.systems.filter((s) => s.enabled);
  if (threshold.systemId) {
    const s = enabled.find((x) => x.id === threshold.systemId);
    return s && (!onlySystemId || s.id === onlySystemId) ? [{ key: s.id, system: s }] : [];
  }
  if (SYSTEM_METRICS.has(threshold.metric as AlertMetric)) {
    return enabled.filter((s) => !onlySystemId || s.id === onlySystemId).map((s) => ({ key: s.id, system: s }));
  }
  return enabled.length ? [{ key: "client", system: null }] : [];
}

export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case "greater_than":
      return value > threshold;
    case "less_than":
      return value < threshold;
    case "equals":
      return Math.abs(value - threshold) < 1e-9;
    case "greater_or_equal":
      return value >= threshold;
    case "less_or_equal":
      return value <= threshold;
  }
}

const STATUS_LEVEL = { healthy: 0, degraded: 1, down: 2 } as const;

/**
 * Reads values for one client; memoises what several thresholds share (the attention
 * assessment, rollup sums per window) for the life of one evaluation pass.
 */
export class Observer {
  private attention: Promise<ClientAttention | undefined> | null = null;
  private totals = new Map<string, ReturnType<typeof readRollupTotals>>();

  constructor(
    private readonly ctx: Context,
    readonly client: ObservedClient,
  ) {}

  async values(threshold: AlertThreshold, subjects: Subject[]): Promise<Observed[]> {
    const out: Observed[] = [];
    if (subjects.length === 0) return out;
    const metric = threshold.metric as AlertMetric;
    const now = this.ctx.clock.now();
    const windowMs = threshold.windowMinutes * MINUTE_MS;
    const push = (s: Subject, v: number | null) => {
      if (v !== null && Number.isFinite(v)) out.push({ ...s, value: v });
    };
    switch (metric) {
      case "status":
        for (const s of subjects) push(s, s.system && s.system.status !== "unknown" ? STATUS_LEVEL[s.system.status] : null);
        return out;
      case "uptime": {
        const start = new Date(now.getTime() - (windowMs || 24 * HOUR_MS));
        const ids = subjects.map((s) => s.system!.id);
        const changes = await this.ctx.db.statusChange.findMany({
          where: { systemId: { in: ids }, startedAt: { lt: now }, OR: [{ endedAt: null }, { endedAt: { gt: start } }] },
          select: { systemId: true, toStatus: true, startedAt: true, endedAt: true },
          orderBy: [{ startedAt: "asc" }, { id: "asc" }],
          take: 20_000,
        });
        const window = { start, end: now };
        for (const s of subjects) {
          const intervals: StateInterval[] = changes
            .filter((c) => c.systemId === s.system!.id)
            .map((c) => ({ status: c.toStatus, start: c.startedAt, end: c.endedAt && c.endedAt < now ? c.endedAt : now }))
            .filter((i) => i.end > i.start);
          // A window never watched has no figure at all (coverage.ts): no value, no evaluation.
          if (!windowCoverage(window, firstKnownInstant(intervals, window))) continue;
          push(s, computeUptime(intervals, window).uptimePct);
        }
        return out;
      }
      case "response_time": {
        if (windowMs === 0) {
          for (const s of subjects) push(s, s.system!.lastResponseTimeMs);
          return out;
        }
        const from = new Date(Math.floor((now.getTime() - windowMs) / HOUR_MS) * HOUR_MS);
        const rows = await this.ctx.db.checkRollup.findMany({
          where: { systemId: { in: subjects.map((s) => s.system!.id) }, period: "hour", bucketStart: { gte: from, lte: now } },
          select: { systemId: true, latencyHist: true, latencyMax: true },
        });
        for (const s of subjects) {
          const hist = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
          let max: number | null = null;
          for (const r of rows) {
            if (r.systemId !== s.system!.id) continue;
            r.latencyHist.forEach((n, i) => i < HISTOGRAM_BUCKETS && (hist[i]! += n ?? 0));
            if (r.latencyMax !== null && (max === null || r.latencyMax > max)) max = r.latencyMax;
          }
          push(s, histogramPercentile(hist, 95, max));
        }
        return out;
      }
      case "success_rate":
      case "error_rate":
      case "daily_automations":
      case "cost_savings": {
        const start = windowMs === 0 ? startOfLocalDay(this.client.timeZone, now.getTime()) : now.getTime() - windowMs;
        for (const s of subjects) {
          const systems = s.system ? [s.system] : this.client.systems.filter((x) => x.enabled);
          const t = await this.totalsFor(systems.map((x) => x.id), start, now.getTime());
          if (metric === "daily_automations") push(s, t ? Number(t.total) : null);
          else if (metric === "cost_savings") push(s, t ? Number(t.costCents) / 100 : null);
          else {
            const total = t ? Number(t.total) : 0;
            if (total === 0) continue; // no automations: no rate to judge
            const rate = (Number(t!.successful) / total) * 100;
            push(s, metric === "success_rate" ? rate : 100 - rate);
          }
        }
        return out;
      }
      case "flapping":
      case "stalled":
      case "sla": {
        const a = await this.attentionOf();
        if (!a) return out;
        for (const s of subjects) {
          const kind = metric === "sla" ? "below_sla" : metric;
          const set = a.flags.some((f) => f.kind === kind && (s.system === null || f.system === s.system.name));
          // The SLA has nothing to say before any coverage: no value rather than "met".
          if (metric === "sla" && a.sla?.met == null) continue;
          push(s, set ? 1 : 0);
        }
        return out;
      }
    }
  }

  private attentionOf(): Promise<ClientAttention | undefined> {
    this.attention ??= clientAttention(this.ctx, [this.client]).then((m) => m.get(this.client.id));
    return this.attention;
  }

  private async totalsFor(systemIds: string[], start: number, end: number) {
    const key = `${start}|${end}`;
    let p = this.totals.get(key);
    if (!p) {
      const zone = this.client.timeZone;
      p = readRollupTotals(this.ctx, this.client.systems.filter((s) => s.enabled).map((s) => ({ id: s.id, zone })), [{ key: 0, start, end, zone }]);
      this.totals.set(key, p);
    }
    const bySystem = (await p).get(0)!;
    const list = systemIds.map((id) => bySystem.get(id)).filter((t) => t !== undefined);
    return list.length ? addTotals("sum", list) : null;
  }
}
