// Stores one probe of one system and moves its confirmed state: the health_checks row, the
// hour and day rollups, the system's current status / reason / pending run, and, on a
// confirmed change, the state-change history (the previous state's row is closed). Used by
// "check now" and by the scheduler; the system row is locked for the transaction so the two
// (or two scheduler instances) can never interleave their reads and writes of its state.
import type { Context } from "@/lib/context";
import type { System } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { inMaintenance, maybeInMaintenanceSql } from "@/lib/maintenance/maintenance-at";
import type { CheckStatus, ProbeStatus } from "./classify-probe";
import { nextSystemState, type StateChange } from "./confirm-state";
import { histogramOf } from "./latency-histogram";
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
}

// A wall clock stepped backwards (NTP) must not stop checking: stored times later than the
// probe are treated as the probe's time.
const notAfter = (d: Date, at: Date) => (d > at ? at : d);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const floorTo = (d: Date, unit: number) => new Date(Math.floor(d.getTime() / unit) * unit);

export async function recordCheck(ctx: Context, target: Pick<System, "id">, report: ProbeReport, probeAt: Date): Promise<RecordedCheck> {
  return ctx.db.$transaction(async (tx) => {
    let probe = report;
    // The lock also says whether the client may be in a maintenance window (almost always not:
    // then the check costs no extra query for it).
    const checkAt = Prisma.sql`GREATEST(${probeAt}::timestamptz, last_check_at + interval '1 millisecond')`;
    const locked = await tx.$queryRaw<{ id: string; maybe_maintenance: boolean }[]>`
      SELECT id, ${maybeInMaintenanceSql("client_ref", checkAt)} AS maybe_maintenance FROM systems WHERE id = ${target.id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError("The system no longer exists");
    const system = await tx.system.findUniqueOrThrow({ where: { id: target.id } });
    // Checks of one system are strictly ordered in time (the key is (system, time)).
    const at = system.lastCheckAt && system.lastCheckAt >= probeAt ? new Date(system.lastCheckAt.getTime() + 1) : probeAt;

    // A DNS failure of a system that has never answered a probe (no response time in any daily
    // rollup, kept two years) is a name that never resolved, most likely mistyped: like a refused
    // check it says nothing about the client's system, so it is unknown (never down time, out of
    // the rollups and uptime) and flagged misconfigured, see misconfigurationOf.
    if (probe.rule === "dns_error") {
      const answered = await tx.checkRollup.findFirst({ where: { systemId: system.id, period: "day", latencyCount: { gt: 0 } }, select: { systemId: true } });
      if (!answered) probe = { ...probe, status: "unknown", rule: "dns_never_resolved", reason: `name never resolved (${probe.reason})` };
    }
    const rule: string = probe.rule;
    // Inside one of the client's maintenance windows the check still moves the confirmed status
    // (the dashboard tells the truth) but is stored as maintenance and counted apart in the
    // rollups, so no uptime, coverage or SLA figure counts it.
    const maintenance = locked[0]!.maybe_maintenance ? await inMaintenance(tx, system.clientRef, at) : false;
    const { state, change } = nextSystemState(
      {
        status: system.status,
        since: notAfter(system.statusChangedAt ?? system.createdAt, at),
        pending:
          system.pendingStatus && system.pendingSince
            ? { status: system.pendingStatus as ProbeStatus, count: system.pendingCount, firstAt: notAfter(system.pendingSince, at) }
            : null,
      },
      { status: probe.status, reason: probe.reason, at },
      system.confirmations,
    );
    await tx.healthCheck.create({
      data: {
        systemId: system.id,
        checkedAt: at,
        status: probe.status,
        responseTimeMs: probe.responseTimeMs,
        httpStatus: probe.httpStatus,
        reportedUptime: probe.reportedUptime,
        error: probe.error?.slice(0, 1000) ?? null,
        reason: probe.reason.slice(0, 500),
        rule,
        maintenance,
      },
    });
    // A refused check (status unknown) was never sent: it stays out of the rollups, so their
    // `checks` are the probes actually sent (= healthy + degraded + down) and no figure counts it.
    if (probe.status !== "unknown") await addToRollups(tx, system.id, at, probe.status, probe.responseTimeMs, maintenance);
    await tx.system.update({
      where: { id: system.id },
      data: {
        status: state.status,
        // The reason and rule always describe the confirmed state: the latest probe's when it agrees.
        ...(change || probe.status === state.status ? { statusReason: (change?.reason ?? probe.reason).slice(0, 500), statusRule: rule } : {}),
        statusChangedAt: state.since,
        pendingStatus: state.pending?.status ?? null,
        pendingCount: state.pending?.count ?? 0,
        pendingSince: state.pending?.firstAt ?? null,
        lastCheckAt: at,
        lastResponseTimeMs: probe.responseTimeMs,
      },
    });
    if (change) {
      await tx.statusChange.updateMany({ where: { systemId: system.id, endedAt: null }, data: { endedAt: change.at } });
      await tx.statusChange.create({
        data: { systemId: system.id, fromStatus: change.from, toStatus: change.to, reason: change.reason.slice(0, 500), startedAt: change.at },
      });
    }
    return { status: probe.status, rule, reason: probe.reason, confirmedStatus: state.status, change, checkedAt: at, maintenance };
  }, TX_OPTIONS);
}

type Tx = Parameters<Parameters<Context["db"]["$transaction"]>[0]>[0];

async function addToRollups(tx: Tx, systemId: string, at: Date, status: ProbeStatus, probeLatency: number | null, maintenance: boolean): Promise<void> {
  const hourStart = floorTo(at, HOUR_MS);
  const dayStart = floorTo(at, DAY_MS);
  // A maintenance check counts only in `maintenance`: not a check, a status or a latency of any figure.
  const counted = maintenance ? 0 : 1;
  const inMaint = maintenance ? 1 : 0;
  const latency = maintenance ? null : probeLatency;
  const healthy = !maintenance && status === "healthy" ? 1 : 0;
  const degraded = !maintenance && status === "degraded" ? 1 : 0;
  const down = !maintenance && status === "down" ? 1 : 0;
  const latencyCount = latency === null ? 0 : 1;
  const hist = histogramOf(latency);
  // One statement keeps both rollups; the histogram update adds the arrays element-wise.
  await tx.$executeRaw`
    INSERT INTO check_rollups AS r (system_id, period, bucket_start, checks, healthy, degraded, down, maintenance, latency_count, latency_sum, latency_max, latency_hist)
    VALUES
      (${systemId}::uuid, 'hour'::"RollupPeriod", ${hourStart}, ${counted}, ${healthy}, ${degraded}, ${down}, ${inMaint}, ${latencyCount}, ${latency ?? 0}, ${latency}::real, ${hist}::int[]),
      (${systemId}::uuid, 'day'::"RollupPeriod", ${dayStart}, ${counted}, ${healthy}, ${degraded}, ${down}, ${inMaint}, ${latencyCount}, ${latency ?? 0}, ${latency}::real, ${hist}::int[])
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

// Bursts of finished probes queue for the connection pool (10) behind each other; Prisma's
// default 2 s wait would drop a check that was already made. Each transaction is short.
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };
