// The scheduler's write path: finished probes queue here and are stored together, one
// transaction for the checks that finished in the last `flushMs` (recordChecks), then the step
// after them (alert evaluation) runs once for the batch. One batch is written at a time per
// process; probes finishing meanwhile form the next. A check's promise settles when its batch
// is written and the step after it has run, so the scheduler's slot (and its no-double-check
// accounting) covers the write, as before batching.
//
// Bounded: at most MAX_BATCH checks per transaction; the queue itself is bounded by the
// scheduler's probe slots (a probe holds its slot until its check is written).
import type { Context } from "@/lib/context";
import { logger } from "@/lib/logger";
import { recordCheckBatch } from "@/lib/observability/metrics";
import { MAX_BATCH, recordChecks, type FinishedProbe, type RecordedCheck } from "./record-check";

/** A recorded check of a batch, as the step after the batch sees it. */
export interface BatchCheck {
  systemId: string;
  recorded: RecordedCheck;
}

export interface CheckWriterOptions {
  ctx: Context;
  /** How long a finished probe may wait for others to share its transaction (default 200 ms). */
  flushMs?: number;
  /** Checks per transaction at most (default and ceiling MAX_BATCH). */
  maxBatch?: number;
  /**
   * True when no other check can join the batch soon (every probe in flight is already queued
   * here): the batch is written at once instead of after flushMs.
   */
  nothingElseComing?: () => boolean;
  /** Runs once per written batch, before the batch's checks settle; a throw is logged, the checks stay recorded. */
  afterBatch?: (ctx: Context, checks: BatchCheck[]) => Promise<unknown>;
}

export interface CheckWriter {
  /** Queues one finished probe; resolves with what was stored, rejects if it could not be. */
  write(probe: FinishedProbe): Promise<RecordedCheck>;
  /** Writes whatever is queued now and waits until nothing is queued or being written. */
  flush(): Promise<void>;
  /** Checks queued or being written. */
  pending(): number;
}

interface Queued {
  probe: FinishedProbe;
  resolve: (r: RecordedCheck) => void;
  reject: (e: unknown) => void;
}

export function createCheckWriter(options: CheckWriterOptions): CheckWriter {
  const flushMs = options.flushMs ?? 200;
  const maxBatch = Math.min(options.maxBatch ?? MAX_BATCH, MAX_BATCH);
  let queue: Queued[] = [];
  let writing: Promise<void> | null = null;
  let writingCount = 0;
  let timer: NodeJS.Timeout | undefined;

  const writeBatch = async (batch: Queued[]) => {
    const started = performance.now();
    let outcomes;
    try {
      outcomes = await recordChecks(
        options.ctx,
        batch.map((q) => q.probe),
      );
    } catch (error) {
      for (const q of batch) q.reject(error);
      return;
    }
    recordCheckBatch(batch.length, performance.now() - started);
    const written: BatchCheck[] = [];
    outcomes.forEach((o, i) => o.ok && written.push({ systemId: batch[i]!.probe.systemId, recorded: o.recorded }));
    if (options.afterBatch && written.length) {
      try {
        await options.afterBatch(options.ctx, written);
      } catch (error) {
        logger.warn("after-check step failed; the checks are kept", { checks: written.length, error });
      }
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.recorded) : batch[i]!.reject(o.error)));
  };

  // Writes batches until the queue is empty; only one runs at a time.
  const pump = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (writing) return writing;
    writing = (async () => {
      while (queue.length) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        writingCount = batch.length;
        await writeBatch(batch);
        writingCount = 0;
      }
    })().finally(() => {
      writing = null;
    });
    return writing;
  };

  return {
    write(probe) {
      return new Promise<RecordedCheck>((resolve, reject) => {
        queue.push({ probe, resolve, reject });
        if (queue.length >= maxBatch || (!writing && options.nothingElseComing?.())) void pump();
        else if (!timer && !writing) timer = setTimeout(() => void pump(), flushMs);
        // While a batch is being written, the queue grows into the next one (pump loops).
      });
    },
    async flush() {
      while (queue.length || writing) await pump();
    },
    pending: () => queue.length + writingCount,
  };
}
