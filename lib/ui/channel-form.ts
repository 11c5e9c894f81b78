// Webhook headers as the channel form takes them: one "Name: value" per line. On an edit, a
// line "Name:" with nothing after the colon removes that header (values are never shown, so
// headers not named keep theirs).
export function parseHeaderLines(text: string, editing: boolean): { ok: true; value?: Record<string, string | null> } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true };
  const out: Record<string, string | null> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, error: `line ${i + 1} must look like "Name: value"` };
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!value && !editing) return { ok: false, error: `line ${i + 1} has no value after "${name}:"` };
    out[name] = value || null;
  }
  return { ok: true, value: out };
}
