import { describe, expect, it } from "vitest";
import { countStatuses, overallStatus } from "./overall-status";

describe("overallStatus", () => {
  it("is the worst known status", () => {
    expect(overallStatus(["healthy", "degraded", "healthy"])).toBe("degraded");
    expect(overallStatus(["degraded", "down", "healthy"])).toBe("down");
    expect(overallStatus(["healthy", "healthy"])).toBe("healthy");
  });
  it("is unknown only when nothing is known", () => {
    expect(overallStatus([])).toBe("unknown");
    expect(overallStatus(["unknown", "unknown"])).toBe("unknown");
    expect(overallStatus(["unknown", "healthy"])).toBe("healthy");
    expect(overallStatus(["unknown", "down"])).toBe("down");
  });
  it("counts each status", () => {
    expect(countStatuses(["healthy", "down", "down", "unknown"])).toEqual({ healthy: 1, degraded: 0, down: 2, unknown: 1 });
  });
});
