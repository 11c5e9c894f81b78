// Plumbing shared by the demo fleet's route handlers (app/api/demo/fleet/**): resolving the
// simulated system from the URL, really waiting its simulated latency, and reading the seed's
// `start_date` / `end_date` query parameters.
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { findDemoSystem, type DemoSystemProfile } from "./fleet-model";

/** Slow answers are simulated up to this long, well below the default 10 s check timeout. */
const MAX_SIMULATED_LATENCY_MS = 3_000;

export function demoSystemOr404(params: { clientId: string; system: string }): DemoSystemProfile {
  const system = findDemoSystem(params.clientId, params.system);
  if (!system) throw new NotFoundError(`There is no demo system "${params.system}" for client "${params.clientId}"`);
  return system;
}

/** Waits the simulated latency (capped), or less if the caller hangs up first. */
export function waitLatency(latencyMs: number, signal?: AbortSignal): Promise<void> {
  const ms = Math.min(Math.max(0, latencyMs), MAX_SIMULATED_LATENCY_MS);
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

// ISO 8601 date or date-time. A "+02:00" offset arrives as " 02:00" when the caller did not
// percent-encode the "+", which URLSearchParams decodes to a space; that is put back.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Reads an optional ISO date query parameter; anything else is a 400 naming the parameter. */
export function dateParam(query: URLSearchParams, name: string): Date | undefined {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, "+$1");
  const ms = ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new BadRequestError(`${name} must be an ISO 8601 date or date-time, e.g. 2025-01-15T00:00:00Z (got "${raw.slice(0, 60)}")`);
  }
  return new Date(ms);
}
