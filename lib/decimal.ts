// Pure: exact decimal arithmetic for what clients send. Money and fractional quantities are
// read from their decimal text into integers of a fixed scale (cents, thousandths) with
// BigInt, never by multiplying floats: 2840.75 → 284075n, and 1000 × 0.10 sums to 100.00.
//
// A JSON number reaches us as a JS number (JSON.parse keeps no source text on Node 20); its
// shortest round-trip text (String(n)) is the text that was sent for any value of up to 15
// significant digits, so reading that text is exact for every realistic amount.

/** `value` (a finite number or its decimal text) as an integer count of 10^-scale units, rounded half away from zero. */
export function toScaledInteger(value: number | string, scale: number): bigint {
  const text = typeof value === "number" ? numberText(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new RangeError(`"${text}" is not a decimal number`);
  const [, sign, intPart, fracPart = "", expPart = "0"] = match;
  const exponent = Number(expPart);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) throw new RangeError(`"${text}" is out of range`);
  // digits × 10^(exponent - fraction length) × 10^scale
  const digits = BigInt(`${intPart}${fracPart}` || "0");
  const shift = exponent - fracPart.length + scale;
  let result: bigint;
  if (shift >= 0) {
    result = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    result = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) result += 1n; // half away from zero (digits is non-negative)
  }
  return sign === "-" ? -result : result;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not a finite number`);
  return String(n);
}

/** Whole cents of a money amount: 2840.75 → 284075n. */
export function toCents(value: number | string): bigint {
  return toScaledInteger(value, 2);
}

/** Thousandths: 1125.5 → 1125500n (processing seconds, hours saved: stored as numeric(…, 3)). */
export function toThousandths(value: number | string): bigint {
  return toScaledInteger(value, 3);
}

/** An integer of 10^-scale units as decimal text with exactly `scale` places: (284075n, 2) → "2840.75". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** The number of decimal places `value` was written with (String(n) of a JSON number), for "more than 2 decimals" rules. */
export function decimalPlaces(value: number): number {
  const text = numberText(value);
  const match = /^[+-]?\d*(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return 0;
  return Math.max(0, (match[1]?.length ?? 0) - Number(match[2] ?? "0"));
}
