// Logo checks for white-label settings: a small PNG or a safe SVG, nothing else. The logo is
// drawn on every PDF cover and shown in Settings as a data: URL, so an SVG must be inert: no
// script, no event handlers, no foreignObject (HTML inside), and no reference that leaves the
// document (only #fragment and data:image links), so opening it never reaches the network.
// Checked on the text itself, conservatively: anything that looks risky is refused with the
// reason, rather than "cleaned" into something the user did not upload.
import { LOGO_TYPES, MAX_LOGO_BYTES } from "../contracts";

export type LogoType = (typeof LOGO_TYPES)[number];
export const MAX_LOGO_DIMENSION = 4000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PNG_BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export type LogoCheck = { ok: true; bytes: Buffer } | { ok: false; message: string };

const fail = (message: string): LogoCheck => ({ ok: false, message });

/** Decodes strict base64 (whitespace allowed, nothing else) within the size limit. */
export function decodeLogoBase64(base64: string): LogoCheck {
  const compact = base64.replace(/\s+/g, "");
  if (compact.length === 0) return fail("is empty: send the file's bytes as base64");
  // Refuse before decoding anything far too large (4 base64 characters carry 3 bytes).
  if (compact.length > Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 4) return fail(`must be at most ${MAX_LOGO_BYTES / 1024} KB`);
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return fail("base64 is not valid base64 (send the file's bytes, without a data: prefix)");
  const bytes = Buffer.from(compact, "base64");
  if (bytes.length > MAX_LOGO_BYTES) return fail(`must be at most ${MAX_LOGO_BYTES / 1024} KB (it is ${Math.ceil(bytes.length / 1024)} KB)`);
  return { ok: true, bytes };
}

/** A PNG with its signature and a sane IHDR (the first chunk): 1–4000 px each way, valid depth and colour type. */
export function checkPng(bytes: Buffer): LogoCheck {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return fail("is not a PNG file (its first bytes are not the PNG signature)");
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString("latin1", 12, 16) !== "IHDR") return fail("is not a valid PNG (the IHDR header is missing)");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) return fail("is not a valid PNG (its width or height is 0)");
  if (width > MAX_LOGO_DIMENSION || height > MAX_LOGO_DIMENSION) return fail(`is ${width} × ${height} px: at most ${MAX_LOGO_DIMENSION} px each way`);
  const depth = bytes[24]!;
  const colour = bytes[25]!;
  if (!PNG_BIT_DEPTHS[colour]?.includes(depth)) return fail("is not a valid PNG (unknown bit depth or colour type)");
  if (bytes[26] !== 0 || bytes[27] !== 0 || bytes[28]! > 1) return fail("is not a valid PNG (unknown compression, filter or interlace method)");
  return { ok: true, bytes };
}

// Control characters other than tab, newline and carriage return never belong in SVG text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const REFERENCE_OK = /^\s*(#|data:image\/)/i;

/** An SVG that is UTF-8 text, whose root element is <svg>, and that cannot run code or fetch anything. */
export function checkSvg(bytes: Buffer): LogoCheck {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("is not an SVG (not UTF-8 text)");
  }
  if (CONTROL.test(text)) return fail("is not an SVG (it contains binary control characters)");
  // The prolog: an optional XML declaration and comments before the root. A DOCTYPE can declare
  // entities (external files, "billion laughs"): refused outright.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return fail("must not contain a DOCTYPE or ENTITY declaration");
  const body = text.replace(/^\uFEFF/, "").replace(/<!--[\s\S]*?-->/g, " ").trim();
  const root = body.replace(/^<\?xml[^>]*\?>/, "").trim();
  if (!/^<svg[\s>/]/.test(root)) return fail("is not an SVG (its root element must be <svg>)");
  if (!/<\/svg>\s*$/.test(root) && !/^<svg[^>]*\/>\s*$/.test(root)) return fail("is not a complete SVG (it does not end with </svg>)");
  if (/<\s*script[\s>/]/i.test(body) || /<\s*[a-z]+:script[\s>/]/i.test(body)) return fail("must not contain <script>");
  if (/<\s*(?:[a-z]+:)?foreignObject[\s>/]/i.test(body)) return fail("must not contain <foreignObject>");
  if (/<\s*(?:iframe|embed|object|audio|video|handler|listener)[\s>/]/i.test(body)) return fail("must not embed other documents or media");
  const event = /[\s"'/]on[a-z]+\s*=/i.exec(body);
  if (event) return fail(`must not contain event attributes (found ${event[0].trim().replace(/\s*=$/, "")})`);
  if (/javascript\s*:/i.test(body)) return fail("must not contain javascript: links");
  // Links (href, xlink:href, src) and CSS url(…)/@import: only in-document fragments and inline images.
  for (const m of body.matchAll(/(?:^|[\s"'])((?:[a-z]+:)?(?:href|src))\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const value = m[3] ?? m[4] ?? m[5] ?? "";
    if (!REFERENCE_OK.test(value)) return fail(`must not link outside itself (${m[1]}="${value.slice(0, 60)}"); only #fragment and data:image references are allowed`);
  }
  if (/attributeName\s*=\s*["']?(?:[a-z]+:)?href/i.test(body)) return fail("must not animate links (attributeName href)");
  if (/@import/i.test(body)) return fail("must not import style sheets (@import)");
  for (const m of body.matchAll(/url\(\s*(["']?)([^)"']*)\1\s*\)/gi)) {
    if (!REFERENCE_OK.test(m[2] ?? "")) return fail(`must not load anything from outside (url(${(m[2] ?? "").slice(0, 60)})); only #fragment and data:image references are allowed`);
  }
  return { ok: true, bytes };
}

/** The whole check for a logo as sent: type, base64, size, and the format's own rules. */
export function checkLogo(type: LogoType, base64: string): LogoCheck {
  const decoded = decodeLogoBase64(base64);
  if (!decoded.ok) return decoded;
  return type === "image/png" ? checkPng(decoded.bytes) : checkSvg(decoded.bytes);
}
