// The I/O side of "needs attention" (the rules are pure, in ./attention.ts): gathers the facts
// for many clients at once and assesses each. Every edge that lists clients (the dashboard, the
// REST summary, MCP get_all_clients_status, the clients list) calls this, so a client is never
// "fine" on one edge and "in trouble" on another.
//
// Cost: one query for all the given clients' state history (status_changes of their enabled
// systems overlapping the SLA window, served by the (system_id, started_at desc) index), a few
// narrow columns per row; the systems' current status comes with the clients already loaded.
// The "stalled" facts come from the metrics tables, loaded for all systems at once
// (load-stalled-facts.ts), alongside the state history.
import { misconfigurationOf } from "./misconfiguration";
import { scopeSql } from "@/lib/client-scope";
import { maintenanceIntervals } from "@/lib/maintenance/maintenance-at";
import type { Context } from "@/lib/context";
import { getEnv } from "@/lib/env";
import type { AttentionFlagKind } from "@/lib/clients/schemas";
import { assessClientAttention, type AttentionKind, type AttentionRules, type ClientAttention, type SystemFacts } from "./attention";
import type { StateInterval } from "./compute-uptime";
import type { SystemStatus } from "./confirm-state";
import { roundCoverage } from "./coverage";
import { roundUptime } from "./history-series";
import { loadStalledVerdicts } from "./load-stalled-facts";
import type { StalledVerdict } from "./stalled";

// The output schema (lib/clients, which may not import monitoring) lists the kinds again: this
// fails to compile the day the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KINDS_IN_SYNC: Same<AttentionKind, AttentionFlagKind> = true;
void KINDS_IN_SYNC;

/** The SLA is judged over this rolling window (SPEC "Needs attention": the client's SLA window). */
export const SLA_WINDOW_DAYS = 30;
export const SLA_WINDOW_NAME = "30d";
const SLA_WINDOW_LABEL = "30 days";
const DAY_MS = 86_400_000;

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

/** The attention of each given client (already scoped by the caller), keyed by client row id. */
export async function clientAttention(ctx: Context, clients: readonly AttentionClientRow[]): Promise<Map<string, ClientAttention>> {
  const now = ctx.clock.now();
  const rules = attentionRules();
  const slaStart = new Date(now.getTime() - SLA_WINDOW_DAYS * DAY_MS);
  const systemIds = clients.flatMap((c) => c.systems.filter((s) => s.enabled).map((s) => s.id));

  // One query for every system: the confirmed states overlapping the SLA window. The flapping
  // window (≤ 1 day) lies inside it, so the same rows give the recent changes.
  const bySystem = new Map<string, StateInterval[]>();
  const changesBySystem = new Map<string, Date[]>();
  const flapFrom = now.getTime() - rules.flappingWindowMs;
  const stalledPromise = loadStalledVerdicts(ctx, clients.flatMap((c) => c.systems));
  // Maintenance time is out of the SLA figure (one indexed query for all the clients).
  const maintenancePromise = maintenanceIntervals(ctx.db, clients.map((c) => c.id), slaStart, now);
  if (systemIds.length > 0) {
    // Packed into one text value (system, status, start and end in epoch ms, per change): on
    // PGlite handing rows over costs far more than finding them (measured: ~3,000 four-column
    // rows took most of this call's time at 1,000 systems), and these are only read here.
    const [packed] = await ctx.db.$queryRaw<{ packed: string | null }[]>`
      SELECT string_agg(sc.system_id::text || ' ' || sc.to_status::text || ' ' || (extract(epoch FROM sc.started_at) * 1000)::bigint::text
               || ' ' || COALESCE((extract(epoch FROM sc.ended_at) * 1000)::bigint::text, '-'), ',' ORDER BY sc.system_id, sc.started_at) AS packed
      FROM status_changes sc
      WHERE sc.system_id = ANY(${systemIds}::uuid[]) AND ${scopeSql(ctx, { systemId: "sc.system_id" })}
        AND (sc.ended_at IS NULL OR sc.ended_at > ${slaStart}::timestamptz) AND sc.started_at < ${now}::timestamptz`;
    const nowMs = now.getTime();
    for (const item of packed?.packed ? packed.packed.split(",") : []) {
      const [systemId, status, startedMs, endedMs] = item.split(" ") as [string, SystemStatus, string, string];
      const startMs = Number(startedMs);
      const start = new Date(startMs);
      const end = new Date(endedMs === "-" ? nowMs : Math.min(Number(endedMs), nowMs));
      if (end > start) push(bySystem, systemId, { status, start, end });
      if (startMs > flapFrom) push(changesBySystem, systemId, start);
    }
  }

  const stalled = await stalledPromise;
  const maintenance = await maintenancePromise;

  const out = new Map<string, ClientAttention>();
  for (const c of clients) {
    const enabled = c.systems.filter((s) => s.enabled);
    const systems: SystemFacts[] = enabled.map((s) => ({
      name: s.name,
      enabled: true,
      status: s.status,
      reason: s.statusReason,
      since: s.statusChangedAt,
      changesAt: changesBySystem.get(s.id) ?? [],
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
            intervalsBySystem: enabled.map((s) => bySystem.get(s.id) ?? []),
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

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
