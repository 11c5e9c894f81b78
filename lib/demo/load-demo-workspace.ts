// Loads the demo workspace: the six fictional clients of the demo fleet, registered through
// the real registerClient verb (same validation, same audit trail), with health and metrics
// URLs pointing at the fleet this server simulates itself (app/api/demo/fleet/**). The "demo"
// tag is the only marker of demo data. Idempotent: clients that already exist are skipped.
import { z } from "zod";
import { registerClient } from "@/lib/clients/register-client";
import type { RegisterClientInput } from "@/lib/clients/schemas";
import { httpUrlSchema } from "@/lib/clients/schemas";
import { requireScope, type Context } from "@/lib/context";
import { AppError, parseInput } from "@/lib/errors";
import { DEMO_CLIENTS, type DemoClientProfile } from "./fleet-model";

export const DEMO_TAG = "demo";

const loadDemoWorkspaceInputSchema = z.object({
  /** Where this server is reachable by its own scheduler, e.g. http://localhost:3000. */
  base_url: httpUrlSchema,
});

export interface LoadDemoWorkspaceResult {
  /** client_ids registered by this call. */
  created: string[];
  /** client_ids that already existed (left untouched). */
  skipped: string[];
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `http://host:3000/prefix/?q#h` → `http://host:3000/prefix`: fleet paths are appended to it. */
function fleetBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function demoClientRegistration(client: DemoClientProfile, baseUrl: string): RegisterClientInput {
  const base = fleetBase(baseUrl);
  return {
    client_id: client.clientId,
    client_name: client.name,
    industry: client.industry,
    contact_email: client.contactEmail,
    tags: [DEMO_TAG],
    ...(client.slaTarget ? { sla_target: client.slaTarget } : {}),
    systems: client.systems.map((s) => ({
      name: s.name,
      health_url: `${base}/api/demo/fleet/${client.clientId}/${s.slug}/health`,
      metrics_url: `${base}/api/demo/fleet/${client.clientId}/${s.slug}/metrics`,
    })),
  };
}

export async function loadDemoWorkspace({ ctx, input }: { ctx: Context; input: unknown }): Promise<LoadDemoWorkspaceResult> {
  requireScope(ctx, "write");
  // A key bound to one client must not create (or learn of) other clients.
  if (ctx.clientRestriction) requireScope(ctx, "admin");
  const { base_url } = parseInput(loadDemoWorkspaceInputSchema, input);

  const created: string[] = [];
  const skipped: string[] = [];
  for (const client of DEMO_CLIENTS) {
    const exists = await ctx.db.client.findUnique({ where: { clientId: client.clientId }, select: { id: true } });
    if (exists) {
      skipped.push(client.clientId);
      continue;
    }
    try {
      await registerClient({ ctx, input: demoClientRegistration(client, base_url) });
      // The fleet is served by this very server: when that is a loopback address, the demo's
      // checks must be allowed to reach it (only loopback; other private ranges stay opt-in).
      if (isLoopbackUrl(base_url)) {
        await ctx.db.client.update({ where: { clientId: client.clientId }, data: { allowPrivateTargets: true } });
      }
      created.push(client.clientId);
    } catch (error) {
      // Another load running at the same moment registered it first: same outcome, skipped.
      if (error instanceof AppError && error.code === "conflict") skipped.push(client.clientId);
      else throw error;
    }
  }
  return { created, skipped };
}
