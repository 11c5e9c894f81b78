import { describe, expect, it } from "vitest";
import { coverageShare, uptimeFigureText } from "./uptime-figure";

describe("uptimeFigureText", () => {
  it("a fully watched window reads as the bare figure", () => {
    const t = uptimeFigureText({ pct: 99.2, covered_from: "2026-11-03T12:00:00.000Z", coverage: 1 }, "30 days");
    expect(t).toMatchObject({ value: "99.2%", since: null, pct: 99.2 });
    expect(t.label).toBe("Uptime over 30 days: 99.2%, the whole window watched");
  });

  it("a partly watched window says since when, in the app's date format, and the exact span in the label", () => {
    const t = uptimeFigureText({ pct: 99.2, covered_from: "2026-11-29T08:15:00.000Z", coverage: 0.1333 }, "30 days");
    expect(t.value).toBe("99.2%");
    expect(t.since).toBe("since 29 Nov 2026");
    expect(t.label).toBe("Uptime 99.2% since 29 Nov 2026, 08:15 UTC (13% of 30 days watched)");
  });

  it("no coverage reads as a dash with 'no data yet', never 100 %", () => {
    const t = uptimeFigureText(null, "90 days");
    expect(t).toMatchObject({ value: "—", since: null, pct: null });
    expect(t.label).toContain("no data yet");
  });

  it("words small shares without claiming nothing was watched", () => {
    expect(coverageShare(0.0002)).toBe("0.02%");
    expect(coverageShare(0.00005)).toBe("under 0.01%");
    expect(coverageShare(0.9999)).toBe("99%");
  });
});
