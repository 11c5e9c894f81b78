// One "server instance" of `npm run bench:checks`, forked by checks.ts: opens the database the
// way the server does (lib/db/client.ts), runs the real scheduler (lib/monitoring/scheduler.ts,
// with the server's concurrency and retention settings) and measures itself: the lag of every
// check (startedAt − scheduledAt, through the scheduler's onCheck hook), its CPU time, resident
// memory sampled every second, and event-loop delay. What it measures is sent back over IPC.
//
// Timeline (absolute times chosen by checks.ts so several instances share one window):
//   start ─ warm-up ─ warmEnd ─ measured window ─ measureEnd ─ tail ─ stopAt (scheduler.stop())
// The tail lets checks started inside the window finish; checks aborted by stop() are dropped.
//
// With `alerting` (bench:alerts) the scheduler is composed as instrumentation-node.ts composes
// the server's: alert evaluation right after each check (evaluateCheckBatch, per written batch of checks), the periodic pass
// (alertPass) and alert delivery (alertDelivery) as kinds of due work of the same loop. After
// stop() it keeps delivering (the delivery kind's own claim and run, no checks) until the outbox
// is empty, so every message queued in the run is sent before the figures are taken.
import { setMaxListeners } from "node:events";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { alertDelivery } from "@/lib/alerts/delivery/delivery-worker";
import { evaluateCheckBatch } from "@/lib/alerts/engine/evaluate";
import { alertPass } from "@/lib/alerts/engine/periodic-pass";
import { openDatabase, type DatabaseTarget } from "@/lib/db/client";
import type { DueSystem } from "@/lib/monitoring/claim-due-systems";
import { probeSystem } from "@/lib/monitoring/probe-system";
import { createScheduler, type CheckEvent, type DueWorkKind, type SchedulerOptions } from "@/lib/monitoring/scheduler";
import { cpuSeconds, percentile, sortedCopy } from "./bench-lib";

export interface WorkerConfig {
  instance: number;
  target: DatabaseTarget;
  concurrency: number;
  retentionDays: number;
  /** Systems whose checks are left out of the figures (the hanging client of --hanging). */
  ignoreSystemIds?: string[];
  /** Compose the alerting hooks like the server (bench:alerts). */
  alerting?: { deliveryConcurrency: number; drainTimeoutMs: number };
}

export interface WorkerAlerting {
  /** evaluateAfterCheck calls in the window, their wall time (ms, unsorted) and what they did. */
  evaluations: number;
  evaluationMs: number[];
  fired: number;
  resolved: number;
  queued: number;
  /** Subjects evaluated (a transaction each) by those calls. */
  subjects: number;
  /** Confirmed state changes of systems (not from "unknown") recorded by the window's checks. */
  stateChanges: number;
  /** Over the whole run: delivery attempts by outcome, alert pass runs. */
  attempts: Record<string, number>;
  passRuns: number;
  /** After stop(): how long the outbox took to empty, and what was left (0 expected). */
  drainMs: number;
  pendingLeft: number;
}

export interface WorkerTimeline {
  type: "start";
  warmEnd: number;
  measureEnd: number;
  stopAt: number;
}

export interface WorkerProgress {
  type: "progress";
  instance: number;
  at: number;
  checks: number;
  lagP95: number;
  lagMax: number;
  rss: number;
  inFlight: number;
}

export interface WorkerResult {
  type: "result";
  instance: number;
  pid: number;
  openMs: number;
  windowSec: number;
  /** Lags (ms) of the checks started inside the measured window, unsorted. */
  lags: number[];
  statuses: Record<string, number>;
  failed: number;
  /** Checks not recorded over the whole run (warm-up and tail included). */
  failedWholeRun: number;
  abortedAtStop: number;
  checksWholeRun: number;
  /** Checks started per whole second of the window: the burstiness of the load. */
  perSecond: number[];
  cpuSec: number;
  rssP50: number;
  rssMax: number;
  rssMaxWholeRun: number;
  heapUsedMax: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  dbErrors: number;
  /** Write-ahead log written by the whole database during the window (pg_current_wal_lsn). */
  walBytes: number;
  /** Checks of ignored systems over the whole run, and the most of them in flight at once. */
  ignoredChecks: number;
  ignoredInFlightMax: number;
  alerting?: WorkerAlerting;
  /** Every recorded (not aborted) check of the whole run: system index and start time. */
  systems: string[];
  checkSystem: number[];
  checkStartedAt: number[];
}

const config = JSON.parse(process.argv[2]!) as WorkerConfig;
const send = (m: unknown) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

const openStarted = performance.now();
const database = await openDatabase(config.target);
const openMs = performance.now() - openStarted;

const systemIndex = new Map<string, number>();
const systems: string[] = [];
const ev = { system: [] as number[], scheduled: [] as number[], started: [] as number[], finished: [] as number[], status: [] as string[] };
const ignored = new Set(config.ignoreSystemIds ?? []);
let ignoredChecks = 0;
let ignoredInFlight = 0;
let ignoredInFlightMax = 0;
const onCheck = (e: CheckEvent) => {
  if (ignored.has(e.systemId)) {
    if (e.status !== "error") ignoredChecks++; // "error": aborted by stop()
    ignoredInFlight--;
    return;
  }
  let idx = systemIndex.get(e.systemId);
  if (idx === undefined) {
    idx = systems.length;
    systems.push(e.systemId);
    systemIndex.set(e.systemId, idx);
  }
  ev.system.push(idx);
  ev.scheduled.push(e.scheduledAt.getTime());
  ev.started.push(e.startedAt.getTime());
  ev.finished.push(e.finishedAt.getTime());
  ev.status.push(e.status);
};

// The alerting composition of instrumentation-node.ts, timed.
const alerting: WorkerAlerting = { evaluations: 0, evaluationMs: [], fired: 0, resolved: 0, queued: 0, subjects: 0, stateChanges: 0, attempts: {}, passRuns: 0, drainMs: 0, pendingLeft: 0 };
let inWindow = false;
const onAttempt = (o: { outcome: string; error: string | null }) => {
  // "skipped" covers two cases: a send aborted by stop() (handed back, sent again) and a lease lost.
  const key = o.outcome === "skipped" && o.error?.startsWith("stopped") ? "aborted at stop" : o.outcome;
  alerting.attempts[key] = (alerting.attempts[key] ?? 0) + 1;
};
/** Set at stopAt: the delivery kind claims nothing more, so the sends in flight end normally before stop(). */
let closing = false;
const work: DueWorkKind[] = [];
let afterChecks: SchedulerOptions["afterChecks"];
if (config.alerting) {
  const pass = alertPass();
  const countedPass: typeof pass = { ...pass, run: (job, env) => pass.run(job, env).finally(() => void alerting.passRuns++) };
  const delivery = alertDelivery({ concurrency: config.alerting.deliveryConcurrency, onAttempt });
  const closable: typeof delivery = { ...delivery, claim: (db, now, slots) => (closing ? Promise.resolve([]) : delivery.claim(db, now, slots)) };
  work.push(countedPass, closable);
  afterChecks = async (ctx, checks) => {
    const started = performance.now();
    const summaries = await evaluateCheckBatch(ctx, checks);
    if (!inWindow) return summaries;
    alerting.evaluations += checks.length;
    alerting.stateChanges += checks.filter((c) => c.recorded.change && c.recorded.change.from !== "unknown").length;
    // One figure per check: the batch's evaluation time shared by its checks.
    const perCheck = (performance.now() - started) / checks.length;
    for (let i = 0; i < checks.length; i++) alerting.evaluationMs.push(perCheck);
    for (const summary of summaries) {
      alerting.subjects += summary?.evaluated ?? 0;
      alerting.fired += summary?.fired ?? 0;
      alerting.resolved += summary?.resolved ?? 0;
      alerting.queued += summary?.queued ?? 0;
    }
    return summaries;
  };
}

const scheduler = createScheduler({
  db: database.prisma,
  concurrency: config.concurrency,
  retention: { rawDays: config.retentionDays },
  work,
  afterChecks,
  onCheck,
  // The real probe; it only counts how many checks of the ignored systems are in flight.
  probe: ignored.size
    ? (target, options) => {
        if (ignored.has((target as Partial<DueSystem>).id ?? "")) ignoredInFlightMax = Math.max(ignoredInFlightMax, ++ignoredInFlight);
        return probeSystem(target, options);
      }
    : undefined,
});

await send({ type: "ready", instance: config.instance, openMs, rss: process.memoryUsage().rss });
const timeline = await new Promise<WorkerTimeline>((resolve) => {
  process.on("message", (m: { type?: string }) => {
    if (m?.type === "start") resolve(m as WorkerTimeline);
  });
});

const rssSamples: { at: number; rss: number }[] = [];
let heapUsedMax = 0;
const sampler = setInterval(() => {
  const mem = process.memoryUsage();
  rssSamples.push({ at: Date.now(), rss: mem.rss });
  heapUsedMax = Math.max(heapUsedMax, mem.heapUsed);
}, 1000);

let progressFrom = 0;
const progress = setInterval(() => {
  const lags: number[] = [];
  for (let i = progressFrom; i < ev.started.length; i++) lags.push(ev.started[i]! - ev.scheduled[i]!);
  progressFrom = ev.started.length;
  const sorted = sortedCopy(lags);
  void send({
    type: "progress",
    instance: config.instance,
    at: Date.now(),
    checks: lags.length,
    lagP95: percentile(sorted, 95),
    lagMax: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    rss: process.memoryUsage().rss,
    inFlight: scheduler.stats().inFlight,
  } satisfies WorkerProgress);
}, 10_000);

const eventLoop = monitorEventLoopDelay({ resolution: 10 });
eventLoop.enable();
const at = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

scheduler.start();
await at(timeline.warmEnd);
const walPosition = async () =>
  Number((await database.runner.query<{ b: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS b"))[0]!.b);
const cpuStart = process.cpuUsage();
eventLoop.reset();
const walStart = await walPosition();
inWindow = true;
await at(timeline.measureEnd);
inWindow = false;
const cpuEnd = process.cpuUsage();
const walEnd = await walPosition();
const eventLoopP99Ms = eventLoop.percentile(99) / 1e6;
const eventLoopMaxMs = eventLoop.max / 1e6;
await at(timeline.stopAt);
if (config.alerting) {
  // A graceful stop for the figures: sends in flight finish (a send aborted by stop() is handed
  // back and sent again with the same webhook-id: by design, but not what is measured here).
  closing = true;
  const until = Date.now() + 30_000;
  while ((scheduler.stats().work["alert delivery"]?.inFlight ?? 0) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}
const stoppingAt = Date.now();
await scheduler.stop();
clearInterval(sampler);
clearInterval(progress);
if (config.alerting) await drainOutbox(config.alerting);

/** Delivers what is still queued, with the delivery kind's own claim and run (no checks, no evaluation). */
async function drainOutbox({ deliveryConcurrency, drainTimeoutMs }: { deliveryConcurrency: number; drainTimeoutMs: number }) {
  const started = Date.now();
  const db = database.prisma;
  const kind = alertDelivery({ concurrency: deliveryConcurrency, onAttempt });
  const signal = new AbortController().signal;
  setMaxListeners(deliveryConcurrency + 16, signal);
  const clock = { now: () => new Date() };
  for (;;) {
    const pending = await db.notification.count({ where: { state: "pending" } });
    if (pending === 0 || Date.now() - started > drainTimeoutMs) {
      alerting.pendingLeft = pending;
      break;
    }
    const jobs = await kind.claim(db, new Date(), { concurrency: deliveryConcurrency, inFlightByClient: new Map() });
    if (jobs.length === 0) await new Promise((r) => setTimeout(r, 250));
    else await Promise.all(jobs.map((job) => kind.run(job, { db, clock, signal })));
  }
  alerting.drainMs = Date.now() - started;
}

const windowSec = (timeline.measureEnd - timeline.warmEnd) / 1000;
const lags: number[] = [];
const statuses: Record<string, number> = {};
const perSecond = new Array<number>(Math.ceil(windowSec)).fill(0);
const checkSystem: number[] = [];
const checkStartedAt: number[] = [];
let failed = 0;
let failedWholeRun = 0;
let abortedAtStop = 0;
for (let i = 0; i < ev.started.length; i++) {
  const aborted = ev.status[i] === "error" && ev.finished[i]! >= stoppingAt;
  if (aborted) {
    abortedAtStop++;
    continue;
  }
  if (ev.status[i] === "error") failedWholeRun++;
  checkSystem.push(ev.system[i]!);
  checkStartedAt.push(ev.started[i]!);
  const started = ev.started[i]!;
  if (started < timeline.warmEnd || started >= timeline.measureEnd) continue;
  lags.push(started - ev.scheduled[i]!);
  statuses[ev.status[i]!] = (statuses[ev.status[i]!] ?? 0) + 1;
  if (ev.status[i] === "error") failed++;
  perSecond[Math.floor((started - timeline.warmEnd) / 1000)]!++;
}
const windowRss = sortedCopy(rssSamples.filter((s) => s.at >= timeline.warmEnd && s.at < timeline.measureEnd).map((s) => s.rss));

await send({
  type: "result",
  instance: config.instance,
  pid: process.pid,
  openMs,
  windowSec,
  lags,
  statuses,
  failed,
  failedWholeRun,
  abortedAtStop,
  checksWholeRun: checkSystem.length,
  perSecond,
  cpuSec: cpuSeconds(cpuStart, cpuEnd),
  rssP50: percentile(windowRss, 50),
  rssMax: windowRss.length ? windowRss[windowRss.length - 1]! : Number.NaN,
  rssMaxWholeRun: Math.max(...rssSamples.map((s) => s.rss)),
  heapUsedMax,
  eventLoopP99Ms,
  eventLoopMaxMs,
  dbErrors: scheduler.stats().dbErrors,
  walBytes: walEnd - walStart,
  systems,
  checkSystem,
  checkStartedAt,
  ignoredChecks,
  ignoredInFlightMax,
  alerting: config.alerting ? alerting : undefined,
} satisfies WorkerResult);

await database.close().catch(() => {});
process.exit(0);
