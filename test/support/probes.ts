// A probe report as lib/monitoring/probe-system.ts would return it, for tests that feed
// recordCheck directly (on a fake clock) instead of probing a server.
import type { ProbeReport } from "@/lib/monitoring/probe-system";

const REASON = {
  healthy: "reported healthy",
  degraded: "latency 2500 ms > 2000 ms",
  down: "HTTP 503",
  unknown: "blocked by network policy (10.0.0.5 is private; private targets are not allowed for this client)",
} as const;
const RULE = { healthy: "reported_healthy", degraded: "latency", down: "http_5xx", unknown: "blocked_private" } as const;

export function probeReport(status: ProbeReport["status"], responseTimeMs: number | null): ProbeReport {
  return {
    status,
    reason: REASON[status],
    rule: RULE[status],
    format: "seed",
    httpStatus: status === "down" ? 503 : status === "unknown" ? null : 200,
    reportedUptime: null,
    responseTimeMs,
    error: status === "unknown" ? REASON.unknown : null,
  };
}
