// The documented overall-health rule at each threshold, and the sentences citing the numbers.
import { describe, expect, it } from "vitest";
import type { ReportDocument } from "../contracts";
import { emptyReportDocument, sampleReportDocument } from "../test-fixtures";
import { OVERALL_HEALTH_RULE, overallHealth, summarizeReport } from "./executive-summary";

const doc = () => structuredClone(sampleReportDocument());
const sys = (d: ReportDocument, name: string) => d.system_health.systems.find((s) => s.system === name)!;
const text = (d: ReportDocument) => {
  const s = summarizeReport(d);
  return [s.headline, ...s.key_achievements, ...s.areas_for_improvement].join("\n");
};

describe("overall health", () => {
  it("the sample month (SLA met everywhere, 97.58 % success) is healthy", () => {
    expect(overallHealth(doc())).toBe("healthy");
  });

  it("the rule in words carries the thresholds the code uses", () => {
    expect(OVERALL_HEALTH_RULE).toContain("below 95 % or one system was down for more than 10 % of the period");
  });

  it("no monitored time → no_data", () => {
    expect(overallHealth(emptyReportDocument())).toBe("no_data");
    const d = doc();
    d.system_health.uptime_summary = null;
    expect(overallHealth(d)).toBe("no_data");
  });

  it("down below 95 % client-wide uptime, not at 95 %", () => {
    const d = doc();
    d.system_health.uptime_summary = 94.999;
    expect(overallHealth(d)).toBe("down");
    d.system_health.uptime_summary = 95;
    d.system_health.sla_met = false;
    expect(overallHealth(d)).toBe("degraded");
  });

  it("down when one system was down for more than 10 % of the period outside maintenance", () => {
    // October: 44,640 min − 120 min maintenance = 44,520; 10 % = 4,452 min.
    const d = doc();
    sys(d, "Invoice sync").down_minutes = 4453;
    expect(overallHealth(d)).toBe("down");
    sys(d, "Invoice sync").down_minutes = 4452;
    expect(overallHealth(d)).toBe("healthy");
  });

  it("degraded when the SLA was missed client-wide or by one system", () => {
    const d = doc();
    d.system_health.sla_met = false;
    expect(overallHealth(d)).toBe("degraded");
    const e = doc();
    Object.assign(sys(e, "CRM bridge"), { uptime_pct: 99.4, sla_met: false });
    expect(overallHealth(e)).toBe("degraded");
  });

  it("degraded below a 95 % success rate, healthy at 95 %; ignored when metrics were not reported", () => {
    const d = doc();
    d.performance_metrics.automation_summary.success_rate = 94.99;
    expect(overallHealth(d)).toBe("degraded");
    d.performance_metrics.automation_summary.success_rate = 95;
    expect(overallHealth(d)).toBe("healthy");
    d.performance_metrics.automation_summary.success_rate = 50;
    d.performance_metrics.has_data = false;
    expect(overallHealth(d)).toBe("healthy");
  });
});

describe("summarizeReport", () => {
  it("headline: period label and the key number; achievements cite volume, rate and money in the currency", () => {
    const s = summarizeReport(doc());
    expect(s.overall_health).toBe("healthy");
    expect(s.headline).toBe("All 3 systems met the 99.5 % target in October 2026, with 99.933 % uptime overall; Invoice sync was down for 1 h 30 min.");
    const all = s.key_achievements.join("\n");
    expect(all).toContain("12,400 automations ran (+12.7 % on September 2026) at a 97.58 % success rate, up 1.22 points.");
    expect(all).toContain("€18,250.40 in cost savings, 9.6 % more than in September 2026");
    expect(all).toContain("€7,762.50");
    expect(all).toContain("CRM bridge and Email parser ✓ had no downtime.");
    expect(all).toContain("Only 13.5 % of the error budget was used (1 h 30 min of 11 h 9 min).");
    expect(s.areas_for_improvement).toContain("Longest outage: Invoice sync was down for 1 h 30 min from 14 Oct 2026, 08:00 (HTTP 503 from /health).");
    expect(s.areas_for_improvement).toContain("Mean time to recovery was 1 h 8 min.");
  });

  it("times are in the client's zone and money in the client's currency", () => {
    const d = doc();
    d.report_metadata.time_zone = "Europe/Berlin";
    d.performance_metrics.roi_analysis.currency = "USD";
    const t = text(d);
    expect(t).toContain("14 Oct 2026, 10:00"); // 08:00 UTC = 10:00 CEST
    expect(t).toContain("$18,250.40");
    expect(t).not.toContain("€");
  });

  it("a missed target names the system, its uptime, downtime and incidents", () => {
    const d = doc();
    d.system_health.sla_met = false;
    d.system_health.uptime_summary = 99.41;
    Object.assign(sys(d, "Invoice sync"), { uptime_pct: 98.5, sla_met: false, down_minutes: 668, incidents: 4 });
    const s = summarizeReport(d);
    expect(s.overall_health).toBe("degraded");
    expect(s.headline).toBe("2 of 3 systems met the 99.5 % target in October 2026 (99.41 % uptime overall); Invoice sync was down for 11 h 8 min.");
    expect(s.areas_for_improvement).toContain("Overall uptime was 99.41 % against the 99.5 % target.");
    expect(s.areas_for_improvement).toContain("Invoice sync: 98.5 % uptime against the 99.5 % target (down 11 h 8 min in 4 incidents).");
    expect(s.key_achievements.join(" ")).not.toContain("meeting the");
  });

  it("metrics not reported: says so, never '0 automations' or a zero amount", () => {
    const d = doc();
    d.performance_metrics = { ...emptyReportDocument().performance_metrics };
    const s = summarizeReport(d);
    expect(s.areas_for_improvement).toContain("No automation metrics were reported for October 2026, so automation volume, success rate and savings are not shown.");
    const t = text(d);
    expect(t).not.toMatch(/\b0 automations/);
    expect(t).not.toContain("€0.00");
  });

  it("no data at all: no_data, a plain headline, empty lists", () => {
    expect(summarizeReport(emptyReportDocument())).toEqual({
      overall_health: "no_data",
      headline: "No monitoring data was recorded for Acme Logistics in October 2026.",
      key_achievements: [],
      areas_for_improvement: [],
    });
  });

  it("metrics but no uptime data: the headline says both", () => {
    const d = doc();
    d.system_health = { ...emptyReportDocument().system_health };
    expect(summarizeReport(d).headline).toBe("No uptime data was recorded for Acme Logistics in October 2026; 12,400 automations ran at a 97.58 % success rate.");
  });

  it("exceeded error budget, falling success rate, slower runs and lower savings are areas for improvement", () => {
    const d = doc();
    d.system_health.error_budget = { allowed_minutes: 669, used_minutes: 800, remaining_minutes: 0, used_pct: 119.58 };
    Object.assign(d.performance_metrics.automation_summary, { success_rate: 93.5, failed_automations: 806, success_rate_change: -2.86, processing_time_change_pct: 25, avg_processing_time: 5.75 });
    d.performance_metrics.roi_analysis.cost_savings_change_pct = -12.5;
    const a = summarizeReport(d).areas_for_improvement.join("\n");
    expect(a).toContain("The error budget was exceeded: 13 h 20 min of downtime against 11 h 9 min allowed (119.6 %).");
    expect(a).toContain("806 of 12,400 automations failed (93.5 % success rate).");
    expect(a).toContain("The success rate fell by 2.86 points on September 2026.");
    expect(a).toContain("Automations took 25 % longer than in September 2026 (5.75 s each).");
    expect(a).toContain("Cost savings fell 12.5 % on September 2026, to €18,250.40.");
  });

  it("partial monitoring is named with its coverage", () => {
    const d = doc();
    sys(d, "CRM bridge").coverage = 0.5;
    expect(summarizeReport(d).areas_for_improvement).toContain("CRM bridge (50 %) was monitored for only part of the period; uptime covers that part.");
  });
});
