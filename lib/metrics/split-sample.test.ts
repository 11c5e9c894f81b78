import { describe, expect, it } from "vitest";
import { largestRemainder, splitSample, type SampleQuantities } from "./split-sample";

const H = 3_600_000n;
const at = (iso: string) => new Date(iso);

describe("largest-remainder split", () => {
  it("gives integers that sum exactly, extra units to the largest remainders, ties to the earlier part", () => {
    expect(largestRemainder(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(largestRemainder(100n, [1n, 2n])).toEqual([33n, 67n]);
    expect(largestRemainder(7n, [0n, 5n, 0n])).toEqual([0n, 7n, 0n]);
    expect(largestRemainder(0n, [])).toEqual([]);
    expect(largestRemainder(-5n, [1n, 1n])).toEqual([-3n, -2n]);
    expect(() => largestRemainder(1n, [0n, 0n])).toThrow(RangeError);
  });

  it("splits every quantity of a sample in proportion to its overlap, sums exact, success never above runs", () => {
    const q: SampleQuantities = { total: 451n, successful: 428n, failed: 22n, processingMilli: 1_125_500n, costCents: 284_075n, timeSavedMilli: 112_500n };
    const buckets = [
      { bucketStart: at("2026-12-03T10:00:00Z"), coveredMs: H / 4n },
      { bucketStart: at("2026-12-03T11:00:00Z"), coveredMs: H },
      { bucketStart: at("2026-12-03T12:00:00Z"), coveredMs: H / 3n },
    ];
    const parts = splitSample(q, buckets);
    for (const key of ["total", "successful", "failed", "processingMilli", "costCents", "timeSavedMilli"] as const) {
      expect(parts.reduce((a, p) => a + p[key], 0n), key).toBe(q[key]);
    }
    for (const p of parts) expect(p.successful + p.failed).toBeLessThanOrEqual(p.total);
    // 451 × (¼, 1, ⅓) ÷ 19/12 = 71.21, 284.84, 94.95: floors 71 + 284 + 94 = 449, the two largest remainders get one more
    expect(parts.map((p) => p.total)).toEqual([71n, 285n, 95n]);
    expect(parts.map((p) => p.coveredMs)).toEqual([H / 4n, H, H / 3n]);
  });

  it("keeps successful + failed ≤ total in every bucket where independent rounding would not", () => {
    // 3 runs, 1 success, 2 failures over 3 equal buckets: rounding each count on its own would
    // put the success and a failure in the first bucket beside a single run.
    const parts = splitSample({ total: 3n, successful: 1n, failed: 2n, processingMilli: 0n, costCents: 0n, timeSavedMilli: 0n }, [
      { bucketStart: at("2026-01-01T00:00:00Z"), coveredMs: H },
      { bucketStart: at("2026-01-01T01:00:00Z"), coveredMs: H },
      { bucketStart: at("2026-01-01T02:00:00Z"), coveredMs: H },
    ]);
    expect(parts.map((p) => [p.total, p.successful, p.failed])).toEqual([
      [1n, 1n, 0n],
      [1n, 0n, 1n],
      [1n, 0n, 1n],
    ]);
  });
});
