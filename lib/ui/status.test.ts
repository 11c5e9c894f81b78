import { describe, expect, it } from "vitest";
import { statusExplanation } from "./status";

describe("status presentation", () => {
  it("explains a status with the verb's reason, or says it is waiting", () => {
    expect(statusExplanation("down", "Orders: HTTP 503", "2026-01-01T00:00:00Z")).toBe("Orders: HTTP 503");
    expect(statusExplanation("unknown", null, null)).toBe("Awaiting first check");
    expect(statusExplanation("healthy", null, "2026-01-01T00:00:00Z")).toBe("Healthy");
  });
});
