import { describe, expect, it } from "vitest";
import { latencyStats } from "./compute-uptime";
import { bucketIndex, bucketUpperMs, HISTOGRAM_BUCKETS, histogramOf, histogramPercentile, mergeHistograms } from "./latency-histogram";

describe("latency histogram", () => {
  it("puts each response time in the bucket whose bounds hold it", () => {
    expect(bucketIndex(null)).toBeNull();
    expect(bucketIndex(Number.NaN)).toBeNull();
    expect(bucketIndex(-3)).toBeNull();
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    for (const ms of [1.01, 2, 2.5, 17, 100, 245.3, 999, 1000, 2000, 2380, 9999.9, 40_000]) {
      const i = bucketIndex(ms)!;
      expect(ms).toBeLessThanOrEqual(bucketUpperMs(i) * (1 + 1e-9));
      expect(ms).toBeGreaterThan(bucketUpperMs(i - 1) * (1 - 1e-9));
    }
    expect(bucketIndex(2)).toBe(4); // exactly 2^(4/4)
    expect(bucketIndex(10 ** 9)).toBe(HISTOGRAM_BUCKETS - 1);
  });

  it("merges element-wise and treats missing histograms as zeros", () => {
    const merged = mergeHistograms([histogramOf(100), histogramOf(100), null, histogramOf(null), [0, 2]]);
    expect(merged).toHaveLength(HISTOGRAM_BUCKETS);
    expect(merged[bucketIndex(100)!]).toBe(2);
    expect(merged[1]).toBe(2);
    expect(merged.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("estimates percentiles within ±9 % of the exact nearest-rank value", () => {
    // A skewed sample: most checks fast, a slow tail.
    const samples: number[] = [];
    for (let i = 0; i < 950; i++) samples.push(80 + (i % 90));
    for (let i = 0; i < 50; i++) samples.push(900 + i * 40);
    const exact = latencyStats(samples);
    const hist = mergeHistograms(samples.map(histogramOf));
    for (const [p, want] of [[50, exact.p50], [95, exact.p95], [99, exact.p99]] as const) {
      const got = histogramPercentile(hist, p)!;
      expect(Math.abs(got - want!) / want!).toBeLessThanOrEqual(0.095);
    }
  });

  it("never reports more than the slowest real check, and nothing for no samples", () => {
    expect(histogramPercentile(mergeHistograms([]), 95)).toBeNull();
    const hist = mergeHistograms([histogramOf(91), histogramOf(91.5)]);
    expect(histogramPercentile(hist, 99)).toBeGreaterThan(91.5); // unclamped: the bucket's middle
    expect(histogramPercentile(hist, 99, 91.5)).toBe(91.5);
  });
});

describe("percentile interpolation inside a bucket", () => {
  const bucketOf = (ms: number) => {
    const i = bucketIndex(ms)!;
    return { lower: bucketUpperMs(i - 1), upper: bucketUpperMs(i) };
  };

  it("gives two different distributions whose p95 shares a bucket two different values", () => {
    // Both p95s fall in the bucket of 380 ms (≈ 362–431 ms); the demo showed both as "395 ms".
    const a = mergeHistograms([...Array.from({ length: 90 }, () => histogramOf(120)), ...Array.from({ length: 10 }, () => histogramOf(380))]);
    const b = mergeHistograms([...Array.from({ length: 40 }, () => histogramOf(120)), ...Array.from({ length: 60 }, () => histogramOf(380))]);
    const pa = histogramPercentile(a, 95)!;
    const pb = histogramPercentile(b, 95)!;
    const { lower, upper } = bucketOf(380);
    for (const v of [pa, pb]) {
      expect(v).toBeGreaterThan(lower);
      expect(v).toBeLessThanOrEqual(upper);
    }
    expect(pa).not.toBe(pb);
    // The distribution with more of its samples below the 95th rank reads lower in the bucket.
    expect(pb).toBeGreaterThan(pa);
  });

  it("keeps the estimate inside the sample's bucket when all samples are equal, and exact once clamped to the max", () => {
    const hist = mergeHistograms(Array.from({ length: 200 }, () => histogramOf(250)));
    const { lower, upper } = bucketOf(250);
    for (const p of [50, 95, 99]) {
      const v = histogramPercentile(hist, p)!;
      expect(v).toBeGreaterThan(lower);
      expect(v).toBeLessThanOrEqual(upper);
      expect(Math.abs(v - 250) / 250).toBeLessThanOrEqual(0.095);
    }
    expect(histogramPercentile(hist, 95, 250)).toBe(250);
  });

  it("moves with the rank inside one bucket (p50 < p95 < p99 of a single-bucket histogram)", () => {
    const hist = mergeHistograms(Array.from({ length: 100 }, () => histogramOf(500)));
    const [p50, p95, p99] = [50, 95, 99].map((p) => histogramPercentile(hist, p)!);
    expect(p50).toBeLessThan(p95!);
    expect(p95).toBeLessThan(p99!);
  });
});
