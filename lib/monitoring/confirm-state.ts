// Pure: a system's confirmed state, advanced one probe at a time. One blip is not an outage:
// the state changes only after `confirmations` consecutive probes agree on a new status
// (SPEC "Status semantics", default 2). No clock: every time comes from the probes.
import type { CheckStatus, ProbeStatus } from "./classify-probe";

export type SystemStatus = CheckStatus;

interface PendingChange {
  status: ProbeStatus;
  /** How many consecutive probes have seen `status` so far (≥ 1, < confirmations). */
  count: number;
  /** Time of the first of those probes: when the change is confirmed, it dates from here. */
  firstAt: Date;
}

export interface SystemState {
  status: SystemStatus;
  since: Date;
  pending: PendingChange | null;
}

export interface ProbeResult {
  /** "unknown": the check was refused (network policy, invalid URL), see classify-probe. */
  status: CheckStatus;
  reason: string;
  at: Date;
}

export interface StateChange {
  from: SystemStatus;
  to: SystemStatus;
  /** When the new status was first seen (the first probe of the agreeing run), not confirmed. */
  at: Date;
  /** The reason of the probe that confirmed the change (the latest word on why). */
  reason: string;
}

export interface NextSystemState {
  state: SystemState;
  change: StateChange | null;
}

export function nextSystemState(current: SystemState, probe: ProbeResult, confirmations = 2): NextSystemState {
  if (!Number.isInteger(confirmations) || confirmations < 1) {
    throw new RangeError(`confirmations must be a positive integer, got ${confirmations}`);
  }
  // Probes must arrive in time order; an older probe would date a change before its cause.
  const latestKnown = current.pending && current.pending.firstAt > current.since ? current.pending.firstAt : current.since;
  if (probe.at.getTime() < latestKnown.getTime()) {
    throw new RangeError(`probe at ${probe.at.toISOString()} is older than the state (${latestKnown.toISOString()})`);
  }

  // A refused check (policy, invalid URL) is deterministic, not a blip: the system is unknown at
  // once and the change is recorded with the refusal as its reason. Already unknown: nothing moves.
  if (probe.status === "unknown") {
    if (current.status === "unknown") return { state: current.pending ? { ...current, pending: null } : current, change: null };
    return confirm(current.status, "unknown", probe.at, probe.reason);
  }

  // Leaving "unknown" needs no confirmation: any evidence beats none.
  if (current.status === "unknown") {
    return confirm(current.status, probe.status, probe.at, probe.reason);
  }

  // A probe agreeing with the confirmed status cancels any pending change (the run is broken).
  if (probe.status === current.status) {
    return { state: current.pending ? { ...current, pending: null } : current, change: null };
  }

  // A disagreeing probe extends a run of the same new status, or starts a new run at 1.
  const run: PendingChange =
    current.pending && current.pending.status === probe.status
      ? { ...current.pending, count: current.pending.count + 1 }
      : { status: probe.status, count: 1, firstAt: probe.at };

  if (run.count >= confirmations) return confirm(current.status, run.status, run.firstAt, probe.reason);
  return { state: { status: current.status, since: current.since, pending: run }, change: null };
}

function confirm(from: SystemStatus, to: SystemStatus, at: Date, reason: string): NextSystemState {
  return { state: { status: to, since: at, pending: null }, change: { from, to, at, reason } };
}

/** The state of a system that has never been probed. */
export function initialSystemState(since: Date): SystemState {
  return { status: "unknown", since, pending: null };
}
