import { describe, expect, it } from "vitest";
import { formatLatency, formatUptime } from "./format-figures";

describe("figures", () => {
  it("never rounds uptime up to a perfect 100 %", () => {
    expect(formatUptime(100)).toBe("100 %");
    expect(formatUptime(99.999)).toBe("99.99 %");
    expect(formatUptime(99.5)).toBe("99.50 %");
    expect(formatUptime(0)).toBe("0.00 %");
  });
  it("reads latency in ms below a second and in seconds above", () => {
    expect(formatLatency(245.3)).toBe("245 ms");
    expect(formatLatency(2380)).toBe("2.4 s");
    expect(formatLatency(12_400)).toBe("12 s");
  });
});
