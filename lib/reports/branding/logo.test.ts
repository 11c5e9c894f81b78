// The logo checks: a real PNG passes and anything merely named .png does not; an SVG passes only
// when it cannot run code or fetch anything, whatever way the hostile part is spelt.
import { describe, expect, it } from "vitest";
import { MAX_LOGO_BYTES } from "../contracts";
import { chunk, png } from "@/test/support/png";
import { checkLogo } from "./logo";

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64");
const svg = (inner: string, attrs = "") => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attrs}>${inner}</svg>`;
const message = (r: ReturnType<typeof checkLogo>) => (r.ok ? "ok" : r.message);

describe("PNG logos", () => {
  it("a real PNG passes, with its bytes", () => {
    const r = checkLogo("image/png", b64(png(120, 40)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.bytes.equals(png(120, 40))).toBe(true);
  });
  it("a JPEG (or any other file) renamed .png is refused: no PNG signature", () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
    expect(message(checkLogo("image/png", b64(jpeg)))).toMatch(/not a PNG file.*signature/);
    expect(message(checkLogo("image/png", b64("<svg></svg>".padEnd(60))))).toMatch(/not a PNG file/);
  });
  it("a PNG larger than 4000 px either way, zero-sized, or with a broken IHDR is refused", () => {
    expect(message(checkLogo("image/png", b64(png(4001, 10))))).toMatch(/4001 × 10 px: at most 4000/);
    expect(message(checkLogo("image/png", b64(png(10, 90000))))).toMatch(/at most 4000/);
    expect(message(checkLogo("image/png", b64(png(0, 10))))).toMatch(/width or height is 0/);
    expect(message(checkLogo("image/png", b64(png(10, 10, 3, 2))))).toMatch(/bit depth or colour type/);
    const noIhdr = Buffer.concat([png().subarray(0, 8), chunk("IDAT", Buffer.alloc(30))]);
    expect(message(checkLogo("image/png", b64(noIhdr)))).toMatch(/IHDR/);
  });
  it("bad base64, a data: prefix, empty, or over the size limit are refused with the reason", () => {
    expect(message(checkLogo("image/png", "not base64!!"))).toMatch(/not valid base64/);
    expect(message(checkLogo("image/png", `data:image/png;base64,${b64(png())}`))).toMatch(/not valid base64/);
    expect(message(checkLogo("image/png", ""))).toMatch(/empty/);
    const big = Buffer.concat([png(), Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(message(checkLogo("image/png", b64(big)))).toMatch(/at most 256 KB/);
  });
});

describe("SVG logos", () => {
  it("a plain SVG passes, with an XML declaration, comments, gradients by #fragment and inline data:image", () => {
    const ok = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n${svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#123456"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/>' +
        '<use href="#g"/><image xlink:href="data:image/png;base64,AAAA" width="1" height="1"/><text x="1" y="5" font-family="DejaVu Sans">Northwind Only</text>',
      ' xmlns:xlink="http://www.w3.org/1999/xlink"',
    )}\n`;
    expect(message(checkLogo("image/svg+xml", b64(ok)))).toBe("ok");
  });
  it.each([
    ["a <script>", svg("<script>alert(1)</script>"), /must not contain <script>/],
    ["an upper-case <SCRIPT >", svg("<SCRIPT >alert(1)</SCRIPT>"), /<script>/],
    ["a namespaced <svg:script>", svg("<svg:script>alert(1)</svg:script>"), /<script>/],
    ["an onload attribute", svg("<rect/>", ' onload="alert(1)"'), /event attributes \(found onload\)/],
    ["an onclick on a child", svg('<rect width="1" height="1" ONCLICK = "x()"/>'), /event attributes/],
    ["a <foreignObject>", svg("<foreignObject><div>hi</div></foreignObject>"), /foreignObject/],
    ["an external href", svg('<use href="https://evil.example/x.svg#a"/>'), /must not link outside itself \(href=/],
    ["an external xlink:href", svg('<image xlink:href="http://tracker.example/p.png"/>', ' xmlns:xlink="http://www.w3.org/1999/xlink"'), /xlink:href=/],
    ["an unquoted external href", svg("<a href=//evil.example><rect/></a>"), /must not link outside/],
    ["a javascript: link", svg('<a href="javascript:alert(1)"><rect/></a>'), /javascript: links/],
    ["a CSS url() to the network", svg('<rect style="fill:url(https://evil.example/f)"/>'), /must not load anything from outside/],
    ["an @import", svg("<style>@import 'https://evil.example/a.css';</style>"), /@import/],
    ["an href animated in", svg('<a><set attributeName="href" to="x"/></a>'), /animate links/],
    ["an <iframe>", svg("<iframe/>"), /embed other documents/],
    ["a DOCTYPE with entities (billion laughs)", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>${svg("&a;")}`, /DOCTYPE or ENTITY/],
    ["an HTML page", "<html><body><svg></svg></body></html>", /root element must be <svg>/],
    ["a truncated SVG", '<svg xmlns="http://www.w3.org/2000/svg"><rect/>', /does not end with <\/svg>/],
  ])("%s is refused", (_what, text, expected) => {
    expect(message(checkLogo("image/svg+xml", b64(text)))).toMatch(expected);
  });
  it("binary data and invalid UTF-8 declared as SVG are refused", () => {
    expect(message(checkLogo("image/svg+xml", b64(png())))).toMatch(/not an SVG/);
    expect(message(checkLogo("image/svg+xml", b64(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0xfe]))))).toMatch(/not UTF-8/);
  });
});
