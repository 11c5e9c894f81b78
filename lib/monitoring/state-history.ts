// The confirmed state history of many systems over the last 30 days, loaded ONCE per request and
// read by both consumers of it: the uptime figures (client-health-stats.ts: 24 h and 30 d) and
// the attention rules (client-attention.ts: SLA standing, flapping).
//
// Kept per process between requests: a system's history only changes when its confirmed state
// does, and every writer of status_changes (record-check.ts, lib/clients/pause-system.ts) moves
// systems.status_changed_at in the same transaction. So a system's cached history is reused while
// the status_changed_at the caller just read is the one it was loaded with, and reloaded when it
// moved: at 1,000 systems a dashboard request reads the few systems that changed instead of all
// 7,000 states (measured: 19 ms of 80 ms of CPU on PGlite). The window slides by filtering the
// cached rows at each read, exactly as the query would. Only for callers who may see every
// client (a client-bound caller reads a few systems and queries them), and only when the caller
// hands in status_changed_at; bounded to MAX_CACHED systems.
import { isClientBound, scopeSql } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import type { StateInterval } from "./compute-uptime";
import type { SystemStatus } from "./confirm-state";

/** The longest window any consumer reads (the SLA and uptime_30d windows). */
export const STATE_HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;
const MAX_CACHED = 50_000;

export interface StateHistory {
  /** The instant the history was read for: every consumer judges at this "now". */
  now: Date;
  /** now − 30 days: states that ended before it are left out. */
  from: Date;
  /** Per system, its confirmed states overlapping [from, now) in order, ends clipped to now (empty ones left out). */
  intervals: ReadonlyMap<string, readonly StateInterval[]>;
  /** Per system, the start (ms) of every confirmed change overlapping [from, now), in order (the flapping rule's input). */
  changes: ReadonlyMap<string, readonly number[]>;
}

/** A system whose history is wanted; statusChangedAt as just read from its row (undefined: not known, not cached). */
export interface HistorySystem {
  id: string;
  statusChangedAt?: Date | null;
}

interface StoredState {
  status: SystemStatus;
  startMs: number;
  /** null while the state is open. */
  endMs: number | null;
  /** The interval object for a closed state, made once and shared by every read it lies wholly before "now" in. */
  closed: StateInterval | null;
}

interface CachedHistory {
  changedAtMs: number | null;
  /** Holds every state that ended after this instant. */
  fromMs: number;
  states: StoredState[];
}

const caches = new WeakMap<Db, Map<string, CachedHistory>>();

function cacheFor(db: Db): Map<string, CachedHistory> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** Tests: forget every cached history (as after a restart). */
export function forgetStateHistories(db: Db): void {
  caches.delete(db);
}

/** The state history of the given systems (already scoped by the caller; scoped again here) at `now`. */
export async function loadStateHistory(ctx: Context, systems: readonly HistorySystem[], now: Date = ctx.clock.now()): Promise<StateHistory> {
  const nowMs = now.getTime();
  const fromMs = nowMs - STATE_HISTORY_DAYS * DAY_MS;
  const cache = isClientBound(ctx) ? undefined : cacheFor(ctx.db);
  const found = new Map<string, StoredState[]>();
  const missing: HistorySystem[] = [];
  for (const s of systems) {
    const hit = cache?.get(s.id);
    if (hit && s.statusChangedAt !== undefined && hit.changedAtMs === (s.statusChangedAt?.getTime() ?? null) && hit.fromMs <= fromMs) found.set(s.id, hit.states);
    else missing.push(s);
  }
  if (missing.length > 0) {
    const loaded = await queryStates(ctx, missing.map((s) => s.id), fromMs);
    for (const s of missing) {
      const states = loaded.get(s.id) ?? [];
      found.set(s.id, states);
      if (cache && s.statusChangedAt !== undefined) {
        cache.delete(s.id); // re-inserted last: the Map's order is the eviction order
        cache.set(s.id, { changedAtMs: s.statusChangedAt?.getTime() ?? null, fromMs, states });
      }
    }
    if (cache) while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }

  // What the query would answer at this "now": states that began before it and had not ended
  // by `from`, ends clipped to now.
  const intervals = new Map<string, StateInterval[]>();
  const changes = new Map<string, number[]>();
  for (const [id, states] of found) {
    const list: StateInterval[] = [];
    const starts: number[] = [];
    for (const st of states) {
      if (!(st.startMs < nowMs) || (st.endMs !== null && !(st.endMs > fromMs))) continue;
      starts.push(st.startMs);
      if (st.endMs !== null && st.endMs <= nowMs) {
        if (st.endMs > st.startMs) list.push((st.closed ??= { status: st.status, start: new Date(st.startMs), end: new Date(st.endMs) }));
      } else if (nowMs > st.startMs) {
        list.push({ status: st.status, start: new Date(st.startMs), end: now });
      }
    }
    if (starts.length > 0) {
      intervals.set(id, list);
      changes.set(id, starts);
    }
  }
  return { now, from: new Date(fromMs), intervals, changes };
}

/** Every state of the given systems that had not ended by `fromMs`, in order, per system. */
async function queryStates(ctx: Context, systemIds: readonly string[], fromMs: number): Promise<Map<string, StoredState[]>> {
  const out = new Map<string, StoredState[]>();
  // Packed into one text value (system, status, start and end in epoch ms, per change): on
  // PGlite handing rows over costs far more than finding them (measured: ~3,000 four-column
  // rows took most of this call's time at 1,000 systems), and these are only read here.
  const [packed] = await ctx.db.$queryRaw<{ packed: string | null }[]>`
    SELECT string_agg(sc.system_id::text || ' ' || sc.to_status::text || ' ' || (extract(epoch FROM sc.started_at) * 1000)::bigint::text
             || ' ' || COALESCE((extract(epoch FROM sc.ended_at) * 1000)::bigint::text, '-'), ',' ORDER BY sc.system_id, sc.started_at) AS packed
    FROM status_changes sc
    WHERE sc.system_id = ANY(${systemIds}::uuid[]) AND ${scopeSql(ctx, { systemId: "sc.system_id" })}
      AND (sc.ended_at IS NULL OR sc.ended_at > ${new Date(fromMs)}::timestamptz)`;
  const text = packed?.packed;
  if (!text) return out;
  let systemId = "";
  let list: StoredState[] = [];
  // Rows come ordered by system: one map entry per system, no lookup per row.
  for (let pos = 0; pos < text.length; ) {
    let comma = text.indexOf(",", pos);
    if (comma < 0) comma = text.length;
    const s1 = text.indexOf(" ", pos);
    const s2 = text.indexOf(" ", s1 + 1);
    const s3 = text.indexOf(" ", s2 + 1);
    const id = text.slice(pos, s1);
    if (id !== systemId) out.set((systemId = id), (list = []));
    const ended = text.slice(s3 + 1, comma);
    list.push({ status: text.slice(s1 + 1, s2) as SystemStatus, startMs: Number(text.slice(s2 + 1, s3)), endMs: ended === "-" ? null : Number(ended), closed: null });
    pos = comma + 1;
  }
  return out;
}
