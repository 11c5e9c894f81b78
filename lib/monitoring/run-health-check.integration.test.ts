// "Check now" end to end: real local HTTP servers stand in for client systems; checks are
// stored, statuses confirmed after agreeing probes, state changes recorded; on both databases.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as checkRoute from "@/app/api/clients/[clientId]/check/route";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { getSystemHealth } from "./get-system-health";
import { runHealthCheck } from "./run-health-check";

/** A fake client system whose answer the test scripts. */
function scriptedServer() {
  let reply: { status: number; body: unknown } = { status: 200, body: { status: "healthy", endpoints_checked: 5, endpoints_healthy: 5 } };
  const server: Server = createServer((_req, res) => {
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(JSON.stringify(reply.body));
  });
  return {
    server,
    set(next: typeof reply) {
      reply = next;
    },
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describeEachDatabase("run health check", (get) => {
  const fake = scriptedServer();
  let base: string;
  let clientId: string;
  let t = Date.now() + 3_600_000;
  const clock = { now: () => new Date(t) };

  beforeAll(async () => {
    base = await fake.start();
    clientId = uniqueClientId("chk");
    await registerClient({ ctx: get().ctx(), input: { client_id: clientId, client_name: "Check Co", systems: [{ name: "API", health_url: `${base}/health` }] } });
    await get().database.prisma.client.update({ where: { clientId }, data: { allowPrivateTargets: true } });
  });
  afterAll(() => fake.close());

  const check = () => runHealthCheck({ ctx: get().ctx({ clock }), input: { client_id: clientId } });
  const system = () => get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId } } });

  it("stores each check, confirms a change only after two agreeing probes, and records the history", async () => {
    const first = await check();
    expect(first.systems[0]).toMatchObject({ system_name: "API", probe_status: "healthy", status: "healthy", http_status: 200, state_changed: true, reason: "reported healthy" });
    expect(first.overall_status).toBe("healthy");

    fake.set({ status: 503, body: { status: "down" } });
    t += 60_000;
    const blip = await check();
    expect(blip.systems[0]).toMatchObject({ probe_status: "down", status: "healthy", state_changed: false, reason: "HTTP 503 (reported down)" });
    const firstDownAt = new Date(t);

    t += 60_000;
    const confirmed = await check();
    expect(confirmed.systems[0]).toMatchObject({ probe_status: "down", status: "down", state_changed: true });
    expect(confirmed.overall_status).toBe("down");

    const s = await system();
    expect(s).toMatchObject({ status: "down", statusReason: "HTTP 503 (reported down)", pendingStatus: null, pendingCount: 0 });
    expect(s.statusChangedAt).toEqual(firstDownAt); // dated from the first probe that saw it
    const prisma = get().database.prisma;
    expect(await prisma.healthCheck.count({ where: { systemId: s.id } })).toBe(3);
    const changes = await prisma.statusChange.findMany({ where: { systemId: s.id }, orderBy: { id: "asc" } });
    expect(changes.map((c) => [c.fromStatus, c.toStatus, c.endedAt?.toISOString() ?? null])).toEqual([
      ["unknown", "healthy", firstDownAt.toISOString()],
      ["healthy", "down", null],
    ]);
  });

  it("get_system_health reports the confirmed state, its last change and time-weighted uptime", async () => {
    // History so far: unknown → healthy at t0, healthy → down at t0 + 60 s (confirmed at t0 + 120 s).
    const health = await getSystemHealth({ ctx: get().ctx({ clock }), input: { client_id: clientId } });
    expect(health).toMatchObject({ client_id: clientId, overall_status: "down", summary: { total_systems: 1, down_systems: 1, healthy_systems: 0 } });
    const api = health.systems[0];
    expect(api).toMatchObject({ system_name: "API", status: "down", reason: "HTTP 503 (reported down)", last_state_change: { from: "healthy", to: "down", reason: "HTTP 503 (reported down)" } });
    // Known time: 60 s healthy, then 60 s down (t is 120 s after the first check) → 50 %.
    // Watched for two minutes, from the first check: each figure says so, none covers its window.
    const firstCheck = new Date(t - 120_000).toISOString();
    expect(api.uptime["24h"]).toEqual({ pct: 50, covered_from: firstCheck, coverage: 0.0013 });
    expect(api.uptime.quarter).toMatchObject({ pct: 50, covered_from: firstCheck });
    expect(api.uptime.quarter!.coverage).toBeLessThan(1);
    expect(api.uptime_percentage).toBe(50);
    expect(api.uptime.custom).toBeUndefined();
    expect(health.summary.avg_response_time).toBe(api.response_time_ms);
    // Three probes answered (healthy, 503, 503): every one had a response time.
    expect(api.latency_24h.checks).toBe(3);
    expect(api.latency_24h.p95).toBeGreaterThan(0);
    expect(api.latency_24h.p50).toBeLessThanOrEqual(api.latency_24h.p99!);

    // A custom range covering only the down minute.
    const downOnly = await getSystemHealth({
      ctx: get().ctx({ clock }),
      input: { client_id: clientId, start_date: new Date(t - 60_000).toISOString(), end_date: new Date(t).toISOString() },
    });
    // The whole custom minute was watched (it lies after the first check).
    expect(downOnly.systems[0]!.uptime.custom).toMatchObject({ uptime: { pct: 0, coverage: 1 } });
    await expect(getSystemHealth({ ctx: get().ctx({ clock }), input: { client_id: clientId, start_date: new Date(t).toISOString() } })).rejects.toMatchObject({
      issues: [{ path: "end_date" }],
    });
    await expect(getSystemHealth({ ctx: get().ctx({ clock }), input: { client_id: clientId, start_date: "yesterday", end_date: "today" } })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: "start_date" })]),
    });
  });

  it("reports degraded with the reason, and a single healthy blip does not end an outage", async () => {
    fake.set({ status: 200, body: { status: "healthy" } });
    t += 60_000;
    expect((await check()).systems[0]).toMatchObject({ probe_status: "healthy", status: "down" });
    fake.set({ status: 200, body: { status: "degraded", endpoints_checked: 5, endpoints_healthy: 4 } });
    t += 60_000;
    expect((await check()).systems[0]).toMatchObject({ probe_status: "degraded", status: "down", reason: "reported degraded (4/5 endpoints healthy)" });
  });

  it("a private target is blocked by network policy unless the client allows it", async () => {
    const id = uniqueClientId("priv");
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: "Private", systems: [{ name: "LAN", health_url: `${base}/health` }] } });
    const out = await runHealthCheck({ ctx: get().ctx({ clock }), input: { client_id: id } });
    // Refused, not down: unknown at once (no confirmation), with the rule the UI and MCP read.
    expect(out.systems[0]).toMatchObject({ probe_status: "unknown", status: "unknown", rule: "blocked_private", state_changed: false });
    expect(out.systems[0].reason).toMatch(/^blocked by network policy/);
  });

  it("a probe older than the stored state (clock stepped back) is recorded, not a crash", async () => {
    const earlier = { now: () => new Date(Date.now() - 86_400_000) };
    const out = await runHealthCheck({ ctx: get().ctx({ clock: earlier }), input: { client_id: clientId } });
    expect(out.systems).toHaveLength(1);
  });

  it("refuses a read-only caller, an unknown client and an unknown system", async () => {
    await expect(runHealthCheck({ ctx: get().ctx({ scopes: ["read"] }), input: { client_id: clientId } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runHealthCheck({ ctx: get().ctx(), input: { client_id: "no-such-client" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(runHealthCheck({ ctx: get().ctx(), input: { client_id: clientId, system: "Nope" } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("POST /api/clients/{id}/check returns what each probe saw", async () => {
    setProcessDatabase(get().database);
    const key = await newApiKey(get().database.prisma);
    const res = await checkRoute.POST(new Request(`http://127.0.0.1:3000/api/clients/${clientId}/check?system=api`, { method: "POST", headers: bearer(key) }), {
      params: Promise.resolve({ clientId }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.systems).toHaveLength(1);
    expect(body.systems[0]).toMatchObject({ system_name: "API", probe_status: "degraded" });
  });
});
