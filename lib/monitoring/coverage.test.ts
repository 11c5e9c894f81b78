import { describe, expect, it } from "vitest";
import { computeUptime, windowFor, type StateInterval, type WindowName } from "./compute-uptime";
import { firstKnownInstant, roundCoverage, uptimeFigure, windowCoverage } from "./coverage";

const MIN = 60_000;
const DAY = 86_400_000;
const now = new Date("2026-12-03T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("windowCoverage on a fake clock", () => {
  it("a system whose first check was 10 minutes ago covers 10 minutes of each window, from that check", () => {
    const firstCheck = ago(10 * MIN);
    const d30 = windowCoverage({ name: "30d", now }, firstCheck)!;
    expect(d30.coveredFrom).toEqual(firstCheck);
    expect(d30.coverage).toBeCloseTo((10 * MIN) / (30 * DAY), 12);
    expect(roundCoverage(d30.coverage)).toBe(0.0002);
    const d24 = windowCoverage({ name: "24h", now }, firstCheck)!;
    expect(d24.coverage).toBeCloseTo(10 / 1440, 12);
    expect(windowCoverage({ name: "90d", now }, firstCheck)!.coverage).toBeCloseTo((10 * MIN) / (90 * DAY), 12);
    // The quarter began on 1 Oct: 10 minutes of it.
    const q = windowCoverage({ name: "quarter", now }, firstCheck)!;
    expect(q.coveredFrom).toEqual(firstCheck);
    expect(q.coverage).toBeLessThan(0.001);
  });

  it("a system older than the window covers all of it, from the window's start", () => {
    for (const name of ["24h", "7d", "30d", "90d", "quarter"] as WindowName[]) {
      const c = windowCoverage({ name, now }, ago(400 * DAY))!;
      expect(c.coverage).toBe(1);
      expect(c.coveredFrom).toEqual(windowFor(name, now).start);
    }
    // Exactly as old as the window: whole.
    expect(windowCoverage({ name: "7d", now }, ago(7 * DAY))!.coverage).toBe(1);
  });

  it("no checks at all, or monitoring that begins at or after the window's end: no coverage (null)", () => {
    expect(windowCoverage({ name: "30d", now }, null)).toBeNull();
    expect(windowCoverage({ name: "30d", now }, now)).toBeNull();
    expect(windowCoverage({ start: ago(DAY), end: ago(DAY) }, ago(2 * DAY))).toBeNull(); // an empty window
  });

  it("half a window reads 0.5, from its middle", () => {
    const c = windowCoverage({ start: ago(2 * DAY), end: now }, ago(DAY))!;
    expect(c).toEqual({ coveredFrom: ago(DAY), coverage: 0.5 });
  });
});

describe("firstKnownInstant", () => {
  const iv = (status: StateInterval["status"], fromAgo: number, toAgo: number): StateInterval => ({ status, start: ago(fromAgo), end: ago(toAgo) });
  const window = windowFor("30d", now);

  it("skips unknown time (before the first check, paused) and takes the earliest system", () => {
    const a = [iv("unknown", 40 * MIN, 10 * MIN), iv("healthy", 10 * MIN, 0)];
    const b = [iv("down", 25 * MIN, 0)];
    expect(firstKnownInstant(a, window)).toEqual(ago(10 * MIN));
    expect(firstKnownInstant([...a, ...b], window)).toEqual(ago(25 * MIN));
    expect(firstKnownInstant([iv("unknown", DAY, 0)], window)).toBeNull();
    expect(firstKnownInstant([], window)).toBeNull();
  });

  it("clips to the window's start", () => {
    expect(firstKnownInstant([iv("healthy", 60 * DAY, 0)], window)).toEqual(window.start);
    // An interval that ended before the window does not make it covered.
    expect(firstKnownInstant([iv("healthy", 60 * DAY, 31 * DAY)], window)).toBeNull();
  });
});

describe("uptimeFigure", () => {
  it("a 10-minute-old system's 30 d figure carries its span and never claims the full window", () => {
    const intervals: StateInterval[] = [{ status: "healthy", start: ago(10 * MIN), end: now }];
    const w = windowFor("30d", now);
    const fig = uptimeFigure(computeUptime(intervals, w).uptimePct, windowCoverage(w, firstKnownInstant(intervals, w)));
    expect(fig).toEqual({ pct: 100, covered_from: ago(10 * MIN).toISOString(), coverage: 0.0002 });
  });

  it("is null without coverage, whatever the percentage says", () => {
    expect(uptimeFigure(100, null)).toBeNull();
    expect(uptimeFigure(null, { coveredFrom: now, coverage: 1 })).toBeNull();
  });

  it("rounds coverage down, never to a full window nor to nothing", () => {
    expect(roundCoverage(1)).toBe(1);
    expect(roundCoverage(0.99999)).toBe(0.9999);
    expect(roundCoverage(1e-7)).toBe(0.0001);
    expect(roundCoverage(0.13579)).toBe(0.1357);
    expect(roundCoverage(0)).toBe(0);
  });
});
