// Stored reports for edge tests without the computation: a PreparedReport built from the shared
// fixture document (lib/reports/test-fixtures.ts) and written by the real storeReport, so
// storage, listing, scoping and downloads are tested on their own.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { ReportDocument, ReportType } from "@/lib/reports/contracts";
import { storeReport, type PreparedReport } from "@/lib/reports/generate-report";
import { sampleBranding, sampleReportDocument } from "@/lib/reports/test-fixtures";

export interface SampleReportOptions {
  reportType?: ReportType;
  /** Default: the fixture's October 2026. */
  period?: { start: string; end: string; label: string };
  generatedAt?: Date;
  schedule?: { id: string; scheduledFor: Date };
  document?: (doc: ReportDocument) => ReportDocument;
}

export function samplePrepared(client: { id: string; clientId: string; name: string }, options: SampleReportOptions = {}): PreparedReport {
  const base = sampleReportDocument();
  const period = options.period ? { ...options.period, hours: (Date.parse(options.period.end) - Date.parse(options.period.start)) / 3_600_000 } : base.report_metadata.period;
  const generatedAt = options.generatedAt ?? new Date("2026-11-02T09:00:00.000Z");
  const id = randomUUID();
  let document: ReportDocument = {
    ...base,
    report_metadata: {
      ...base.report_metadata,
      report_id: id,
      client_id: client.clientId,
      client_name: client.name,
      report_type: options.reportType ?? "monthly",
      period,
      period_label: period.label,
      generated_at: generatedAt.toISOString(),
    },
  };
  if (options.document) document = options.document(document);
  return {
    id,
    clientRef: client.id,
    clientId: client.clientId,
    clientName: client.name,
    reportType: options.reportType ?? "monthly",
    period: { current: period, previous: base.report_metadata.previous_period },
    timeZone: "UTC",
    includeRecommendations: true,
    generatedAt,
    generatedBy: "test",
    document,
    branding: sampleBranding,
  };
}

/** Stores one fixture report for a client (by slug) through the real storeReport. */
export async function storeSampleReport(db: Db, clientId: string, options: SampleReportOptions = {}): Promise<{ id: string; version: number; prepared: PreparedReport }> {
  const client = await db.client.findUniqueOrThrow({ where: { clientId }, select: { id: true, clientId: true, name: true } });
  const prepared = samplePrepared(client, options);
  const stored = await db.$transaction((tx) => storeReport(tx, prepared, options.schedule));
  if (!stored) throw new Error("storeSampleReport: the schedule run was already stored");
  return { ...stored, prepared };
}
