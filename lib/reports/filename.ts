// Download file names: "<client_id>-<period>-<type>[-v<N>].<ext>", e.g. acme-2026-10-monthly.pdf,
// acme-2026-q3-quarterly.pdf, acme-2026-10-05-weekly.pdf (the week's first day),
// acme-2026-10-01-to-2026-10-15-custom.csv. The period is read in the client's zone.
import { localDate } from "@/lib/metrics/zone-time";
import type { ReportMetadata } from "./contracts";

export function reportPeriodSlug(meta: Pick<ReportMetadata, "report_type" | "period" | "time_zone">): string {
  const zone = meta.time_zone;
  const start = localDate(zone, Date.parse(meta.period.start));
  switch (meta.report_type) {
    case "monthly":
      return start.slice(0, 7);
    case "quarterly":
      return `${start.slice(0, 4)}-q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
    case "custom": {
      // The end is exclusive: name the last day the range covers.
      const last = localDate(zone, Date.parse(meta.period.end) - 1);
      return start === last ? start : `${start}-to-${last}`;
    }
    default:
      return start;
  }
}

export function reportFilename(meta: Pick<ReportMetadata, "client_id" | "report_type" | "period" | "time_zone" | "version">, ext: string): string {
  const client = meta.client_id.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "client";
  const version = meta.version > 1 ? `-v${meta.version}` : "";
  return `${client}-${reportPeriodSlug(meta)}-${meta.report_type}${version}.${ext}`;
}
