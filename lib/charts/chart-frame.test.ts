import { describe, expect, it } from "vitest";
import { fitTimeAxis } from "./chart-frame";

const MIN = 60_000;
const H = 60 * MIN;
const END = Date.UTC(2026, 11, 3, 12, 0);
const day = { start: new Date(END - 24 * H).toISOString(), end: new Date(END).toISOString() };

describe("fitTimeAxis", () => {
  it("is the window when the history reaches back to its start (or there is none)", () => {
    expect(fitTimeAxis(day, END - 24 * H, 5 * MIN)).toEqual({ min: END - 24 * H, max: END });
    expect(fitTimeAxis(day, END - 30 * H, 5 * MIN)).toEqual({ min: END - 24 * H, max: END }); // a bucket that began earlier
    expect(fitTimeAxis(day, null, 5 * MIN)).toEqual({ min: END - 24 * H, max: END });
  });

  it("starts at the first point, less a 2 % margin, when the history is shorter than the window", () => {
    // Ten minutes of checks in a 24 h window: those ten minutes fill the axis.
    expect(fitTimeAxis(day, END - 10 * MIN, 5 * MIN)).toEqual({ min: END - 10 * MIN - 0.02 * 10 * MIN, max: END });
  });

  it("spans at least minSpan (one check is not stretched across the chart), never before the window", () => {
    expect(fitTimeAxis(day, END - MIN, 5 * MIN)).toEqual({ min: END - 5 * MIN, max: END });
    const hour = { start: new Date(END - H).toISOString(), end: day.end };
    expect(fitTimeAxis(hour, END - 30 * MIN, 2 * H)).toEqual({ min: END - H, max: END });
  });
});
