// The I/O side of "needs attention" (the rules are pure, in ./attention.ts): gathers the facts
// for many clients at once and assesses each. Every edge that lists clients (the dashboard, the
// REST summary, MCP get_all_clients_status, the clients list) calls this, so a client is never
// "fine" on one edge and "in trouble" on another.
//
// Cost: the given clients' state history (state-history.ts: one query, or none when the caller
// shares the one it loaded for the uptime figures); the systems' current status comes with the
// clients already loaded.
// The "stalled" facts come from the metrics tables, loaded for all systems at once
// (load-stalled-facts.ts), alongside the state history.
import { misconfigurationOf } from "./misconfiguration";
import type { Context } from "@/lib/context";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import { getEnv } from "@/lib/env";
import type { AttentionFlagKind } from "@/lib/clients/schemas";
import { assessClientAttention, type AttentionKind, type AttentionRules, type ClientAttention, type SystemFacts } from "./attention";
import type { SystemStatus } from "./confirm-state";
import { roundCoverage } from "./coverage";
import { roundUptime } from "./history-series";
import { loadStalledVerdicts } from "./load-stalled-facts";
import { loadStateHistory, STATE_HISTORY_DAYS, type StateHistory } from "./state-history";
import type { StalledVerdict } from "./stalled";

// The output schema (lib/clients, which may not import monitoring) lists the kinds again: this
// fails to compile the day the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KINDS_IN_SYNC: Same<AttentionKind, AttentionFlagKind> = true;
void KINDS_IN_SYNC;

/** The SLA is judged over this rolling window (SPEC "Needs attention": the client's SLA window). */
export const SLA_WINDOW_DAYS = STATE_HISTORY_DAYS;
export const SLA_WINDOW_NAME = "30d";
const SLA_WINDOW_LABEL = "30 days";

/** What an attention assessment needs of a system row (clientStatusSelect has it). */
export interface AttentionSystemRow {
  id: string;
  name: string;
  enabled: boolean;
  status: SystemStatus;
  statusReason: string | null;
  statusChangedAt: Date | null;
  /** The rule that decided the confirmed status (systems.status_rule). */
  statusRule: string | null;
}

export interface AttentionClientRow {
  id: string;
  slaTarget: number;
  systems: readonly AttentionSystemRow[];
}

/** The flapping threshold and window, from the environment (FLAPPING_CHANGES_PER_HOUR, FLAPPING_WINDOW_MINUTES). */
export function attentionRules(): AttentionRules {
  const env = getEnv();
  return { flappingChanges: env.FLAPPING_CHANGES_PER_HOUR, flappingWindowMs: env.FLAPPING_WINDOW_MINUTES * 60_000 };
}

/**
 * THE place where a system's "misconfigured" fact is decided (a check refused by the network
 * policy, an invalid target, a name that never resolved), from the stored rule of the system's
 * confirmed status (misconfigurationOf), never from reason text.
 */
export function misconfiguredFacts(system: AttentionSystemRow): { reason: string; since: Date } | null {
  return misconfigurationOf(system);
}

/**
 * The attention of each given client (already scoped by the caller), keyed by client row id.
 * `history`: the enabled systems' state history when the caller has it loaded already (the
 * summary shares one with the uptime figures); else loaded here.
 */
export async function clientAttention(
  ctx: Context,
  clients: readonly AttentionClientRow[],
  history?: StateHistory | Promise<StateHistory>,
): Promise<Map<string, ClientAttention>> {
  const rules = attentionRules();
  // The confirmed states overlapping the SLA window (the flapping window, ≤ 1 day, lies inside
  // it, so the same rows give the recent changes); the stalled facts, from other tables, meanwhile.
  const [states, stalled] = await Promise.all([
    history ?? loadStateHistory(ctx, clients.flatMap((c) => c.systems.filter((s) => s.enabled))),
    loadStalledVerdicts(ctx, clients.flatMap((c) => c.systems)),
  ]);
  const now = states.now;
  const slaStart = states.from;
  // Maintenance time is out of the SLA figure (one indexed query for all the clients). Applied
  // after the (cached) state history, so editing a window needs no cache invalidation.
  const maintenance = await maintenanceIntervals(ctx.db, clients.map((c) => c.id), slaStart, now);
  const flapFrom = now.getTime() - rules.flappingWindowMs;
  const recentChanges = (systemId: string) => {
    const out: Date[] = [];
    for (const t of states.changes.get(systemId) ?? []) if (t > flapFrom) out.push(new Date(t));
    return out;
  };

  const out = new Map<string, ClientAttention>();
  for (const c of clients) {
    const enabled = c.systems.filter((s) => s.enabled);
    const systems: SystemFacts[] = enabled.map((s) => ({
      name: s.name,
      enabled: true,
      status: s.status,
      reason: s.statusReason,
      since: s.statusChangedAt,
      changesAt: recentChanges(s.id),
      misconfigured: misconfiguredFacts(s),
      stalled: stalledFacts(stalled.get(s.id)),
    }));
    out.set(
      c.id,
      assessClientAttention(
        {
          systems,
          sla: {
            targetPct: c.slaTarget,
            window: { start: slaStart, end: now },
            windowLabel: SLA_WINDOW_LABEL,
            intervalsBySystem: enabled.map((s) => states.intervals.get(s.id) ?? []),
            maintenance: maintenance.get(c.id),
          },
        },
        now,
        rules,
      ),
    );
  }
  return out;
}

function stalledFacts(v: StalledVerdict | undefined): { reason: string; since: Date } | null {
  return v?.state === "stalled" ? { reason: v.reason, since: v.since } : null;
}

/** The edges' JSON shape of an assessment (snake_case, ISO dates). */
export function attentionOutput(a: ClientAttention) {
  const sla = a.sla;
  return {
    needs_attention: a.needsAttention,
    flags: a.flags.map((f) => ({ kind: f.kind, system: f.system, reason: f.reason, since: f.since.toISOString() })),
    sla: sla
      ? {
          target_pct: sla.targetPct,
          // Never rounded up onto the target: 99.496 against 99.5 reads 99.49, not 99.5.
          uptime_pct: sla.uptimePct === null ? null : sla.met === false ? Math.floor(sla.uptimePct * 100) / 100 : roundUptime(sla.uptimePct),
          window: SLA_WINDOW_NAME,
          covered_from: sla.coveredFrom?.toISOString() ?? null,
          coverage: roundCoverage(sla.coverage),
          met: sla.met,
        }
      : null,
  };
}

export type AttentionOutput = ReturnType<typeof attentionOutput>;
