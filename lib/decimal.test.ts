import { describe, expect, it } from "vitest";
import { decimalPlaces, formatScaled, toCents, toScaledInteger, toThousandths } from "./decimal";

describe("exact decimals", () => {
  it("reads money from its decimal text, never by float multiplication", () => {
    expect(toCents(2840.75)).toBe(284075n);
    expect(toCents(0.1)).toBe(10n);
    expect(toCents(1.005)).toBe(101n); // 1.005 * 100 = 100.49999999999999 in floats
    expect(toCents(4.35)).toBe(435n); // 4.35 * 100 = 434.99999999999994
    expect(toCents(0)).toBe(0n);
    expect(toCents("19.999")).toBe(2000n); // half away from zero
    expect(toCents(-0.005)).toBe(-1n);
    expect(toCents(1e21)).toBe(100000000000000000000000n);
    expect(toCents(1.5e-7)).toBe(0n);
    expect(toThousandths(1125.5)).toBe(1125500n);
  });

  it("1000 samples of 0.10 sum to exactly 100.00 (floats give 99.9999999999986)", () => {
    let floats = 0;
    let cents = 0n;
    for (let i = 0; i < 1000; i++) {
      floats += 0.1;
      cents += toCents(0.1);
    }
    expect(floats).not.toBe(100);
    expect(cents).toBe(10000n);
    expect(formatScaled(cents, 2)).toBe("100.00");
  });

  it("formats scaled integers and counts decimal places", () => {
    expect(formatScaled(284075n, 2)).toBe("2840.75");
    expect(formatScaled(5n, 3)).toBe("0.005");
    expect(formatScaled(-5n, 2)).toBe("-0.05");
    expect(formatScaled(7n, 0)).toBe("7");
    expect(decimalPlaces(25)).toBe(0);
    expect(decimalPlaces(25.1)).toBe(1);
    expect(decimalPlaces(2840.755)).toBe(3);
    expect(decimalPlaces(1.5e-7)).toBe(8);
  });

  it("refuses what is not a finite decimal", () => {
    expect(() => toCents(Infinity)).toThrow(RangeError);
    expect(() => toCents(NaN)).toThrow(RangeError);
    expect(() => toScaledInteger("12,5", 2)).toThrow(RangeError);
    expect(() => toScaledInteger(".", 2)).toThrow(RangeError);
  });
});
