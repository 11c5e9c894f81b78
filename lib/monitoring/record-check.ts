// Stores probes of systems and moves their confirmed states, many checks in ONE transaction:
// the health_checks rows, the hour and day rollups, each system's current status / reason /
// pending run, and, on a confirmed change, the state-change history (the previous state's row is
// closed). The scheduler hands in the checks that finished in the last few hundred milliseconds
// (check-writer.ts); "check now" hands in its own. The statements are the same however many
// checks a batch holds (lock and read, insert, rollups, update, history), each multi-row, so the
// cost per check falls as the fleet grows instead of seven ORM round trips per check.
//
// Guarantees: the systems' rows are locked for the transaction (in id order, so two instances
// or "check now" never deadlock or interleave a system's reads and writes); checks of one system
// are strictly ordered in time, also within one batch (a later one is stored 1 ms after the
// previous when the clock says otherwise) and move the confirmed state one after another; the
// rollups equal the raw rows; a batch is all or nothing.
import type { Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { System } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { inMaintenance, maybeInMaintenanceSql } from "@/lib/maintenance/maintenance-at";
import type { CheckStatus, ProbeStatus } from "./classify-probe";
import { nextSystemState, type StateChange, type SystemState } from "./confirm-state";
import { bucketIndex, HISTOGRAM_BUCKETS } from "./latency-histogram";
import type { ProbeReport } from "./probe-system";

export interface RecordedCheck {
  /** The stored check's status: the probe's, or unknown for a name that never resolved. */
  status: CheckStatus;
  /** The rule stored with the check (classify-probe's, refined for a name that never resolved). */
  rule: string;
  /** The stored check's reason. */
  reason: string;
  confirmedStatus: System["status"];
  change: StateChange | null;
  /** The stored check time (at, or 1 ms after the previous check if the clock stepped back). */
  checkedAt: Date;
  /** Made inside one of the client's maintenance windows (kept out of uptime and SLA; alerts muted). */
  maintenance: boolean;
  /** The system's client (clients.id): what the steps after a check key on. */
  clientRef: string;
}

/** One finished probe to store. */
export interface FinishedProbe {
  systemId: string;
  report: ProbeReport;
  /** When the probe finished (the check's time unless the system's clock must step past it). */
  probeAt: Date;
}

/** Per probe, in the order given: what was stored, or why not (the system no longer exists). */
export type RecordOutcome = { ok: true; recorded: RecordedCheck } | { ok: false; error: Error };

/** Checks per transaction at most: callers split larger sets (the statements bind arrays, not rows). */
export const MAX_BATCH = 500;

// A wall clock stepped backwards (NTP) must not stop checking: stored times later than the
// probe are treated as the probe's time.
const notAfter = (d: Date, at: Date) => (d > at ? at : d);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

/** One system's row as the batch reads it under the lock. */
interface LockedSystem {
  id: string;
  client_ref: string;
  status: System["status"];
  status_reason: string | null;
  status_rule: string | null;
  status_changed_at: Date | string | null;
  created_at: Date | string;
  pending_status: ProbeStatus | null;
  pending_count: number;
  pending_since: Date | string | null;
  last_check_at: Date | string | null;
  last_response_time_ms: number | null;
  confirmations: number;
  maybe_maintenance: boolean;
}

/** Stores one probe of one system (a batch of one); throws NotFoundError for a system that no longer exists. */
export async function recordCheck(ctx: Context, target: Pick<System, "id">, report: ProbeReport, probeAt: Date): Promise<RecordedCheck> {
  const [outcome] = await recordChecks(ctx, [{ systemId: target.id, report, probeAt }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.recorded;
}

/**
 * Stores the probes (at most MAX_BATCH) in one transaction; returns an outcome per probe, in
 * the order given. A probe of a system that no longer exists is refused alone; a database
 * failure rejects the whole batch (nothing of it is stored).
 */
export async function recordChecks(ctx: Context, probes: readonly FinishedProbe[]): Promise<RecordOutcome[]> {
  if (probes.length === 0) return [];
  if (probes.length > MAX_BATCH) throw new RangeError(`recordChecks: at most ${MAX_BATCH} checks per batch, got ${probes.length}`);
  return ctx.db.$transaction((tx) => writeBatch(tx, probes), TX_OPTIONS);
}

async function writeBatch(tx: Tx, probes: readonly FinishedProbe[]): Promise<RecordOutcome[]> {
  const ids = [...new Set(probes.map((p) => p.systemId))].sort();
  let minAt = probes[0]!.probeAt;
  let maxAt = probes[0]!.probeAt;
  for (const p of probes) {
    if (p.probeAt < minAt) minAt = p.probeAt;
    if (p.probeAt > maxAt) maxAt = p.probeAt;
  }
  // Lock every system of the batch (id order: no deadlock with another writer) and read its
  // state. The lock also says whether the client may be in a maintenance window around the
  // batch (almost always not: then the checks cost no query for it).
  const rows = await tx.$queryRaw<LockedSystem[]>`
    SELECT id::text, client_ref::text, status::text, status_reason, status_rule, status_changed_at, created_at,
      pending_status::text, pending_count, pending_since, last_check_at, last_response_time_ms, confirmations,
      ${maybeInMaintenanceSql("client_ref", Prisma.sql`GREATEST(${maxAt}::timestamptz, last_check_at + interval '1 second')`, Prisma.sql`${minAt}::timestamptz`)} AS maybe_maintenance
    FROM systems WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const byId = new Map(rows.map((r) => [r.id, r]));

  // A DNS failure of a system that has never answered a probe (no response time in any daily
  // rollup, kept two years) is a name that never resolved, most likely mistyped: like a refused
  // check it says nothing about the client's system, so it is unknown (never down time, out of
  // the rollups and uptime) and flagged misconfigured, see misconfigurationOf.
  const dnsIds = [...new Set(probes.filter((p) => p.report.rule === "dns_error" && byId.has(p.systemId)).map((p) => p.systemId))];
  const answered = new Set<string>();
  if (dnsIds.length) {
    const found = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT system_id::text AS id FROM check_rollups WHERE system_id = ANY(${dnsIds}::uuid[]) AND period = 'day' AND latency_count > 0`;
    for (const f of found) answered.add(f.id);
  }

  const state = new Map<string, { row: LockedSystem; current: SystemState; lastCheckAt: Date | null; reason: string | null; rule: string | null; lastResponseTimeMs: number | null }>();
  for (const row of rows) {
    state.set(row.id, {
      row,
      current: {
        status: row.status,
        since: asDate(row.status_changed_at) ?? asDate(row.created_at)!,
        pending: row.pending_status && row.pending_since ? { status: row.pending_status, count: row.pending_count, firstAt: asDate(row.pending_since)! } : null,
      },
      lastCheckAt: asDate(row.last_check_at),
      reason: row.status_reason,
      rule: row.status_rule,
      lastResponseTimeMs: row.last_response_time_ms,
    });
  }

  const checks: CheckRow[] = [];
  const rollups = new RollupDeltas();
  const changes: { systemId: string; change: StateChange }[] = [];
  const outcomes: RecordOutcome[] = [];
  for (const { systemId, report, probeAt } of probes) {
    const s = state.get(systemId);
    if (!s) {
      outcomes.push({ ok: false, error: new NotFoundError("The system no longer exists") });
      continue;
    }
    // Checks of one system are strictly ordered in time (the key is (system, time)).
    const at = s.lastCheckAt && s.lastCheckAt >= probeAt ? new Date(s.lastCheckAt.getTime() + 1) : probeAt;
    let probe = report;
    if (probe.rule === "dns_error" && !answered.has(systemId)) {
      probe = { ...probe, status: "unknown", rule: "dns_never_resolved", reason: `name never resolved (${probe.reason})` };
    }
    // Inside one of the client's maintenance windows the check still moves the confirmed status
    // (the dashboard tells the truth) but is stored as maintenance and counted apart in the
    // rollups, so no uptime, coverage or SLA figure counts it.
    const maintenance = s.row.maybe_maintenance ? await inMaintenance(tx, s.row.client_ref, at) : false;
    const current = { ...s.current, since: notAfter(s.current.since, at), pending: s.current.pending ? { ...s.current.pending, firstAt: notAfter(s.current.pending.firstAt, at) } : null };
    const { state: next, change } = nextSystemState(current, { status: probe.status, reason: probe.reason, at }, s.row.confirmations);
    checks.push({ systemId, at, probe, maintenance });
    // A refused check (status unknown) was never sent: it stays out of the rollups, so their
    // `checks` are the probes actually sent (= healthy + degraded + down) and no figure counts it.
    if (probe.status !== "unknown") {
      rollups.add(systemId, at, probe.status, probe.responseTimeMs, maintenance);
      if (!maintenance && probe.responseTimeMs !== null) answered.add(systemId);
    }
    // The reason and rule always describe the confirmed state: the latest probe's when it agrees.
    if (change || probe.status === next.status) {
      s.reason = (change?.reason ?? probe.reason).slice(0, 500);
      s.rule = probe.rule;
    }
    s.current = next;
    s.lastCheckAt = at;
    s.lastResponseTimeMs = probe.responseTimeMs;
    if (change) changes.push({ systemId, change });
    outcomes.push({ ok: true, recorded: { status: probe.status, rule: probe.rule, reason: probe.reason, confirmedStatus: next.status, change, checkedAt: at, maintenance, clientRef: s.row.client_ref } });
  }
  if (checks.length === 0) return outcomes;

  await insertChecks(tx, checks);
  await rollups.write(tx);
  const checked = new Set(checks.map((c) => c.systemId));
  const touched = [...state.values()].filter((s) => checked.has(s.row.id));
  await tx.$executeRaw`
    UPDATE systems s SET
      status = v.status::"HealthStatus", status_reason = v.reason, status_rule = v.rule, status_changed_at = v.since,
      pending_status = v.pending_status::"HealthStatus", pending_count = v.pending_count, pending_since = v.pending_since,
      last_check_at = v.last_check_at, last_response_time_ms = v.last_rt, updated_at = now()
    FROM unnest(
      ${touched.map((s) => s.row.id)}::uuid[], ${touched.map((s) => s.current.status)}::text[], ${touched.map((s) => s.reason)}::text[],
      ${touched.map((s) => s.rule)}::text[], ${touched.map((s) => iso(s.current.since))}::timestamptz[],
      ${touched.map((s) => s.current.pending?.status ?? null)}::text[], ${touched.map((s) => s.current.pending?.count ?? 0)}::int[],
      ${touched.map((s) => iso(s.current.pending?.firstAt))}::timestamptz[], ${touched.map((s) => iso(s.lastCheckAt))}::timestamptz[],
      ${touched.map((s) => s.lastResponseTimeMs)}::float8[]
    ) AS v(id, status, reason, rule, since, pending_status, pending_count, pending_since, last_check_at, last_rt)
    WHERE s.id = v.id`;
  if (changes.length) await writeChanges(tx, changes);
  return outcomes;
}

interface CheckRow {
  systemId: string;
  at: Date;
  probe: ProbeReport;
  maintenance: boolean;
}

async function insertChecks(tx: Tx, checks: CheckRow[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO health_checks (system_id, checked_at, status, response_time_ms, http_status, reported_uptime, error, reason, rule, maintenance)
    SELECT v.system_id, v.checked_at, v.status::"HealthStatus", v.rt, v.http, v.up, v.error, v.reason, v.rule, v.maintenance
    FROM unnest(
      ${checks.map((c) => c.systemId)}::uuid[], ${checks.map((c) => c.at.toISOString())}::timestamptz[], ${checks.map((c) => c.probe.status)}::text[],
      ${checks.map((c) => c.probe.responseTimeMs)}::real[], ${checks.map((c) => c.probe.httpStatus)}::smallint[], ${checks.map((c) => c.probe.reportedUptime)}::real[],
      ${checks.map((c) => c.probe.error?.slice(0, 1000) ?? null)}::text[], ${checks.map((c) => c.probe.reason.slice(0, 500))}::text[],
      ${checks.map((c) => c.probe.rule)}::text[], ${checks.map((c) => c.maintenance)}::boolean[]
    ) AS v(system_id, checked_at, status, rt, http, up, error, reason, rule, maintenance)`;
}

/**
 * Each confirmed change closes the system's open state row and opens its own; several changes of
 * one system in one batch close each other in order.
 */
async function writeChanges(tx: Tx, changes: { systemId: string; change: StateChange }[]): Promise<void> {
  const firstAt = new Map<string, Date>();
  for (const { systemId, change } of changes) if (!firstAt.has(systemId)) firstAt.set(systemId, change.at);
  await tx.$executeRaw`
    UPDATE status_changes c SET ended_at = v.at
    FROM unnest(${[...firstAt.keys()]}::uuid[], ${[...firstAt.values()].map(iso)}::timestamptz[]) AS v(system_id, at)
    WHERE c.system_id = v.system_id AND c.ended_at IS NULL`;
  const endedAt = changes.map(({ systemId }, i) => {
    const later = changes.slice(i + 1).find((c) => c.systemId === systemId);
    return later ? iso(later.change.at) : null;
  });
  await tx.$executeRaw`
    INSERT INTO status_changes (system_id, from_status, to_status, reason, started_at, ended_at)
    SELECT v.system_id, v.from_status::"HealthStatus", v.to_status::"HealthStatus", v.reason, v.started_at, v.ended_at
    FROM unnest(
      ${changes.map((c) => c.systemId)}::uuid[], ${changes.map((c) => c.change.from)}::text[], ${changes.map((c) => c.change.to)}::text[],
      ${changes.map((c) => c.change.reason.slice(0, 500))}::text[], ${changes.map((c) => iso(c.change.at))}::timestamptz[], ${endedAt}::timestamptz[]
    ) AS v(system_id, from_status, to_status, reason, started_at, ended_at)`;
}

/** The batch's additions to the hour and day rollups, one row per (system, period, bucket). */
class RollupDeltas {
  private rows = new Map<string, { systemId: string; period: "hour" | "day"; start: number; checks: number; healthy: number; degraded: number; down: number; maintenance: number; latencyCount: number; latencySum: number; latencyMax: number | null; hist: number[] }>();

  add(systemId: string, at: Date, status: ProbeStatus, probeLatency: number | null, maintenance: boolean): void {
    // A maintenance check counts only in `maintenance`: not a check, a status or a latency of any figure.
    const latency = maintenance ? null : probeLatency;
    const bucket = bucketIndex(latency);
    for (const [period, unit] of [["hour", HOUR_MS], ["day", DAY_MS]] as const) {
      const start = floorTo(at.getTime(), unit);
      const key = `${systemId}|${period}|${start}`;
      let r = this.rows.get(key);
      if (!r) {
        r = { systemId, period, start, checks: 0, healthy: 0, degraded: 0, down: 0, maintenance: 0, latencyCount: 0, latencySum: 0, latencyMax: null, hist: new Array<number>(HISTOGRAM_BUCKETS).fill(0) };
        this.rows.set(key, r);
      }
      if (maintenance) {
        r.maintenance++;
        continue;
      }
      r.checks++;
      r[status]++;
      if (latency !== null) {
        r.latencyCount++;
        r.latencySum += latency;
        r.latencyMax = r.latencyMax === null ? latency : Math.max(r.latencyMax, latency);
        if (bucket !== null) r.hist[bucket]!++;
      }
    }
  }

  /** One statement adds every row; the histogram update adds the arrays element-wise. */
  async write(tx: Tx): Promise<void> {
    const rows = [...this.rows.values()];
    if (rows.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO check_rollups AS r (system_id, period, bucket_start, checks, healthy, degraded, down, maintenance, latency_count, latency_sum, latency_max, latency_hist)
      SELECT v.system_id, v.period::"RollupPeriod", v.bucket_start, v.checks, v.healthy, v.degraded, v.down, v.maintenance, v.lcount, v.lsum, v.lmax, v.hist::int[]
      FROM unnest(
        ${rows.map((r) => r.systemId)}::uuid[], ${rows.map((r) => r.period)}::text[], ${rows.map((r) => new Date(r.start).toISOString())}::timestamptz[],
        ${rows.map((r) => r.checks)}::int[], ${rows.map((r) => r.healthy)}::int[], ${rows.map((r) => r.degraded)}::int[], ${rows.map((r) => r.down)}::int[],
        ${rows.map((r) => r.maintenance)}::int[], ${rows.map((r) => r.latencyCount)}::int[], ${rows.map((r) => r.latencySum)}::float8[],
        ${rows.map((r) => r.latencyMax)}::real[], ${rows.map((r) => `{${r.hist.join(",")}}`)}::text[]
      ) AS v(system_id, period, bucket_start, checks, healthy, degraded, down, maintenance, lcount, lsum, lmax, hist)
      ON CONFLICT (system_id, period, bucket_start) DO UPDATE SET
        checks = r.checks + EXCLUDED.checks,
        maintenance = r.maintenance + EXCLUDED.maintenance,
        healthy = r.healthy + EXCLUDED.healthy,
        degraded = r.degraded + EXCLUDED.degraded,
        down = r.down + EXCLUDED.down,
        latency_count = r.latency_count + EXCLUDED.latency_count,
        latency_sum = r.latency_sum + EXCLUDED.latency_sum,
        latency_max = GREATEST(r.latency_max, EXCLUDED.latency_max),
        latency_hist = (SELECT array_agg(COALESCE(a, 0) + COALESCE(b, 0) ORDER BY i)
                          FROM unnest(r.latency_hist, EXCLUDED.latency_hist) WITH ORDINALITY AS t(a, b, i))`;
  }
}

// Bursts of writers (check now, several instances) queue for the connection pool (10) behind
// each other; Prisma's default 2 s wait would drop checks that were already made. Each
// transaction is short.
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };
