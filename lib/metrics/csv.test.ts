import { describe, expect, it } from "vitest";
import { csvCell, csvText } from "./csv";

describe("csv", () => {
  it("defuses formulas, quotes text, keeps numbers", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const s of ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(s).startsWith(`"'`)).toBe(true);
    expect(csvCell("Order Sync")).toBe('"Order Sync"');
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(null)).toBe("");
    expect(csvText(["a", "b"], [[1, "x,y"]])).toBe('"a","b"\r\n1,"x,y"\r\n');
  });
});
