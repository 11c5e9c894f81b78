import { describe, expect, it } from "vitest";
import type { StateInterval } from "./compute-uptime";
import { bucketIndex, emptyHistogram, histogramOf } from "./latency-histogram";
import {
  barsStart,
  mergeStateChanges,
  overlapsWindow,
  rawPoints,
  rawSummary,
  rollupPoints,
  rollupSummary,
  roundUptime,
  uptimeBars,
  type RollupRow,
} from "./history-series";

const H = 3_600_000;
const DAY = 24 * H;
// "Now" is 2026-11-21 06:00 UTC: today's bar covers 6 hours.
const NOW = new Date(Date.UTC(2026, 10, 21, 6, 0, 0));
const TODAY = Date.UTC(2026, 10, 21);
const at = (dayOffset: number, hour = 0, minute = 0) => new Date(TODAY + dayOffset * DAY + hour * H + minute * 60_000);
const iv = (status: StateInterval["status"], start: Date, end: Date): StateInterval => ({ status, start, end });

describe("uptimeBars", () => {
  it("returns exactly 90 UTC days ending today, oldest first, no data without intervals", () => {
    const bars = uptimeBars([], new Map(), NOW);
    expect(bars).toHaveLength(90);
    expect(bars[0]!.date).toBe("2026-08-24");
    expect(bars[89]!.date).toBe("2026-11-21");
    expect(barsStart(NOW).toISOString()).toBe("2026-08-24T00:00:00.000Z");
    expect(bars.every((b) => b.status === "no_data" && b.uptime_pct === null && b.checks === 0)).toBe(true);
  });

  it("colours a day by its worst confirmed state and weights uptime by time", () => {
    const intervals = [
      iv("healthy", at(-3), at(-2, 12)), // 1.5 days healthy
      iv("down", at(-2, 12), at(-2, 18)), // 6 h down on day −2
      iv("degraded", at(-2, 18), at(-1, 2)), // 6 h degraded on day −2, 2 h on day −1
      iv("healthy", at(-1, 2), NOW), // then healthy until now
    ];
    const bars = uptimeBars(intervals, new Map([["2026-11-19", 1440]]), NOW);
    const byDate = Object.fromEntries(bars.map((b) => [b.date, b]));
    expect(byDate["2026-11-18"]).toEqual({ date: "2026-11-18", status: "healthy", uptime_pct: 100, down_minutes: 0, degraded_minutes: 0, checks: 0 });
    // 6 h down of 24 h known → 75 %; degraded counts as up.
    expect(byDate["2026-11-19"]).toEqual({ date: "2026-11-19", status: "down", uptime_pct: 75, down_minutes: 360, degraded_minutes: 360, checks: 1440 });
    expect(byDate["2026-11-20"]).toMatchObject({ status: "degraded", uptime_pct: 100, down_minutes: 0, degraded_minutes: 120 });
    // Today: only midnight → now is known.
    expect(byDate["2026-11-21"]).toMatchObject({ status: "healthy", uptime_pct: 100 });
    expect(byDate["2026-11-17"]).toMatchObject({ status: "no_data", uptime_pct: null });
  });

  it("leaves unknown time out of the day's uptime (a day half-covered is judged on its known half)", () => {
    const bars = uptimeBars([iv("healthy", at(-1, 12), at(-1, 18)), iv("down", at(-1, 18), at(-1, 20))], new Map(), NOW);
    expect(bars.at(-2)).toMatchObject({ status: "down", uptime_pct: 75, down_minutes: 120 });
    // The interval ended before midnight: today has no known time.
    expect(bars.at(-1)).toMatchObject({ status: "no_data", uptime_pct: null });
  });

  it("shows a few seconds of downtime as 1 minute, never 0, on a red bar", () => {
    const bars = uptimeBars([iv("healthy", at(-1), at(-1, 10)), iv("down", at(-1, 10), at(-1, 10, 0.5)), iv("healthy", at(-1, 10, 0.5), at(0))], new Map(), NOW);
    expect(bars.at(-2)).toMatchObject({ status: "down", down_minutes: 1 });
    expect(bars.at(-2)!.uptime_pct).toBeCloseTo(99.97, 2);
  });

  it("never rounds a day with downtime up to 100 %", () => {
    const bars = uptimeBars([iv("healthy", at(-1), at(-1, 10)), iv("down", at(-1, 10), new Date(at(-1, 10).getTime() + 3_000)), iv("healthy", new Date(at(-1, 10).getTime() + 3_000), at(0))], new Map(), NOW);
    expect(bars.at(-2)).toMatchObject({ status: "down", uptime_pct: 99.99, down_minutes: 1 });
    expect(roundUptime(99.996)).toBe(99.99);
    expect(roundUptime(100)).toBe(100);
    expect(roundUptime(97.916666)).toBe(97.92);
  });

  it("ignores time before the first bar and after now, and intervals that only touch a boundary", () => {
    const bars = uptimeBars([iv("down", at(-200), at(-89)), iv("healthy", at(-89), new Date(NOW.getTime() + 5 * DAY))], new Map(), NOW);
    expect(bars[0]).toMatchObject({ date: "2026-08-24", status: "healthy", uptime_pct: 100 });
    expect(bars.filter((b) => b.status === "down")).toHaveLength(0);
  });

  it("treats explicitly unknown intervals as no data", () => {
    const bars = uptimeBars([iv("unknown", at(-1), at(0))], new Map(), NOW);
    expect(bars.at(-2)).toMatchObject({ status: "no_data", uptime_pct: null });
  });

  it("is an empty-width today at exactly midnight (no data yet), never a negative window", () => {
    const midnight = new Date(TODAY);
    const bars = uptimeBars([iv("healthy", at(-2), midnight)], new Map(), midnight);
    expect(bars.at(-1)).toMatchObject({ date: "2026-11-21", status: "no_data" });
    expect(bars.at(-2)).toMatchObject({ date: "2026-11-20", status: "healthy" });
  });

  it("stays linear for a flapping system (thousands of intervals)", () => {
    const intervals: StateInterval[] = [];
    let t = barsStart(NOW).getTime();
    for (let i = 0; t < NOW.getTime(); i++) {
      const len = i % 2 === 0 ? 5 * 60_000 : 3 * 60_000;
      intervals.push(iv(i % 2 === 0 ? "healthy" : "down", new Date(t), new Date(Math.min(t + len, NOW.getTime()))));
      t += len;
    }
    expect(intervals.length).toBeGreaterThan(20_000);
    const started = performance.now();
    const bars = uptimeBars(intervals, new Map(), NOW);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(bars[10]).toMatchObject({ status: "down", uptime_pct: 62.5, down_minutes: 540 });
  });
});

const row = (hour: number, samples: (number | null)[]): RollupRow => {
  const real = samples.filter((s): s is number => s !== null);
  const hist = emptyHistogram();
  for (const s of real) hist[bucketIndex(s)!]! += 1;
  return {
    bucketStart: new Date(TODAY + hour * H),
    checks: samples.length,
    latencyCount: real.length,
    latencySum: real.reduce((a, b) => a + b, 0),
    latencyMax: real.length ? Math.max(...real) : null,
    latencyHist: hist,
  };
};

describe("rollupPoints and rollupSummary", () => {
  it("turns buckets into sorted points with avg and p95; a bucket of failures has no latency", () => {
    const points = rollupPoints([row(2, [null, null]), row(0, [100, 200, 300]), row(1, [1000])]);
    expect(points.map((p) => p.t)).toEqual(["2026-11-21T00:00:00.000Z", "2026-11-21T01:00:00.000Z", "2026-11-21T02:00:00.000Z"]);
    expect(points[0]).toMatchObject({ avg_ms: 200, checks: 3 });
    expect(points[0]!.p95_ms).toBeGreaterThan(272); // within the ±9 % of the bucket around 300
    expect(points[0]!.p95_ms).toBeLessThanOrEqual(300); // clamped to the slowest real check
    expect(points[1]).toMatchObject({ t: "2026-11-21T01:00:00.000Z", avg_ms: 1000, checks: 1 });
    expect(Math.abs(points[1]!.p95_ms! - 1000) / 1000).toBeLessThan(0.09); // a histogram estimate
    expect(points[2]).toEqual({ t: "2026-11-21T02:00:00.000Z", avg_ms: null, p95_ms: null, checks: 2 });
  });

  it("summarises many buckets: exact average, percentiles from the merged histograms", () => {
    // 99 fast checks and one very slow one across three buckets.
    const rows = [row(0, Array(50).fill(100)), row(1, Array(49).fill(100)), row(2, [5000])];
    const s = rollupSummary(rows);
    expect(s.count).toBe(100);
    expect(s.avg_ms).toBe(149); // (99·100 + 5000) / 100
    expect(s.p50_ms! / 100).toBeCloseTo(1, 0);
    expect(s.p95_ms! / 100).toBeCloseTo(1, 0);
    expect(s.p99_ms! / 100).toBeCloseTo(1, 0); // the 99th sample is still a fast one
    expect(rollupSummary([...rows, row(3, [5000])]).p99_ms).toBeGreaterThan(4500);
  });

  it("has no figures without response times", () => {
    expect(rollupSummary([])).toEqual({ avg_ms: null, p50_ms: null, p95_ms: null, p99_ms: null, count: 0 });
    expect(rollupSummary([row(0, [null])])).toMatchObject({ avg_ms: null, count: 0 });
    expect(rollupPoints([])).toEqual([]);
  });

  it("keeps a bucket that started before the window but overlaps it", () => {
    const windowStart = new Date(TODAY + 30 * 60_000);
    expect(overlapsWindow(new Date(TODAY), H, windowStart)).toBe(true);
    expect(overlapsWindow(new Date(TODAY - H), H, windowStart)).toBe(false);
  });
});

describe("rawPoints and rawSummary", () => {
  const checks = [
    { checkedAt: new Date(TODAY + 2 * 60_000), status: "down" as const, responseTimeMs: null },
    { checkedAt: new Date(TODAY), status: "healthy" as const, responseTimeMs: 120.04 },
    { checkedAt: new Date(TODAY + 60_000), status: "degraded" as const, responseTimeMs: 2400 },
  ];

  it("sorts by time, keeps each check's status, and a failed probe has no latency", () => {
    expect(rawPoints(checks)).toEqual([
      { t: "2026-11-21T00:00:00.000Z", ms: 120, status: "healthy" },
      { t: "2026-11-21T00:01:00.000Z", ms: 2400, status: "degraded" },
      { t: "2026-11-21T00:02:00.000Z", ms: null, status: "down" },
    ]);
  });

  it("computes exact statistics over the checks that had a response time", () => {
    expect(rawSummary(checks)).toEqual({ avg_ms: 1260, p50_ms: 120, p95_ms: 2400, p99_ms: 2400, count: 2 });
    expect(rawSummary([])).toEqual({ avg_ms: null, p50_ms: null, p95_ms: null, p99_ms: null, count: 0 });
  });

  it("histogramOf agrees with rollup rows built by hand (sanity of the fixture)", () => {
    expect(row(0, [250]).latencyHist).toEqual(histogramOf(250));
  });
});

describe("mergeStateChanges", () => {
  it("interleaves systems newest first, names each change's system and keeps the newest `limit`", () => {
    const change = (t: string) => ({ started_at: t });
    const merged = mergeStateChanges(
      [
        { system_name: "API", state_changes: [change("2026-11-21T05:00:00Z"), change("2026-11-19T00:00:00Z")] },
        { system_name: "Worker", state_changes: [change("2026-11-20T00:00:00Z")] },
      ],
      2,
    );
    expect(merged).toEqual([
      { started_at: "2026-11-21T05:00:00Z", system_name: "API" },
      { started_at: "2026-11-20T00:00:00Z", system_name: "Worker" },
    ]);
  });
});
