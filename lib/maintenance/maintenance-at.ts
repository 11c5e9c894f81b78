// Whether a client is inside one of its maintenance windows at a moment: the one rule the
// alert lifecycle (muting), record-check (maintenance checks out of uptime and SLA) and the
// history all ask. One indexed query on (client_ref, starts_at) per call; recurring rows are
// stepped in memory (croner, in the client's time zone). Imports nothing of lib/monitoring or
// lib/alerts: both call in here.
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_DURATION_MINUTES } from "./schemas";
import { mergeIntervals, occurrenceAt, occurrencesBetween, type Interval, type WindowRule } from "./recurrence";

/** An occurrence of a recurring window can outlast the series' end by at most its duration. */
const LONGEST_OCCURRENCE_MS = MAX_DURATION_MINUTES * 60_000;
/** Rows looked at per call: MAX_WINDOWS_PER_CLIENT is far below it; a bound all the same. */
const ROWS_MAX = 500;

const windowSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  recurrence: true,
  durationMinutes: true,
  createdAt: true,
  client: { select: { timeZone: true } },
} as const;

type WindowRow = { id: string; clientRef: string; title: string; startsAt: Date; endsAt: Date | null; recurrence: string | null; durationMinutes: number | null; createdAt: Date; client: { timeZone: string } };

export const ruleOf = (row: Pick<WindowRow, "startsAt" | "endsAt" | "recurrence" | "durationMinutes">, timeZone: string): WindowRule => ({
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  recurrence: row.recurrence,
  durationMinutes: row.durationMinutes,
  timeZone,
});

/** Rows of the given clients that may be on somewhere in [from, to). */
function candidates(db: Db | Tx, clientRefs: string[], from: Date, to: Date): Promise<WindowRow[]> {
  return db.maintenanceWindow.findMany({
    where: {
      clientRef: clientRefs.length === 1 ? clientRefs[0] : { in: clientRefs },
      startsAt: { lte: to },
      OR: [{ endsAt: null }, { endsAt: { gt: new Date(from.getTime() - LONGEST_OCCURRENCE_MS) } }],
    },
    select: { ...windowSelect, clientRef: true },
    take: ROWS_MAX * clientRefs.length,
  });
}

export interface ActiveMaintenance {
  id: string;
  title: string;
  /** When this occurrence ends. */
  until: Date;
}

/** The window (occurrence) the client is in at `at`, the one ending last if several; else null. */
export async function activeMaintenance(db: Db | Tx, clientRef: string, at: Date): Promise<ActiveMaintenance | null> {
  const rows = await candidates(db, [clientRef], at, at);
  let best: ActiveMaintenance | null = null;
  for (const row of rows) {
    const on = occurrenceAt(ruleOf(row, row.client.timeZone), at);
    if (on && (!best || on.end > best.until)) best = { id: row.id, title: row.title, until: on.end };
  }
  return best;
}

/**
 * For a caller's own SQL (record-check's row lock): a boolean expression, true when the client
 * in `clientRefColumn` has a window that may be on at `at` (or at any time in [`from`, `at`]: a
 * batch of checks asks once) (the same candidate rule as inMaintenance's query). False = certainly not in maintenance, with no extra round trip; true
 * = ask inMaintenance, which decides recurring rows exactly. The column is a fixed identifier
 * written in the query (checked here), never input.
 */
export function maybeInMaintenanceSql(clientRefColumn: string, at: Prisma.Sql, from: Prisma.Sql = at): Prisma.Sql {
  if (!/^(?:[a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/.test(clientRefColumn)) throw new Error(`maybeInMaintenanceSql: "${clientRefColumn}" is not a plain column reference`);
  return Prisma.sql`EXISTS (SELECT 1 FROM maintenance_windows mw WHERE mw.client_ref = ${Prisma.raw(clientRefColumn)} AND mw.starts_at <= ${at}
    AND (mw.ends_at IS NULL OR mw.ends_at > ${from} - interval '${Prisma.raw(String(LONGEST_OCCURRENCE_MS / 60_000))} minutes'))`;
}

export async function inMaintenance(db: Db | Tx, clientRef: string, at: Date): Promise<boolean> {
  return (await activeMaintenance(db, clientRef, at)) !== null;
}

/**
 * The maintenance time of each given client overlapping [from, to), as disjoint sorted
 * intervals clipped to the range: what uptime and SLA figures leave out and the history shows.
 * A window counts only from when it was created: declaring maintenance afterwards cannot
 * erase an outage that was already measured (checks made before it were not marked either).
 */
export async function maintenanceIntervals(db: Db | Tx, clientRefs: readonly string[], from: Date, to: Date): Promise<Map<string, Interval[]>> {
  const out = new Map<string, Interval[]>();
  const refs = [...new Set(clientRefs)];
  if (refs.length === 0 || !(from < to)) return out;
  const rows = await candidates(db, refs, from, to);
  const raw = new Map<string, Interval[]>();
  for (const row of rows) raw.set(row.clientRef, [...(raw.get(row.clientRef) ?? []), ...countedOccurrences(row, from, to)]);
  for (const [ref, list] of raw) {
    const merged = mergeIntervals(list);
    if (merged.length) out.set(ref, merged);
  }
  return out;
}

/** A row's occurrences overlapping [from, to), clipped to it and to the row's creation (see maintenanceIntervals). */
function countedOccurrences(row: WindowRow, from: Date, to: Date): Interval[] {
  const out: Interval[] = [];
  for (const iv of occurrencesBetween(ruleOf(row, row.client.timeZone), from, to)) {
    const start = Math.max(iv.start.getTime(), from.getTime(), row.createdAt.getTime());
    const end = Math.min(iv.end.getTime(), to.getTime());
    if (start < end) out.push({ start: new Date(start), end: new Date(end) });
  }
  return out;
}

export interface MaintenanceOccurrence extends Interval {
  windowId: string;
  title: string;
}

/**
 * Each occurrence of a client's windows that counts in [from, to) (the same rule as
 * maintenanceIntervals, before merging), with its window's title, in time order: what a report
 * lists as excluded. Occurrences of different windows may overlap here.
 */
export async function maintenanceOccurrences(db: Db | Tx, clientRef: string, from: Date, to: Date): Promise<MaintenanceOccurrence[]> {
  if (!(from < to)) return [];
  const rows = await candidates(db, [clientRef], from, to);
  return rows
    .flatMap((row) => countedOccurrences(row, from, to).map((iv) => ({ ...iv, windowId: row.id, title: row.title })))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
}
