// WCAG 2.x contrast between two CSS colours written as oklch(L% C H) — the form Tailwind's
// palette and our globals.css tokens use — so tests can check the colours actually shipped.

/** Parses `oklch(55.5% 0.163 48.998)` (alpha, if any, is ignored). */
export function parseOklch(css: string): { l: number; c: number; h: number } {
  const m = /^oklch\(\s*([\d.]+)%\s+([\d.]+)\s+([\d.]+)/.exec(css.trim());
  if (!m) throw new Error(`not an oklch() colour: ${css}`);
  return { l: Number(m[1]) / 100, c: Number(m[2]), h: Number(m[3]) };
}

/** oklch → linear sRGB (Björn Ottosson's OKLab matrices), clamped to the gamut. */
export function oklchToLinearSrgb(css: string): [number, number, number] {
  const { l, c, h } = parseOklch(css);
  const a = c * Math.cos((h * Math.PI) / 180);
  const b = c * Math.sin((h * Math.PI) / 180);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return [
    clamp(4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_),
    clamp(-1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_),
    clamp(-0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_),
  ];
}

/** Relative luminance as WCAG defines it (from linear sRGB). */
export function relativeLuminance(css: string): number {
  const [r, g, b] = oklchToLinearSrgb(css);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio (1–21); WCAG AA asks ≥ 4.5 for body text. */
export function contrastRatio(foreground: string, background: string): number {
  const [hi, lo] = [relativeLuminance(foreground), relativeLuminance(background)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
