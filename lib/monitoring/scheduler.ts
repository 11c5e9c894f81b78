// The scheduler: one loop per server process (started from instrumentation.ts) that claims
// several kinds of due work. Health checks are built in; other kinds (metrics pulls, …) are
// handed in as DueWorkKind objects by whoever composes the process (instrumentation-node.ts),
// so lib/monitoring never imports the domains that plug into it. Each kind has its own slots
// and the same per-client fairness accounting.
// Each round it claims the due systems from the database (claim-due-systems.ts), up to the free
// probe slots and fairly across clients, and probes them concurrently; a hung target holds one
// slot until its timeout, never the loop, and one client's hung targets never take the slots
// another client's checks need. It survives database outages (the round fails, is logged once, and retried
// with back-off) and stops cleanly: no new claims, in-flight probes aborted and awaited.
import { setMaxListeners } from "node:events";
import { systemContext, systemClock, type Clock, type Context } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { applyRetention, type RetentionPolicy } from "./apply-retention";
import { claimDueSystems, scheduleNewSystems, type DueSystem } from "./claim-due-systems";
import type { ClaimSlots } from "./claim-fair-share";
import { recordCheckOutcome, setProbesInFlightSource } from "@/lib/observability/metrics";
import { createCheckWriter, type BatchCheck } from "./check-writer";
import { probeSystem, type ProbeReport } from "./probe-system";

export interface CheckEvent {
  systemId: string;
  scheduledAt: Date;
  startedAt: Date;
  finishedAt: Date;
  status: ProbeReport["status"] | "error";
}

/** One unit of another kind of due work, claimed for one client. */
export interface DueJob {
  id: string;
  /** clients.id: the per-client slot accounting keys on it. */
  clientRef: string;
}

/**
 * Another kind of due work the one loop claims beside health checks (metrics pulls, …): claimed
 * from the database through claim-fair-share.ts, like checks (SKIP LOCKED, next time moved on
 * in the same statement, fair across clients under `slots`), then run with the loop's abort signal.
 */
export interface DueWorkKind<J extends DueJob = DueJob> {
  name: string;
  /** Jobs of this kind in flight at most. */
  concurrency: number;
  /**
   * The loop claims this kind at most this often (default: every poll). A claim is a statement
   * even when nothing is due: kinds due every minute or quarter-hour need not ask four times a
   * second. runOnce() and drain() (tests) always claim.
   */
  pollMs?: number;
  perClientCap?: number;
  claim(db: Db, now: Date, slots: ClaimSlots): Promise<J[]>;
  /** Never throws for the target's own failures (it records them); a throw is logged as a database problem. */
  run(job: J, env: { db: Db; clock: Clock; signal: AbortSignal }): Promise<void>;
  /** Part of the retention pass: bound this kind's own logs; returns the rows deleted. */
  retention?(db: Db, now: Date): Promise<number>;
}

export interface SchedulerOptions {
  db: Db;
  clock?: Clock;
  /** Probes in flight at most (default 64). */
  concurrency?: number;
  /** Probes of one client in flight at most (default: the fair-share rule alone, see claim-fair-share.ts). */
  perClientConcurrency?: number;
  /** How often the loop looks for due checks (default 250 ms): the floor of the lag. */
  pollMs?: number;
  retention?: RetentionPolicy;
  /** How often retention runs (default hourly; the first run is one poll after start). */
  retentionEveryMs?: number;
  /** Called after every check (benchmarks and tests measure lag here). */
  onCheck?: (event: CheckEvent) => void;
  /** Probes through lib/net by default; tests may substitute. */
  probe?: typeof probeSystem;
  /**
   * After each retention pass, CHECKPOINT (the embedded database: PGlite never checkpoints on
   * its own while open, so its write-ahead log would grow until the next restart).
   */
  checkpoint?: boolean;
  /** Other kinds of due work this loop claims (see DueWorkKind). */
  work?: DueWorkKind[];
  /**
   * Runs right after each written batch of checks, in the same step (the checks' slots are held
   * until it ends): alert evaluation, composed in by instrumentation-node.ts so monitoring never
   * imports alerts. A throw is logged; the checks stay recorded.
   */
  afterChecks?: (ctx: Context, checks: BatchCheck[]) => Promise<unknown>;
  /** How long a finished probe may wait for others to share its write transaction (default 200 ms; see check-writer.ts). */
  writeBatchMs?: number;
}

interface SchedulerStats {
  claimed: number;
  checked: number;
  failed: number;
  inFlight: number;
  dbErrors: number;
  /** Per other kind of work: jobs claimed, finished, failed (threw). */
  work: Record<string, { claimed: number; done: number; failed: number; inFlight: number }>;
}

export interface Scheduler {
  start(): void;
  /** Stops claiming, aborts in-flight probes and waits for them (and their writes) to end. */
  stop(): Promise<void>;
  /** One round: schedule new systems, claim what is due now and start probing it. Returns the probes started. */
  runOnce(paced?: boolean): Promise<Promise<void>[]>;
  /** Runs rounds until nothing is due and nothing is in flight (fake-clock tests). */
  drain(): Promise<void>;
  stats(): SchedulerStats;
}

const MAX_BACKOFF_MS = 10_000;
/** New (or just edited) systems get their first due time within a second (their first check is spread over up to 10 s anyway). */
const NEW_SYSTEMS_EVERY_MS = 1_000;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? 64;
  const pollMs = options.pollMs ?? 250;
  const retentionEveryMs = options.retentionEveryMs ?? 3_600_000;
  const probe = options.probe ?? probeSystem;
  const ctx = systemContext(options.db, clock);
  const inFlight = new Set<Promise<void>>();
  const inFlightByClient = new Map<string, number>();
  const stats = { claimed: 0, checked: 0, failed: 0, dbErrors: 0 };
  const kinds = (options.work ?? []).map((kind) => ({
    kind,
    lastClaim: 0,
    inFlightByClient: new Map<string, number>(),
    stats: { claimed: 0, done: 0, failed: 0, inFlight: 0 },
  }));
  let abort = new AbortController();
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let failingSince: number | null = null;
  let backoffMs = pollMs;
  let lastRetention = 0;
  let retentionRunning = false;
  let checksInFlight = 0;
  const writer = createCheckWriter({
    ctx,
    flushMs: options.writeBatchMs,
    afterBatch: options.afterChecks,
    nothingElseComing: () => checksInFlight === 0,
  });

  // A check holds its probe slot (concurrency, the client's fair share) while its request is
  // out; its write happens after, in a batch, so a slow write never holds back probes.
  const releaseSlot = (clientRef: string) => {
    checksInFlight--;
    const left = inFlightByClient.get(clientRef)! - 1;
    if (left > 0) inFlightByClient.set(clientRef, left);
    else inFlightByClient.delete(clientRef);
  };

  const check = async (system: DueSystem) => {
    const startedAt = clock.now();
    let status: CheckEvent["status"] = "error";
    let probed = true;
    let slotHeld = true;
    try {
      const report = await probe(system, { allowPrivate: system.allowPrivate, signal: abort.signal });
      slotHeld = false;
      releaseSlot(system.clientRef);
      if (!report) {
        probed = false;
        return; // aborted by stop(): says nothing about the target
      }
      const recorded = await writer.write({ systemId: system.id, report, probeAt: clock.now() });
      status = recorded.status;
      stats.checked++;
    } catch (error) {
      stats.failed++;
      // The system stays scheduled (its next due time moved at the claim); the loop notices a
      // database outage on its own next round.
      logger.warn("scheduled check not recorded", { systemId: system.id, error });
    } finally {
      if (slotHeld) releaseSlot(system.clientRef);
      if (probed) recordCheckOutcome(status, startedAt.getTime() - system.scheduledAt.getTime());
      options.onCheck?.({ systemId: system.id, scheduledAt: system.scheduledAt, startedAt, finishedAt: clock.now(), status });
    }
  };

  const launch = (system: DueSystem) => {
    inFlightByClient.set(system.clientRef, (inFlightByClient.get(system.clientRef) ?? 0) + 1);
    checksInFlight++;
    const p = check(system).finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };

  const launchJob = (entry: (typeof kinds)[number], job: DueJob) => {
    const { kind, inFlightByClient: byClient, stats: kindStats } = entry;
    byClient.set(job.clientRef, (byClient.get(job.clientRef) ?? 0) + 1);
    kindStats.inFlight++;
    const p = kind
      .run(job, { db: options.db, clock, signal: abort.signal })
      .then(() => void kindStats.done++)
      .catch((error) => {
        kindStats.failed++;
        logger.warn(`scheduled ${kind.name} not recorded`, { id: job.id, error });
      })
      .finally(() => {
        inFlight.delete(p);
        kindStats.inFlight--;
        const left = byClient.get(job.clientRef)! - 1;
        if (left > 0) byClient.set(job.clientRef, left);
        else byClient.delete(job.clientRef);
      });
    inFlight.add(p);
    return p;
  };

  let lastNewSystems = 0;
  /** `paced`: the loop's rounds, which claim other kinds only every kind.pollMs and look for new systems once a second. */
  const runOnce = async (paced = false): Promise<Promise<void>[]> => {
    const now = clock.now();
    const wall = Date.now();
    if (!paced || wall - lastNewSystems >= NEW_SYSTEMS_EVERY_MS) {
      lastNewSystems = wall;
      await scheduleNewSystems(options.db, now);
    }
    const due = await claimDueSystems(options.db, now, { concurrency, inFlightByClient, perClientCap: options.perClientConcurrency });
    stats.claimed += due.length;
    const started = due.map(launch);
    for (const entry of kinds) {
      if (paced && entry.kind.pollMs && wall - entry.lastClaim < entry.kind.pollMs) continue;
      entry.lastClaim = wall;
      const jobs = await entry.kind.claim(options.db, now, { concurrency: entry.kind.concurrency, inFlightByClient: entry.inFlightByClient, perClientCap: entry.kind.perClientCap });
      entry.stats.claimed += jobs.length;
      for (const job of jobs) started.push(launchJob(entry, job));
    }
    return started;
  };

  const maybeRetention = () => {
    if (!options.retention || retentionRunning || Date.now() - lastRetention < retentionEveryMs) return;
    retentionRunning = true;
    lastRetention = Date.now();
    const now = clock.now();
    applyRetention(options.db, now, options.retention)
      .then(async (r) => {
        const other: Record<string, number> = {};
        for (const { kind } of kinds) if (kind.retention) other[kind.name] = await kind.retention(options.db, now);
        if (r.checksDeleted || r.rollupsDeleted || Object.values(other).some(Boolean)) logger.info("retention applied", { ...r, ...other });
        if (options.checkpoint) await options.db.$executeRawUnsafe("CHECKPOINT");
      })
      .catch((error) => logger.warn("retention failed; retrying next hour", { error }))
      .finally(() => (retentionRunning = false));
  };

  const loop = async () => {
    if (!running) return;
    try {
      await runOnce(true);
      if (failingSince !== null) {
        logger.info("scheduler: database reachable again; checks resumed", { downForMs: Date.now() - failingSince });
        failingSince = null;
      }
      backoffMs = pollMs;
      maybeRetention();
    } catch (error) {
      stats.dbErrors++;
      if (failingSince === null) {
        failingSince = Date.now();
        logger.error("scheduler: cannot reach the database; retrying with back-off", { error });
      }
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    }
    if (running) timer = setTimeout(loop, failingSince === null ? pollMs : backoffMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      abort = new AbortController();
      // Every in-flight probe listens on this one signal.
      setMaxListeners(concurrency + kinds.reduce((n, k) => n + k.kind.concurrency, 0) + 16, abort.signal);
      setProbesInFlightSource(() => checksInFlight);
      lastRetention = Date.now() - retentionEveryMs + pollMs; // first retention pass right after start
      timer = setTimeout(loop, 0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      abort.abort();
      // Probes that finished before the stop are written (their batch at once, not after the
      // batching delay); aborted ones say nothing and write nothing.
      await Promise.all([writer.flush(), Promise.allSettled([...inFlight])]);
      await writer.flush();
    },
    runOnce: (paced?: boolean) => runOnce(paced),
    async drain() {
      for (;;) {
        const started = await runOnce();
        if (started.length === 0 && inFlight.size === 0) return;
        await Promise.allSettled(started.length ? started : [...inFlight]);
      }
    },
    stats: () => ({ ...stats, inFlight: inFlight.size, work: Object.fromEntries(kinds.map((k) => [k.kind.name, { ...k.stats }])) }),
  };
}
