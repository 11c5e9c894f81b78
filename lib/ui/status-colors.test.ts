// Light-mode status text must meet WCAG AA (4.5:1) on every surface it is drawn on. The colours
// are read from where they really come from: the class names in lib/ui/status.ts, Tailwind's
// palette (node_modules/tailwindcss/theme.css) and our surface tokens (app/globals.css).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio } from "./contrast";
import { STATUS_ORDER, STATUS_TEXT, uptimeTone } from "./status";

const root = join(__dirname, "..", "..");
const palette = readFileSync(join(root, "node_modules/tailwindcss/theme.css"), "utf8");
const globals = readFileSync(join(root, "app/globals.css"), "utf8");
const lightTokens = globals.slice(globals.indexOf(":root {"), globals.indexOf(".dark {"));

function cssVar(source: string, name: string): string {
  const m = new RegExp(`--${name}:\\s*([^;]+);`).exec(source);
  if (!m) throw new Error(`--${name} not found`);
  return m[1];
}

/** The light-mode text colour of a class list ("text-amber-700 dark:…" → amber-700's oklch). */
function lightTextColour(classes: string): string {
  const m = /(?:^|\s)text-([a-z]+-\d{2,3})(?:\s|$)/.exec(classes);
  if (!m) throw new Error(`no light text colour in "${classes}"`);
  return cssVar(palette, `color-${m[1]}`);
}

// Where status words appear: cards and tables (surface), the page (canvas), table headers and
// muted panels, and the tinted attention panels (their -50 shade, the darkest case).
const surfaces: Record<string, string> = {
  surface: cssVar(lightTokens, "cp-surface"),
  canvas: cssVar(lightTokens, "cp-canvas"),
  "surface-muted": cssVar(lightTokens, "cp-surface-muted"),
  "surface-hover": cssVar(lightTokens, "cp-surface-hover"),
  "rose-50": cssVar(palette, "color-rose-50"),
  "amber-50": cssVar(palette, "color-amber-50"),
};

describe("status text contrast (light mode)", () => {
  it("reproduces the failing figures of the old 600 shades, so the computation is trusted", () => {
    const white = surfaces.surface;
    expect(contrastRatio(lightTextColour("text-amber-600"), white)).toBeCloseTo(3.19, 1);
    expect(contrastRatio(lightTextColour("text-emerald-600"), white)).toBeLessThan(4.5);
    expect(contrastRatio("oklch(0% 0 0)", white)).toBeCloseTo(21, 5);
  });

  const pairs = [
    ...STATUS_ORDER.map((s) => [`status ${s}`, STATUS_TEXT[s]] as const),
    ["uptime below target", uptimeTone(99.2, 99.5)] as const,
    ["uptime far below target", uptimeTone(90, 99.5)] as const,
  ];
  for (const [name, classes] of pairs) {
    for (const [surface, background] of Object.entries(surfaces)) {
      it(`${name} (${classes.split(" ")[0]}) on ${surface} is at least 4.5:1`, () => {
        expect(contrastRatio(lightTextColour(classes), background)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});
