// OWNER: helper A (compute). Builds the whole ReportDocument for one client and period from the
// database (rollups, state changes, maintenance windows, metric rollups), then the pure parts
// (executive summary, recommendations). Reads only; the caller stores the result.
//
// Reads (all bounded by the period, none of raw health_checks or metric_samples): the client and
// its systems; status_changes overlapping [previous.start, period.end); check_rollups of the
// period (daily + edge hours); metric_rollups through readRollupTotals (current + previous) and
// the period's day buckets; maintenance windows of the client.
import { scopeClients } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { maintenanceIntervals, maintenanceOccurrences } from "@/lib/maintenance/maintenance-at";
import { startOfLocalDay } from "@/lib/metrics/zone-time";
import { REPORT_FORMAT_VERSION, type ReportDocument, type ReportType } from "../contracts";
import type { ResolvedReportPeriod } from "../periods";
import { summarizeReport } from "./executive-summary";
import { buildMethodology } from "./methodology";
import { buildPerformance } from "./performance";
import { recommendReport } from "./recommendations";
import { buildSystemHealth, loadHealthData, localDays, type Span } from "./system-health";

export interface ComputeReportArgs {
  /** clients.id (not the slug). The caller has already checked scope. */
  clientRef: string;
  reportType: ReportType;
  period: ResolvedReportPeriod;
  includeRecommendations: boolean;
  reportId: string;
  /** The caller sets the final version when storing; compute puts this one in the metadata. */
  version: number;
  generatedAt: Date;
  generatedBy: string;
  agencyName: string;
}

export type ComputedSections = Pick<ReportDocument, "report_metadata" | "system_health" | "performance_metrics" | "methodology">;

const spanOf = (p: { start: string; end: string }): Span => ({ start: Date.parse(p.start), end: Date.parse(p.end) });

/** Everything but the executive summary and recommendations (B's pure parts read these). */
export async function computeSections(ctx: Context, args: ComputeReportArgs): Promise<ComputedSections> {
  const client = await ctx.db.client.findFirst({
    where: scopeClients(ctx, { id: args.clientRef }),
    select: {
      id: true,
      clientId: true,
      name: true,
      timeZone: true,
      slaTarget: true,
      currency: true,
      hourlyRateCents: true,
      systems: { select: { id: true, name: true, createdAt: true, degradedThresholdMs: true }, orderBy: [{ position: "asc" }, { name: "asc" }] },
    },
  });
  if (!client) throw new NotFoundError("The client was not found");
  const zone = client.timeZone;
  const P = spanOf(args.period.current);
  const Q = spanOf(args.period.previous);
  const now = args.generatedAt.getTime();
  // A system created after the period ended was not part of it.
  const systems = client.systems.filter((s) => s.createdAt.getTime() < P.end);
  const ids = systems.map((s) => s.id);
  const from = Math.min(P.start, Q.start);

  const [health, maintenance, occurrences, performance] = await Promise.all([
    loadHealthData(ctx, ids, P, Q),
    maintenanceIntervals(ctx.db, [client.id], new Date(from), new Date(P.end)),
    maintenanceOccurrences(ctx.db, client.id, new Date(P.start), new Date(P.end)),
    buildPerformance(ctx, { zone, currency: client.currency, hourlyRateCents: client.hourlyRateCents, period: P, previous: Q, systems }),
  ]);
  const merged = maintenance.get(client.id) ?? [];
  const { section, coverage } = buildSystemHealth({
    zone,
    slaTarget: client.slaTarget,
    period: P,
    previous: Q,
    now,
    systems,
    changes: health.changes,
    maintenance: merged,
    latency: health.latency,
  });
  let maintenanceMs = 0;
  for (const m of merged) maintenanceMs += Math.max(0, Math.min(m.end.getTime(), P.end) - Math.max(m.start.getTime(), P.start));

  const methodology = buildMethodology({
    zone,
    slaTarget: client.slaTarget,
    hourlyRate: client.hourlyRateCents / 100,
    currency: client.currency,
    period: args.period.current,
    previousLabel: args.period.previous.label,
    span: P,
    dayCount: localDays(zone, P).length,
    wholeDays: startOfLocalDay(zone, P.start) === P.start && startOfLocalDay(zone, P.end) === P.end,
    maintenanceMs,
    occurrences,
    health: coverage,
    performance,
  });

  return {
    report_metadata: {
      report_id: args.reportId,
      version: args.version,
      client_id: client.clientId,
      client_name: client.name,
      report_type: args.reportType,
      period_label: args.period.current.label,
      period: args.period.current,
      previous_period: args.period.previous,
      time_zone: zone,
      generated_at: args.generatedAt.toISOString(),
      generated_by: args.generatedBy,
      include_recommendations: args.includeRecommendations,
      sla_target: client.slaTarget,
      currency: client.currency,
      agency_name: args.agencyName,
      format_version: REPORT_FORMAT_VERSION,
    },
    system_health: section,
    performance_metrics: performance,
    methodology,
  };
}

export async function computeReportDocument(ctx: Context, args: ComputeReportArgs): Promise<ReportDocument> {
  const sections = await computeSections(ctx, args);
  const input = { report_metadata: sections.report_metadata, system_health: sections.system_health, performance_metrics: sections.performance_metrics };
  return {
    report_metadata: sections.report_metadata,
    executive_summary: summarizeReport(input),
    system_health: sections.system_health,
    performance_metrics: sections.performance_metrics,
    recommendations: recommendReport(input, args.includeRecommendations),
    methodology: sections.methodology,
  };
}
