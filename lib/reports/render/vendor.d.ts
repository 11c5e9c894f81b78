// Minimal types for two untyped packages the PDF renderer uses (server only).
declare module "svg-to-pdfkit" {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** 1 SVG px = 1 pt (otherwise 0.75 pt). */
    assumePt?: boolean;
    precision?: number;
    warningCallback?: (message: string) => void;
    fontCallback?: (family: string, bold: boolean, italic: boolean, options: { fauxBold: boolean; fauxItalic: boolean }) => string;
    imageCallback?: (link: string) => string | Buffer;
    documentCallback?: (file: string) => unknown;
  }
  function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x?: number, y?: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}

declare module "fontkit" {
  export function create(buffer: Buffer, postscriptName?: string): unknown;
}
