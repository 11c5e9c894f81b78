// Pure: maintenance time taken out of state intervals, so uptime and SLA figures leave it out
// the way they leave out unknown time. Coverage is NOT computed from the result: a window
// watched through a maintenance period is still watched (coverage.ts gets the original
// intervals), so a system down only during maintenance reads 100 % with full coverage.
import type { StateInterval } from "./compute-uptime";

export interface TimeSpan {
  start: Date;
  end: Date;
}

/**
 * The intervals with every maintenance span cut out. `maintenance` must be sorted and
 * disjoint (lib/maintenance's maintenanceIntervals gives them so). Input order is kept.
 */
export function withoutMaintenance(intervals: readonly StateInterval[], maintenance: readonly TimeSpan[] | undefined): StateInterval[] {
  if (!maintenance || maintenance.length === 0) return intervals as StateInterval[];
  const out: StateInterval[] = [];
  for (const iv of intervals) {
    let cursor = iv.start.getTime();
    const end = iv.end.getTime();
    // First span that may overlap: binary search on span ends.
    let lo = 0;
    let hi = maintenance.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (maintenance[mid]!.end.getTime() <= cursor) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < maintenance.length && cursor < end; i++) {
      const m = maintenance[i]!;
      const ms = m.start.getTime();
      if (ms >= end) break;
      if (ms > cursor) out.push({ status: iv.status, start: new Date(cursor), end: new Date(ms) });
      cursor = Math.max(cursor, m.end.getTime());
    }
    if (cursor < end) out.push({ status: iv.status, start: new Date(cursor), end: iv.end });
  }
  return out;
}
