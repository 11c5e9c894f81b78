// Pure: response times counted in fixed logarithmic buckets, so latency percentiles over any
// run of hours or days are the sum of their rollups' histograms (never a scan of raw checks).
// Bucket i (i ≥ 1) holds (2^((i-1)/4), 2^(i/4)] ms: each bucket is 19 % wider than the last,
// so an estimate is within ±9 % of the true sample. Bucket 0 holds ≤ 1 ms; the last bucket
// holds everything above 2^(62/4) ms ≈ 46 s (timeouts are capped at 60 s and fail anyway).

export const HISTOGRAM_BUCKETS = 64;
const STEPS_PER_DOUBLING = 4;

/** Upper bound (ms) of bucket i; Infinity for the last. */
export function bucketUpperMs(i: number): number {
  return i >= HISTOGRAM_BUCKETS - 1 ? Infinity : 2 ** (i / STEPS_PER_DOUBLING);
}

/** The bucket a response time falls in; null for no response time (a failed probe). */
export function bucketIndex(ms: number | null | undefined): number | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  if (ms <= 1) return 0;
  const i = Math.ceil(Math.log2(ms) * STEPS_PER_DOUBLING - 1e-9);
  return Math.min(Math.max(i, 1), HISTOGRAM_BUCKETS - 1);
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BUCKETS).fill(0);
}

/** A histogram of one sample (the row a first check of an hour inserts). */
export function histogramOf(ms: number | null | undefined): number[] {
  const h = emptyHistogram();
  const i = bucketIndex(ms);
  if (i !== null) h[i] = 1;
  return h;
}

/** Element-wise sum into a new array; shorter or missing inputs count as zeros. */
export function mergeHistograms(histograms: Iterable<readonly (number | null)[] | null | undefined>): number[] {
  const out = emptyHistogram();
  for (const h of histograms) {
    if (!h) continue;
    for (let i = 0; i < h.length && i < HISTOGRAM_BUCKETS; i++) out[i]! += h[i] ?? 0;
  }
  return out;
}

/**
 * Nearest-rank percentile estimated from a histogram: the ceil(p·n/100)-th sample is placed
 * inside its bucket by its rank among the bucket's samples (the k-th of c sits at (k − ½)/c of
 * the way through, on the log scale the buckets are cut on), so two distributions that share
 * the percentile's bucket but not their shape read differently, instead of both reading one
 * bucket bound. Clamped to the observed maximum when given (a p99 never exceeds the slowest
 * real check). An estimate, within the bucket's ±9 %: edges mark it approximate. Null when the
 * histogram is empty.
 */
export function histogramPercentile(hist: readonly number[], p: number, maxMs?: number | null): number | null {
  const n = hist.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const inBucket = hist[i]!;
    if (seen + inBucket >= rank) {
      const upper = i === hist.length - 1 ? 2 ** ((i + 1) / STEPS_PER_DOUBLING) : bucketUpperMs(i);
      const lower = i === 0 ? upper / 2 : 2 ** ((i - 1) / STEPS_PER_DOUBLING);
      const fraction = (rank - seen - 0.5) / inBucket;
      let estimate = lower * (upper / lower) ** fraction;
      if (maxMs !== null && maxMs !== undefined && Number.isFinite(maxMs)) estimate = Math.min(estimate, maxMs);
      return Math.round(estimate * 10) / 10;
    }
    seen += inBucket;
  }
  return null;
}
