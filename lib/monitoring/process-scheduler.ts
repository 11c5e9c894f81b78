// The one scheduler of this server process (instrumentation-node.ts starts it), with the
// settings from the environment. A global guard keeps dev-mode reloads from starting a second.
import type { Database } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { createScheduler, type DueWorkKind, type Scheduler, type SchedulerOptions } from "./scheduler";

const holder = globalThis as unknown as { __clientpulseScheduler?: Scheduler };

/** `work`: the other kinds of due work the loop claims beside health checks (metrics pulls, …), and `afterChecks` the step after each written batch of checks (alert evaluation), composed by the caller. */
export function startProcessScheduler(database: Database, work: DueWorkKind[] = [], afterChecks?: SchedulerOptions["afterChecks"]): Scheduler | undefined {
  const env = getEnv();
  if (env.SCHEDULER === "off") return undefined;
  if (holder.__clientpulseScheduler) return holder.__clientpulseScheduler;
  const scheduler = createScheduler({
    db: database.prisma,
    concurrency: env.SCHEDULER_CONCURRENCY,
    perClientConcurrency: env.SCHEDULER_PER_CLIENT_CONCURRENCY,
    retention: { rawDays: env.CHECK_RETENTION_DAYS },
    checkpoint: database.kind === "pglite",
    work,
    afterChecks,
  });
  scheduler.start();
  holder.__clientpulseScheduler = scheduler;
  return scheduler;
}

export async function stopProcessScheduler(): Promise<void> {
  const scheduler = holder.__clientpulseScheduler;
  holder.__clientpulseScheduler = undefined;
  await scheduler?.stop();
}
