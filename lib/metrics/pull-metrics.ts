// One pull of one system's metrics URL: asks for exactly [cursor, now) with start_date/end_date
// through lib/net (the same address policy, timeout and body cap as health probes), validates
// the answer and accepts it (accept-metric-sample.ts). Whatever happens is one metric_pulls
// line; a failed or rejected pull counts a failure and is retried with back-off, and because
// the cursor only moves on an accepted sample, the next success covers the gap.
import type { Db } from "@/lib/db/client";
import { networkPolicy } from "@/lib/net/policy-from-env";
import { safeFetch } from "@/lib/net/safe-fetch";
import { acceptMetricSample, countFailure, logPull, type AcceptOutcome, type MetricSource } from "./accept-metric-sample";
import { pullSpan } from "./pull-schedule";
import { validateMetricsPayload } from "./validate-metrics";

export interface PullTarget {
  id: string;
  metricsUrl: string;
  timeoutMs: number;
  intervalSec: number;
  allowPrivate: boolean;
  /** systems.metrics_cursor when the pull was claimed. */
  cursor: Date | null;
  /** systems.metrics_failures when the pull was claimed. */
  failures: number;
}

export type PullOutcome = Exclude<AcceptOutcome, "conflict" | "overlap"> | "rejected" | "error" | "nothing_due";

export interface PullResult {
  outcome: PullOutcome;
  message: string | null;
  spanStart: Date | null;
  spanEnd: Date | null;
  totalAutomations: number | null;
  durationMs: number | null;
}

/** The metrics URL with the span's start_date / end_date (ISO 8601, UTC), replacing any already there. */
export function metricsRequestUrl(metricsUrl: string, start: Date, end: Date): string {
  const url = new URL(metricsUrl);
  url.searchParams.set("start_date", start.toISOString());
  url.searchParams.set("end_date", end.toISOString());
  return url.toString();
}

const excerpt = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Pulls once. Undefined when the caller aborted (shutdown): a cancelled pull says nothing about the target and logs nothing. */
export async function pullMetrics(
  db: Db,
  target: PullTarget,
  options: { now: () => Date; source: Extract<MetricSource, "pull" | "manual">; signal?: AbortSignal },
): Promise<PullResult | undefined> {
  const at = options.now();
  const span = pullSpan(target.cursor, at, target.intervalSec);
  if (!span) return { outcome: "nothing_due", message: "nothing to collect: the last accepted sample ends now", spanStart: null, spanEnd: null, totalAutomations: null, durationMs: null };
  const started = performance.now();
  const result = await safeFetch(metricsRequestUrl(target.metricsUrl, span.start, span.end), {
    timeoutMs: target.timeoutMs,
    policy: networkPolicy({ allowPrivate: target.allowPrivate }),
    headers: { accept: "application/json" },
    signal: options.signal,
  });
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  const log = { systemId: target.id, source: options.source, at, durationMs };
  const base = { spanStart: span.start, spanEnd: span.end, durationMs };

  const fail = async (outcome: "error" | "rejected", message: string): Promise<PullResult> => {
    await db.$transaction(async (tx) => {
      await logPull(tx, log, outcome, message, null, { start: span.start, end: span.end });
      await countFailure(tx, log, target.failures);
    });
    return { ...base, outcome, message, totalAutomations: null };
  };

  if (!result.ok) {
    if (result.error.kind === "aborted") return undefined;
    return fail("error", `metrics pull failed: ${result.error.message}`);
  }
  if (result.status < 200 || result.status > 299) return fail("error", `metrics pull failed: HTTP ${result.status}`);
  const text = result.body.toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const type = result.headers["content-type"] ?? "no content type";
    return fail("error", `metrics pull failed: the response is not JSON (${type}: ${text.trim() ? excerpt(text.trim()) : "empty body"})`);
  }
  const validation = validateMetricsPayload(body, { now: options.now(), mode: "pull" });
  if (!validation.ok) return fail("rejected", validation.reason);

  const { sample } = validation;
  const notes = [...validation.dropped];
  if (sample.periodStart.getTime() > span.start.getTime()) {
    // The answer covers less than was asked: the numbers are kept for what they cover; the
    // part before it stays uncovered (shown as coverage), it is not asked for again.
    notes.push(`answered from ${sample.periodStart.toISOString()}, asked from ${span.start.toISOString()}: that gap stays uncovered`);
  }
  const partial = validation.dropped.some((d) => !d.includes("rounded"));
  const accepted = await acceptMetricSample(db, {
    systemId: target.id,
    source: options.source,
    sample,
    at,
    dropped: notes,
    partial,
    expectedCursor: target.cursor,
    durationMs,
  });
  if (accepted.outcome === "conflict" || accepted.outcome === "overlap") {
    return { ...base, outcome: "rejected", message: accepted.message, totalAutomations: null };
  }
  if ((accepted.outcome === "accepted" || accepted.outcome === "partial") && span.behind) {
    // More than one span to catch up after a long outage: the rest is due at once.
    await db.system.updateMany({ where: { id: target.id, metricsUrl: { not: null } }, data: { nextMetricsAt: at } });
  }
  return {
    outcome: accepted.outcome,
    message: accepted.message,
    spanStart: sample.periodStart,
    spanEnd: sample.periodEnd,
    totalAutomations: accepted.outcome === "superseded" ? null : sample.total,
    durationMs,
  };
}
