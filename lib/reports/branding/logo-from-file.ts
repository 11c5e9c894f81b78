// A logo from a form's <input type=file>: its declared type (the browser's, or from the file
// name when the browser sent none) and its bytes as base64, for updateAgencySettings, which
// checks the bytes whatever the name says (a JPEG renamed logo.png is refused there).
import { MAX_LOGO_BYTES } from "../contracts";

export type LogoFromFile = { ok: true; logo: { type: string; base64: string } } | { ok: false; message: string };

export async function logoFromFile(file: File): Promise<LogoFromFile> {
  if (file.size > MAX_LOGO_BYTES) return { ok: false, message: `must be at most ${MAX_LOGO_BYTES / 1024} KB (it is ${Math.ceil(file.size / 1024)} KB)` };
  const name = file.name.toLowerCase();
  const type = file.type || (name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png" : "application/octet-stream");
  return { ok: true, logo: { type, base64: Buffer.from(await file.arrayBuffer()).toString("base64") } };
}
