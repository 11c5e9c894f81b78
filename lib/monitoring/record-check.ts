// Stores one probe of one system and moves its confirmed state: the health_checks row, the
// system's current status / reason / pending run, and, on a confirmed change, the state-change
// history (the previous state's row is closed). Used by "check now" and by the scheduler.
import type { Context } from "@/lib/context";
import type { System } from "@/lib/generated/prisma/client";
import type { ProbeStatus } from "./classify-probe";
import { nextSystemState, type StateChange } from "./confirm-state";
import type { ProbeReport } from "./probe-system";

export interface RecordedCheck {
  status: ProbeStatus;
  confirmedStatus: System["status"];
  change: StateChange | null;
}

// A wall clock stepped backwards (NTP) must not stop checking: stored times later than the
// probe are treated as the probe's time.
const notAfter = (d: Date, at: Date) => (d > at ? at : d);

export async function recordCheck(ctx: Context, system: System, probe: ProbeReport, at: Date): Promise<RecordedCheck> {
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
  await ctx.db.$transaction(async (tx) => {
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
      },
    });
    await tx.system.update({
      where: { id: system.id },
      data: {
        status: state.status,
        // The reason always describes the confirmed state: the latest probe's when it agrees.
        ...(change || probe.status === state.status ? { statusReason: (change?.reason ?? probe.reason).slice(0, 500) } : {}),
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
  });
  return { status: probe.status, confirmedStatus: state.status, change };
}
