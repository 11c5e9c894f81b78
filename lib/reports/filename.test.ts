import { describe, expect, it } from "vitest";
import { reportFilename } from "./filename";

const meta = (report_type: "monthly" | "quarterly" | "weekly" | "custom", start: string, end: string, time_zone = "UTC", version = 1) => ({
  client_id: "acme",
  report_type,
  time_zone,
  version,
  period: { start, end, label: "", hours: 0 },
});

describe("reportFilename", () => {
  it("names a month, a quarter, a week and a custom range in the client's zone", () => {
    expect(reportFilename(meta("monthly", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"), "pdf")).toBe("acme-2026-10-monthly.pdf");
    // Auckland's October starts on 30 September in UTC.
    expect(reportFilename(meta("monthly", "2026-09-30T11:00:00Z", "2026-10-31T11:00:00Z", "Pacific/Auckland"), "pdf")).toBe("acme-2026-10-monthly.pdf");
    expect(reportFilename(meta("quarterly", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"), "csv")).toBe("acme-2026-q3-quarterly.csv");
    expect(reportFilename(meta("weekly", "2026-10-05T00:00:00Z", "2026-10-12T00:00:00Z"), "json")).toBe("acme-2026-10-05-weekly.json");
    expect(reportFilename(meta("custom", "2026-10-01T00:00:00Z", "2026-10-16T00:00:00Z"), "pdf")).toBe("acme-2026-10-01-to-2026-10-15-custom.pdf");
  });
  it("adds the version after the first", () => {
    expect(reportFilename(meta("monthly", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "UTC", 3), "pdf")).toBe("acme-2026-10-monthly-v3.pdf");
  });
});
