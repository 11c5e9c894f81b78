// Loads the demo workspace: the six fictional clients of the demo fleet, registered through
// the real registerClient verb (same validation, same audit trail), with health and metrics
// URLs pointing at the fleet this server simulates itself (app/api/demo/fleet/**). The "demo"
// tag is the only marker of demo data. Each new client gets its metrics history (hourly samples
// of the last 60 days, backfill-demo-metrics.ts). Idempotent: clients that already exist are skipped.
// It never touches a client's network policy: the fleet is reached as this server's own
// origin (lib/net/policy-from-env.ts ownTargets), which the load records in the audit log.
import { recordAudit } from "@/lib/audit/record-audit";
import { type VerbInput, strictObject } from "@/lib/input";
import { registerClient } from "@/lib/clients/register-client";
import type { RegisterClientInput } from "@/lib/clients/schemas";
import { httpUrlSchema } from "@/lib/clients/schemas";
import { requireAllClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { AppError, parseInput } from "@/lib/errors";
import { DEMO_FLEET_PATH, ownFleetTarget } from "@/lib/net/policy-from-env";
import { backfillDemoMetrics } from "./backfill-demo-metrics";
import { DEMO_CLIENTS, type DemoClientProfile } from "./fleet-model";

export const DEMO_TAG = "demo";

export const loadDemoWorkspaceInputSchema = strictObject({
  /** Where this server is reachable by its own scheduler, e.g. http://localhost:3000. */
  base_url: httpUrlSchema,
});

export interface LoadDemoWorkspaceResult {
  /** client_ids registered by this call. */
  created: string[];
  /** client_ids that already existed (left untouched). */
  skipped: string[];
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
    time_zone: fixedOffsetZone(client.utcOffsetHours),
    ...(client.slaTarget ? { sla_target: client.slaTarget } : {}),
    systems: client.systems.map((s) => ({
      name: s.name,
      health_url: `${base}${DEMO_FLEET_PATH}${client.clientId}/${s.slug}/health`,
      metrics_url: `${base}${DEMO_FLEET_PATH}${client.clientId}/${s.slug}/metrics`,
    })),
  };
}

export async function loadDemoWorkspace({ ctx, input }: { ctx: Context; input: VerbInput<typeof loadDemoWorkspaceInputSchema> }): Promise<LoadDemoWorkspaceResult> {
  requireScope(ctx, "write");
  // A key bound to one client must not create (or learn of) other clients.
  requireAllClients(ctx);
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
      created.push(client.clientId);
      await backfillClientHistory(ctx, client);
    } catch (error) {
      // Another load running at the same moment registered it first: same outcome, skipped.
      if (error instanceof AppError && error.code === "conflict") skipped.push(client.clientId);
      else throw error;
    }
  }
  if (created.length) {
    await addDemoAlertRules(ctx, created);
    // What the demo's checks may reach: this server's own fleet, when base_url is known to be
    // this server (APP_URL, ALLOWED_ORIGINS, loopback at PORT); otherwise only what any client
    // may reach (a public address). Never allow_private_targets.
    const own = ownFleetTarget(base_url);
    await recordAudit(ctx, {
      action: "demo.load",
      targetType: "demo",
      summary: {
        base_url: fleetBase(base_url),
        clients: created,
        allow_private_targets: false,
        network_grant: own
          ? { origin: own.origin, paths: `${own.pathPrefix}*`, reason: "the demo fleet is served by this server" }
          : null,
      },
    });
  }
  return { created, skipped };
}

/**
 * The demo's alert rules, per demo client (never "*": the user's own clients are not touched),
 * with no channel (nothing is sent anywhere): a system down is critical; a success rate under
 * 97 % over 24 h is a warning. The engine evaluates them as checks arrive and on its periodic
 * pass, so the Alerts page of the demo has something to show within a minute or two.
 */
async function addDemoAlertRules(ctx: Context, clientIds: string[]): Promise<void> {
  const clients = await ctx.db.client.findMany({ where: { clientId: { in: clientIds } }, select: { id: true } });
  await ctx.db.alertThreshold.createMany({
    data: clients.flatMap((c) => [
      { clientRef: c.id, metric: "status", comparison: "greater_or_equal", value: 2, windowMinutes: 0, severity: "critical", forCount: 1, createdBy: "demo" },
      { clientRef: c.id, metric: "success_rate", comparison: "less_than", value: 97, windowMinutes: 1440, severity: "warning", forCount: 1, createdBy: "demo" },
    ]),
  });
}

/** The demo client's metrics history up to now (backfill-demo-metrics.ts): charts, trends and "stalled" from the first minute. */
async function backfillClientHistory(ctx: Context, client: DemoClientProfile): Promise<void> {
  const stored = await ctx.db.system.findMany({ where: { client: { clientId: client.clientId } }, select: { id: true, name: true } });
  const systems = stored.flatMap((s) => {
    const profile = client.systems.find((p) => p.name === s.name);
    return profile ? [{ id: s.id, profile }] : [];
  });
  await backfillDemoMetrics(ctx.db, systems, ctx.clock.now());
}

/**
 * The IANA zone of a fixed UTC offset: the demo's clients keep business hours at a fixed offset
 * with no DST (fleet-model.ts), so their days must be the same fixed-offset days, or a
 * summer-time zone would shift every daily bucket by an hour against the simulated traffic.
 * POSIX "Etc/GMT" names invert the sign: UTC−5 is "Etc/GMT+5".
 */
export function fixedOffsetZone(utcOffsetHours: number): string {
  if (utcOffsetHours === 0) return "UTC";
  return `Etc/GMT${utcOffsetHours < 0 ? "+" : "-"}${Math.abs(utcOffsetHours)}`;
}
