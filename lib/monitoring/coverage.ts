// Pure: how much of a window an uptime figure really covers (SPEC "Status semantics": every
// figure carries the span it covers; "100 % over 30 days" after ten minutes of checks is a lie).
// THE one place for coverage: the dashboard rows, get_system_health, the client page's history
// and the SLA standing all call it. No clock: `now` (or the window's end) is always passed in.
//
// A figure's window is watched from the first instant with a known state inside it ("monitored
// since": a system's first confirmed check, a client's earliest enabled system) to its end.
// Pauses and refused checks after that instant are left out of the figure itself (unknown
// time), not out of the coverage: coverage says from when the figure speaks, not how densely.
import type { UptimeFigure } from "@/lib/clients/schemas";
import { roundUptime } from "./history-series";
import { windowFor, type StateInterval, type TimeWindow, type WindowName } from "./compute-uptime";

export interface WindowCoverage {
  /** The first instant of the window the figure speaks for (≥ window start). */
  coveredFrom: Date;
  /** Share of the window from coveredFrom to its end, 0 < coverage ≤ 1 (1 = the whole window was watched). */
  coverage: number;
}

/**
 * Coverage of `window` by monitoring that began at `monitoredSince` (the first instant with a
 * known state; may lie before the window). null when monitoring had not begun before the
 * window's end, or the window is empty: such a window has no figure at all.
 */
export function windowCoverage(window: TimeWindow | { name: WindowName; now: Date }, monitoredSince: Date | null): WindowCoverage | null {
  const w = "name" in window ? windowFor(window.name, window.now) : window;
  const ws = w.start.getTime();
  const we = w.end.getTime();
  if (monitoredSince === null || !(we > ws)) return null;
  const from = Math.max(ws, monitoredSince.getTime());
  if (!(from < we)) return null;
  return { coveredFrom: new Date(from), coverage: (we - from) / (we - ws) };
}

/**
 * The first instant of `window` with a known state in any of the given intervals (unknown
 * stretches, e.g. before the first check or while paused, do not count); null if none.
 * Intervals of several systems may be mixed: the earliest wins (a client is watched from its
 * earliest system).
 */
export function firstKnownInstant(intervals: Iterable<StateInterval>, window: TimeWindow): Date | null {
  const ws = window.start.getTime();
  const we = window.end.getTime();
  let first = Infinity;
  for (const iv of intervals) {
    if (iv.status === "unknown") continue;
    const start = Math.max(iv.start.getTime(), ws);
    if (start < Math.min(iv.end.getTime(), we)) first = Math.min(first, start);
  }
  return first === Infinity ? null : new Date(first);
}

/** The edges' JSON of an uptime figure ({ pct, covered_from, coverage }, the schema is lib/clients/schemas.ts's uptimeFigureSchema). */
export type UptimeFigureOutput = NonNullable<UptimeFigure>;

/**
 * Pairs a percentage with its coverage. A window with no coverage has no figure (null), even
 * if a percentage was somehow computed; a covered window without known time cannot happen
 * (coverage starts at a known instant), and reads null too rather than inventing 100 %.
 */
export function uptimeFigure(pct: number | null, coverage: WindowCoverage | null): UptimeFigureOutput | null {
  if (pct === null || coverage === null) return null;
  return { pct: roundUptime(pct), covered_from: coverage.coveredFrom.toISOString(), coverage: roundCoverage(coverage.coverage) };
}

/**
 * Four decimals, never rounded up to a full window nor down to nothing: 10 minutes of 30 days
 * reads 0.0002, 29.99 days of 30 reads 0.9996 — a figure reads "full" only when it is.
 */
export function roundCoverage(c: number): number {
  if (c >= 1) return 1;
  if (c <= 0) return 0;
  return Math.min(0.9999, Math.max(0.0001, Math.floor(c * 10_000) / 10_000));
}
