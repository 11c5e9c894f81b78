// The system-health section of a report: uptime per system and client-wide from the confirmed
// state history with maintenance cut out (the same rules as every other uptime figure:
// compute-uptime.ts, maintenance-time.ts), incidents, MTTR, the error budget, daily uptime per
// local day, and response times from check rollups (never raw checks). The reads are in
// loadHealthData; buildSystemHealth is pure.
//
// Definitions (also printed in the report's methodology):
// - uptime = up time / monitored time, up = healthy or degraded; monitored = time with a known
//   confirmed state, outside maintenance. Unknown time (before the first check, paused,
//   refused checks) is left out. Client-wide uptime weighs each system by its monitored time.
// - coverage = monitored / (period − maintenance).
// - SLA met when the uptime as shown (3 decimals) is at or above the target.
// - error budget: allowed = (1 − target/100) × all systems' monitored minutes; used = down
//   minutes (degraded time does not use it); remaining never below 0, used_pct over 100 = spent.
// - incident = one confirmed down or degraded state overlapping the period, clipped to it;
//   duration is wall-clock inside the period (maintenance part included and shown apart, and
//   not counted as downtime); an episode wholly inside maintenance is planned work, not an
//   incident. Listed chronologically; over MAX_REPORT_INCIDENTS the longest are kept.
// - MTTR = mean full duration (start to recovery) of down incidents that recovered in the period.
import { scopeSql, scopeSystemRows } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Interval } from "@/lib/maintenance/recurrence";
import { computeUptime, type StateInterval } from "@/lib/monitoring/compute-uptime";
import { firstKnownInstant, roundCoverage } from "@/lib/monitoring/coverage";
import { histogramPercentile, mergeHistograms } from "@/lib/monitoring/latency-histogram";
import { withoutMaintenance } from "@/lib/monitoring/maintenance-time";
import type { SystemStatus } from "@/lib/monitoring/confirm-state";
import { localDate, nextLocalDay, startOfLocalDay } from "@/lib/metrics/zone-time";
import { MAX_REPORT_INCIDENTS, type DailyUptimePoint, type Incident, type SystemHealthSection, type SystemUptime } from "../contracts";
import { formatCount as count, formatDuration as duration, formatMs, formatPct } from "../format";
import { localDayTime, minutesOf } from "./format";

const DAY_MS = 86_400_000;
/** A down incident at least this long is a critical issue. */
export const CRITICAL_DOWN_MINUTES = 30;
/** Critical issues and highlights listed in full; the rest are counted in one more line. */
const MAX_LINES = 12;

export interface Span {
  start: number;
  end: number;
}

export interface ReportSystem {
  id: string;
  name: string;
  createdAt: Date;
  degradedThresholdMs: number;
}

export interface StateChangeRow {
  systemId: string;
  toStatus: SystemStatus;
  reason: string;
  startedAt: Date;
  endedAt: Date | null;
}

export interface LatencyTotals {
  count: number;
  sum: number;
  max: number | null;
  hist: number[];
}

export interface HealthInput {
  zone: string;
  slaTarget: number;
  period: Span;
  previous: Span;
  /** When the report is computed: an open state runs to here. */
  now: number;
  systems: ReportSystem[];
  changes: StateChangeRow[];
  /** The client's maintenance, merged and sorted, over [previous.start, period.end). */
  maintenance: Interval[];
  latency: Map<string, LatencyTotals>;
}

/** Per system, what the methodology's coverage table and notes say about health. */
export interface HealthCoverage {
  system: string;
  coverage: number;
  from: string | null;
  to: string | null;
  monitoredMinutes: number;
}

/** Uptime to 3 decimals, never rounded up to 100 when there was downtime. */
export function roundUptime3(p: number): number {
  const r = Math.round(p * 1000) / 1000;
  return r === 100 && p < 100 ? 99.999 : r;
}
const round2 = (n: number) => Math.round(n * 100) / 100;

function overlapMs(spans: readonly Interval[], start: number, end: number): number {
  let total = 0;
  for (const s of spans) {
    const a = Math.max(start, s.start.getTime());
    const b = Math.min(end, s.end.getTime());
    if (b > a) total += b - a;
  }
  return total;
}

/** The client's local days of [start, end), the first and last clipped to it. */
export function localDays(zone: string, p: Span): { date: string; start: number; end: number }[] {
  const out: { date: string; start: number; end: number }[] = [];
  for (let d = p.start; d < p.end && out.length < 400; ) {
    const next = Math.min(nextLocalDay(zone, startOfLocalDay(zone, d)), p.end);
    out.push({ date: localDate(zone, d), start: d, end: next });
    d = next;
  }
  return out;
}

export function buildSystemHealth(input: HealthInput): { section: SystemHealthSection; coverage: HealthCoverage[] } {
  const { zone, slaTarget, period: P, previous: Q, now } = input;
  const periodMs = P.end - P.start;
  const maintenanceInPeriod = overlapMs(input.maintenance, P.start, P.end);
  const window = { start: new Date(P.start), end: new Date(P.end) };
  const prevWindow = { start: new Date(Q.start), end: new Date(Q.end) };

  const bySystem = new Map<string, StateChangeRow[]>();
  for (const c of input.changes) {
    const list = bySystem.get(c.systemId);
    if (list) list.push(c);
    else bySystem.set(c.systemId, [c]);
  }

  const days = localDays(zone, P);
  const dayUp = new Array<number>(days.length).fill(0);
  const dayKnown = new Array<number>(days.length).fill(0);

  const systems: SystemUptime[] = [];
  const coverage: HealthCoverage[] = [];
  const incidents: (Incident & { countedMs: number })[] = [];
  const recoveries: number[] = [];
  let sumUp = 0;
  let sumKnown = 0;
  let sumDown = 0;

  for (const system of input.systems) {
    const rows = (bySystem.get(system.id) ?? []).slice().sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    const intervals: StateInterval[] = [];
    for (const r of rows) {
      const end = r.endedAt ? r.endedAt.getTime() : now;
      if (end > r.startedAt.getTime()) intervals.push({ status: r.toStatus, start: r.startedAt, end: new Date(end) });
    }
    const counted = withoutMaintenance(intervals, input.maintenance);
    const u = computeUptime(counted, window);
    const prev = computeUptime(counted, prevWindow);

    // Daily points: each interval goes to the days it touches (one pass), then each day is
    // computed with the same rules.
    const perDay: StateInterval[][] = days.map(() => []);
    let first = 0;
    for (const iv of counted) {
      const s = iv.start.getTime();
      const e = iv.end.getTime();
      if (e <= P.start || s >= P.end) continue;
      while (first < days.length && days[first]!.end <= s) first++;
      for (let i = first; i < days.length && days[i]!.start < e; i++) if (days[i]!.end > s) perDay[i]!.push(iv);
    }
    for (let i = 0; i < days.length; i++) {
      if (perDay[i]!.length === 0) continue;
      const d = computeUptime(perDay[i]!, { start: new Date(days[i]!.start), end: new Date(days[i]!.end) });
      dayUp[i]! += d.healthyMs + d.degradedMs;
      dayKnown[i]! += d.knownMs;
    }

    // Incidents of this system.
    let systemIncidents = 0;
    for (const r of rows) {
      if (r.toStatus !== "down" && r.toStatus !== "degraded") continue;
      const start = r.startedAt.getTime();
      const end = r.endedAt ? r.endedAt.getTime() : now;
      const cs = Math.max(start, P.start);
      const ce = Math.min(end, P.end);
      if (ce <= cs) continue;
      const inMaintenance = overlapMs(input.maintenance, cs, ce);
      if (inMaintenance >= ce - cs) continue; // wholly planned work
      systemIncidents++;
      const recovered = r.endedAt !== null && r.endedAt.getTime() <= P.end;
      incidents.push({
        system: system.name,
        status: r.toStatus,
        started_at: new Date(cs).toISOString(),
        ended_at: recovered ? r.endedAt!.toISOString() : null,
        duration_minutes: minutesOf(ce - cs),
        reason: r.reason,
        during_maintenance_minutes: minutesOf(inMaintenance),
        ...(start < P.start ? { started_before_period: true } : {}),
        countedMs: ce - cs - inMaintenance,
      });
      if (r.toStatus === "down" && recovered) recoveries.push(end - start);
    }

    const lat = input.latency.get(system.id);
    const monitoredFrom = firstKnownInstant(intervals, window);
    let monitoredTo: number | null = null;
    for (const iv of intervals) {
      if (iv.status === "unknown") continue;
      const s = Math.max(iv.start.getTime(), P.start);
      const e = Math.min(iv.end.getTime(), P.end);
      if (e > s && (monitoredTo === null || e > monitoredTo)) monitoredTo = e;
    }
    const denominator = periodMs - maintenanceInPeriod;
    const cov = denominator > 0 ? roundCoverage(u.knownMs / denominator) : 0;
    const uptime = u.uptimePct === null ? null : roundUptime3(u.uptimePct);
    systems.push({
      system: system.name,
      uptime_pct: uptime,
      sla_met: uptime === null ? null : uptime >= slaTarget,
      monitored_minutes: minutesOf(u.knownMs),
      down_minutes: minutesOf(u.downMs),
      degraded_minutes: minutesOf(u.degradedMs),
      maintenance_minutes: minutesOf(maintenanceInPeriod),
      coverage: cov,
      monitored_from: monitoredFrom?.toISOString() ?? null,
      monitored_to: monitoredTo === null ? null : new Date(monitoredTo).toISOString(),
      incidents: systemIncidents,
      avg_response_ms: lat && lat.count > 0 ? Math.round(lat.sum / lat.count) : null,
      p95_response_ms: lat && lat.count > 0 ? roundOrNull(histogramPercentile(lat.hist, 95, lat.max)) : null,
      degraded_threshold_ms: system.degradedThresholdMs,
      previous_uptime_pct: prev.uptimePct === null ? null : roundUptime3(prev.uptimePct),
    });
    coverage.push({ system: system.name, coverage: cov, from: monitoredFrom?.toISOString() ?? null, to: monitoredTo === null ? null : new Date(monitoredTo).toISOString(), monitoredMinutes: minutesOf(u.knownMs) });
    sumUp += u.healthyMs + u.degradedMs;
    sumKnown += u.knownMs;
    sumDown += u.downMs;
  }

  const uptimeSummary = sumKnown > 0 ? roundUptime3((sumUp / sumKnown) * 100) : null;
  const knownMinutes = minutesOf(sumKnown);
  const allowed = round2((1 - slaTarget / 100) * knownMinutes);
  const used = minutesOf(sumDown);
  const errorBudget =
    sumKnown > 0 ? { allowed_minutes: allowed, used_minutes: used, remaining_minutes: round2(Math.max(0, allowed - used)), used_pct: allowed > 0 ? round2((used / allowed) * 100) : null } : null;

  // Chronological; when there are too many, the longest (counted time) are the ones listed.
  const total = incidents.length;
  const listed = (total > MAX_REPORT_INCIDENTS ? incidents.slice().sort((a, b) => b.countedMs - a.countedMs).slice(0, MAX_REPORT_INCIDENTS) : incidents).sort(
    (a, b) => a.started_at.localeCompare(b.started_at) || a.system.localeCompare(b.system),
  );

  const section: SystemHealthSection = {
    uptime_summary: uptimeSummary,
    sla_target: slaTarget,
    sla_met: uptimeSummary === null ? null : uptimeSummary >= slaTarget,
    error_budget: errorBudget,
    systems,
    incidents: listed.map(({ countedMs: _counted, ...i }) => i),
    incidents_total: total,
    mttr_minutes: recoveries.length ? round2(minutesOf(recoveries.reduce((a, b) => a + b, 0)) / recoveries.length) : null,
    mttr_incidents: recoveries.length,
    critical_issues: [],
    performance_highlights: [],
    daily_uptime: days.map((d, i): DailyUptimePoint => ({ date: d.date, uptime_pct: dayKnown[i]! > 0 ? roundUptime3((dayUp[i]! / dayKnown[i]!) * 100) : null })),
  };
  section.critical_issues = criticalIssues(zone, section, incidents);
  section.performance_highlights = highlights(section, input.systems);
  return { section, coverage };
}

const roundOrNull = (n: number | null) => (n === null ? null : Math.round(n));

function capped(lines: string[], what: string): string[] {
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES - 1), `… and ${lines.length - (MAX_LINES - 1)} more ${what}.`];
}

function criticalIssues(zone: string, s: SystemHealthSection, all: (Incident & { countedMs: number })[]): string[] {
  const out: string[] = [];
  const long = all
    .filter((i) => i.status === "down" && i.countedMs / 60_000 >= CRITICAL_DOWN_MINUTES)
    .sort((a, b) => a.started_at.localeCompare(b.started_at));
  for (const i of long) {
    const start = Date.parse(i.started_at);
    const downMin = i.countedMs / 60_000;
    const open = i.ended_at === null ? ", still down at the end of the period" : "";
    const planned = i.during_maintenance_minutes > 0 ? ` (another ${duration(i.during_maintenance_minutes)} fell in maintenance and is not counted)` : "";
    out.push(`${i.system} was down for ${duration(downMin)} from ${localDayTime(zone, start)}${open} (${i.reason})${planned}.`);
  }
  for (const sys of s.systems) {
    if (sys.sla_met === false) {
      out.push(`${sys.system}: ${formatPct(sys.uptime_pct, 3)} uptime, below the ${formatPct(s.sla_target, 3)} target (${duration(sys.down_minutes)} down over ${duration(sys.monitored_minutes)} monitored).`);
    }
  }
  if (s.error_budget && s.error_budget.used_pct !== null && s.error_budget.used_pct > 100) {
    out.push(`The error budget was exceeded: ${duration(s.error_budget.used_minutes)} down against ${duration(s.error_budget.allowed_minutes)} allowed at the ${formatPct(s.sla_target, 3)} target (${formatPct(s.error_budget.used_pct)} used).`);
  }
  return capped(out, "issues");
}

function highlights(s: SystemHealthSection, systems: ReportSystem[]): string[] {
  const out: string[] = [];
  const withData = s.systems.filter((x) => x.uptime_pct !== null);
  if (withData.length > 1 && withData.every((x) => x.sla_met) && s.uptime_summary !== null) {
    out.push(`All ${count(withData.length)} monitored systems met the ${formatPct(s.sla_target, 3)} target (${formatPct(s.uptime_summary, 3)} overall).`);
  }
  for (const x of s.systems) {
    if (x.uptime_pct === 100 && x.coverage >= 0.999) out.push(`${x.system} had no downtime, monitored over the whole period (100 %).`);
  }
  const threshold = new Map(systems.map((x) => [x.name, x.degradedThresholdMs]));
  for (const x of s.systems) {
    const limit = threshold.get(x.system);
    if (x.p95_response_ms !== null && limit && x.p95_response_ms <= limit / 2) {
      out.push(`${x.system} answered in ${formatMs(x.p95_response_ms, true)} or less for 95 % of checks, well under its ${formatMs(limit)} threshold.`);
    }
  }
  if (s.error_budget && s.error_budget.used_pct !== null && s.error_budget.used_pct < 25 && s.error_budget.used_minutes > 0) {
    out.push(`Only ${formatPct(s.error_budget.used_pct)} of the error budget was used (${duration(s.error_budget.used_minutes)} of ${duration(s.error_budget.allowed_minutes)}).`);
  }
  return capped(out, "highlights");
}

/** Reads state changes, maintenance and check rollups for the systems over the previous and current period. */
export async function loadHealthData(
  ctx: Context,
  systemIds: string[],
  period: Span,
  previous: Span,
): Promise<{ changes: StateChangeRow[]; latency: Map<string, LatencyTotals> }> {
  if (systemIds.length === 0) return { changes: [], latency: new Map() };
  const from = Math.min(previous.start, period.start);
  // Whole UTC days of the period from daily check rollups, the hours around them from hourly ones
  // (check rollups are UTC buckets): a quarter reads ~92 rows per system.
  const dayStart = Math.ceil(period.start / DAY_MS) * DAY_MS;
  const dayEnd = Math.floor(period.end / DAY_MS) * DAY_MS;
  const ranges =
    dayEnd > dayStart
      ? [
          { period: "day" as const, bucketStart: { gte: new Date(dayStart), lt: new Date(dayEnd) } },
          { period: "hour" as const, bucketStart: { gte: new Date(period.start), lt: new Date(dayStart) } },
          { period: "hour" as const, bucketStart: { gte: new Date(dayEnd), lt: new Date(period.end) } },
        ]
      : [{ period: "hour" as const, bucketStart: { gte: new Date(period.start), lt: new Date(period.end) } }];
  const [changes, rollups] = await Promise.all([
    loadChanges(ctx, systemIds, from, period.end),
    ctx.db.checkRollup.findMany({
      where: scopeSystemRows(ctx, { systemId: { in: systemIds }, OR: ranges }),
      select: { systemId: true, latencyCount: true, latencySum: true, latencyMax: true, latencyHist: true },
    }),
  ]);
  const latency = new Map<string, LatencyTotals>();
  const hists = new Map<string, number[][]>();
  for (const r of rollups) {
    const t = latency.get(r.systemId) ?? { count: 0, sum: 0, max: null, hist: [] };
    t.count += r.latencyCount;
    t.sum += r.latencySum;
    if (r.latencyMax !== null) t.max = t.max === null ? r.latencyMax : Math.max(t.max, r.latencyMax);
    latency.set(r.systemId, t);
    const list = hists.get(r.systemId);
    if (list) list.push(r.latencyHist);
    else hists.set(r.systemId, [r.latencyHist]);
  }
  for (const [id, t] of latency) t.hist = mergeHistograms(hists.get(id) ?? []);
  return { changes, latency };
}

/**
 * Confirmed states of the systems overlapping [from, to), in order. Packed into one JSON text
 * (system, status, start and end in epoch ms, reason only for incidents): on PGlite handing over
 * 10,000 rows one by one took ~400 ms of a quarterly report (measured), the one text ~10×less.
 */
async function loadChanges(ctx: Context, systemIds: string[], from: number, to: number): Promise<StateChangeRow[]> {
  const [row] = await ctx.db.$queryRaw<{ packed: string | null }[]>`
    SELECT json_agg(json_build_array(sc.system_id, sc.to_status, (extract(epoch FROM sc.started_at) * 1000)::bigint,
             (extract(epoch FROM sc.ended_at) * 1000)::bigint, CASE WHEN sc.to_status IN ('down', 'degraded') THEN sc.reason END)
           ORDER BY sc.system_id, sc.started_at)::text AS packed
    FROM status_changes sc
    WHERE sc.system_id = ANY(${systemIds}::uuid[]) AND ${scopeSql(ctx, { systemId: "sc.system_id" })}
      AND sc.started_at < ${new Date(to)}::timestamptz AND (sc.ended_at IS NULL OR sc.ended_at > ${new Date(from)}::timestamptz)`;
  if (!row?.packed) return [];
  const list = JSON.parse(row.packed) as [string, SystemStatus, number | string, number | string | null, string | null][];
  return list.map(([systemId, toStatus, start, end, reason]) => ({ systemId, toStatus, reason: reason ?? "", startedAt: new Date(Number(start)), endedAt: end === null ? null : new Date(Number(end)) }));
}
