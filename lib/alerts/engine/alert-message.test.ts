import { describe, expect, it } from "vitest";
import { alertMessage } from "./alert-message";

describe("alertMessage", () => {
  it("marks a windowed p95 (from histograms) as approximate and a last-check time as exact", () => {
    const p95 = alertMessage({ metric: "response_time", comparison: "greater_than", threshold: 5000, windowMinutes: 60, value: 6210.4, system: "CRM" });
    expect(p95).toBe("CRM: p95 response time ≈ 6210 ms over 1 h > 5000 ms");
    const last = alertMessage({ metric: "response_time", comparison: "greater_than", threshold: 5000, windowMinutes: 0, value: 6210.4, system: null });
    expect(last).toBe("response time 6210 ms > 5000 ms");
  });
});
