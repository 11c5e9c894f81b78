// CSV text (RFC 4180) safe to open in a spreadsheet: every cell quoted, and a text cell that a
// spreadsheet would run as a formula (= + - @, tab, CR at the start) gets a leading apostrophe
// (OWASP "CSV injection"). Numbers are written as numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvText(header: string[], rows: (string | number | null)[][]): string {
  return [header.map(csvCell), ...rows.map((r) => r.map(csvCell))].map((r) => r.join(",")).join("\r\n") + "\r\n";
}
