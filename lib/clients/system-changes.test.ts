import { describe, expect, it } from "vitest";
import { changedSystemFields, schedulingResetFor, urlForAudit } from "./system-changes";

const base = { healthUrl: "https://a.example.com/health", checkIntervalSec: 60, enabled: true, confirmations: 2 };
const PENDING_CLEARED = { pendingStatus: null, pendingCount: 0, pendingSince: null };

describe("schedulingResetFor", () => {
  it("resets nothing when the scheduling fields are the same", () => {
    expect(schedulingResetFor(base, { ...base })).toEqual({});
  });
  it("re-phases on a new interval or enabled flag, keeping the pending run", () => {
    expect(schedulingResetFor(base, { ...base, checkIntervalSec: 30 })).toEqual({ nextCheckAt: null });
    expect(schedulingResetFor(base, { ...base, enabled: false })).toEqual({ nextCheckAt: null });
  });
  it("clears the pending run on new confirmations without re-phasing", () => {
    expect(schedulingResetFor(base, { ...base, confirmations: 3 })).toEqual(PENDING_CLEARED);
  });
  it("does both on a new health URL", () => {
    expect(schedulingResetFor(base, { ...base, healthUrl: "https://b.example.com/health" })).toEqual({ nextCheckAt: null, ...PENDING_CLEARED });
  });
});

describe("urlForAudit", () => {
  it("drops the query string (where tokens live) and keeps the rest", () => {
    expect(urlForAudit("https://a.example.com:8443/v1/health?key=secret#x")).toBe("https://a.example.com:8443/v1/health?…");
    expect(urlForAudit("http://a.example.com/health")).toBe("http://a.example.com/health");
    expect(urlForAudit(null)).toBeNull();
  });
});

describe("changedSystemFields", () => {
  const system = {
    name: "Orders",
    health_url: "https://a.example.com/health?token=t",
    metrics_url: null,
    check_interval_seconds: 60,
    timeout_ms: 10_000,
    degraded_threshold_ms: 2_000,
    confirmations: 2,
    enabled: true,
  };
  it("lists only the fields that differ", () => {
    expect(changedSystemFields(system, { ...system })).toEqual({ before: {}, after: {} });
    expect(changedSystemFields(system, { ...system, metrics_url: "https://a.example.com/metrics", enabled: false })).toEqual({
      before: { metrics_url: null, enabled: true },
      after: { metrics_url: "https://a.example.com/metrics", enabled: false },
    });
  });
  it("shows URLs without their query", () => {
    const diff = changedSystemFields(system, { ...system, health_url: "https://b.example.com/health?token=u" });
    expect(diff).toEqual({ before: { health_url: "https://a.example.com/health?…" }, after: { health_url: "https://b.example.com/health?…" } });
  });
  it("says a change hidden in the query string happened", () => {
    expect(changedSystemFields(system, { ...system, health_url: "https://a.example.com/health?token=new" })).toEqual({
      before: { health_url: "https://a.example.com/health?…" },
      after: { health_url: "https://a.example.com/health?… (query changed)" },
    });
  });
});
