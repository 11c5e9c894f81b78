// OWNER: helper C (PDF). DejaVu Sans (regular, bold) for the PDF and the charts' text metrics:
// the 14 standard PDF fonts are WinAnsi only ("✓" silently became "'"), so the report embeds a
// Unicode TTF. The TTFs ship with the app through the dejavu-fonts-ttf package. Next bundles
// server code, so `require.resolve` from a bundled module may point into .next/: resolve from
// the working directory first (where `next start` runs), then through Node's own resolution.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";

export interface ReportFonts {
  regular: Buffer;
  bold: Buffer;
}

const FILES = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf" } as const;

let cached: ReportFonts | undefined;

/** The directory holding the TTFs; throws naming the places tried when the package is missing. */
export function dejavuFontDir(): string {
  const tried: string[] = [];
  const candidates = [path.join(process.cwd(), "node_modules/dejavu-fonts-ttf/ttf")];
  try {
    const require = createRequire(import.meta.url);
    candidates.push(path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf"));
  } catch {
    /* not resolvable from here (bundled): the cwd candidate is the answer or nothing is */
  }
  for (const dir of candidates) {
    tried.push(dir);
    if (existsSync(path.join(dir, FILES.regular)) && existsSync(path.join(dir, FILES.bold))) return dir;
  }
  throw new Error(`DejaVu Sans TTFs not found (install dejavu-fonts-ttf); tried ${tried.join(", ")}`);
}

/** Both TTFs, read once per process. */
export function reportFonts(): ReportFonts {
  if (!cached) {
    const dir = dejavuFontDir();
    cached = { regular: readFileSync(path.join(dir, FILES.regular)), bold: readFileSync(path.join(dir, FILES.bold)) };
  }
  return cached;
}

/** A parsed TTF (fontkit). pdfkit accepts it in place of the bytes (anything with `layout`). */
export interface FontFace {
  unitsPerEm: number;
  layout(text: string): unknown;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}

let faces: { regular: FontFace; bold: FontFace } | undefined;

/**
 * Both fonts parsed once per process and shared by every PDF and chart: parsing DejaVu's tables
 * costs far more than a whole report (fontkit decodes them lazily, and the glyph caches warm up
 * once). Each document still makes its own subset.
 */
export function reportFontFaces(): { regular: FontFace; bold: FontFace } {
  if (!faces) {
    const fonts = reportFonts();
    faces = { regular: fontkit.create(fonts.regular) as FontFace, bold: fontkit.create(fonts.bold) as FontFace };
  }
  return faces;
}
