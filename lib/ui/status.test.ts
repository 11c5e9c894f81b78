import { describe, expect, it } from "vitest";
import { attentionHeadline, statusExplanation } from "./status";

describe("status presentation", () => {
  it("agrees the verb with the number of troubled systems", () => {
    expect(attentionHeadline(1, 4)).toBe("1 of 4 systems needs attention");
    expect(attentionHeadline(2, 4)).toBe("2 of 4 systems need attention");
    expect(attentionHeadline(1, 1)).toBe("1 of 1 system needs attention");
  });

  it("explains a status with the verb's reason, or says it is waiting", () => {
    expect(statusExplanation("down", "Orders: HTTP 503", "2026-01-01T00:00:00Z")).toBe("Orders: HTTP 503");
    expect(statusExplanation("unknown", null, null)).toBe("Awaiting first check");
    expect(statusExplanation("healthy", null, "2026-01-01T00:00:00Z")).toBe("Healthy");
  });
});
