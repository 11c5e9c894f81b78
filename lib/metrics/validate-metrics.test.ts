// The validation table: every bad payload gets its precise reason; what is kept of a pulled
// payload is only what is unambiguous. (That nothing is stored for them is checked against the
// databases in metrics-collection.integration.test.ts.)
import { describe, expect, it } from "vitest";
import { failureBackoffMs, pullSpan } from "./pull-schedule";
import { validateMetricsPayload } from "./validate-metrics";

const NOW = new Date("2026-12-03T12:00:00Z");
const good = () => ({
  period: { start: "2026-12-03T11:00:00Z", end: "2026-12-03T11:15:00Z" },
  total_automations: 450,
  successful_automations: 428,
  failed_automations: 22,
  total_processing_time: 1125.5,
  cost_savings: 2840.75,
  efficiency_gains: { time_saved_hours: 112.5, error_reduction_percentage: 87.3, process_improvement: 45.2 },
});
type Payload = Record<string, unknown>;
const without = (key: string) => {
  const p: Payload = good();
  delete p[key];
  return p;
};

describe("validateMetricsPayload", () => {
  it("accepts the seed's payload, money as exact cents", () => {
    const v = validateMetricsPayload(good(), { now: NOW, mode: "push" });
    expect(v).toEqual({
      ok: true,
      dropped: [],
      sample: {
        periodStart: new Date("2026-12-03T11:00:00Z"),
        periodEnd: new Date("2026-12-03T11:15:00Z"),
        total: 450,
        successful: 428,
        failed: 22,
        processingMilli: 1_125_500n,
        costCents: 284_075n,
        timeSavedMilli: 112_500n,
        errorReductionPct: 87.3,
        processImprovement: 45.2,
      },
    });
  });

  const table: [string, unknown, string][] = [
    ["successful > total", { ...good(), total_automations: 428, successful_automations: 430, failed_automations: 0 }, "metrics rejected: successful 430 > total 428"],
    ["successful + failed > total", { ...good(), failed_automations: 23 }, "metrics rejected: successful 428 + failed 23 > total 450"],
    ["failed > total", { ...good(), total_automations: 5, successful_automations: 0, failed_automations: 6 }, "metrics rejected: failed 6 > total 5"],
    ["negative count", { ...good(), failed_automations: -1 }, "metrics rejected: failed_automations must not be negative"],
    ["fractional count", { ...good(), total_automations: 450.5 }, "metrics rejected: total_automations must be a whole number"],
    ["mistyped count", { ...good(), total_automations: "450" }, "metrics rejected: total_automations must be a number"],
    ["missing count", without("successful_automations"), "metrics rejected: successful_automations is required"],
    ["non-finite number (1e999 in JSON)", { ...good(), cost_savings: Infinity }, "metrics rejected: cost_savings must be a finite number"],
    ["NaN", { ...good(), total_processing_time: NaN }, "metrics rejected: total_processing_time must be a finite number"],
    ["negative money", { ...good(), cost_savings: -0.01 }, "metrics rejected: cost_savings must not be negative"],
    ["missing period", without("period"), "metrics rejected: period is required"],
    ["period without zone", { ...good(), period: { start: "2026-12-03T11:00:00", end: "2026-12-03T11:15:00Z" } }, "metrics rejected: period.start must be an ISO 8601 date-time with a time zone, e.g. 2026-12-03T10:00:00Z"],
    ["reversed period", { ...good(), period: { start: "2026-12-03T11:15:00Z", end: "2026-12-03T11:00:00Z" } }, "metrics rejected: period reversed: end 2026-12-03T11:00:00.000Z is before start 2026-12-03T11:15:00.000Z"],
    ["empty period", { ...good(), period: { start: "2026-12-03T11:00:00Z", end: "2026-12-03T11:00:00Z" } }, "metrics rejected: period is empty: end equals start 2026-12-03T11:00:00.000Z"],
    ["period in the future", { ...good(), period: { start: "2026-12-03T11:00:00Z", end: "2026-12-03T12:01:01Z" } }, "metrics rejected: period ends in the future (2026-12-03T12:01:01.000Z, now 2026-12-03T12:00:00.000Z)"],
    ["period over 7 days", { ...good(), period: { start: "2026-11-26T11:00:00Z", end: "2026-12-03T11:00:01Z" } }, "metrics rejected: period 2026-11-26T11:00:00.000Z – 2026-12-03T11:00:01.000Z is longer than 7 days; send shorter periods"],
    ["not an object", [good()], "metrics rejected: expected a JSON object with the seed's /metrics fields, got an array"],
    ["null", null, "metrics rejected: expected a JSON object with the seed's /metrics fields, got null"],
    ["unknown field (push)", { ...good(), total_automatons: 1 }, 'metrics rejected: unknown field "total_automatons"'],
  ];
  it.each(table)("rejects %s with its reason", (_name, payload, reason) => {
    const v = validateMetricsPayload(payload, { now: NOW, mode: "push" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toBe(reason);
  });

  it("names the field in each issue (REST 422, MCP isError)", () => {
    const v = validateMetricsPayload({ ...good(), total_automations: 428, successful_automations: 430, failed_automations: 0 }, { now: NOW, mode: "push" });
    expect(v.ok ? [] : v.issues).toEqual([{ path: "successful_automations", message: "successful 430 > total 428" }]);
    const w = validateMetricsPayload({ ...good(), period: { start: "x", end: "2026-12-03T11:00:00Z" } }, { now: NOW, mode: "push" });
    expect(w.ok ? [] : w.issues.map((i) => i.path)).toEqual(["period.start"]);
  });

  it("tolerates a sender's clock up to 60 s ahead", () => {
    expect(validateMetricsPayload({ ...good(), period: { start: "2026-12-03T11:00:00Z", end: "2026-12-03T12:01:00Z" } }, { now: NOW, mode: "pull" }).ok).toBe(true);
  });

  it("pull: keeps the core numbers when only efficiency_gains is invalid or a field is unknown, and says what was left out", () => {
    const bad = validateMetricsPayload({ ...good(), efficiency_gains: { time_saved_hours: "lots" }, system_info: { version: "1" } }, { now: NOW, mode: "pull" });
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    expect(bad.sample).toMatchObject({ total: 450, costCents: 284_075n, timeSavedMilli: null, errorReductionPct: null });
    expect(bad.dropped).toEqual(["efficiency_gains dropped", "efficiency_gains.time_saved_hours must be a number", 'unknown field "system_info" ignored']);
    // …but the same payload pushed is refused: the sender can fix it.
    expect(validateMetricsPayload({ ...good(), efficiency_gains: { time_saved_hours: "lots" } }, { now: NOW, mode: "push" }).ok).toBe(false);
    // A core problem rejects a pulled sample too: counts without a valid period mean nothing.
    const core = validateMetricsPayload({ ...good(), efficiency_gains: { time_saved_hours: "lots" }, total_automations: -1 }, { now: NOW, mode: "pull" });
    expect(core.ok ? "" : core.reason).toBe("metrics rejected: total_automations must not be negative; efficiency_gains.time_saved_hours must be a number");
  });

  it("rounds money beyond the cent half away from zero, and says so", () => {
    const v = validateMetricsPayload({ ...good(), cost_savings: 2840.755 }, { now: NOW, mode: "push" });
    expect(v.ok && v.sample.costCents).toBe(284_076n);
    expect(v.ok && v.dropped).toEqual(["cost_savings 2840.755 rounded to the cent"]);
  });
});

describe("pull spans and back-off", () => {
  it("asks for [cursor, now), the last interval before the first sample, and at most 7 days at a time", () => {
    const cursor = new Date("2026-12-03T11:00:00Z");
    expect(pullSpan(cursor, NOW, 900)).toEqual({ start: cursor, end: NOW, behind: false });
    expect(pullSpan(null, NOW, 900)).toEqual({ start: new Date("2026-12-03T11:45:00Z"), end: NOW, behind: false });
    expect(pullSpan(NOW, NOW, 900)).toBeNull();
    const old = new Date("2026-11-01T00:00:00Z");
    expect(pullSpan(old, NOW, 900)).toEqual({ start: old, end: new Date("2026-11-08T00:00:00Z"), behind: true });
  });
  it("retries after 1, 2, 4, 8, then every 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => failureBackoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });
});
