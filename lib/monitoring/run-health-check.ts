// "Check now": probes a client's enabled systems (or one system) immediately, stores each
// check and moves each system's confirmed state exactly as the scheduler does.
import { z } from "zod";
import { takeCheckNowSlot } from "@/lib/auth/rate-limit";
import { scopeClientRows } from "@/lib/client-scope";
import { type VerbInput, strictObject, text } from "@/lib/input";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { clientIdSchema } from "@/lib/clients/schemas";
import { overallStatus } from "@/lib/clients/overall-status";
import { requireScope, type Context } from "@/lib/context";
import type { System } from "@/lib/generated/prisma/client";
import { NotFoundError, parseInput, UnavailableError } from "@/lib/errors";
import { probeSystem } from "./probe-system";
import { recordCheck } from "./record-check";

export const runHealthCheckInputSchema = strictObject({
  client_id: clientIdSchema.describe("The client's id (a slug such as tnt-limousine-001), from get_all_clients_status"),
  system: text().trim().min(1, "must not be empty").max(200).optional().describe("One system's name (case-insensitive); omit to check all of the client's enabled systems"),
});

const statusSchema = z.enum(["healthy", "degraded", "down", "unknown"]);
export const runHealthCheckOutputSchema = z.object({
  client_id: z.string(),
  client_name: z.string(),
  overall_status: statusSchema,
  checked_at: z.string(),
  systems: z.array(
    z.object({
      system_name: z.string(),
      /** What this probe saw; "unknown" when ClientPulse refused to send it (network policy, invalid URL). */
      probe_status: statusSchema,
      /** The rule that decided probe_status (e.g. http_5xx, latency, blocked_by_policy). */
      rule: z.string(),
      /** The confirmed status (changes only after `confirmations` agreeing probes). */
      status: statusSchema,
      reason: z.string(),
      response_time_ms: z.number().nullable(),
      http_status: z.number().nullable(),
      state_changed: z.boolean(),
    }),
  ),
});
export type RunHealthCheckOutput = z.infer<typeof runHealthCheckOutputSchema>;

const CONCURRENCY = 8;

export async function runHealthCheck({ ctx, input }: { ctx: Context; input: VerbInput<typeof runHealthCheckInputSchema> }): Promise<RunHealthCheckOutput> {
  requireScope(ctx, "write"); // it sends requests out on the client's behalf
  const data = parseInput(runHealthCheckInputSchema, input);
  const client = await findClientOrThrow(ctx, data.client_id);
  let systems = await ctx.db.system.findMany({ where: scopeClientRows(ctx, { clientRef: client.id, enabled: true }), orderBy: [{ position: "asc" }, { name: "asc" }] });
  if (data.system) {
    systems = systems.filter((s) => s.name.toLowerCase() === data.system!.toLowerCase());
    if (systems.length === 0) throw new NotFoundError(`Client "${client.clientId}" has no enabled system named "${data.system}"`);
  }
  if (systems.length) takeCheckNowSlot(ctx); // counted only when requests are about to go out
  const results = await checkSystemsNow(ctx, client, systems);
  if (results.some((r) => r === null)) throw new UnavailableError("The check was cancelled");
  const all = await ctx.db.system.findMany({ where: scopeClientRows(ctx, { clientRef: client.id, enabled: true }), select: { status: true } });
  return {
    client_id: client.clientId,
    client_name: client.name,
    overall_status: overallStatus(all.map((s) => s.status)),
    checked_at: ctx.clock.now().toISOString(),
    systems: results.filter((r) => r !== null),
  };
}

export type SystemCheckResult = RunHealthCheckOutput["systems"][number];

/**
 * Probes the given systems of one client now (at most CONCURRENCY at once, each within its own
 * timeout) and records each check as the scheduler does; the caller has checked scopes and
 * taken the check-now slot. A probe cancelled through `signal` is null in the result: it was
 * not recorded and says nothing about the target. The one place "check now" probes.
 */
export async function checkSystemsNow(
  ctx: Context,
  client: { allowPrivateTargets: boolean },
  systems: System[],
  signal?: AbortSignal,
): Promise<(SystemCheckResult | null)[]> {
  const results: (SystemCheckResult | null)[] = new Array(systems.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < systems.length && !signal?.aborted) {
      const i = next++;
      const system = systems[i];
      const probe = await probeSystem(system, { allowPrivate: client.allowPrivateTargets, signal });
      if (!probe) continue;
      const recorded = await recordCheck(ctx, system, probe, ctx.clock.now());
      results[i] = {
        system_name: system.name,
        probe_status: recorded.status,
        rule: recorded.rule,
        status: recorded.confirmedStatus,
        reason: recorded.reason,
        response_time_ms: probe.responseTimeMs,
        http_status: probe.httpStatus,
        state_changed: recorded.change !== null,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, systems.length) }, worker));
  return results;
}
