// The engine's own measurements, in Prometheus' text format (prom-client): what the
// benchmarks read from /api/metrics, and what an operator's Prometheus scrapes. One registry per
// process, kept on globalThis: Next.js bundles the instrumentation hook (which runs the
// scheduler) and the route handlers separately, so a module-level registry would be two.
//
// Every recorder here is cheap (a counter increment or a histogram observation) and never
// throws, so a call site on the hot path needs no guard.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Outcomes of one health check: the stored probe status, or `error` (not recorded). */
export type CheckOutcome = "healthy" | "degraded" | "down" | "unknown" | "error";

interface EngineMetrics {
  registry: Registry;
  checks: Counter<"outcome">;
  schedulerLag: Histogram;
  probesInFlight: Gauge;
  checkBatchSize: Histogram;
  checkBatchSeconds: Histogram;
  dbQuerySeconds: Histogram<"operation">;
  metricsPulls: Counter<"outcome">;
  deliveries: Counter<"channel" | "outcome">;
  /** Read at scrape time (the scheduler registers its in-flight count here). */
  inFlightSource: { probes: () => number };
}

const holder = globalThis as unknown as { __clientpulseMetrics?: EngineMetrics };

function create(): EngineMetrics {
  const registry = new Registry();
  // process_* (CPU, resident memory, open files) and nodejs_* (heap, event-loop delay
  // percentiles from monitorEventLoopDelay, GC) as every Node.js exporter names them.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const inFlightSource = { probes: () => 0 };
  const m: EngineMetrics = {
    registry,
    inFlightSource,
    checks: new Counter({
      name: "clientpulse_checks_total",
      help: "Health checks finished, by outcome (the stored probe status; error = could not be recorded)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    schedulerLag: new Histogram({
      name: "clientpulse_scheduler_lag_seconds",
      help: "When a scheduled check started minus when it was due",
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    }),
    probesInFlight: new Gauge({
      name: "clientpulse_probes_in_flight",
      help: "Health probes this process has in flight",
      registers: [registry],
      collect() {
        this.set(inFlightSource.probes());
      },
    }),
    checkBatchSize: new Histogram({
      name: "clientpulse_check_write_batch_size",
      help: "Checks written per batch (one transaction)",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
    checkBatchSeconds: new Histogram({
      name: "clientpulse_check_write_seconds",
      help: "Time to write one batch of checks (the whole transaction)",
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    dbQuerySeconds: new Histogram({
      name: "clientpulse_db_query_seconds",
      help: "Database statement latency, by operation",
      labelNames: ["operation"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    metricsPulls: new Counter({
      name: "clientpulse_metrics_pulls_total",
      help: "Business-metrics pulls finished, by outcome",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "clientpulse_notification_deliveries_total",
      help: "Notification delivery attempts, by channel type and outcome",
      labelNames: ["channel", "outcome"],
      registers: [registry],
    }),
  };
  return m;
}

export function engineMetrics(): EngineMetrics {
  return (holder.__clientpulseMetrics ??= create());
}

/** A finished scheduled or on-demand check. `lagMs`: for scheduled checks, start − due. */
export function recordCheckOutcome(outcome: CheckOutcome, lagMs?: number): void {
  const m = engineMetrics();
  m.checks.inc({ outcome });
  if (lagMs !== undefined) m.schedulerLag.observe(Math.max(0, lagMs) / 1000);
}

/** One batch of checks written (size and the transaction's duration). */
export function recordCheckBatch(size: number, ms: number): void {
  const m = engineMetrics();
  m.checkBatchSize.observe(size);
  m.checkBatchSeconds.observe(ms / 1000);
}

/** The scheduler tells how many probes it has in flight (read at scrape time). */
export function setProbesInFlightSource(read: () => number): void {
  engineMetrics().inFlightSource.probes = read;
}

export function recordDbQuery(operation: string, ms: number): void {
  engineMetrics().dbQuerySeconds.observe({ operation }, ms / 1000);
}

export function recordMetricsPull(outcome: string): void {
  engineMetrics().metricsPulls.inc({ outcome });
}

export function recordDelivery(channel: string, outcome: string): void {
  engineMetrics().deliveries.inc({ channel, outcome });
}

/** The text exposition (Content-Type: registry.contentType). */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = engineMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
