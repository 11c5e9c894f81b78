// Registers a client and says when its systems are first checked; with check_now, checks each
// of them before answering (bounded), so the caller sees their first statuses in the result.
// Used by MCP's register_client and REST POST /api/clients. In monitoring, not clients, because
// it probes (monitoring depends on clients, never the reverse).
import { z } from "zod";
import { takeCheckNowSlot } from "@/lib/auth/rate-limit";
import { mayRegisterClients, registerClient } from "@/lib/clients/register-client";
import { clientOutputSchema, registerClientInputSchema, type ClientOutput } from "@/lib/clients/schemas";
import { findClientOrThrow } from "@/lib/clients/find-client";
import { toClientOutput } from "@/lib/clients/client-output";
import type { Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { checkSystemsNow, runHealthCheckOutputSchema } from "./run-health-check";

/**
 * When the scheduler first checks a new system: it sees new systems on its next round (every
 * 250 ms) and spreads their first checks over min(interval, 10 s), see scheduleNewSystems.
 */
export const FIRST_CHECK_WITHIN_SECONDS = 10;

/** check_now waits at most this long for the first checks; the rest are left to the scheduler. */
export const CHECK_NOW_BUDGET_MS = 15_000;

export const firstCheckOutputSchema = z.object({
  /** "checked_now": probed before answering; "scheduled": the scheduler's first check is due within_seconds from now. */
  mode: z.enum(["checked_now", "scheduled"]),
  within_seconds: z.number(),
  message: z.string(),
  /** With check_now: what each system's first check saw (systems still running at the budget are left out and named in `pending`). */
  systems: runHealthCheckOutputSchema.shape.systems.optional(),
  pending: z.array(z.string()).optional(),
});

export const registeredClientOutputSchema = clientOutputSchema.extend({ first_check: firstCheckOutputSchema });
export type RegisteredClient = z.infer<typeof registeredClientOutputSchema>;

export interface RegisterOptions {
  /** Check every system before answering (counts as one on-demand check of the caller). */
  checkNow?: boolean;
  /** Test seam: how long check_now waits (default CHECK_NOW_BUDGET_MS). */
  budgetMs?: number;
}

export async function registerClientAndCheck({
  ctx,
  input,
  checkNow = false,
  budgetMs = CHECK_NOW_BUDGET_MS,
}: { ctx: Context; input: VerbInput<typeof registerClientInputSchema> } & RegisterOptions): Promise<RegisteredClient> {
  if (checkNow && mayRegisterClients(ctx)) {
    // Before anything is written, and only for input that can be registered: a caller over its
    // check-now limit gets rate_limited and no client.
    parseInput(registerClientInputSchema, input);
    takeCheckNowSlot(ctx);
  }
  const registered = await registerClient({ ctx, input });
  if (!checkNow) return { ...registered, first_check: scheduled(registered) };

  const client = await findClientOrThrow(ctx, registered.client_id);
  const systems = client.systems.filter((s) => s.enabled);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), budgetMs);
  let results;
  try {
    results = await checkSystemsNow(ctx, client, systems, abort.signal);
  } finally {
    clearTimeout(timer);
  }
  const done = results.filter((r) => r !== null);
  const pending = systems.filter((_, i) => results[i] === null).map((s) => s.name);
  const after = toClientOutput(await findClientOrThrow(ctx, registered.client_id));
  const message =
    pending.length === 0
      ? `Each system was checked once now; the scheduler checks them every check_interval_seconds from here on.`
      : `${done.length} of ${systems.length} systems were checked within ${Math.round(budgetMs / 1000)} s; ` +
        `the scheduler checks the others (${pending.join(", ")}) within ${FIRST_CHECK_WITHIN_SECONDS} s.`;
  return {
    ...after,
    first_check: { mode: "checked_now", within_seconds: 0, message, systems: done, ...(pending.length ? { pending } : {}) },
  };
}

function scheduled(client: ClientOutput): RegisteredClient["first_check"] {
  const enabled = client.systems.filter((s) => s.enabled).length;
  return {
    mode: "scheduled",
    within_seconds: FIRST_CHECK_WITHIN_SECONDS,
    message:
      `ClientPulse checks ${enabled === 1 ? "the system" : `each of the ${enabled} systems`} within about ${FIRST_CHECK_WITHIN_SECONDS} s ` +
      `(statuses are unknown until then), then every check_interval_seconds. Call get_system_health after that, or register with check_now: true.`,
  };
}
