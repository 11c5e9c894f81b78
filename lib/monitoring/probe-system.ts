// One probe of one system's health URL: the outbound request through lib/net (network policy,
// timeouts, body cap) and its classification. I/O here; the rules live in classify-probe.ts.
import { networkPolicy } from "@/lib/net/policy-from-env";
import { safeFetch } from "@/lib/net/safe-fetch";
import { classifyProbe, type ProbeClassification, type ProbeOutcome } from "./classify-probe";

export interface ProbeTarget {
  healthUrl: string;
  timeoutMs: number;
  degradedThresholdMs: number;
}

export interface ProbeReport extends ProbeClassification {
  responseTimeMs: number | null;
  /** The network error, when there was no HTTP answer. */
  error: string | null;
}

/** Probes once; undefined when the caller aborted (a cancelled probe says nothing about the target). */
export async function probeSystem(target: ProbeTarget, options: { allowPrivate: boolean; signal?: AbortSignal }): Promise<ProbeReport | undefined> {
  const started = performance.now();
  const result = await safeFetch(target.healthUrl, {
    timeoutMs: target.timeoutMs,
    policy: networkPolicy({ allowPrivate: options.allowPrivate }),
    headers: { accept: "application/health+json, application/json;q=0.9, */*;q=0.5" },
    signal: options.signal,
  });
  const elapsed = Math.round((performance.now() - started) * 10) / 10;
  let outcome: ProbeOutcome;
  if (result.ok) {
    outcome = { ok: true, status: result.status, contentType: result.headers["content-type"] ?? null, body: result.body.toString("utf8") };
  } else {
    const { kind, message } = result.error;
    if (kind === "aborted") return undefined;
    outcome = { ok: false, error: { kind, message } };
  }
  const classification = classifyProbe({
    outcome,
    responseTimeMs: result.ok ? result.timings.totalMs : elapsed,
    degradedThresholdMs: target.degradedThresholdMs,
  });
  return {
    ...classification,
    responseTimeMs: result.ok ? Math.round(result.timings.totalMs * 10) / 10 : null,
    error: result.ok ? null : result.error.message,
  };
}
