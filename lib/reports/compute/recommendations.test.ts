// Each documented rule fires on data built to cross its threshold, stays silent just below it,
// and cites the numbers that triggered it; plus the section's notes and ordering.
import { describe, expect, it } from "vitest";
import type { Recommendation, ReportDocument } from "../contracts";
import { emptyReportDocument, sampleReportDocument } from "../test-fixtures";
import { RECOMMENDATION_RULES } from "./recommendation-rules";
import { RECOMMENDATIONS_NO_DATA, RECOMMENDATIONS_NOT_REQUESTED, recommendReport } from "./recommendations";

/** The sample month adjusted so that no rule fires: each case then moves one figure. */
function quiet(): ReportDocument {
  const d = structuredClone(sampleReportDocument());
  d.system_health.mttr_minutes = 20;
  d.performance_metrics.automation_summary.failed_automations = 100; // ≈ 0.8 % of savings not saved
  d.performance_metrics.coverage = d.performance_metrics.coverage.map((c) => ({ ...c, covered_share: 1 }));
  return d;
}

function all(d: ReportDocument): Recommendation[] {
  const s = recommendReport(d, true);
  return [...s.performance_optimizations, ...s.cost_savings_opportunities, ...s.strategic_initiatives];
}

const fired = (d: ReportDocument, rule: string) => all(d).filter((r) => r.rule === rule);

interface Case {
  rule: string;
  fire: (d: ReportDocument) => void;
  silent: (d: ReportDocument) => void;
  /** Text the detail must contain (the numbers that triggered it). */
  cites: string[];
  priority?: Recommendation["priority"];
  /** Other rules the same figures rightly trigger (621 failures are also money not saved). */
  also?: string[];
}

const sys = (d: ReportDocument, name: string) => d.system_health.systems.find((s) => s.system === name)!;
const perfSys = (d: ReportDocument, name: string) => d.performance_metrics.systems.find((s) => s.system === name)!;

const CASES: Case[] = [
  {
    rule: "below_target",
    fire: (d) => Object.assign(sys(d, "Invoice sync"), { uptime_pct: 99.412, sla_met: false, down_minutes: 262, incidents: 2 }),
    silent: (d) => Object.assign(sys(d, "Invoice sync"), { uptime_pct: 99.5, sla_met: true }),
    cites: ["Invoice sync", "99.412 %", "99.5 %", "4 h 22 min", "2 incidents"],
    priority: "high",
  },
  {
    rule: "slow_p95",
    fire: (d) => (sys(d, "CRM bridge").degraded_threshold_ms = 4000), // 3,400 / 4,000 = 85 %
    silent: (d) => (sys(d, "CRM bridge").degraded_threshold_ms = 4300), // 79 %
    cites: ["CRM bridge", "≈ 3,400 ms", "4,000 ms", "85 %"],
    priority: "low",
  },
  {
    rule: "low_success_rate",
    fire: (d) => Object.assign(d.performance_metrics.automation_summary, { success_rate: 94.99, failed_automations: 621 }),
    silent: (d) => Object.assign(d.performance_metrics.automation_summary, { success_rate: 95 }),
    cites: ["621 of 12,400", "94.99 %", "95 %", "Invoice sync at 97.5 %"],
    priority: "medium",
    also: ["failed_automation_value"],
  },
  {
    rule: "falling_success_rate",
    fire: (d) => Object.assign(d.performance_metrics.automation_summary, { success_rate_change: -2 }),
    silent: (d) => Object.assign(d.performance_metrics.automation_summary, { success_rate_change: -1.99 }),
    cites: ["fell by 2 points", "96.36 %", "September 2026", "97.58 %"],
  },
  {
    rule: "slower_processing",
    fire: (d) => Object.assign(d.performance_metrics.automation_summary, { avg_processing_time: 5.52, processing_time_change_pct: 20 }),
    silent: (d) => Object.assign(d.performance_metrics.automation_summary, { processing_time_change_pct: 19.99 }),
    cites: ["5.52 s", "+20 %", "4.6 s"],
  },
  {
    rule: "repeated_incidents",
    fire: (d) => (sys(d, "CRM bridge").incidents = 3),
    silent: (d) => (sys(d, "CRM bridge").incidents = 2),
    cites: ["CRM bridge had 3 incidents", "45 min"],
    priority: "medium",
  },
  {
    rule: "slow_recovery",
    fire: (d) => Object.assign(d.system_health, { mttr_minutes: 61, mttr_incidents: 3 }),
    silent: (d) => (d.system_health.mttr_minutes = 60),
    cites: ["1 h 1 min", "60 min threshold", "the mean of 3 outages"],
    priority: "medium",
  },
  {
    rule: "failed_automation_value",
    // €10,000 over 10,000 successes = €1.00 a run; 200 failures = €200 = 2 % of the savings.
    fire: (d) => {
      Object.assign(d.performance_metrics.automation_summary, { successful_automations: 10000, failed_automations: 200 });
      d.performance_metrics.roi_analysis.cost_savings = { cents: 1_000_000, amount: 10000 };
    },
    silent: (d) => {
      Object.assign(d.performance_metrics.automation_summary, { successful_automations: 10000, failed_automations: 199 });
      d.performance_metrics.roi_analysis.cost_savings = { cents: 1_000_000, amount: 10000 };
    },
    cites: ["200 automations failed", "€1.00", "≈ €200.00", "2 %", "€10,000.00"],
    priority: "low",
  },
  {
    rule: "low_savings_system",
    // CRM bridge runs 35.48 % of the volume; under half that share of savings (17.74 %) fires.
    fire: (d) => (perfSys(d, "CRM bridge").cost_savings = { cents: 300_000, amount: 3000 }), // 16.4 %
    silent: (d) => (perfSys(d, "CRM bridge").cost_savings = { cents: 330_000, amount: 3300 }), // 18.1 %
    cites: ["CRM bridge", "35.5 %", "4,400", "16.4 %", "€3,000.00"],
  },
  {
    rule: "labour_value",
    fire: (d) => (d.performance_metrics.roi_analysis.labor_cost_savings = { cents: 1_825_040, amount: 18250.4 }),
    silent: (d) => (d.performance_metrics.roi_analysis.labor_cost_savings = { cents: 1_825_039, amount: 18250.39 }),
    cites: ["310.5 h", "€18,250.40", "€25.00 an hour"],
  },
  {
    rule: "savings_decline",
    fire: (d) => (d.performance_metrics.roi_analysis.cost_savings_change_pct = -10),
    silent: (d) => (d.performance_metrics.roi_analysis.cost_savings_change_pct = -9.99),
    cites: ["€18,250.40", "−10 %", "€16,650.00"],
  },
  {
    rule: "error_budget_pressure",
    fire: (d) => (d.system_health.error_budget = { allowed_minutes: 669, used_minutes: 502, remaining_minutes: 167, used_pct: 75 }),
    silent: (d) => (d.system_health.error_budget = { allowed_minutes: 669, used_minutes: 501, remaining_minutes: 168, used_pct: 74.99 }),
    cites: ["75 %", "8 h 22 min", "11 h 9 min", "99.5 %"],
    priority: "medium",
  },
  {
    rule: "sla_headroom",
    fire: (d) => {
      sys(d, "Invoice sync").uptime_pct = 99.9;
      d.system_health.error_budget!.used_pct = 25;
    },
    silent: (d) => {
      sys(d, "Invoice sync").uptime_pct = 99.9;
      d.system_health.error_budget!.used_pct = 25.01;
    },
    cites: ["99.933 %", "99.5 %", "99.9 %", "25 %"],
    priority: "low",
  },
  {
    rule: "partial_metrics_coverage",
    fire: (d) => (d.performance_metrics.coverage[1]!.covered_share = 0.89),
    silent: (d) => (d.performance_metrics.coverage[1]!.covered_share = 0.9),
    cites: ["CRM bridge (89 %)", "90 %"],
  },
  {
    rule: "partial_health_coverage",
    fire: (d) => (sys(d, "Email parser ✓").coverage = 0.89),
    silent: (d) => (sys(d, "Email parser ✓").coverage = 0.9),
    cites: ["Email parser ✓ (89 %)", "90 %"],
  },
  {
    rule: "volume_growth",
    fire: (d) => (d.performance_metrics.automation_summary.volume_change_pct = 20),
    silent: (d) => (d.performance_metrics.automation_summary.volume_change_pct = 19.99),
    cites: ["12,400", "+20 %", "11,000", "September 2026"],
    priority: "low",
  },
];

describe("recommendation rules", () => {
  it("the quiet month fires nothing, and the note says so", () => {
    const s = recommendReport(quiet(), true);
    expect(all(quiet())).toEqual([]);
    expect(s.included).toBe(true);
    expect(s.note).toMatch(/^No recommendation rule fired for October 2026: /);
  });

  it("every documented rule has a fire/silent case here, and each has a doc line", () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(RECOMMENDATION_RULES.map((r) => r.id).sort());
    for (const r of RECOMMENDATION_RULES) expect(r.doc.length).toBeGreaterThan(30);
    expect(new Set(RECOMMENDATION_RULES.map((r) => r.category)).size).toBe(3);
  });

  for (const c of CASES) {
    it(`${c.rule}: fires at its threshold, citing the numbers`, () => {
      const d = quiet();
      c.fire(d);
      const recs = fired(d, c.rule);
      expect(recs).toHaveLength(1);
      const r = recs[0]!;
      for (const text of c.cites) expect(r.detail).toContain(text);
      expect(Object.keys(r.evidence).length).toBeGreaterThan(1);
      if (c.priority) expect(r.priority).toBe(c.priority);
      expect(recommendReport(d, true).note).toBeNull();
      // Only this rule fired on the moved figure (the cases are independent).
      expect(all(d).map((x) => x.rule).sort()).toEqual([c.rule, ...(c.also ?? [])].sort());
    });
    it(`${c.rule}: silent just below its threshold`, () => {
      const d = quiet();
      c.silent(d);
      expect(fired(d, c.rule)).toEqual([]);
    });
  }

  it("slow_p95 is silent without a known degraded threshold and grades priority by share", () => {
    const d = quiet();
    expect(fired(d, "slow_p95")).toEqual([]); // the fixture carries no thresholds
    sys(d, "CRM bridge").degraded_threshold_ms = 2000; // 170 %
    expect(fired(d, "slow_p95")[0]).toMatchObject({ priority: "high", evidence: { p95_response_ms: 3400, degraded_threshold_ms: 2000, p95_share_pct: 170 } });
    sys(d, "CRM bridge").degraded_threshold_ms = 3000; // 113 %
    expect(fired(d, "slow_p95")[0]!.priority).toBe("medium");
  });

  it("error_budget_pressure is high when the budget is exceeded", () => {
    const d = quiet();
    d.system_health.error_budget = { allowed_minutes: 100, used_minutes: 150, remaining_minutes: 0, used_pct: 150 };
    expect(fired(d, "error_budget_pressure")[0]).toMatchObject({ priority: "high", title: expect.stringContaining("exceeded") });
  });

  it("sla_headroom stays silent when one system is below the next tier", () => {
    const d = quiet();
    sys(d, "Invoice sync").uptime_pct = 99.89;
    d.system_health.error_budget!.used_pct = 10;
    expect(fired(d, "sla_headroom")).toEqual([]);
  });

  it("sorts each category by priority: high before medium before low", () => {
    const d = quiet();
    sys(d, "CRM bridge").degraded_threshold_ms = 4000; // low
    d.system_health.mttr_minutes = 300; // high
    sys(d, "CRM bridge").incidents = 3; // medium
    const s = recommendReport(d, true);
    expect(s.performance_optimizations.map((r) => [r.rule, r.priority])).toEqual([
      ["slow_recovery", "high"],
      ["repeated_incidents", "medium"],
      ["slow_p95", "low"],
    ]);
  });

  it("puts each recommendation in its rule's category", () => {
    const d = quiet();
    for (const c of CASES) c.fire(d);
    const s = recommendReport(d, true);
    for (const cat of ["performance_optimizations", "cost_savings_opportunities", "strategic_initiatives"] as const) {
      expect(s[cat].length).toBeGreaterThan(0);
      for (const r of s[cat]) expect(r.category).toBe(cat);
    }
  });

  it("not requested: included=false, empty lists, the note says so", () => {
    const d = quiet();
    d.system_health.mttr_minutes = 300;
    expect(recommendReport(d, false)).toEqual({ included: false, performance_optimizations: [], cost_savings_opportunities: [], strategic_initiatives: [], note: RECOMMENDATIONS_NOT_REQUESTED });
  });

  it("no data: empty lists and a note that there was no data (not a list of 0-based advice)", () => {
    const s = recommendReport(emptyReportDocument(), true);
    expect(s).toEqual({ included: true, performance_optimizations: [], cost_savings_opportunities: [], strategic_initiatives: [], note: RECOMMENDATIONS_NO_DATA });
  });
});
