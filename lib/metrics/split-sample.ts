// Pure: how one accepted sample is spread over the hour or day buckets it overlaps (the rollup
// contract of issue #10). Every quantity is split in proportion to the milliseconds of overlap
// by largest remainder, in exact BigInt arithmetic, so each bucket holds integers and the
// buckets sum exactly to the sample. Successful and failed runs are split in proportion to the
// bucket's share of the total runs (then of what is left), so no bucket ever holds more
// successful + failed runs than runs: an hourly success rate never exceeds 100 %.

/** A sample's quantities as integers: counts, cents, thousandths. */
export interface SampleQuantities {
  total: bigint;
  successful: bigint;
  failed: bigint;
  /** Thousandths of a second. */
  processingMilli: bigint;
  costCents: bigint;
  /** Thousandths of an hour. */
  timeSavedMilli: bigint;
}

export interface BucketOverlap {
  bucketStart: Date;
  /** Milliseconds of the sample inside this bucket (> 0). */
  coveredMs: bigint;
}

export interface BucketShare extends SampleQuantities {
  bucketStart: Date;
  coveredMs: bigint;
}

/**
 * Splits `amount` over `weights` (non-negative, not all zero unless amount is 0) by largest
 * remainder: each part is floor(amount × w / W) or one more; the largest remainders get the
 * extra units, ties to the earlier part. Parts sum exactly to amount.
 */
export function largestRemainder(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (amount === 0n || weights.length === 0) return weights.map(() => 0n);
  if (total <= 0n) throw new RangeError("largestRemainder: no weight to split over");
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const parts = weights.map((w) => (abs * w) / total);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % total }));
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

/** The sample's share of each bucket; buckets in time order. */
export function splitSample(quantities: SampleQuantities, buckets: readonly BucketOverlap[]): BucketShare[] {
  const sorted = [...buckets].sort((a, b) => a.bucketStart.getTime() - b.bucketStart.getTime());
  const weights = sorted.map((b) => b.coveredMs);
  const totals = largestRemainder(quantities.total, weights);
  const successful = quantities.total === 0n ? totals.map(() => 0n) : largestRemainder(quantities.successful, totals);
  const room = totals.map((t, i) => t - successful[i]);
  const failed = room.every((r) => r === 0n) ? room.map(() => 0n) : largestRemainder(quantities.failed, room);
  const processing = largestRemainder(quantities.processingMilli, weights);
  const cost = largestRemainder(quantities.costCents, weights);
  const saved = largestRemainder(quantities.timeSavedMilli, weights);
  return sorted.map((b, i) => ({
    bucketStart: b.bucketStart,
    coveredMs: b.coveredMs,
    total: totals[i],
    successful: successful[i],
    failed: failed[i],
    processingMilli: processing[i],
    costCents: cost[i],
    timeSavedMilli: saved[i],
  }));
}
