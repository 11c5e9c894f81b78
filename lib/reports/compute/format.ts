// Pure: the two formats the computed sentences need beyond lib/reports/format.ts (which every
// rendering shares, and which the sentences use for numbers, durations and percentages).
import { localParts } from "@/lib/metrics/zone-time";

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** Minutes to 2 decimals (state changes fall on any millisecond). */
export const minutesOf = (ms: number) => Math.round(ms / 600) / 100;

/** "16 Oct 12:00" in the zone: short enough for a sentence, the year is the period's. */
export function localDayTime(zone: string, t: number): string {
  const p = localParts(zone, t);
  return `${p.day} ${SHORT_MONTHS[p.month - 1]} ${pad(p.hour)}:${pad(p.minute)}`;
}
