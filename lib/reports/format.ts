// The report's number, money, duration and date formats, shared by every rendering (PDF, HTML,
// CSV titles, the executive summary and recommendation texts), so a figure reads the same in the
// PDF as in the HTML view. Pure; no locale from the machine: en-GB grouping ("12,400"), a space
// before units ("99.5 %", "3,400 ms", "1 h 30 min"), "—" for a missing figure (never 0), and "≈"
// on approximate figures.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Shown where a figure is missing (null): a dash, never a 0 that would read as a fact. */
export const NO_FIGURE = "—";

// Intl formatters are costly to build (tens of µs each) and a report formats thousands of
// figures: one per option set, kept for the process.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = make()));
  return f;
}

function group(n: number, maxDigits: number, minDigits = 0): string {
  return numberFormat(`g${maxDigits},${minDigits}`, () => new Intl.NumberFormat("en-GB", { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits })).format(n);
}

/** 12400 → "12,400"; null → "—". */
export function formatCount(n: number | null): string {
  return n === null || !Number.isFinite(n) ? NO_FIGURE : group(Math.round(n), 0);
}

/** A plain number with up to `digits` decimals and grouping: 310.5 → "310.5". */
export function formatNumber(n: number | null, digits = 2): string {
  return n === null || !Number.isFinite(n) ? NO_FIGURE : group(n, digits);
}

/**
 * 99.933 → "99.933 %", 97.58 → "97.58 %", 100 → "100 %"; null → "—". `digits` is the most
 * decimals shown (uptime 3, rates 2); a value under 100 never rounds up to "100 %".
 */
export function formatPct(pct: number | null, digits = 2): string {
  if (pct === null || !Number.isFinite(pct)) return NO_FIGURE;
  const f = 10 ** digits;
  let v = Math.round(pct * f) / f;
  if (pct < 100 && v >= 100) v = (Math.round(100 * f) - 1) / f;
  return `${group(v, digits)} %`;
}

/** A signed change: 1.22 → "+1.22 points" (unit "points") or -8.7 → "−8.7 %" (unit "%"). */
export function formatChange(value: number | null, unit: "%" | "points", digits = 2): string {
  if (value === null || !Number.isFinite(value)) return NO_FIGURE;
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  const abs = group(Math.abs(rounded), digits);
  return unit === "%" ? `${sign}${abs} %` : `${sign}${abs} ${Math.abs(rounded) === 1 ? "point" : "points"}`;
}

/** 18250.4, "EUR" → "€18,250.40"; an unknown code still formats ("XYZ 18,250.40"). */
export function formatMoney(amount: number | null, currency: string): string {
  if (amount === null || !Number.isFinite(amount)) return NO_FIGURE;
  try {
    return numberFormat(`c${currency}`, () => new Intl.NumberFormat("en-GB", { style: "currency", currency, currencyDisplay: "narrowSymbol" })).format(amount);
  } catch {
    return `${currency} ${group(amount, 2, 2)}`;
  }
}

/**
 * Minutes as words, the two largest units: 90 → "1 h 30 min", 45 → "45 min", 67.5 → "1 h 8 min",
 * 3000 → "2 d 2 h", 0.5 → "30 s", 0 → "0 min"; null → "—".
 */
export function formatDuration(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return NO_FIGURE;
  const m = Math.max(0, minutes);
  if (m > 0 && m < 1) return `${Math.round(m * 60)} s`;
  const total = Math.round(m);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const min = total % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return min > 0 ? `${h} h ${min} min` : `${h} h`;
  return `${min} min`;
}

/** 3400 → "3,400 ms", approximate → "≈ 3,400 ms"; null → "—". */
export function formatMs(ms: number | null, approximate = false): string {
  if (ms === null || !Number.isFinite(ms)) return NO_FIGURE;
  return `${approximate ? "≈ " : ""}${group(Math.round(ms), 0)} ms`;
}

/** Seconds per automation: 4.2 → "4.2 s". */
export function formatSeconds(s: number | null): string {
  return s === null || !Number.isFinite(s) ? NO_FIGURE : `${group(s, 2)} s`;
}

/** Hours: 310.5 → "310.5 h". */
export function formatHours(h: number | null): string {
  return h === null || !Number.isFinite(h) ? NO_FIGURE : `${group(h, 1)} h`;
}

/** A 0–1 share as a percentage: 0.5 → "50 %". */
export function formatShare(share: number | null): string {
  return share === null || !Number.isFinite(share) ? NO_FIGURE : formatPct(share * 100, 1);
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function zonedParts(ms: number, zone: string): ZonedParts {
  let fmt = dateFormats.get(zone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" });
    } catch {
      fmt = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" });
    }
    if (dateFormats.size < 100) dateFormats.set(zone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** An instant in the report's zone: "14 Oct 2026, 08:00"; unparseable text comes back as is. */
export function formatInstant(iso: string | null, zone: string): string {
  if (iso === null) return NO_FIGURE;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = zonedParts(ms, zone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The day of an instant in the report's zone: "14 Oct 2026". */
export function formatDayOf(iso: string | null, zone: string): string {
  if (iso === null) return NO_FIGURE;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = zonedParts(ms, zone);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** A local date "2026-10-14" → "14 Oct 2026". */
export function formatLocalDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : date;
}

/** The exact bounds of a period in its zone: "1 Oct 2026, 00:00 – 1 Nov 2026, 00:00 (Europe/London)". */
export function formatPeriodBounds(period: { start: string; end: string }, zone: string): string {
  return `${formatInstant(period.start, zone)} – ${formatInstant(period.end, zone)} (${zone})`;
}

/** The default accent when the stored one is not a #RRGGBB colour. */
export const DEFAULT_ACCENT_COLOR = "#2563eb";

/** The accent colour if it is exactly #RRGGBB (anything else could inject CSS), else the default. */
export function safeAccentColor(value: string | null | undefined): string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : DEFAULT_ACCENT_COLOR;
}

/** Black or white text, whichever reads better on a #RRGGBB background (WCAG relative luminance). */
export function textColorOn(hex: string): "#ffffff" | "#111827" {
  const c = safeAccentColor(hex);
  const lin = (i: number) => {
    const v = parseInt(c.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
  // Contrast with white (1.05 / (l + 0.05)) against contrast with near-black (#111827, L ≈ 0.0103).
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0603 ? "#ffffff" : "#111827";
}
