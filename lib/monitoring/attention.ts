// Pure: the one definition of "needs attention" (SPEC "Needs attention"). The dashboard, the
// REST summary and MCP all call assessClientAttention, so a client is never "fine" on one edge
// and "in trouble" on another. Each flag says which system, why, and since when. No clock:
// `now` is always passed in, so the rules are tested on a fake clock.
import { formatUtc } from "@/lib/ui/relative-time";
import type { StateInterval, TimeWindow } from "./compute-uptime";
import type { SystemStatus } from "./confirm-state";
import { windowCoverage } from "./coverage";
import { withoutMaintenance, type TimeSpan } from "./maintenance-time";

/** Flag kinds, most severe first: this order is also the "attention first" sort order. */
export const ATTENTION_KINDS = ["down", "misconfigured", "flapping", "below_sla", "degraded", "stalled"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionFlag {
  kind: AttentionKind;
  /** The system concerned; null for client-wide flags (below_sla). */
  system: string | null;
  reason: string;
  since: Date;
}

export interface AttentionRules {
  /** A system is flapping with at least this many confirmed state changes within `flappingWindowMs`. */
  flappingChanges: number;
  flappingWindowMs: number;
}

/** Two outages inside one hour (down, up, down, up) is flapping; one outage and its recovery is not. */
export const DEFAULT_ATTENTION_RULES: AttentionRules = { flappingChanges: 4, flappingWindowMs: 3_600_000 };

export interface SystemFacts {
  name: string;
  enabled: boolean;
  /** Confirmed status. */
  status: SystemStatus;
  reason: string | null;
  /** When the confirmed status began. */
  since: Date | null;
  /** Start times of confirmed state changes (any order, older ones are ignored). */
  changesAt: readonly Date[];
  /** Set when ClientPulse could not honestly check it (refused by policy, invalid target, a name that never resolved). */
  misconfigured: { reason: string; since: Date } | null;
  /** Set when the system is healthy but its automation count stopped growing (business metrics). */
  stalled?: { reason: string; since: Date } | null;
}

export interface SlaFacts {
  targetPct: number;
  window: TimeWindow;
  /** How the window is named to people, e.g. "30 days". */
  windowLabel: string;
  /** Confirmed state intervals of each enabled system (a system's own intervals do not overlap). */
  intervalsBySystem: readonly (readonly StateInterval[])[];
  /** The client's maintenance time (sorted, disjoint): out of the figure, not out of the coverage. */
  maintenance?: readonly TimeSpan[];
}

export interface SlaStanding {
  targetPct: number;
  window: TimeWindow;
  windowLabel: string;
  /** Time-weighted over the client's systems, degraded counts as up, unknown time left out; null with no coverage. */
  uptimePct: number | null;
  /** The first instant of the window with a known state (monitored since), null with no coverage. */
  coveredFrom: Date | null;
  /** Share of the window (0–1) from coveredFrom to its end: 1 once the whole window was watched. */
  coverage: number;
  /** null when there is nothing to judge yet. */
  met: boolean | null;
  /** When the uptime last fell below the target (only when it is below now). */
  belowSince: Date | null;
}

export interface ClientAttention {
  flags: AttentionFlag[];
  sla: SlaStanding | null;
  needsAttention: boolean;
}

const SEVERITY = new Map<AttentionKind, number>(ATTENTION_KINDS.map((k, i) => [k, i]));

export function assessClientAttention(
  input: { systems: readonly SystemFacts[]; sla: SlaFacts | null },
  now: Date,
  rules: AttentionRules = DEFAULT_ATTENTION_RULES,
): ClientAttention {
  const flags: AttentionFlag[] = [];
  for (const s of input.systems) {
    if (!s.enabled) continue;
    flags.push(...systemFlags(s, now, rules));
  }
  const sla = input.sla ? slaStanding(input.sla) : null;
  if (sla?.met === false && sla.uptimePct !== null && sla.belowSince) {
    const span = sla.coverage < 1 ? `since ${formatUtc(sla.coveredFrom!.getTime())}` : `over ${sla.windowLabel}`;
    flags.push({
      kind: "below_sla",
      system: null,
      reason: `uptime ${formatPct(sla.uptimePct)} % ${span}, below the ${formatPct(sla.targetPct)} % target`,
      since: sla.belowSince,
    });
  }
  flags.sort(compareFlags);
  return { flags, sla, needsAttention: flags.length > 0 };
}

export function systemFlags(s: SystemFacts, now: Date, rules: AttentionRules = DEFAULT_ATTENTION_RULES): AttentionFlag[] {
  if (!Number.isInteger(rules.flappingChanges) || rules.flappingChanges < 2) {
    throw new RangeError(`flappingChanges must be an integer ≥ 2, got ${rules.flappingChanges}`);
  }
  const flags: AttentionFlag[] = [];
  if (s.misconfigured) {
    // Our configuration problem, not the client's outage: the status is unknown, the fix is ours.
    flags.push({ kind: "misconfigured", system: s.name, reason: s.misconfigured.reason, since: s.misconfigured.since });
  } else if ((s.status === "down" || s.status === "degraded") && s.since) {
    flags.push({ kind: s.status, system: s.name, reason: s.reason ?? s.status, since: s.since });
  }
  const from = now.getTime() - rules.flappingWindowMs;
  // The window is (now − window, now]: a change exactly one window ago has left it.
  const recent = s.changesAt.map((d) => d.getTime()).filter((t) => t > from && t <= now.getTime());
  if (recent.length >= rules.flappingChanges) {
    flags.push({
      kind: "flapping",
      system: s.name,
      reason: `${recent.length} state changes in the last ${formatWindow(rules.flappingWindowMs)}`,
      since: new Date(Math.min(...recent)),
    });
  }
  if (s.stalled && s.status === "healthy") {
    flags.push({ kind: "stalled", system: s.name, reason: s.stalled.reason, since: s.stalled.since });
  }
  return flags;
}

/**
 * SLA standing over the window: time-weighted uptime across the systems and, when below
 * target, the last moment the running figure (from the window's first covered instant) fell
 * below it. One sweep over all interval boundaries.
 */
export function slaStanding(f: SlaFacts): SlaStanding {
  const ws = f.window.start.getTime();
  const we = f.window.end.getTime();
  // Rate changes at each boundary: +1/−1 known systems, +1/−1 up systems.
  const deltas = new Map<number, { known: number; up: number }>();
  const bump = (t: number, known: number, up: number) => {
    const d = deltas.get(t) ?? { known: 0, up: 0 };
    d.known += known;
    d.up += up;
    deltas.set(t, d);
  };
  let first = Infinity;
  for (const intervals of f.intervalsBySystem) {
    // Coverage from every known instant, maintenance included (watched, just not counted).
    for (const iv of intervals) {
      if (iv.status === "unknown") continue;
      const start = Math.max(iv.start.getTime(), ws);
      if (start < Math.min(iv.end.getTime(), we)) first = Math.min(first, start);
    }
    for (const iv of withoutMaintenance(intervals, f.maintenance)) {
      if (iv.status === "unknown") continue;
      const start = Math.max(iv.start.getTime(), ws);
      const end = Math.min(iv.end.getTime(), we);
      if (!(start < end)) continue;
      const up = iv.status === "down" ? 0 : 1;
      bump(start, 1, up);
      bump(end, -1, -up);
    }
  }
  const base = { targetPct: f.targetPct, window: f.window, windowLabel: f.windowLabel };
  if (first === Infinity) return { ...base, uptimePct: null, coveredFrom: null, coverage: 0, met: null, belowSince: null };

  const times = [...deltas.keys()].sort((a, b) => a - b);
  let known = 0;
  let up = 0;
  let knownMs = 0;
  let upMs = 0;
  let wasBelow = false;
  let belowSince: number | null = null;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    const d = deltas.get(t)!;
    known += d.known;
    up += d.up;
    const next = times[i + 1];
    if (next === undefined) break;
    // Inside (t, next] the running figure moves monotonically, so it crosses the target at
    // most once: find that instant exactly rather than at the segment's end.
    const span = next - t;
    const endKnown = knownMs + known * span;
    const endUp = upMs + up * span;
    const below = endKnown > 0 && (endUp / endKnown) * 100 < f.targetPct;
    if (below && !wasBelow) {
      // Solve (upMs + up·x) / (knownMs + known·x) = target/100 for x in (0, span].
      const r = f.targetPct / 100;
      const denom = up - r * known;
      const x = denom !== 0 ? (r * knownMs - upMs) / denom : 0;
      belowSince = t + Math.min(span, Math.max(0, Number.isFinite(x) ? x : 0));
    }
    if (!below) belowSince = null;
    wasBelow = below;
    knownMs = endKnown;
    upMs = endUp;
  }
  const uptimePct = knownMs > 0 ? (upMs / knownMs) * 100 : null;
  const met = uptimePct === null ? null : uptimePct >= f.targetPct;
  // The same coverage as every other uptime figure (coverage.ts): watched from the first known instant.
  const covered = windowCoverage(f.window, new Date(first));
  return {
    ...base,
    uptimePct,
    coveredFrom: covered?.coveredFrom ?? null,
    coverage: covered?.coverage ?? 0,
    met,
    belowSince: met === false && belowSince !== null ? new Date(Math.round(belowSince)) : null,
  };
}

/** Most severe first, then the longest standing. */
export function compareFlags(a: AttentionFlag, b: AttentionFlag): number {
  return SEVERITY.get(a.kind)! - SEVERITY.get(b.kind)! || a.since.getTime() - b.since.getTime();
}

/**
 * "Attention first": clients with flags before those without; among them the worst flag
 * first, then the one with more flags, then the longest standing. Returns a comparator.
 */
export function compareAttention(a: ClientAttention, b: ClientAttention): number {
  const wa = a.flags[0];
  const wb = b.flags[0];
  if (!wa || !wb) return (wa ? -1 : 0) - (wb ? -1 : 0);
  return SEVERITY.get(wa.kind)! - SEVERITY.get(wb.kind)! || b.flags.length - a.flags.length || wa.since.getTime() - wb.since.getTime();
}

function formatPct(v: number): string {
  // Never rounded up to the target: 99.46 against 99.5 must not read "99.5".
  return (Math.floor(v * 100) / 100).toString();
}

function formatWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? "hour" : `${ms / 3_600_000} hours`;
  return `${Math.round(ms / 60_000)} minutes`;
}
