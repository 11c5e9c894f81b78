import { describe, expect, it } from "vitest";
import { formatAgo, formatClockUtc, formatDateUtc, formatDuration, formatInterval, formatMilliseconds, formatTimestampUtc, formatUtc } from "./relative-time";

const now = Date.parse("2026-11-21T12:00:00Z");

describe("formatAgo", () => {
  it("reads as just now for the first few seconds and for clock skew into the future", () => {
    expect(formatAgo(now, now)).toBe("just now");
    expect(formatAgo(now - 4_000, now)).toBe("just now");
    expect(formatAgo(now + 10_000, now)).toBe("just now");
  });
  it("counts seconds, minutes, hours and days", () => {
    expect(formatAgo(now - 12_000, now)).toBe("12 s ago");
    expect(formatAgo(now - 59_999, now)).toBe("59 s ago");
    expect(formatAgo(now - 60_000, now)).toBe("1 min ago");
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe("3 h ago");
    expect(formatAgo(now - 2 * 86_400_000, now)).toBe("2 d ago");
  });
  it("survives garbage", () => {
    expect(formatAgo(Number.NaN, now)).toBe("just now");
  });
});

describe("timestamps and durations", () => {
  it("formats UTC timestamps and dates the same everywhere", () => {
    expect(formatTimestampUtc("2026-11-21T17:52:09.123Z")).toBe("21 Nov 2026, 17:52 UTC");
    expect(formatTimestampUtc("2026-11-21T17:52:09.123Z", "second")).toBe("21 Nov 2026, 17:52:09 UTC");
    expect(formatDateUtc("2026-11-21T23:59:00Z")).toBe("21 Nov 2026");
    expect(formatDateUtc("2026-01-05T00:00:00Z")).toBe("5 Jan 2026");
    expect(formatTimestampUtc("not a date")).toBe("not a date");
    expect(formatUtc(Number.NaN)).toBe("—");
    expect(formatClockUtc(Date.parse("2026-11-21T07:05:00Z"))).toBe("07:05");
  });
  it("uses the same units for durations, intervals, timeouts and \"ago\"", () => {
    expect(formatDuration(90_000)).toBe("90 s");
    expect(formatDuration(7 * 60_000 + 10_000)).toBe("7 min 10 s");
    expect(formatInterval(150)).toBe("2 min 30 s");
    expect(formatInterval(5400)).toBe("1 h 30 min");
    expect(formatMilliseconds(120_000)).toBe("2 min");
  });
  it("formats intervals and milliseconds compactly", () => {
    expect(formatInterval(60)).toBe("60 s");
    expect(formatInterval(300)).toBe("5 min");
    expect(formatInterval(7200)).toBe("2 h");
    expect(formatMilliseconds(10_000)).toBe("10 s");
    expect(formatMilliseconds(2_500)).toBe("2,500 ms");
    expect(formatMilliseconds(800)).toBe("800 ms");
  });
});
