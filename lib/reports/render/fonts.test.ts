import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dejavuFontDir, reportFontFaces, reportFonts } from "./fonts";

describe("report fonts", () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it("finds DejaVu Sans regular and bold from the app's working directory", () => {
    const dir = dejavuFontDir();
    expect(dir).toBe(path.join(cwd, "node_modules/dejavu-fonts-ttf/ttf"));
    const fonts = reportFonts();
    expect(fonts.regular.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0])); // TrueType
    expect(reportFonts()).toBe(fonts); // read once
    expect(reportFontFaces().bold.glyphForCodePoint("✓".codePointAt(0)!).advanceWidth).toBeGreaterThan(0);
  });

  it("falls back to Node's resolution when started from another directory", () => {
    process.chdir("/");
    const dir = dejavuFontDir();
    expect(dir.endsWith(path.join("dejavu-fonts-ttf", "ttf"))).toBe(true);
    expect(existsSync(path.join(dir, "DejaVuSans-Bold.ttf"))).toBe(true);
  });
});
