// The shared report formats (PDF, HTML, CSV titles, summary and recommendation texts).
import { describe, expect, it } from "vitest";
import { formatChange, formatCount, formatDayOf, formatDuration, formatInstant, formatLocalDate, formatMoney, formatMs, formatPct, formatPeriodBounds, formatShare, safeAccentColor, textColorOn } from "./format";

describe("report formats", () => {
  it("percentages: trimmed decimals, a space before %, never 100 % while below, — for null", () => {
    expect(formatPct(99.933, 3)).toBe("99.933 %");
    expect(formatPct(97.58)).toBe("97.58 %");
    expect(formatPct(100)).toBe("100 %");
    expect(formatPct(99.9996, 3)).toBe("99.999 %");
    expect(formatPct(0)).toBe("0 %");
    expect(formatPct(null)).toBe("—");
    expect(formatShare(0.5)).toBe("50 %");
  });

  it("money in the currency (en-GB grouping), unknown codes still format", () => {
    expect(formatMoney(18250.4, "EUR")).toBe("€18,250.40");
    expect(formatMoney(1234.5, "USD")).toBe("$1,234.50");
    expect(formatMoney(99, "GBP")).toBe("£99.00");
    expect(formatMoney(1234.5, "XQQ")).toMatch(/^XQQ\s?1,234.50$/);
    expect(formatMoney(null, "EUR")).toBe("—");
  });

  it("durations in minutes: two largest units", () => {
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(67.5)).toBe("1 h 8 min");
    expect(formatDuration(3000)).toBe("2 d 2 h");
    expect(formatDuration(0.5)).toBe("30 s");
    expect(formatDuration(0)).toBe("0 min");
    expect(formatDuration(null)).toBe("—");
  });

  it("milliseconds with ≈ when approximate; counts with grouping; signed changes", () => {
    expect(formatMs(3400, true)).toBe("≈ 3,400 ms");
    expect(formatMs(412.4)).toBe("412 ms");
    expect(formatMs(null, true)).toBe("—");
    expect(formatCount(12400)).toBe("12,400");
    expect(formatChange(1.22, "points")).toBe("+1.22 points");
    expect(formatChange(-8.7, "%", 1)).toBe("−8.7 %");
    expect(formatChange(-1, "points")).toBe("−1 point");
    expect(formatChange(0, "%")).toBe("±0 %");
  });

  it("instants in the report's zone, across DST", () => {
    expect(formatInstant("2026-10-14T08:00:00.000Z", "UTC")).toBe("14 Oct 2026, 08:00");
    expect(formatInstant("2026-10-14T08:00:00.000Z", "Europe/London")).toBe("14 Oct 2026, 09:00");
    expect(formatInstant("2026-11-14T08:00:00.000Z", "Europe/London")).toBe("14 Nov 2026, 08:00");
    expect(formatInstant("2026-10-14T23:30:00.000Z", "Asia/Kolkata")).toBe("15 Oct 2026, 05:00");
    expect(formatInstant("2026-10-14T08:00:00.000Z", "Not/AZone")).toBe("14 Oct 2026, 08:00"); // falls back to UTC
    expect(formatDayOf("2026-10-31T23:30:00.000Z", "Europe/Berlin")).toBe("1 Nov 2026");
    expect(formatLocalDate("2026-09-07")).toBe("7 Sep 2026");
    expect(formatPeriodBounds({ start: "2026-09-30T23:00:00.000Z", end: "2026-10-31T23:00:00.000Z" }, "Europe/London")).toBe("1 Oct 2026, 00:00 – 31 Oct 2026, 23:00 (Europe/London)");
  });

  it("accent colours: only #RRGGBB passes; text colour picked for contrast", () => {
    expect(safeAccentColor("#0F766E")).toBe("#0f766e");
    for (const bad of ["red", "#fff", "#0f766e;}", "url(x)", "", null]) expect(safeAccentColor(bad)).toBe("#2563eb");
    expect(textColorOn("#0f766e")).toBe("#ffffff");
    expect(textColorOn("#ffeb3b")).toBe("#111827");
    expect(textColorOn("#000000")).toBe("#ffffff");
  });
});
