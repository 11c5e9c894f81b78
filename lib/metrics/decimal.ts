// Exact sums from SQL: aggregates are read as text (pg gives bigint/numeric as strings, PGlite
// as numbers; text is the same on both) and kept as scaled BigInts until the edge converts.

/** "1125.5" → 1125500n at scale 3; "" or null → 0n. Rejects anything that is not a plain decimal. */
export function scaled(text: string | null | undefined, scale: number): bigint {
  if (text === null || text === undefined || text === "") return 0n;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = (m[3] ?? "").padEnd(scale, "0");
  // Digits past the scale cannot occur here (columns are numeric(_, 3)); truncating keeps it total.
  const value = BigInt(m[2] + frac.slice(0, scale));
  return m[1] ? -value : value;
}

/** a / b rounded half away from zero, for non-negative bigints. */
export function divRound(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}

/** Minor units (cents) → a number of major units for JSON, exact to the cent. */
export function centsToAmount(cents: bigint): number {
  return Number(cents) / 100;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
