// The demo's metrics history: a freshly loaded demo would otherwise start with one interval of
// metrics (collection's first pull asks for the last interval only), so the 30-day charts would be
// empty, the 30-day trend would compare against nothing and the stalled rule (≥ 7 days of hourly
// history) could not judge. At load, each demo system gets DEMO_HISTORY_DAYS of HOURLY samples
// from the fleet model — exactly what its metrics URL answers for each hour (metricsFor, with the
// load's "now", so the stalled system is already silent for its last hours) — validated as a pull
// is and written through the metrics write path (acceptMetricSamples: overlap check, the same
// rollups, cursor). Hourly, never one long span: a multi-day sample is spread evenly over its
// hours and would hide the quiet nights the stalled rule learns from.
// The cursor ends at "now", so the scheduler's next pull continues from there with no gap.
import type { Db } from "@/lib/db/client";
import { acceptMetricSamples } from "@/lib/metrics/accept-metric-sample";
import { validateMetricsPayload, type SampleValues } from "@/lib/metrics/validate-metrics";
import { metricsFor, type DemoSystemProfile } from "./fleet-model";

const HOUR_MS = 3_600_000;
/** Two 30-day periods: the 30-day charts, and the previous 30 days the 30-day trend compares against. */
export const DEMO_HISTORY_DAYS = 60;

/** The hourly spans of the history ending at `now`: whole UTC hours, then the hour in progress up to now. */
export function backfillSpans(now: Date, days = DEMO_HISTORY_DAYS): { start: Date; end: Date }[] {
  const nowMs = now.getTime();
  const lastWhole = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const spans: { start: Date; end: Date }[] = [];
  for (let t = lastWhole - days * 24 * HOUR_MS; t < lastWhole; t += HOUR_MS) spans.push({ start: new Date(t), end: new Date(t + HOUR_MS) });
  if (nowMs > lastWhole) spans.push({ start: new Date(lastWhole), end: new Date(nowMs) });
  return spans;
}

/** The samples a system's metrics URL would have answered for each hour of the history. */
export function demoHistory(profile: DemoSystemProfile, now: Date, days = DEMO_HISTORY_DAYS): SampleValues[] {
  return backfillSpans(now, days).map(({ start, end }) => {
    const validation = validateMetricsPayload(metricsFor(profile, start, end, { now }), { now, mode: "pull" });
    // The model always answers a valid payload (fleet-model.test.ts); anything else is a bug there.
    if (!validation.ok || validation.dropped.some((d) => !d.includes("rounded"))) {
      throw new Error(`demo metrics for ${profile.id} ${start.toISOString()} are not valid: ${validation.ok ? validation.dropped.join("; ") : validation.reason}`);
    }
    return validation.sample;
  });
}

/** Writes the history of each given demo system (its stored id and fleet profile); one transaction per system. */
export async function backfillDemoMetrics(db: Db, systems: readonly { id: string; profile: DemoSystemProfile }[], now: Date): Promise<number> {
  let written = 0;
  for (const { id, profile } of systems) {
    const result = await acceptMetricSamples(db, { systemId: id, source: "pull", samples: demoHistory(profile, now), at: now, label: "demo history" });
    written += result.accepted;
  }
  return written;
}
