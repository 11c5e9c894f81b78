// THE claim of due work, for every kind the one scheduler loop (and the alert delivery worker)
// runs: one SQL statement that ranks the due rows fairly across groups (clients), locks the
// picked rows FOR UPDATE SKIP LOCKED, and moves each claimed row's next due time (or sets its
// lease) in the same statement. Several instances on one PostgreSQL therefore never claim a row
// twice in one interval (or lease); PGlite runs the same SQL in its one process. Health checks
// (claim-due-systems.ts) and metrics pulls (lib/metrics/claim-due-pulls.ts) are two specs of it.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export interface ClaimSlots {
  /** This loop's slots for the kind of work (e.g. SCHEDULER_CONCURRENCY). */
  concurrency: number;
  /** Jobs this loop has in flight now, by fair-share group (clients.id for checks and pulls). */
  inFlightByClient: ReadonlyMap<string, number>;
  /** At most this many jobs of one group in flight at once; none beyond the fair-share rule if unset. */
  perClientCap?: number;
}

/**
 * The fairness rule (one group's slow or hanging work never delays another group's):
 * - each active group's share of the slots is concurrency ÷ groups with eligible rows (at least
 *   1); a group below its share may always take a free slot;
 * - beyond its share a group may borrow idle slots, but only while a quarter of all slots stays
 *   free after the claim: that reserve is for groups below their share, so a group whose every
 *   job hangs can hold at most three quarters of the slots (until its timeouts);
 * - due rows are taken round-robin across groups (each group's oldest first, then each one's
 *   second, …), so one group's backlog never queues ahead of another group's one job;
 * - never more than the free slots: whatever is claimed starts at once, and a due row left
 *   unclaimed keeps its due time (it is taken the moment a slot frees, not an interval later).
 */
export function reservedSlots(concurrency: number): number {
  return Math.floor(concurrency / 4);
}

/**
 * What to claim. Every fragment is fixed SQL written by the caller (values bound as parameters,
 * never input spliced in) and names the claimed table by `alias`.
 */
export interface FairShareClaim {
  /** The table whose rows are claimed and updated (a plain identifier); it has a primary key `id`. */
  table: string;
  /** Its alias in every fragment (a plain identifier), e.g. "s". */
  alias: string;
  /** Joins after `table alias` that the other fragments read, e.g. `JOIN clients c ON c.id = s.client_ref`. */
  joins?: Prisma.Sql;
  /** The fair-share group of a row, a uuid expression: `s.client_ref` (the keys of slots.inFlightByClient). */
  group: Prisma.Sql;
  /**
   * The rows taking part at all, due or not (e.g. enabled systems of active clients with a metrics
   * URL): a group's share counts the groups with eligible rows, and only eligible rows are claimed.
   */
  eligible: Prisma.Sql;
  /**
   * When a row is due (usually a column, e.g. `s.next_check_at`; for a lease, an expression
   * such as `GREATEST(n.next_attempt_at, COALESCE(n.locked_until, n.next_attempt_at))`): due
   * when ≤ now, taken oldest first, returned as `due.scheduled_at`. Rechecked on the locked row
   * version, so a row another instance claimed meanwhile (its due time moved on) is left out.
   */
  dueAt: Prisma.Sql;
  /**
   * The SET list applied to every claimed row in the claiming statement: the next due time
   * (`next_metrics_at = now + interval`), or a lease (`locked_until = now + lease, locked_by = …`,
   * with a `dueAt` that is not ≤ now while the lease holds). May read the row and `due.scheduled_at`.
   */
  set: Prisma.Sql;
  /** Columns of the joined tables to hand back, each named (`c.allow_private_targets AS allow_private`), read as `due.<name>`. */
  carry?: Prisma.Sql;
  /** The RETURNING list: the updated row's columns (alias.), `due.scheduled_at` and carried `due.<name>`. */
  returning: Prisma.Sql;
  /**
   * A cheap (index-served) condition true for every due row. When given, a LIMIT 1 lookup on it
   * runs first, and the ranking (which counts every group's rows) only when it finds one: for
   * kinds polled far more often than work falls due (pulls every 15 min, polled every 250 ms).
   */
  anyDueProbe?: Prisma.Sql;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): Prisma.Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`claimFairShare: "${name}" is not a plain identifier`);
  return Prisma.raw(name);
}

/**
 * Claims the due rows that may start now under the fairness rule (reservedSlots), at most the
 * free slots; returns what `returning` names. The ranking reads the due rows without locking
 * them (FOR UPDATE is not allowed next to window functions); only the picked rows are then
 * locked, SKIP LOCKED, and the due condition is checked again on the latest row version.
 */
export async function claimFairShare<R>(db: Db, now: Date, slots: ClaimSlots, spec: FairShareClaim): Promise<R[]> {
  let busy = 0;
  for (const n of slots.inFlightByClient.values()) busy += n;
  const free = slots.concurrency - busy;
  if (free <= 0) return [];
  const table = identifier(spec.table);
  const t = identifier(spec.alias);
  if (spec.anyDueProbe) {
    const anyDue = await db.$queryRaw<unknown[]>`SELECT 1 FROM ${table} ${t} WHERE ${spec.anyDueProbe} LIMIT 1`;
    if (anyDue.length === 0) return [];
  }
  const borrowable = free - reservedSlots(slots.concurrency);
  const cap = slots.perClientCap ?? slots.concurrency;
  const inFlight = JSON.stringify(Object.fromEntries(slots.inFlightByClient));
  const from = Prisma.sql`${table} ${t} ${spec.joins ?? Prisma.empty}`;
  const isDue = Prisma.sql`${spec.dueAt} <= ${now}::timestamptz`;
  const carry = spec.carry ? Prisma.sql`, ${spec.carry}` : Prisma.empty;
  return db.$queryRaw<R[]>`
    WITH in_flight AS (
      SELECT key::uuid AS grp, value::int AS n FROM jsonb_each_text(${inFlight}::jsonb)
    ),
    share AS (
      SELECT GREATEST(1, ${slots.concurrency}::int / GREATEST(1, count(DISTINCT ${spec.group})::int)) AS g
      FROM ${from}
      WHERE ${spec.eligible}
    ),
    ranked AS (
      -- slot: how many jobs the group would have in flight with this one started
      SELECT ${t}.id, ${spec.dueAt} AS due_at,
        COALESCE(f.n, 0) + row_number() OVER (PARTITION BY ${spec.group} ORDER BY ${spec.dueAt}, ${t}.id) AS slot
      FROM ${from} LEFT JOIN in_flight f ON f.grp = ${spec.group}
      WHERE ${spec.eligible} AND ${isDue}
    ),
    ordered AS (
      -- within-share picks first, then borrowed ones; round-robin across groups in each
      SELECT r.id, r.slot <= share.g AS within,
        row_number() OVER (ORDER BY r.slot > share.g, r.slot, r.due_at, r.id) AS pos
      FROM ranked r CROSS JOIN share
      WHERE r.slot <= ${cap}::int
    ),
    due AS (
      SELECT ${t}.id, ${spec.dueAt} AS scheduled_at ${carry}
      FROM ${from}
      WHERE ${t}.id IN (SELECT id FROM ordered WHERE pos <= ${free}::int AND (within OR pos <= ${borrowable}::int))
        AND ${spec.eligible} AND ${isDue}
      FOR UPDATE OF ${t} SKIP LOCKED
    )
    UPDATE ${table} ${t} SET ${spec.set}
    FROM due WHERE ${t}.id = due.id
    RETURNING ${spec.returning}`;
}
