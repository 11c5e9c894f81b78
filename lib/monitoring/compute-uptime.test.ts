import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { computeUptime, customWindow, latencyStats, windowFor, type StateInterval } from "./compute-uptime";

const T0 = Date.parse("2026-11-21T00:00:00Z");
const H = 3_600_000;
const DAY = 24 * H;
/** Hour `n` after T0. */
const h = (n: number) => new Date(T0 + n * H);
const iv = (status: StateInterval["status"], from: number, to: number): StateInterval => ({ status, start: h(from), end: h(to) });
const DAY_WINDOW = { start: h(0), end: h(24) };

describe("computeUptime", () => {
  it("is 100 for a fully healthy window", () => {
    expect(computeUptime([iv("healthy", 0, 24)], DAY_WINDOW)).toEqual({
      uptimePct: 100,
      healthyMs: 24 * H,
      degradedMs: 0,
      downMs: 0,
      unknownMs: 0,
      knownMs: 24 * H,
    });
  });

  it("weights by time, not by number of intervals", () => {
    // 18 h healthy, 6 h down → 75 %
    const r = computeUptime([iv("healthy", 0, 12), iv("down", 12, 18), iv("healthy", 18, 24)], DAY_WINDOW);
    expect(r).toEqual({ uptimePct: 75, healthyMs: 18 * H, degradedMs: 0, downMs: 6 * H, unknownMs: 0, knownMs: 24 * H });
  });

  it("counts degraded as up, and still reports it", () => {
    const r = computeUptime([iv("healthy", 0, 12), iv("degraded", 12, 18), iv("down", 18, 24)], DAY_WINDOW);
    expect(r.uptimePct).toBe(75);
    expect(r.degradedMs).toBe(6 * H);
    expect(computeUptime([iv("degraded", 0, 24)], DAY_WINDOW).uptimePct).toBe(100);
  });

  it("leaves unknown time and gaps out of the denominator", () => {
    // 6 h unknown, 3 h down, 9 h healthy, 6 h not covered at all → 9 / 12 known = 75 %
    const r = computeUptime([iv("unknown", 0, 6), iv("down", 6, 9), iv("healthy", 9, 18)], DAY_WINDOW);
    expect(r).toEqual({ uptimePct: 75, healthyMs: 9 * H, degradedMs: 0, downMs: 3 * H, unknownMs: 12 * H, knownMs: 12 * H });
  });

  it("is null when nothing in the window is known", () => {
    expect(computeUptime([], DAY_WINDOW)).toEqual({ uptimePct: null, healthyMs: 0, degradedMs: 0, downMs: 0, unknownMs: 24 * H, knownMs: 0 });
    expect(computeUptime([iv("unknown", 0, 24)], DAY_WINDOW).uptimePct).toBeNull();
    expect(computeUptime([iv("healthy", 30, 40)], DAY_WINDOW).uptimePct).toBeNull(); // entirely outside
    expect(computeUptime([iv("healthy", 0, 24)], { start: h(5), end: h(5) })).toMatchObject({ uptimePct: null, unknownMs: 0 });
  });

  it("is 0 when the whole known time is down", () => {
    expect(computeUptime([iv("down", 0, 1)], DAY_WINDOW)).toMatchObject({ uptimePct: 0, downMs: H, unknownMs: 23 * H });
  });

  it("clips intervals to the window", () => {
    // healthy from -10 h to 20 h, down 20 h to 30 h; window 0–24 → 20 h healthy, 4 h down
    const r = computeUptime([iv("healthy", -10, 20), iv("down", 20, 30)], DAY_WINDOW);
    expect(r).toEqual({ uptimePct: (20 / 24) * 100, healthyMs: 20 * H, degradedMs: 0, downMs: 4 * H, unknownMs: 0, knownMs: 24 * H });
  });

  it("gives exact fractions for short outages", () => {
    // one minute down in a day: 1439 / 1440
    const r = computeUptime(
      [iv("healthy", 0, 12), { status: "down", start: h(12), end: new Date(h(12).getTime() + 60_000) }, { status: "healthy", start: new Date(h(12).getTime() + 60_000), end: h(24) }],
      DAY_WINDOW,
    );
    expect(r.downMs).toBe(60_000);
    expect(r.uptimePct).toBe((1439 / 1440) * 100);
  });

  it("accepts unsorted input", () => {
    const sorted = [iv("healthy", 0, 12), iv("down", 12, 18), iv("healthy", 18, 24)];
    expect(computeUptime([sorted[2]!, sorted[0]!, sorted[1]!], DAY_WINDOW)).toEqual(computeUptime(sorted, DAY_WINDOW));
  });

  it("lets the later-starting interval win where intervals overlap", () => {
    // healthy 0–24 overlapped by down 6–12 → down wins for 6 h; healthy resumes after it
    expect(computeUptime([iv("healthy", 0, 24), iv("down", 6, 12)], DAY_WINDOW)).toMatchObject({ healthyMs: 18 * H, downMs: 6 * H, uptimePct: 75 });
    // same, input order reversed: start time decides, not input order
    expect(computeUptime([iv("down", 6, 12), iv("healthy", 0, 24)], DAY_WINDOW)).toMatchObject({ healthyMs: 18 * H, downMs: 6 * H });
    // an open interval written with end = now overlapping its successor: the successor wins
    expect(computeUptime([iv("healthy", 0, 24), iv("degraded", 20, 24)], DAY_WINDOW)).toMatchObject({ healthyMs: 20 * H, degradedMs: 4 * H });
    // equal starts: the one later in the input wins
    expect(computeUptime([iv("healthy", 0, 24), iv("down", 0, 24)], DAY_WINDOW)).toMatchObject({ healthyMs: 0, downMs: 24 * H, uptimePct: 0 });
    expect(computeUptime([iv("down", 0, 24), iv("healthy", 0, 24)], DAY_WINDOW)).toMatchObject({ healthyMs: 24 * H, downMs: 0 });
  });

  it("keeps the four totals summing to the window length", () => {
    const r = computeUptime([iv("healthy", -5, 3), iv("down", 2, 7), iv("unknown", 8, 9), iv("degraded", 10, 11), iv("healthy", 23, 40)], DAY_WINDOW);
    expect(r.healthyMs + r.degradedMs + r.downMs + r.unknownMs).toBe(24 * H);
    expect(r).toEqual({ uptimePct: (4 / 9) * 100, healthyMs: 3 * H, degradedMs: H, downMs: 5 * H, unknownMs: 15 * H, knownMs: 9 * H });
  });

  it("ignores zero-length intervals and rejects backwards ones", () => {
    expect(computeUptime([iv("down", 5, 5), iv("healthy", 0, 24)], DAY_WINDOW).downMs).toBe(0);
    expect(() => computeUptime([iv("down", 5, 4)], DAY_WINDOW)).toThrow(RangeError);
    expect(() => computeUptime([{ status: "down", start: new Date(Number.NaN), end: h(1) }], DAY_WINDOW)).toThrow(RangeError);
    expect(() => computeUptime([], { start: h(2), end: h(1) })).toThrow(RangeError);
  });
});

describe("windowFor", () => {
  const now = new Date("2026-11-21T15:30:00Z");
  it("gives rolling windows ending now", () => {
    expect(windowFor("24h", now)).toEqual({ start: new Date("2026-11-20T15:30:00Z"), end: now });
    expect(windowFor("7d", now)).toEqual({ start: new Date("2026-11-14T15:30:00Z"), end: now });
    expect(windowFor("30d", now)).toEqual({ start: new Date("2026-10-22T15:30:00Z"), end: now });
    expect(windowFor("90d", now)).toEqual({ start: new Date("2026-08-23T15:30:00Z"), end: now });
  });

  it("gives the current calendar quarter in UTC up to now", () => {
    expect(windowFor("quarter", now)).toEqual({ start: new Date("2026-10-01T00:00:00Z"), end: now });
    expect(windowFor("quarter", new Date("2026-03-31T23:59:59.999Z")).start).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(windowFor("quarter", new Date("2026-04-01T00:00:00Z"))).toEqual({ start: new Date("2026-04-01T00:00:00Z"), end: new Date("2026-04-01T00:00:00Z") });
    expect(windowFor("quarter", new Date("2026-09-30T12:00:00Z")).start).toEqual(new Date("2026-07-01T00:00:00Z"));
    // UTC, not local time: 23:30 on 30 June at UTC−2 is already 1 July (Q3) in UTC
    expect(windowFor("quarter", new Date("2026-06-30T23:30:00-02:00")).start).toEqual(new Date("2026-07-01T00:00:00Z"));
  });

  it("does not share the Date instance it was given", () => {
    const w = windowFor("24h", now);
    expect(w.end).not.toBe(now);
  });
});

describe("customWindow", () => {
  const start = new Date("2026-01-01T00:00:00Z");
  function issuesOf(fn: () => unknown) {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues;
    }
    throw new Error("expected a ValidationError");
  }

  it("accepts start < end up to 366 days", () => {
    expect(customWindow(start, new Date("2026-01-02T00:00:00Z"))).toEqual({ start, end: new Date("2026-01-02T00:00:00Z") });
    const max = new Date(start.getTime() + 366 * DAY);
    expect(customWindow(start, max).end).toEqual(max);
  });

  it("rejects an end not after the start, naming the end field", () => {
    expect(issuesOf(() => customWindow(start, start))).toEqual([{ path: "end", message: "Must be after start" }]);
    expect(issuesOf(() => customWindow(start, new Date("2025-12-31T00:00:00Z")))).toEqual([{ path: "end", message: "Must be after start" }]);
  });

  it("rejects more than 366 days", () => {
    expect(issuesOf(() => customWindow(start, new Date(start.getTime() + 366 * DAY + 1)))).toEqual([
      { path: "end", message: "The window must be at most 366 days" },
    ]);
  });

  it("rejects invalid dates, naming each field", () => {
    expect(issuesOf(() => customWindow(new Date("nope"), new Date("nope")))).toEqual([
      { path: "start", message: "Must be a valid date" },
      { path: "end", message: "Must be a valid date" },
    ]);
  });

  it("uses the caller's field names", () => {
    const fields = { start: "start_date", end: "end_date" };
    expect(issuesOf(() => customWindow(start, start, fields))).toEqual([{ path: "end_date", message: "Must be after start_date" }]);
    expect(issuesOf(() => customWindow(new Date("x"), start, fields))).toEqual([{ path: "start_date", message: "Must be a valid date" }]);
  });

  it("is a 422 validation_error for the edges", () => {
    try {
      customWindow(start, start);
    } catch (e) {
      expect(e).toMatchObject({ code: "validation_error", status: 422, message: "Invalid input: end: Must be after start" });
    }
    expect.assertions(1);
  });
});

describe("latencyStats (nearest rank)", () => {
  it("is all null for no samples", () => {
    expect(latencyStats([])).toEqual({ avg: null, p50: null, p95: null, p99: null, count: 0 });
    expect(latencyStats([Number.NaN, Number.POSITIVE_INFINITY])).toEqual({ avg: null, p50: null, p95: null, p99: null, count: 0 });
  });

  it("gives 1..100 → p50 50, p95 95, p99 99", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose
    expect(latencyStats(samples)).toEqual({ avg: 50.5, p50: 50, p95: 95, p99: 99, count: 100 });
  });

  it("returns the single sample for every percentile", () => {
    expect(latencyStats([245.3])).toEqual({ avg: 245.3, p50: 245.3, p95: 245.3, p99: 245.3, count: 1 });
  });

  it("rounds the rank up (never interpolates)", () => {
    // n = 10: p50 → rank 5, p95 → rank ceil(9.5) = 10, p99 → rank ceil(9.9) = 10
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    expect(latencyStats(ten)).toEqual({ avg: 145, p50: 50, p95: 1000, p99: 1000, count: 10 });
    // n = 4: p50 → rank 2 (not the 2.5 average of the middle pair)
    expect(latencyStats([400, 100, 300, 200])).toMatchObject({ p50: 200, p95: 400, p99: 400 });
    // n = 20: p95 → rank exactly 19
    expect(latencyStats(Array.from({ length: 20 }, (_, i) => i + 1))).toMatchObject({ p50: 10, p95: 19, p99: 20 });
    // n = 12: p95 → rank ceil(11.4) = 12 (rounding to nearest would give 11)
    expect(latencyStats(Array.from({ length: 12 }, (_, i) => i + 1))).toMatchObject({ p50: 6, p95: 12, p99: 12 });
    // n = 200: p99 → rank 198, p95 → rank 190
    expect(latencyStats(Array.from({ length: 200 }, (_, i) => i + 1))).toMatchObject({ p50: 100, p95: 190, p99: 198 });
  });

  it("ignores non-finite samples (a failed probe has no latency)", () => {
    expect(latencyStats([100, Number.NaN, 300])).toEqual({ avg: 200, p50: 100, p95: 300, p99: 300, count: 2 });
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    latencyStats(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});
