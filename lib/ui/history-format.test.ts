import { describe, expect, it } from "vitest";
import { formatDayUtc, formatDuration, formatLatency, formatPct } from "./history-format";

describe("history formatting", () => {
  it("formatPct trims zeros and shows a dash for no data", () => {
    expect(formatPct(100)).toBe("100%");
    expect(formatPct(99.95)).toBe("99.95%");
    expect(formatPct(99.9)).toBe("99.9%");
    expect(formatPct(0)).toBe("0%");
    expect(formatPct(null)).toBe("—");
  });

  it("formatDuration keeps the two largest units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(7 * 60_000 + 10_000)).toBe("7 min 10 s");
    expect(formatDuration(2 * 3_600_000)).toBe("2 h");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000)).toBe("3 d 4 h");
    expect(formatDuration(86_400_000)).toBe("1 d");
  });

  it("formatDayUtc writes the UTC day in the app's one date format", () => {
    expect(formatDayUtc("2026-11-12")).toBe("12 Nov 2026");
    expect(formatDayUtc("not a day")).toBe("not a day");
  });

  it("formatLatency", () => {
    expect(formatLatency(175.8)).toBe("176 ms");
    expect(formatLatency(3.14)).toBe("3.1 ms");
    expect(formatLatency(2500)).toBe("2,500 ms");
    expect(formatLatency(null)).toBe("—");
  });
});
