// Who may do what, on every edge, on both databases: the REST route handlers called
// in-process with real Requests, and /api/mcp through the MCP SDK's own Client over real HTTP.
// Callers: admin, editor and viewer sessions (the cp_session cookie from signIn) and API keys
// (read-only, read+write, read+write bound to client A, expired, revoked). Each refusal must
// leave the data untouched and a line in the audit log; the audit log must never hold a secret.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as detailsRoute from "@/app/api/client/[clientId]/details/route";
import * as historyRoute from "@/app/api/client/[clientId]/history/route";
import * as metricsRoute from "@/app/api/client/[clientId]/metrics/route";
import * as metricsSeriesRoute from "@/app/api/client/[clientId]/metrics/series/route";
import * as metricPullsRoute from "@/app/api/client/[clientId]/metrics/pulls/route";
import * as portfolioRoute from "@/app/api/metrics/portfolio/route";
import * as checkRoute from "@/app/api/clients/[clientId]/check/route";
import * as collectMetricsRoute from "@/app/api/clients/[clientId]/collect-metrics/route";
import * as ingestRoute from "@/app/api/ingest/metrics/route";
import * as clientRoute from "@/app/api/clients/[clientId]/route";
import * as maintenanceRoute from "@/app/api/clients/[clientId]/maintenance-windows/route";
import * as maintenanceItemRoute from "@/app/api/clients/[clientId]/maintenance-windows/[id]/route";
import { createMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import * as systemRoute from "@/app/api/clients/[clientId]/systems/[system]/route";
import * as clientsRoute from "@/app/api/clients/route";
import * as alertsRoute from "@/app/api/alerts/route";
import * as alertRoute from "@/app/api/alerts/[id]/route";
import * as acknowledgeRoute from "@/app/api/alerts/[id]/acknowledge/route";
import * as summaryRoute from "@/app/api/dashboard/summary/route";
import * as demoRoute from "@/app/api/demo/route";
import * as mcpRoute from "@/app/api/mcp/route";
import * as trendsRoute from "@/app/api/system/trends/route";
import * as deliveriesRoute from "@/app/api/deliveries/route";
import * as deliveryRoute from "@/app/api/deliveries/[id]/route";
import * as deliveryRetryRoute from "@/app/api/deliveries/[id]/retry/route";
import * as channelTestRoute from "@/app/api/alert-channels/[id]/test/route";
import * as failingChannelsRoute from "@/app/api/alert-channels/failing/route";
import * as thresholdsRoute from "@/app/api/alert-thresholds/route";
import * as thresholdRoute from "@/app/api/alert-thresholds/[id]/route";
import * as channelsRoute from "@/app/api/alert-channels/route";
import * as channelRoute from "@/app/api/alert-channels/[id]/route";
import * as rotateSecretRoute from "@/app/api/alert-channels/[id]/rotate-secret/route";
import * as reportSchedulesRoute from "@/app/api/report-schedules/route";
import * as reportScheduleRoute from "@/app/api/report-schedules/[id]/route";
import * as agencySettingsRoute from "@/app/api/settings/agency/route";
import * as reportsRoute from "@/app/api/reports/route";
import * as reportRoute from "@/app/api/reports/[id]/route";
import * as reportDownloadRoute from "@/app/api/reports/[id]/download/route";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { apiKeyOutputSchema } from "@/lib/api-keys/schemas";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { hashSecret } from "@/lib/auth/tokens";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { DEMO_TAG } from "@/lib/demo/load-demo-workspace";
import { recordCheck } from "@/lib/monitoring/record-check";
import { resetEnvCache } from "@/lib/env";
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from "@/lib/errors";
import { jsonError } from "@/lib/http/responses";
import { createUser, listUsers } from "@/lib/users/manage-users";
import { userOutputSchema } from "@/lib/users/schemas";
import { signIn } from "@/lib/users/sign-in";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { probeReport } from "@/test/support/probes";
import { storeSampleReport } from "@/test/support/reports";
import { serveRoutes } from "@/test/support/route-server";
import { DEMO_LOAD_TIMEOUT_MS } from "@/test/support/demo";

const ORIGIN = "http://127.0.0.1:3000";
const HOST = "127.0.0.1:3000";
const PASSWORD = "correct horse battery staple";

type HeaderMap = Record<string, string>;

/** A request as Next.js hands it to a route handler (with the Host header a server sees). */
function req(method: string, path: string, headers: HeaderMap = {}, body?: unknown): Request {
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers: { host: HOST, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = (clientId: string) => ({ params: Promise.resolve({ clientId }) });
/** PATCH /api/clients/{id}/systems/{system}: Next.js hands the handler the decoded segments. */
const patchSystem = (clientId: string, system: string, headers: HeaderMap, body: unknown) =>
  systemRoute.PATCH(req("PATCH", `/api/clients/${clientId}/systems/${encodeURIComponent(system)}`, headers, body), { params: Promise.resolve({ clientId, system }) });
/** A one-off maintenance window starting in an hour. */
const maintenanceBody = (title = "Upgrade") => ({ title, starts_at: new Date(Date.now() + 3_600_000).toISOString(), ends_at: new Date(Date.now() + 7_200_000).toISOString() });
const postMaintenance = (clientId: string, headers: HeaderMap) =>
  maintenanceRoute.POST(req("POST", `/api/clients/${clientId}/maintenance-windows`, headers, maintenanceBody()), params(clientId));
const maintenanceItem = (method: "PATCH" | "DELETE", clientId: string, id: string, headers: HeaderMap) =>
  maintenanceItemRoute[method](req(method, `/api/clients/${clientId}/maintenance-windows/${id}`, headers, method === "PATCH" ? { title: "Renamed" } : undefined), {
    params: Promise.resolve({ clientId, id }),
  });
const newClientBody = (prefix = "rm") => ({
  client_id: uniqueClientId(prefix),
  client_name: "Role Matrix Client",
  systems: [{ name: "API", health_url: "https://api.example.com/health" }],
});

/** A valid push for client `clientId`'s system "API", for the minute starting `minute` minutes before now. */
const pushBody = (clientId: string, minute = 5, total = 10) => ({
  client_id: clientId,
  system: "API",
  period: { start: new Date(Date.now() - minute * 60_000).toISOString(), end: new Date(Date.now() - (minute - 1) * 60_000).toISOString() },
  total_automations: total,
  successful_automations: total,
  failed_automations: 0,
  total_processing_time: 1.5,
  cost_savings: 0.1,
});

interface Caller {
  name: string;
  /** What the audit log must show for this caller. */
  actorType: "user" | "api_key";
  actorLabel: string;
  headers: HeaderMap;
  /** The raw API key, for MCP. */
  key?: string;
}

const bigintSafe = (_: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

async function errorBody(res: Response) {
  const body = await res.json();
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|prisma\./);
  return body.error as { code: string; message: string };
}

describeEachDatabase("role matrix", (get) => {
  const db = () => get().database.prisma;
  let A: string; // a client every valid caller can see, and the restricted key's one client
  let B: string; // a client the restricted key must not see
  const c = {} as Record<"admin" | "editor" | "viewer" | "ro" | "rw" | "onlyA" | "expired" | "revoked", Caller>;
  const secrets: string[] = []; // raw keys and session tokens, searched for in the audit log
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  const mcpClients: Client[] = [];

  async function mcp(key: string): Promise<Client> {
    const client = new Client({ name: "role-matrix", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
    mcpClients.push(client);
    return client;
  }
  const mcpPost = (headers: HeaderMap, query = "") =>
    fetch(`${server.url}/api/mcp${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
    });

  /** Everything a write could change, minus the bookkeeping of authentication itself. */
  async function snapshot() {
    return {
      clients: await db().client.findMany({ orderBy: { clientId: "asc" }, select: { clientId: true, name: true, active: true, allowPrivateTargets: true, updatedAt: true } }),
      systems: await db().system.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, checkIntervalSec: true, confirmations: true, enabled: true, updatedAt: true } }),
      audit: await db().auditLog.count({ where: { action: { notIn: ["access.denied", "mcp.tool_call"] } } }),
      metrics: [await db().metricSample.count(), await db().metricPull.count()],
      maintenance: await db().maintenanceWindow.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, startsAt: true, endsAt: true } }),
    };
  }
  const auditMark = async () => (await db().auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const auditSince = (mark: bigint, action: string) => db().auditLog.findMany({ where: { id: { gt: mark }, action }, orderBy: { id: "asc" } });
  const listed = async (res: Response) => ((await res.json()).clients as { client_id: string }[]).map((x) => x.client_id);

  beforeAll(async () => {
    setProcessDatabase(get().database);
    const system = get().ctx();
    A = (await registerClient({ ctx: system, input: newClientBody("client-a") })).client_id;
    B = (await registerClient({ ctx: system, input: newClientBody("client-b") })).client_id;

    for (const role of ["admin", "editor", "viewer"] as const) {
      const user = await createUser({ ctx: system, input: { email: `${role}-${uniqueClientId()}@agency.example`, name: role, role, password: PASSWORD } });
      const { token } = await signIn({ ctx: system, input: { email: user.email, password: PASSWORD }, meta: { ip: `192.0.2.${role.length}`, userAgent: "vitest" } });
      secrets.push(token);
      c[role] = { name: `${role} session`, actorType: "user", actorLabel: user.email, headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: ORIGIN } };
    }
    const key = async (name: keyof typeof c, input: { scopes: ("read" | "write")[]; client_id?: string; expires_in_days?: number }) => {
      const created = await createApiKey({ ctx: system, input: { name: `${name}-bot`, ...input } });
      secrets.push(created.key);
      c[name] = { name: `${name} key`, actorType: "api_key", actorLabel: `key "${name}-bot"`, headers: { authorization: `Bearer ${created.key}` }, key: created.key };
      return created;
    };
    await key("ro", { scopes: ["read"] });
    await key("rw", { scopes: ["read", "write"] });
    await key("onlyA", { scopes: ["read", "write"], client_id: A });
    const expired = await key("expired", { scopes: ["read", "write"], expires_in_days: 1 });
    await db().apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const revoked = await key("revoked", { scopes: ["read", "write"] });
    await revokeApiKey({ ctx: system, input: { id: revoked.id } });

    server = await serveRoutes({ "/api/mcp": mcpRoute });
  });
  afterAll(async () => {
    for (const client of mcpClients) await client.close().catch(() => {});
    await server?.close();
  });

  it("reads work for every valid caller; the client-bound key sees only client A", async () => {
    for (const who of ["admin", "editor", "viewer", "ro", "rw", "onlyA"] as const) {
      const { headers, name } = c[who];
      const list = await clientsRoute.GET(req("GET", "/api/clients", headers));
      expect(list.status, name).toBe(200);
      const summary = await summaryRoute.GET(req("GET", "/api/dashboard/summary", headers));
      expect(summary.status, name).toBe(200);
      const details = await detailsRoute.GET(req("GET", `/api/client/${A}/details`, headers), params(A));
      expect(details.status, name).toBe(200);
      expect((await metricsRoute.GET(req("GET", `/api/client/${A}/metrics?timeframe=7d`, headers), params(A))).status, name).toBe(200);
      expect((await metricsRoute.GET(req("GET", `/api/client/${A}/metrics?format=csv&start=2026-11-01&end=2026-11-02`, headers), params(A))).status, name).toBe(200);
      expect((await portfolioRoute.GET(req("GET", "/api/metrics/portfolio", headers))).status, name).toBe(200);
      expect((await metricsSeriesRoute.GET(req("GET", `/api/client/${A}/metrics/series?timeframe=24h`, headers), params(A))).status, name).toBe(200);
      expect((await metricPullsRoute.GET(req("GET", `/api/client/${A}/metrics/pulls?limit=5`, headers), params(A))).status, name).toBe(200);
      expect((await maintenanceRoute.GET(req("GET", `/api/clients/${A}/maintenance-windows`, headers), params(A))).status, name).toBe(200);
      expect((await details.json()).client_id).toBe(A);
      if (who === "onlyA") {
        expect(await listed(list)).toEqual([A]);
        const body = await summary.json();
        expect(body.clients.map((x: { client_id: string }) => x.client_id)).toEqual([A]);
        expect(body.total_clients).toBe(1);
      } else {
        expect(await listed(list)).toEqual(expect.arrayContaining([A, B]));
        expect((await summary.json()).clients.map((x: { client_id: string }) => x.client_id)).toEqual(expect.arrayContaining([A, B]));
      }
    }
    for (const who of ["ro", "rw", "onlyA"] as const) {
      const metrics = (await (await mcp(c[who].key!)).callTool({ name: "get_performance_metrics", arguments: { client_id: A, timeframe: "24h" } })) as CallToolResult;
      expect(metrics.isError, who).toBeFalsy();
      const result = (await (await mcp(c[who].key!)).callTool({ name: "get_all_clients_status", arguments: {} })) as CallToolResult;
      expect(result.isError, who).toBeFalsy();
      const ids = (result.structuredContent as { clients: { client_id: string }[] }).clients.map((x) => x.client_id);
      if (who === "onlyA") expect(ids).toEqual([A]);
      else expect(ids).toEqual(expect.arrayContaining([A, B]));
    }
  });

  // Every read edge, with a key bound to client A asking about client B (which holds more
  // checks, automations and a worse state than A): lists hold nothing of B, a by-id read of B
  // is the same 404 as a client that does not exist, and every aggregate counts A alone. Each
  // row also shows that an unbound key does see B there, so the 404 and the totals are the
  // scope at work, not missing data. The scope itself lives in lib/client-scope.ts.
  describe("a key bound to another client, on every read edge", () => {
    const A_CHECKS = 2;
    const B_CHECKS = 3;
    const A_AUTOMATIONS = { total: 10, successful: 9 };
    const B_AUTOMATIONS = { total: 1000, successful: 0 };
    const missing = uniqueClientId("missing");

    // The hour the automations are seeded in: the portfolio test asks for exactly it (a run that
    // crosses an hour boundary must not ask for the next one).
    let seededHour = 0;

    beforeAll(async () => {
      const ctx = get().ctx();
      const seed = async (clientId: string, checks: number, status: "healthy" | "down", automations: { total: number; successful: number }) => {
        const system = await db().system.findFirstOrThrow({ where: { client: { clientId } } });
        const t = Date.now() - 60_000;
        seededHour = Math.floor(t / 3_600_000) * 3_600_000;
        for (let i = 0; i < checks; i++) await recordCheck(ctx, system, probeReport(status, status === "down" ? null : 120), new Date(t + i * 1000));
        await seedHourlyRollups(db(), system.id, new Date(seededHour), 1, { total: automations.total, successful: automations.successful });
        await rollDaysUp(db(), system.id, "UTC");
      };
      await seed(A, A_CHECKS, "healthy", A_AUTOMATIONS);
      await seed(B, B_CHECKS, "down", B_AUTOMATIONS);
    });

    /** The by-id answer for B must be exactly the answer for a client that does not exist. */
    async function expectHidden(res: Response, clientId = B) {
      expect(res.status).toBe(404);
      expect(await errorBody(res)).toEqual({ code: "not_found", message: `Client "${clientId}" was not found` });
    }
    const ids = (rows: { client_id: string }[]) => rows.map((x) => x.client_id);

    it("GET /api/dashboard/summary: only A's row, and every total counts A alone", async () => {
      for (const query of ["", "?include_inactive=true"]) {
        const mine = await summaryRoute.GET(req("GET", `/api/dashboard/summary${query}`, c.onlyA.headers));
        expect(mine.status).toBe(200);
        const body = await mine.json();
        expect(ids(body.clients)).toEqual([A]);
        expect(body).toMatchObject({ total_clients: 1, active_clients: 1 });
        expect(body.overall_summary).toMatchObject({
          down_clients: 0,
          total_systems: 1,
          total_automations_today: A_AUTOMATIONS.total,
          overall_success_rate: (A_AUTOMATIONS.successful / A_AUTOMATIONS.total) * 100,
        });
        const all = await (await summaryRoute.GET(req("GET", `/api/dashboard/summary${query}`, c.ro.headers))).json();
        expect(ids(all.clients)).toEqual(expect.arrayContaining([A, B]));
        expect(all.overall_summary.down_clients).toBeGreaterThanOrEqual(1);
        expect(all.overall_summary.total_automations_today).toBeGreaterThanOrEqual(A_AUTOMATIONS.total + B_AUTOMATIONS.total);
      }
    });

    it("GET /api/clients: only A, whatever the search, the filter or the page", async () => {
      for (const query of ["", "?include_inactive=true", `?search=${B}`, "?search=Role%20Matrix", "?limit=1&offset=1"]) {
        const body = await (await clientsRoute.GET(req("GET", `/api/clients${query}`, c.onlyA.headers))).json();
        expect(ids(body.clients), query).toEqual(query.includes(B) || query.includes("offset=1") ? [] : [A]);
        expect(body.total, query).toBe(query.includes(B) ? 0 : 1);
      }
      expect(ids((await (await clientsRoute.GET(req("GET", `/api/clients?search=${B}`, c.ro.headers))).json()).clients)).toEqual([B]);
    });

    it("GET /api/clients/{B}: 404, as for a client that does not exist", async () => {
      await expectHidden(await clientRoute.GET(req("GET", `/api/clients/${B}`, c.onlyA.headers), params(B)));
      await expectHidden(await clientRoute.GET(req("GET", `/api/clients/${missing}`, c.onlyA.headers), params(missing)), missing);
      expect((await clientRoute.GET(req("GET", `/api/clients/${A}`, c.onlyA.headers), params(A))).status).toBe(200);
      expect((await clientRoute.GET(req("GET", `/api/clients/${B}`, c.ro.headers), params(B))).status).toBe(200);
    });

    it("GET /api/client/{B}/details: 404", async () => {
      await expectHidden(await detailsRoute.GET(req("GET", `/api/client/${B}/details`, c.onlyA.headers), params(B)));
      expect((await detailsRoute.GET(req("GET", `/api/client/${B}/details`, c.ro.headers), params(B))).status).toBe(200);
    });

    it("GET /api/client/{B}/history: 404, for every timeframe and for B's system by name", async () => {
      for (const query of ["", "?timeframe=7d", "?timeframe=90d", "?system=API"]) {
        await expectHidden(await historyRoute.GET(req("GET", `/api/client/${B}/history${query}`, c.onlyA.headers), params(B)));
      }
      const theirs = await historyRoute.GET(req("GET", `/api/client/${B}/history`, c.ro.headers), params(B));
      expect(theirs.status).toBe(200);
      expect((await theirs.json()).systems[0].latency.stats.count).toBe(0); // B's checks were all down: no latency
      const mine = await (await historyRoute.GET(req("GET", `/api/client/${A}/history`, c.onlyA.headers), params(A))).json();
      expect(mine.systems[0].latency.stats.count).toBe(A_CHECKS);
    });

    it("GET /api/client/{B}/metrics (JSON and CSV) and MCP get_performance_metrics for B: 404 / not_found", async () => {
      for (const query of ["", "?timeframe=24h", "?timeframe=90d", "?start=2026-11-01&end=2026-11-02", "?format=csv&start=2026-11-01&end=2026-11-02"]) {
        await expectHidden(await metricsRoute.GET(req("GET", `/api/client/${B}/metrics${query}`, c.onlyA.headers), params(B)));
      }
      expect((await metricsRoute.GET(req("GET", `/api/client/${B}/metrics`, c.ro.headers), params(B))).status).toBe(200);
      const result = (await (await mcp(c.onlyA.key!)).callTool({ name: "get_performance_metrics", arguments: { client_id: B } })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(JSON.parse((result.content[0] as { text: string }).text).error).toEqual({ code: "not_found", message: `Client "${B}" was not found` });
      const theirs = (await (await mcp(c.ro.key!)).callTool({ name: "get_performance_metrics", arguments: { client_id: B } })) as CallToolResult;
      expect(theirs.isError).toBeFalsy();
    });

    it("GET /api/client/{B}/metrics/series and /metrics/pulls: 404, as for no client", async () => {
      for (const query of ["", "?timeframe=24h", "?timeframe=90d"]) {
        await expectHidden(await metricsSeriesRoute.GET(req("GET", `/api/client/${B}/metrics/series${query}`, c.onlyA.headers), params(B)));
      }
      await expectHidden(await metricPullsRoute.GET(req("GET", `/api/client/${B}/metrics/pulls`, c.onlyA.headers), params(B)));
      const series = await (await metricsSeriesRoute.GET(req("GET", `/api/client/${B}/metrics/series?timeframe=24h`, c.ro.headers), params(B))).json();
      expect(series.buckets).toHaveLength(24);
      expect((await metricPullsRoute.GET(req("GET", `/api/client/${B}/metrics/pulls`, c.ro.headers), params(B))).status).toBe(200);
      const bad = await metricPullsRoute.GET(req("GET", `/api/client/${A}/metrics/pulls?limit=1000`, c.onlyA.headers), params(A));
      expect(bad.status).toBe(422);
      expect(JSON.stringify(await bad.json())).toContain("limit");
      for (const [query, field] of [["?timeframe=1y", "timeframe"], ["?days=7", "days"]]) {
        const wrong = await metricsSeriesRoute.GET(req("GET", `/api/client/${A}/metrics/series${query}`, c.onlyA.headers), params(A));
        expect(wrong.status, query).toBe(422);
        expect(((await errorBody(wrong)) as { issues?: { path: string }[] }).issues?.[0]?.path, query).toBe(field);
      }
    });

    it("GET /api/metrics/portfolio: A alone, and A's automations alone", async () => {
      const hour = seededHour;
      const range = `?start=${new Date(hour).toISOString()}&end=${new Date(hour + 3_600_000).toISOString()}`;
      const mine = await (await portfolioRoute.GET(req("GET", `/api/metrics/portfolio${range}`, c.onlyA.headers))).json();
      expect(ids(mine.by_client)).toEqual([A]);
      expect(mine.metrics.total_automations).toBe(A_AUTOMATIONS.total);
      const all = await (await portfolioRoute.GET(req("GET", `/api/metrics/portfolio${range}`, c.ro.headers))).json();
      expect(all.metrics.total_automations).toBeGreaterThanOrEqual(A_AUTOMATIONS.total + B_AUTOMATIONS.total);
    });

    it("GET /api/system/trends: systems and checks of A alone", async () => {
      const mine = await trendsRoute.GET(req("GET", "/api/system/trends?days=2", c.onlyA.headers));
      expect(mine.status).toBe(200);
      const body = await mine.json();
      expect(body.systems).toBe(1);
      expect(body.summary).toMatchObject({ checks: A_CHECKS, uptime: { pct: 100 }, avg_response_ms: 120 });
      expect(body.days.reduce((n: number, d: { down_checks: number }) => n + d.down_checks, 0)).toBe(0);
      expect(body.summary.automations).toBe(A_AUTOMATIONS.total);
      expect(body.clients.map((x: { client_id: string }) => x.client_id)).toEqual([A]);
      const all = await (await trendsRoute.GET(req("GET", "/api/system/trends?days=2", c.ro.headers))).json();
      expect(all.summary.checks).toBeGreaterThanOrEqual(A_CHECKS + B_CHECKS);
      expect(all.systems).toBeGreaterThanOrEqual(2);
    });

    it("MCP get_all_clients_status: only A's row and A's totals", async () => {
      for (const args of [{}, { include_inactive: true }]) {
        const result = (await (await mcp(c.onlyA.key!)).callTool({ name: "get_all_clients_status", arguments: args })) as CallToolResult;
        expect(result.isError).toBeFalsy();
        const body = result.structuredContent as { clients: { client_id: string }[]; total_clients: number; overall_summary: Record<string, number> };
        expect(ids(body.clients)).toEqual([A]);
        expect(body.total_clients).toBe(1);
        expect(body.overall_summary).toMatchObject({ down_clients: 0, total_systems: 1, total_automations_today: A_AUTOMATIONS.total });
      }
    });

    it("MCP get_system_health for B: an error saying not found, as for a client that does not exist", async () => {
      const client = await mcp(c.onlyA.key!);
      const error = async (clientId: string) => {
        const result = (await client.callTool({ name: "get_system_health", arguments: { client_id: clientId } })) as CallToolResult;
        expect(result.isError).toBe(true);
        return JSON.parse((result.content[0] as { text: string }).text).error;
      };
      expect(await error(B)).toEqual({ code: "not_found", message: `Client "${B}" was not found` });
      expect(await error(missing)).toEqual({ code: "not_found", message: `Client "${missing}" was not found` });
      const theirs = (await (await mcp(c.ro.key!)).callTool({ name: "get_system_health", arguments: { client_id: B } })) as CallToolResult;
      expect(theirs.isError).toBeFalsy();
    });

    it("checking B now (POST /api/clients/{B}/check, MCP run_health_check): 404 before anything is probed", async () => {
      const checks = () => db().healthCheck.count({ where: { system: { client: { clientId: B } } } });
      const before = await checks();
      await expectHidden(await checkRoute.POST(req("POST", `/api/clients/${B}/check`, c.onlyA.headers), params(B)));
      const result = (await (await mcp(c.onlyA.key!)).callTool({ name: "run_health_check", arguments: { client_id: B } })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(JSON.parse((result.content[0] as { text: string }).text).error).toEqual({ code: "not_found", message: `Client "${B}" was not found` });
      expect(await checks()).toBe(before);
    });
  });

  it("collecting or pushing B's metrics (POST /api/clients/{B}/collect-metrics, MCP collect_metrics, POST /api/ingest/metrics): 404 as for no client, nothing stored", async () => {
    const stored = () => Promise.all([db().metricSample.count({ where: { system: { client: { clientId: B } } } }), db().metricPull.count({ where: { system: { client: { clientId: B } } } })]);
    const before = await stored();
    const missing = uniqueClientId("missing");
    for (const id of [B, missing]) {
      for (const res of [
        await collectMetricsRoute.POST(req("POST", `/api/clients/${id}/collect-metrics`, c.onlyA.headers), params(id)),
        await ingestRoute.POST(req("POST", "/api/ingest/metrics", c.onlyA.headers, pushBody(id))),
      ]) {
        expect(res.status).toBe(404);
        expect(await errorBody(res)).toEqual({ code: "not_found", message: `Client "${id}" was not found` });
      }
      const result = (await (await mcp(c.onlyA.key!)).callTool({ name: "collect_metrics", arguments: { client_id: id } })) as CallToolResult;
      expect(result.isError).toBe(true);
      expect(JSON.parse((result.content[0] as { text: string }).text).error).toEqual({ code: "not_found", message: `Client "${id}" was not found` });
    }
    // A push for B with a bad payload is still a 404 first: a bound key learns nothing of B, and B's log gets no line.
    const bad = await ingestRoute.POST(req("POST", "/api/ingest/metrics", c.onlyA.headers, { ...pushBody(B), total_automations: -1 }));
    expect(bad.status).toBe(422); // the payload is judged before the client is looked up…
    expect(await stored()).toEqual(before); // …but nothing of B was touched
    // The key bound to A may push A's numbers; an unbound writer may push B's.
    expect((await ingestRoute.POST(req("POST", "/api/ingest/metrics", c.onlyA.headers, pushBody(A, 30)))).status).toBe(201);
    expect((await ingestRoute.POST(req("POST", "/api/ingest/metrics", c.rw.headers, pushBody(B, 30)))).status).toBe(201);
  });

  it("POST /api/ingest/metrics: 201, the same again 200 (already recorded), other numbers 409, a bad field 422 naming it, 413 over the limit, 404 for an unknown system", async () => {
    const { headers } = c.rw;
    const body = pushBody(A, 120);
    const first = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, body));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ client_id: A, system: "API", outcome: "accepted", total_automations: 10 });
    const again = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, body));
    expect(again.status).toBe(200);
    expect((await again.json()).outcome).toBe("already_recorded");
    const changed = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, { ...body, total_automations: 11, successful_automations: 11 }));
    expect(changed.status).toBe(409);
    expect((await changed.json()).error).toMatchObject({ code: "conflict", issues: [{ path: "period" }] });
    const invalid = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, { ...pushBody(A, 118), successful_automations: 11 }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.issues).toEqual([{ path: "successful_automations", message: "successful 11 > total 10" }]);
    const unknownField = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, { ...pushBody(A, 117), automations: 1 }));
    expect(unknownField.status).toBe(422);
    expect((await unknownField.json()).error.issues).toEqual([{ path: "automations", message: '"automations" is not a known field' }]);
    const huge = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, { ...pushBody(A, 116), padding: "x".repeat(70 * 1024) }));
    expect(huge.status).toBe(413);
    const noSystem = await ingestRoute.POST(req("POST", "/api/ingest/metrics", headers, { ...pushBody(A, 115), system: "Nope" }));
    expect(noSystem.status).toBe(404);
    expect((await errorBody(noSystem)).message).toBe(`Client "${A}" has no system called "Nope"`);
    const log = await db().metricPull.findMany({ where: { system: { client: { clientId: A } }, at: { gte: new Date(Date.now() - 60_000) } }, orderBy: { id: "asc" } });
    expect(log.map((p) => p.outcome)).toEqual(expect.arrayContaining(["accepted", "rejected"]));
    expect(log.find((p) => p.message?.includes("successful 11 > total 10"))?.message).toBe("metrics rejected: successful 11 > total 10");
  });

  it("the client-bound key gets 404 for client B on every route, may change A, and cannot create clients", async () => {
    const { headers } = c.onlyA;
    const bWindow = (await createMaintenanceWindow({ ctx: get().ctx(), input: { client_id: B, ...maintenanceBody("B's own") } })).id;
    const before = await snapshot();
    for (const res of [
      await detailsRoute.GET(req("GET", `/api/client/${B}/details`, headers), params(B)),
      await clientRoute.GET(req("GET", `/api/clients/${B}`, headers), params(B)),
      await clientRoute.PATCH(req("PATCH", `/api/clients/${B}`, headers, { client_name: "Hijacked" }), params(B)),
      await clientRoute.DELETE(req("DELETE", `/api/clients/${B}`, headers), params(B)),
      await patchSystem(B, "API", headers, { confirmations: 3 }),
      await maintenanceRoute.GET(req("GET", `/api/clients/${B}/maintenance-windows`, headers), params(B)),
      await postMaintenance(B, headers),
      await maintenanceItem("PATCH", B, bWindow, headers),
      await maintenanceItem("DELETE", B, bWindow, headers),
    ]) {
      expect(res.status).toBe(404);
      expect((await errorBody(res)).message).toBe(`Client "${B}" was not found`); // the same answer as for a client that does not exist
    }
    expect(await snapshot()).toEqual(before);

    // Creating clients would reach beyond its one client: refused on REST, MCP and the demo loader.
    expect(await db().client.count({ where: { tags: { has: DEMO_TAG } } })).toBe(0); // precondition: the demo is not loaded yet
    const mark = await auditMark();
    const post = await clientsRoute.POST(req("POST", "/api/clients", headers, newClientBody()));
    expect(post.status).toBe(403);
    const demo = await demoRoute.POST(req("POST", "/api/demo", headers));
    expect(demo.status).toBe(403);
    // Over MCP the key is not even shown register_client; calling it anyway is refused and written down.
    const onlyA = await mcp(c.onlyA.key!);
    expect((await onlyA.listTools()).tools.map((t) => t.name)).not.toContain("register_client");
    const viaMcp = (await onlyA.callTool({ name: "register_client", arguments: { client_data: newClientBody() } })) as CallToolResult;
    expect(viaMcp.isError).toBe(true);
    expect(JSON.parse((viaMcp.content[0] as { text: string }).text).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/may not use register_client/) });
    expect(await snapshot()).toEqual(before);
    expect((await auditSince(mark, "access.denied")).map((r) => [r.actorLabel, r.targetId, r.summary])).toEqual([
      ['key "onlyA-bot"', null, expect.objectContaining({ attempted: "POST /api/clients" })],
      ['key "onlyA-bot"', null, expect.objectContaining({ attempted: "POST /api/demo" })],
      ['key "onlyA-bot"', "register_client", { error: "not allowed for this caller" }],
    ]);
    expect(await auditSince(mark, "mcp.tool_call")).toEqual([]);

    const patched = await clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, headers, { client_name: "Changed by its own key" }), params(A));
    expect(patched.status).toBe(200);
    expect((await patched.json()).client_name).toBe("Changed by its own key");
    const system = await patchSystem(A, "api", headers, { degraded_threshold_ms: 1500 });
    expect(system.status).toBe(200);
    expect((await system.json()).degraded_threshold_ms).toBe(1500);
  });

  it("the viewer session and the read-only key are refused on every write edge: 403, nothing written, an access.denied line", async () => {
    const disposable = (await registerClient({ ctx: get().ctx(), input: newClientBody("victim") })).client_id;
    const aWindow = (await createMaintenanceWindow({ ctx: get().ctx(), input: { client_id: A, ...maintenanceBody("A's window") } })).id;
    const edges: [string, string, (h: HeaderMap) => Promise<Response>][] = [
      ["POST /api/clients", "POST /api/clients", (h) => clientsRoute.POST(req("POST", "/api/clients", h, newClientBody()))],
      ["PATCH /api/clients/{id}", `PATCH /api/clients/${A}`, (h) => clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, h, { client_name: "Renamed" }), params(A))],
      ["DELETE /api/clients/{id}", `DELETE /api/clients/${disposable}`, (h) => clientRoute.DELETE(req("DELETE", `/api/clients/${disposable}`, h), params(disposable))],
      ["POST /api/demo", "POST /api/demo", (h) => demoRoute.POST(req("POST", "/api/demo", h))],
      ["PATCH /api/clients/{id}/systems/{system}", `PATCH /api/clients/${A}/systems/API`, (h) => patchSystem(A, "API", h, { confirmations: 3 })],
      ["PATCH /api/clients/{id} allow_private_targets", `PATCH /api/clients/${A}`, (h) => clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, h, { allow_private_targets: true }), params(A))],
      ["POST /api/clients/{id}/collect-metrics", `POST /api/clients/${A}/collect-metrics`, (h) => collectMetricsRoute.POST(req("POST", `/api/clients/${A}/collect-metrics`, h), params(A))],
      ["POST /api/ingest/metrics", "POST /api/ingest/metrics", (h) => ingestRoute.POST(req("POST", "/api/ingest/metrics", h, pushBody(A, 200)))],
      ["POST /api/clients/{id}/maintenance-windows", `POST /api/clients/${A}/maintenance-windows`, (h) => postMaintenance(A, h)],
      ["PATCH /api/clients/{id}/maintenance-windows/{id}", `PATCH /api/clients/${A}/maintenance-windows/${aWindow}`, (h) => maintenanceItem("PATCH", A, aWindow, h)],
      ["DELETE /api/clients/{id}/maintenance-windows/{id}", `DELETE /api/clients/${A}/maintenance-windows/${aWindow}`, (h) => maintenanceItem("DELETE", A, aWindow, h)],
    ];
    for (const who of ["viewer", "ro"] as const) {
      const caller = c[who];
      for (const [edge, attempted, call] of edges) {
        const before = await snapshot();
        const mark = await auditMark();
        const res = await call(caller.headers);
        expect(res.status, `${caller.name} → ${edge}`).toBe(403);
        const error = await errorBody(res);
        expect(error).toMatchObject({ code: "forbidden", message: `${caller.actorLabel} is not allowed to make changes (missing the "write" scope)` });
        expect(await snapshot(), `${caller.name} → ${edge}`).toEqual(before);
        expect(await auditSince(mark, "access.denied")).toMatchObject([
          { actorType: caller.actorType, actorLabel: caller.actorLabel, success: false, summary: { attempted, message: error.message } },
        ]);
      }
    }
  });

  it("private network access (PATCH /api/clients/{id} allow_private_targets) is for admin sessions only: editors and every key get a 403", async () => {
    for (const who of ["editor", "rw", "onlyA"] as const) {
      const caller = c[who];
      const before = await snapshot();
      const mark = await auditMark();
      const res = await clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, caller.headers, { allow_private_targets: true }), params(A));
      expect(res.status, caller.name).toBe(403);
      const error = await errorBody(res);
      expect(error).toMatchObject({ code: "forbidden", message: `${caller.actorLabel} is not allowed to administer ClientPulse (missing the "admin" scope)` });
      expect(await snapshot(), caller.name).toEqual(before);
      expect(await auditSince(mark, "access.denied")).toMatchObject([{ actorLabel: caller.actorLabel, summary: { attempted: `PATCH /api/clients/${A}` } }]);
    }

    const mark = await auditMark();
    const on = await clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, c.admin.headers, { allow_private_targets: true }), params(A));
    expect(on.status).toBe(200);
    expect((await on.json()).allow_private_targets).toBe(true);
    expect(await auditSince(mark, "client.update")).toMatchObject([
      { actorType: "user", actorLabel: c.admin.actorLabel, targetId: A, summary: { before: { allow_private_targets: false }, after: { allow_private_targets: true } } },
    ]);
    // Every reader sees the setting, whoever may change it.
    const seen = await clientRoute.GET(req("GET", `/api/clients/${A}`, c.ro.headers), params(A));
    expect((await seen.json()).allow_private_targets).toBe(true);
    const off = await clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, c.admin.headers, { allow_private_targets: false }), params(A));
    expect((await off.json()).allow_private_targets).toBe(false);
  });

  it("MCP: the read-only key is not shown register_client, and calling it anyway is an error that writes nothing", async () => {
    const client = await mcp(c.ro.key!);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["get_all_clients_status", "get_system_health", "get_performance_metrics", "list_thresholds", "list_alerts", "list_maintenance_windows", "list_reports", "list_report_schedules"]);
    const before = await snapshot();
    const result = (await client.callTool({ name: "register_client", arguments: { client_data: newClientBody() } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(JSON.parse((result.content[0] as { text: string }).text).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/may not use register_client/) });
    expect(await snapshot()).toEqual(before);
    // Keys that may write do see it.
    expect((await (await mcp(c.rw.key!)).listTools()).tools.map((t) => t.name).sort()).toEqual(["acknowledge_alert", "alert_on_failures", "collect_metrics", "create_maintenance_window", "delete_report_schedule", "delete_threshold", "generate_client_reports", "get_all_clients_status", "get_performance_metrics", "get_system_health", "list_alerts", "list_maintenance_windows", "list_report_schedules", "list_reports", "list_thresholds", "register_client", "run_health_check", "schedule_client_report", "update_threshold"]);
  });

  // Calls the SDK rejects before any ClientPulse code runs (a tool hidden from a read-only key,
  // an unknown tool, arguments that fail the tool's input schema) are audited by the route.
  it("MCP: a read-only key calling the hidden register_client leaves an audit line naming the key", async () => {
    const mark = await auditMark();
    await (await mcp(c.ro.key!)).callTool({ name: "register_client", arguments: { client_data: newClientBody() } });
    const rows = [...(await auditSince(mark, "access.denied")), ...(await auditSince(mark, "mcp.tool_call"))];
    expect(rows).toMatchObject([{ actorLabel: 'key "ro-bot"', success: false }]);
  });
  it("MCP: a call whose arguments fail the input schema leaves an mcp.tool_call line", async () => {
    const mark = await auditMark();
    const result = (await (await mcp(c.rw.key!)).callTool({ name: "register_client", arguments: { client_data: { client_id: "Not A Slug" } } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(await auditSince(mark, "mcp.tool_call")).toMatchObject([{ targetId: "register_client", success: false }]);
  });

  it("the editor session, the read+write key and the admin session succeed on every write edge", async () => {
    for (const who of ["editor", "rw", "admin"] as const) {
      const caller = c[who];
      const body = newClientBody();
      const created = await clientsRoute.POST(req("POST", "/api/clients", caller.headers, body));
      expect(created.status, `${caller.name} POST`).toBe(201);
      expect(await db().client.count({ where: { clientId: body.client_id } })).toBe(1);
      expect(await db().auditLog.findFirst({ where: { action: "client.register", targetId: body.client_id } })).toMatchObject({ actorType: caller.actorType, actorLabel: caller.actorLabel });

      const renamed = await clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, caller.headers, { client_name: `Renamed by ${who}` }), params(A));
      expect(renamed.status, `${caller.name} PATCH`).toBe(200);
      expect((await db().client.findUniqueOrThrow({ where: { clientId: A } })).name).toBe(`Renamed by ${who}`);

      const deleted = await clientRoute.DELETE(req("DELETE", `/api/clients/${body.client_id}`, caller.headers), params(body.client_id));
      expect(deleted.status, `${caller.name} DELETE`).toBe(200);
      expect((await db().client.findUniqueOrThrow({ where: { clientId: body.client_id } })).active).toBe(false);

      const demo = await demoRoute.POST(req("POST", "/api/demo", caller.headers));
      expect(demo.status, `${caller.name} POST /api/demo`).toBe(201);

      const pushed = await ingestRoute.POST(req("POST", "/api/ingest/metrics", caller.headers, pushBody(A, { editor: 300, rw: 302, admin: 304 }[who])));
      expect(pushed.status, `${caller.name} POST /api/ingest/metrics`).toBe(201);
      // Past the scope check: A's one system has no metrics URL to pull.
      const collect = await collectMetricsRoute.POST(req("POST", `/api/clients/${A}/collect-metrics`, caller.headers), params(A));
      expect(collect.status, `${caller.name} collect-metrics`).toBe(422);
      expect((await errorBody(collect)).message).toMatch(/no enabled system of .* has a metrics URL/);

      const planned = await postMaintenance(A, caller.headers);
      expect(planned.status, `${caller.name} POST maintenance-windows`).toBe(201);
      const windowId = (await planned.json()).id as string;
      expect(await db().auditLog.findFirst({ where: { action: "maintenance.create", targetId: A }, orderBy: { id: "desc" } })).toMatchObject({ actorType: caller.actorType, actorLabel: caller.actorLabel });
      expect((await maintenanceItem("PATCH", A, windowId, caller.headers)).status, `${caller.name} PATCH maintenance window`).toBe(200);
      expect((await maintenanceItem("DELETE", A, windowId, caller.headers)).status, `${caller.name} DELETE maintenance window`).toBe(200);
      expect(await db().maintenanceWindow.count({ where: { id: windowId } })).toBe(0);

      const confirmations = { editor: 3, rw: 4, admin: 5 }[who];
      const system = await patchSystem(A, "API", caller.headers, { confirmations });
      expect(system.status, `${caller.name} PATCH system`).toBe(200);
      expect((await db().system.findFirstOrThrow({ where: { client: { clientId: A }, name: "API" } })).confirmations).toBe(confirmations);
      expect(await db().auditLog.findFirst({ where: { action: "client.update_system", targetId: A }, orderBy: { id: "desc" } })).toMatchObject({
        actorType: caller.actorType,
        actorLabel: caller.actorLabel,
        summary: { system: "API", after: { confirmations } },
      });
    }
    expect(await db().client.count({ where: { tags: { has: DEMO_TAG } } })).toBeGreaterThan(0);

    const id = uniqueClientId("mcp-rw");
    const result = (await (await mcp(c.rw.key!)).callTool({ name: "register_client", arguments: { client_data: { ...newClientBody(), client_id: id } } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(await db().auditLog.findFirst({ where: { action: "client.register", targetId: id } })).toMatchObject({ actorType: "mcp", actorLabel: 'key "rw-bot"' });
  }, DEMO_LOAD_TIMEOUT_MS);

  it("expired and revoked keys are a 401 saying so, with WWW-Authenticate, on REST and MCP", async () => {
    const cases = [
      [c.expired, /^API key "expired-bot" expired on \d{4}-\d\d-\d\dT/],
      [c.revoked, /^API key "revoked-bot" was revoked$/],
    ] as const;
    for (const [caller, message] of cases) {
      const before = await snapshot();
      for (const res of [await clientsRoute.GET(req("GET", "/api/clients", caller.headers)), await clientsRoute.POST(req("POST", "/api/clients", caller.headers, newClientBody()))]) {
        expect(res.status, caller.name).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="ClientPulse"');
        const error = await errorBody(res);
        expect(error.code).toBe("unauthorized");
        expect(error.message).toMatch(message);
        expect(error.message).not.toContain(caller.key);
      }
      expect(await snapshot()).toEqual(before);
      const viaMcp = await mcpPost(caller.headers);
      expect(viaMcp.status).toBe(401);
      expect(viaMcp.headers.get("www-authenticate")).toMatch(/^Bearer realm="ClientPulse", error="invalid_token"/);
      expect((await viaMcp.json()).error.message).toMatch(message);
      await expect(mcp(caller.key!)).rejects.toThrow();
    }
  });

  it("malformed, unknown and non-Bearer credentials, and none at all, are a 401 on REST and MCP", async () => {
    const cases: [HeaderMap, RegExp][] = [
      [{ authorization: "Bearer not-a-key" }, /^Malformed API key/],
      [{ authorization: `Bearer cpk_${"A".repeat(43)}` }, /^Unknown API key$/],
      [{ authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` }, /Authorization: Bearer/],
      [{ authorization: "Bearer" }, /Authorization: Bearer/],
      [{}, /^Sign in, or send an API key/],
    ];
    const before = await snapshot();
    for (const [headers, message] of cases) {
      for (const res of [
        await clientsRoute.GET(req("GET", "/api/clients", headers)),
        await summaryRoute.GET(req("GET", "/api/dashboard/summary", headers)),
        await detailsRoute.GET(req("GET", `/api/client/${A}/details`, headers), params(A)),
        await clientsRoute.POST(req("POST", "/api/clients", headers, newClientBody())),
        await demoRoute.POST(req("POST", "/api/demo", headers)),
      ]) {
        expect(res.status, JSON.stringify(headers)).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="ClientPulse"');
        expect((await errorBody(res)).message).toMatch(message);
      }
    }
    expect(await snapshot()).toEqual(before);

    // MCP with no credentials: 401 with a Bearer challenge; the SDK client cannot connect.
    const bare = await mcpPost({});
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer realm="ClientPulse"/);
    expect((await bare.json()).error.message).toMatch(/MCP needs an API key/);
    const anonymous = new Client({ name: "anonymous", version: "1.0.0" });
    await expect(anonymous.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`)))).rejects.toThrow();
    // A session cookie is not enough for MCP (assistants use API keys).
    const withCookie = await mcpPost({ cookie: c.admin.headers.cookie, origin: server.url });
    expect(withCookie.status).toBe(401);
    // …and a page on another local port (c.admin's Origin is port 3000, the server is not) is refused first.
    expect((await mcpPost(c.admin.headers)).status).toBe(403);
    expect((await mcpPost({ authorization: "Bearer not-a-key" })).status).toBe(401);
  });

  it("an API key in the query string is a 400 even when it is valid, on REST and MCP", async () => {
    const key = c.rw.key!;
    for (const [query, headers] of [
      [`?api_key=${key}`, {}],
      [`?api_key=${key}`, c.rw.headers],
      [`?token=${key}`, {}],
      [`?access_token=${key}&search=x`, c.admin.headers],
    ] as [string, HeaderMap][]) {
      const res = await clientsRoute.GET(req("GET", `/api/clients${query}`, headers));
      expect(res.status, query).toBe(400);
      const error = await errorBody(res);
      expect(error.message).toMatch(/only in the header "Authorization: Bearer <key>", never in the URL/);
      expect(error.message).not.toContain(key);
    }
    const viaMcp = await mcpPost({}, `?api_key=${key}`);
    expect(viaMcp.status).toBe(400);
    expect((await mcpPost(c.rw.headers, `?api_key=${key}`)).status).toBe(400);
  });

  it("a tampered or garbage session cookie is a 401", async () => {
    const token = c.editor.headers.cookie.split("=")[1];
    const flipped = token.slice(0, 10) + (token[10] === "x" ? "y" : "x") + token.slice(11);
    for (const cookie of [`${SESSION_COOKIE}=${flipped}`, `${SESSION_COOKIE}=${token.slice(1)}`, `${SESSION_COOKIE}=garbage`, `${SESSION_COOKIE}=%E0%A4%A`, `${SESSION_COOKIE}=`, `other=${token}`]) {
      const res = await clientsRoute.GET(req("GET", "/api/clients", { cookie }));
      expect(res.status, cookie).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="ClientPulse"');
    }
    expect((await clientsRoute.GET(req("GET", "/api/clients", c.editor.headers))).status).toBe(200); // the real one still works
  });

  it("a cookie-authenticated write from a foreign Origin or Host is a 403 and writes nothing; from the app itself it works", async () => {
    const cookie = c.editor.headers.cookie;
    const before = await snapshot();
    const mark = await auditMark();
    for (const headers of [
      { cookie, origin: "https://evil.example" },
      { cookie, origin: "null" },
      { cookie, origin: "http://127.0.0.1.evil.example:3000" },
      { cookie, host: "evil.example", origin: "http://evil.example" }, // DNS rebinding: a foreign name for our address
      { cookie, origin: "http://127.0.0.1:8080" }, // a page served on another local port: not our origin
    ] as HeaderMap[]) {
      for (const res of [
        await clientsRoute.POST(req("POST", "/api/clients", headers, newClientBody())),
        await clientRoute.PATCH(req("PATCH", `/api/clients/${A}`, headers, { client_name: "CSRF" }), params(A)),
        await clientRoute.DELETE(req("DELETE", `/api/clients/${A}`, headers), params(A)),
        await demoRoute.POST(req("POST", "/api/demo", headers)),
        await patchSystem(A, "API", headers, { confirmations: 7 }),
      ]) {
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect((await errorBody(res)).code).toBe("forbidden");
      }
    }
    expect(await snapshot()).toEqual(before);
    // Each refusal is written down as the signed-in user whose cookie was carried along.
    const denied = await auditSince(mark, "access.denied");
    expect(denied).toHaveLength(25);
    for (const row of denied) expect(row).toMatchObject({ actorType: "user", actorLabel: c.editor.actorLabel, success: false });
    expect((denied[0].summary as { attempted: string; message: string }).message).toMatch(/Origin "https:\/\/evil\.example" is not allowed/);
    expect((denied[20].summary as { attempted: string; message: string }).message).toMatch(/Origin "http:\/\/127\.0\.0\.1:8080" is not allowed/);

    // The same requests from the app's own origin (or a non-browser client, no Origin) work.
    expect((await clientsRoute.POST(req("POST", "/api/clients", { cookie, origin: ORIGIN }, newClientBody()))).status).toBe(201);
    expect((await clientsRoute.POST(req("POST", "/api/clients", { cookie }, newClientBody()))).status).toBe(201);
    // Reads are not cross-site writes: a foreign Origin on a GET is fine.
    expect((await clientsRoute.GET(req("GET", "/api/clients", { cookie, origin: "https://evil.example" }))).status).toBe(200);
  }, DEMO_LOAD_TIMEOUT_MS);

  it("behind a public name (APP_URL), the app's own origin may write with a cookie and others may not", async () => {
    const saved = process.env.APP_URL;
    process.env.APP_URL = "https://pulse.agency.example";
    resetEnvCache();
    try {
      const cookie = c.editor.headers.cookie;
      const at = (origin: string, host = "pulse.agency.example") =>
        clientsRoute.POST(new Request(`https://${host}/api/clients`, { method: "POST", headers: { host, origin, cookie, "content-type": "application/json" }, body: JSON.stringify(newClientBody()) }));
      expect((await at("https://pulse.agency.example")).status).toBe(201);
      expect((await at("https://evil.example")).status).toBe(403);
      expect((await at("https://evil.example", "evil.example")).status).toBe(403);
    } finally {
      if (saved === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = saved;
      resetEnvCache();
    }
  });

  it("alerts: everyone with read lists them (the bound key only A's); acknowledging needs write; B's alert is a 404 for the bound key", async () => {
    const firing = async (clientId: string) => {
      const client = await db().client.findUniqueOrThrow({ where: { clientId } });
      return db().alert.create({ data: { clientRef: client.id, severity: "critical", metric: "status", comparison: "greater_or_equal", thresholdValue: 2, observedValue: 2, message: "API: status down", startedAt: new Date() } });
    };
    const alertParams = (id: string) => ({ params: Promise.resolve({ id }) });
    const [a, b] = [await firing(A), await firing(B)];
    for (const who of ["admin", "editor", "viewer", "ro", "rw", "onlyA"] as const) {
      const res = await alertsRoute.GET(req("GET", "/api/alerts?state=firing&limit=100", c[who].headers));
      expect(res.status, c[who].name).toBe(200);
      const ids = ((await res.json()).alerts as { id: string }[]).map((x) => x.id);
      expect(ids, c[who].name).toContain(a.id);
      if (who === "onlyA") expect(ids).not.toContain(b.id);
      else expect(ids, c[who].name).toContain(b.id);
      expect((await alertRoute.GET(req("GET", `/api/alerts/${a.id}`, c[who].headers), alertParams(a.id))).status, c[who].name).toBe(200);
    }
    expect((await alertRoute.GET(req("GET", `/api/alerts/${b.id}`, c.onlyA.headers), alertParams(b.id))).status).toBe(404);
    expect((await alertsRoute.GET(req("GET", `/api/alerts?client_id=${B}`, c.onlyA.headers))).status).toBe(404);
    for (const who of ["viewer", "ro"] as const) {
      const res = await acknowledgeRoute.POST(req("POST", `/api/alerts/${a.id}/acknowledge`, c[who].headers), alertParams(a.id));
      expect(res.status, c[who].name).toBe(403);
    }
    expect((await db().alert.findUniqueOrThrow({ where: { id: a.id } })).acknowledgedAt).toBeNull();
    expect((await acknowledgeRoute.POST(req("POST", `/api/alerts/${b.id}/acknowledge`, c.onlyA.headers), alertParams(b.id))).status).toBe(404);
    expect((await db().alert.findUniqueOrThrow({ where: { id: b.id } })).acknowledgedAt).toBeNull();
    const ok = await acknowledgeRoute.POST(req("POST", `/api/alerts/${a.id}/acknowledge`, c.editor.headers, { note: "on it" }), alertParams(a.id));
    expect(ok.status).toBe(200);
    expect((await ok.json()).alert.acknowledged_by).toBe(c.editor.actorLabel);
    // MCP: list_alerts for read keys, acknowledge_alert hidden from the read-only key; the bound key acks only A's.
    const ro = await mcp(c.ro.key!);
    expect((await ro.listTools()).tools.map((t) => t.name)).not.toContain("acknowledge_alert");
    expect(((await ro.callTool({ name: "acknowledge_alert", arguments: { alert_id: b.id } })) as CallToolResult).isError).toBe(true);
    const onlyA = await mcp(c.onlyA.key!);
    const listedA = (await onlyA.callTool({ name: "list_alerts", arguments: { state: "firing" } })) as CallToolResult;
    expect((listedA.structuredContent as { alerts: { client_id: string }[] }).alerts.every((x) => x.client_id === A)).toBe(true);
    const ackB = (await onlyA.callTool({ name: "acknowledge_alert", arguments: { alert_id: b.id } })) as CallToolResult;
    expect(ackB.isError).toBe(true);
    expect((await db().alert.findUniqueOrThrow({ where: { id: b.id } })).acknowledgedAt).toBeNull();
    const rw = await mcp(c.rw.key!);
    const ackByKey = (await rw.callTool({ name: "acknowledge_alert", arguments: { alert_id: b.id } })) as CallToolResult;
    expect(ackByKey.isError).toBeFalsy();
    expect((await db().alert.findUniqueOrThrow({ where: { id: b.id } })).acknowledgedBy).toBe(c.rw.actorLabel);
    await db().alert.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { state: "resolved", resolvedAt: new Date() } });
  });

  it("every MCP tool call leaves an mcp.tool_call line with the tool, duration_ms and outcome, as the key", async () => {
    const mark = await auditMark();
    const rw = await mcp(c.rw.key!);
    const ro = await mcp(c.ro.key!);
    await rw.callTool({ name: "get_all_clients_status", arguments: {} });
    const body = newClientBody();
    await rw.callTool({ name: "register_client", arguments: { client_data: body } });
    await rw.callTool({ name: "register_client", arguments: { client_data: body } }); // a duplicate: a business failure
    await ro.callTool({ name: "get_all_clients_status", arguments: { include_inactive: true } });
    const rows = await auditSince(mark, "mcp.tool_call");
    expect(rows.map((r) => [r.actorType, r.actorLabel, r.targetType, r.targetId, r.success])).toEqual([
      ["mcp", 'key "rw-bot"', "tool", "get_all_clients_status", true],
      ["mcp", 'key "rw-bot"', "tool", "register_client", true],
      ["mcp", 'key "rw-bot"', "tool", "register_client", false],
      ["mcp", 'key "ro-bot"', "tool", "get_all_clients_status", true],
    ]);
    for (const row of rows) {
      const summary = row.summary as { duration_ms: unknown; error?: string };
      expect(typeof summary.duration_ms).toBe("number");
      expect(summary.duration_ms as number).toBeGreaterThanOrEqual(0);
      expect(row.actorId).toBe((await db().apiKey.findFirstOrThrow({ where: { name: row.actorLabel.slice(5, -1) } })).id);
    }
    expect((rows[2].summary as { error: string }).error).toBe("conflict");
  });

  // Alert rules: viewers and read-only keys read, editors and read+write keys change them, a
  // key bound to one client sees and sets only that client's (never "*"). Channels: everyone
  // may read them (masked), only admin sessions change them (API keys never have "admin").
  it("alert rules and channels: who may read and change them, on REST and MCP", async () => {
    const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
    const rule = (client_id: string, threshold = 95) => ({ client_id, metric: "uptime", comparison: "less_than", threshold, channels: [] as string[] });
    const ruleCount = () => db().alertThreshold.count();
    const channelCount = () => db().alertChannel.count();

    // Channels: admin only to change.
    const slackBody = { type: "slack", destination: "https://8.8.8.8/services/T000/B000/abcdef" };
    for (const who of ["editor", "viewer", "ro", "rw", "onlyA"] as const) {
      const before = await channelCount();
      const res = await channelsRoute.POST(req("POST", "/api/alert-channels", c[who].headers, slackBody));
      expect(res.status, c[who].name).toBe(403);
      expect(await channelCount()).toBe(before);
    }
    const created = await channelsRoute.POST(req("POST", "/api/alert-channels", c.admin.headers, slackBody));
    expect(created.status).toBe(201);
    const channel = (await created.json()) as { id: string; destination: string };
    expect(channel.destination).toBe("https://8.8.8.8/…cdef");
    const hook = await channelsRoute.POST(req("POST", "/api/alert-channels", c.admin.headers, { type: "webhook", destination: "https://8.8.4.4/in", client_id: A }));
    const webhook = (await hook.json()) as { id: string; secret: string };
    expect(webhook.secret).toMatch(/^whsec_/);
    secrets.push(webhook.secret);
    for (const who of ["editor", "viewer", "ro", "rw", "onlyA"] as const) {
      expect((await channelRoute.PATCH(req("PATCH", `/api/alert-channels/${channel.id}`, c[who].headers, { name: "x" }), idParams(channel.id))).status, c[who].name).toBe(403);
      expect((await channelRoute.DELETE(req("DELETE", `/api/alert-channels/${channel.id}`, c[who].headers), idParams(channel.id))).status, c[who].name).toBe(403);
      expect((await rotateSecretRoute.POST(req("POST", `/api/alert-channels/${webhook.id}/rotate-secret`, c[who].headers), idParams(webhook.id))).status, c[who].name).toBe(403);
    }
    for (const who of ["admin", "editor", "viewer", "ro", "rw"] as const) {
      const list = await channelsRoute.GET(req("GET", "/api/alert-channels", c[who].headers));
      expect(list.status, c[who].name).toBe(200);
      expect(JSON.stringify(await list.json())).not.toContain("whsec_");
      expect((await channelRoute.GET(req("GET", `/api/alert-channels/${channel.id}`, c[who].headers), idParams(channel.id))).status).toBe(200);
    }
    // The bound key sees its client's channels only: the agency's is "not found".
    const boundList = (await (await channelsRoute.GET(req("GET", "/api/alert-channels", c.onlyA.headers))).json()) as { channels: { id: string }[] };
    expect(boundList.channels.map((x) => x.id)).toEqual([webhook.id]);
    expect((await channelRoute.GET(req("GET", `/api/alert-channels/${channel.id}`, c.onlyA.headers), idParams(channel.id))).status).toBe(404);

    // Rules: editors and read+write keys write; viewers and read-only keys get 403 and nothing stored.
    for (const who of ["viewer", "ro"] as const) {
      const before = await ruleCount();
      expect((await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c[who].headers, rule(A)))).status, c[who].name).toBe(403);
      expect(await ruleCount()).toBe(before);
    }
    const ids: Record<string, string> = {};
    for (const who of ["admin", "editor", "rw"] as const) {
      const res = await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c[who].headers, { ...rule("*"), channels: [channel.id] }));
      expect(res.status, c[who].name).toBe(201);
      ids[who] = ((await res.json()) as { id: string }).id;
    }
    const ruleB = ((await (await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c.editor.headers, rule(B)))).json()) as { id: string }).id;
    // The bound key: A yes (with A's own channel), B is 404, "*" is 403; nothing stored by the refusals.
    const ownA = await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c.onlyA.headers, { ...rule(A), channels: [webhook.id] }));
    expect(ownA.status).toBe(201);
    const ruleA = ((await ownA.json()) as { id: string }).id;
    const before = await ruleCount();
    expect((await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c.onlyA.headers, rule(B)))).status).toBe(404);
    expect((await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c.onlyA.headers, rule("*")))).status).toBe(403);
    expect((await thresholdsRoute.POST(req("POST", "/api/alert-thresholds", c.onlyA.headers, { ...rule(A), channels: [channel.id] }))).status).toBe(201);
    expect(await ruleCount()).toBe(before + 1);
    const boundRules = (await (await thresholdsRoute.GET(req("GET", "/api/alert-thresholds", c.onlyA.headers))).json()) as { thresholds: { client_id: string }[] };
    expect(new Set(boundRules.thresholds.map((t) => t.client_id))).toEqual(new Set([A]));
    for (const id of [ids.admin, ruleB]) {
      expect((await thresholdRoute.GET(req("GET", `/api/alert-thresholds/${id}`, c.onlyA.headers), idParams(id))).status).toBe(404);
      expect((await thresholdRoute.PATCH(req("PATCH", `/api/alert-thresholds/${id}`, c.onlyA.headers, { threshold: 90 }), idParams(id))).status).toBe(404);
      expect((await thresholdRoute.DELETE(req("DELETE", `/api/alert-thresholds/${id}`, c.onlyA.headers), idParams(id))).status).toBe(404);
    }
    expect((await thresholdRoute.PATCH(req("PATCH", `/api/alert-thresholds/${ruleA}`, c.onlyA.headers, { threshold: 90 }), idParams(ruleA))).status).toBe(200);
    // Everyone reads; viewers and read-only keys cannot change or delete.
    for (const who of ["admin", "editor", "viewer", "ro", "rw"] as const) {
      const list = await thresholdsRoute.GET(req("GET", `/api/alert-thresholds?client=${A}`, c[who].headers));
      expect(list.status, c[who].name).toBe(200);
      expect(((await list.json()) as { thresholds: { id: string }[] }).thresholds.map((t) => t.id)).toEqual(expect.arrayContaining([ruleA, ids.admin]));
      expect((await thresholdRoute.GET(req("GET", `/api/alert-thresholds/${ids.admin}`, c[who].headers), idParams(ids.admin))).status).toBe(200);
    }
    for (const who of ["viewer", "ro"] as const) {
      expect((await thresholdRoute.PATCH(req("PATCH", `/api/alert-thresholds/${ids.admin}`, c[who].headers, { threshold: 90 }), idParams(ids.admin))).status).toBe(403);
      expect((await thresholdRoute.DELETE(req("DELETE", `/api/alert-thresholds/${ids.admin}`, c[who].headers), idParams(ids.admin))).status).toBe(403);
    }
    expect((await db().alertThreshold.findUniqueOrThrow({ where: { id: ids.admin } })).value).toBe(95);
    for (const who of ["editor", "rw"] as const) {
      expect((await thresholdRoute.PATCH(req("PATCH", `/api/alert-thresholds/${ids[who]}`, c[who].headers, { threshold: 90 }), idParams(ids[who]))).status).toBe(200);
      expect((await thresholdRoute.DELETE(req("DELETE", `/api/alert-thresholds/${ids[who]}`, c[who].headers), idParams(ids[who]))).status).toBe(200);
    }
    // The channel still used by the admin's rule cannot be deleted; the admin may rotate the webhook's secret.
    expect((await channelRoute.DELETE(req("DELETE", `/api/alert-channels/${channel.id}`, c.admin.headers), idParams(channel.id))).status).toBe(409);
    const rotated = (await (await rotateSecretRoute.POST(req("POST", `/api/alert-channels/${webhook.id}/rotate-secret`, c.admin.headers), idParams(webhook.id))).json()) as { secret: string };
    expect(rotated.secret).toMatch(/^whsec_/);
    secrets.push(rotated.secret);

    // MCP: read-only keys see list_thresholds only; the bound key lists only A's and cannot make "*" rules.
    const ro = await mcp(c.ro.key!);
    const refused = (await ro.callTool({ name: "alert_on_failures", arguments: { client_id: A, metric_name: "uptime", threshold: 95, comparison: "less_than", alert_type: "slack" } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    const bound = await mcp(c.onlyA.key!);
    const listed = (await bound.callTool({ name: "list_thresholds", arguments: {} })) as CallToolResult;
    expect(new Set((listed.structuredContent as { thresholds: { client_id: string }[] }).thresholds.map((t) => t.client_id))).toEqual(new Set([A]));
    const star = (await bound.callTool({ name: "alert_on_failures", arguments: { client_id: "*", metric_name: "uptime", threshold: 95, comparison: "less_than", alert_type: "slack" } })) as CallToolResult;
    expect(JSON.parse((star.content[0] as { text: string }).text).error.code).toBe("forbidden");
    const mine = (await bound.callTool({ name: "alert_on_failures", arguments: { client_id: A, metric_name: "uptime", threshold: 95, comparison: "less_than", alert_type: "slack" } })) as CallToolResult;
    expect(mine.isError).toBeFalsy();
    expect((mine.structuredContent as { channels: { id: string }[] }).channels.map((x) => x.id)).toEqual([channel.id]);
    const other = (await bound.callTool({ name: "delete_threshold", arguments: { id: ruleB } })) as CallToolResult;
    expect(JSON.parse((other.content[0] as { text: string }).text).error.code).toBe("not_found");
    expect(await db().alertThreshold.count({ where: { id: ruleB } })).toBe(1);
  });

  it("no edge returns a secret: key and user outputs carry no hash, keys are shown only at creation", async () => {
    const admin = get().ctx();
    const keys = await listApiKeys({ ctx: admin });
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const k of keys) {
      expect(Object.keys(k).sort()).toEqual(Object.keys(apiKeyOutputSchema.shape).sort());
      expect(k).not.toHaveProperty("keyHash");
      expect(k).not.toHaveProperty("key");
      expect(k.prefix).toHaveLength(12);
    }
    const hashes = (await db().apiKey.findMany({ select: { keyHash: true } })).map((k) => k.keyHash);
    const serializedKeys = JSON.stringify(keys);
    for (const s of [...secrets, ...hashes]) expect(serializedKeys).not.toContain(s);

    const users = await listUsers({ ctx: admin });
    for (const u of users) {
      expect(Object.keys(u).sort()).toEqual(Object.keys(userOutputSchema.shape).sort());
      expect(u).not.toHaveProperty("passwordHash");
    }
    expect(JSON.stringify(users)).not.toContain("scrypt$");

    // The MCP surface the keys see holds no key either.
    const rw = await mcp(c.rw.key!);
    const everything = JSON.stringify([await rw.listTools(), await rw.callTool({ name: "get_all_clients_status", arguments: { include_inactive: true } })]);
    for (const s of [...secrets, ...hashes]) expect(everything).not.toContain(s);
    expect(everything).not.toContain("scrypt$");
  });

  // Deliveries (issue 11): everyone with read lists and reads (a bound key its client's only),
  // write retries and tests (a bound key only its client's), admins alone see failing channels.
  it("deliveries and channel tests: read for all, retry and test need write, failing channels need admin; a bound key sees its client's only", async () => {
    const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
    const clientRef = async (slug: string) => (await db().client.findUniqueOrThrow({ where: { clientId: slug } })).id;
    // The channel's URL is refused by the network policy: a test "fails" without any network.
    const channel = await db().alertChannel.create({ data: { type: "webhook", name: `rm hook ${uniqueClientId()}`, destination: "http://169.254.169.254/rm-secret-path", secret: "whsec_cm1zZWNyZXQ=" } });
    const message = async (slug: string, state: "dead" | "delivered") =>
      (await db().notification.create({ data: { channelId: channel.id, clientRef: await clientRef(slug), kind: "alert", dedupeKey: `rm:${uniqueClientId()}`, state, sendAfter: new Date(), nextAttemptAt: new Date(), attempts: 1, lastError: "HTTP 410" } })).id;
    const ofB = await message(B, "dead");
    await message(A, "dead");

    for (const who of ["admin", "editor", "viewer", "ro", "rw", "onlyA"] as const) {
      const { headers, name } = c[who];
      const list = await deliveriesRoute.GET(req("GET", `/api/deliveries?channel_id=${channel.id}`, headers));
      expect(list.status, name).toBe(200);
      const clientsSeen = new Set(((await list.json()).deliveries as { client_id: string }[]).map((d) => d.client_id));
      expect([...clientsSeen].sort(), name).toEqual(who === "onlyA" ? [A] : [A, B].sort());
      const one = await deliveryRoute.GET(req("GET", `/api/deliveries/${ofB}`, headers), idParams(ofB));
      expect(one.status, name).toBe(who === "onlyA" ? 404 : 200);
      const failing = await failingChannelsRoute.GET(req("GET", "/api/alert-channels/failing", headers));
      expect(failing.status, name).toBe(who === "admin" ? 200 : 403);
    }
    for (const who of ["viewer", "ro"] as const) {
      const mark = await auditMark();
      const retry = await deliveryRetryRoute.POST(req("POST", `/api/deliveries/${ofB}/retry`, c[who].headers), idParams(ofB));
      expect(retry.status, c[who].name).toBe(403);
      const test = await channelTestRoute.POST(req("POST", `/api/alert-channels/${channel.id}/test`, c[who].headers), idParams(channel.id));
      expect(test.status, c[who].name).toBe(403);
      expect((await auditSince(mark, "access.denied")).length, c[who].name).toBe(2);
    }
    expect((await db().notification.findUniqueOrThrow({ where: { id: ofB } })).state).toBe("dead");
    expect(await db().notification.count({ where: { channelId: channel.id, kind: "test" } })).toBe(0);
    // The bound key: B's delivery and the agency's channel are "not found".
    expect((await deliveryRetryRoute.POST(req("POST", `/api/deliveries/${ofB}/retry`, c.onlyA.headers), idParams(ofB))).status).toBe(404);
    expect((await channelTestRoute.POST(req("POST", `/api/alert-channels/${channel.id}/test`, c.onlyA.headers), idParams(channel.id))).status).toBe(404);

    for (const who of ["editor", "rw", "admin"] as const) {
      const id = await message(A, "dead");
      const retried = await deliveryRetryRoute.POST(req("POST", `/api/deliveries/${id}/retry`, c[who].headers), idParams(id));
      expect(retried.status, c[who].name).toBe(200);
      expect((await retried.json()).state).toBe("pending");
      expect(await db().auditLog.findFirst({ where: { action: "delivery.retry", targetId: id } })).toMatchObject({ actorLabel: c[who].actorLabel });
      const again = await deliveryRetryRoute.POST(req("POST", `/api/deliveries/${id}/retry`, c[who].headers), idParams(id));
      expect(again.status).toBe(409);
      await db().notification.update({ where: { id }, data: { state: "cancelled" } });
      const test = await channelTestRoute.POST(req("POST", `/api/alert-channels/${channel.id}/test`, c[who].headers), idParams(channel.id));
      expect(test.status, c[who].name).toBe(200);
      const body = await test.json();
      expect(body).toMatchObject({ outcome: "failed", delivery: { kind: "test", state: "dead" } });
      expect(body.error).toMatch(/blocked by network policy/);
      expect(JSON.stringify(body)).not.toMatch(/rm-secret-path|whsec_/);
    }
    // Bad input: precise 422s naming the field, never a 500.
    const bad: [string, string][] = [
      ["/api/deliveries?state=lost", "state"],
      ["/api/deliveries?limit=0", "limit"],
      ["/api/deliveries?limit=many", "limit"],
      ["/api/deliveries?channel_id=nope", "channel_id"],
      ["/api/deliveries?cursor=garbage", "cursor"],
      ["/api/deliveries?colour=red", "colour"],
    ];
    for (const [path, field] of bad) {
      const res = await deliveriesRoute.GET(req("GET", path, c.admin.headers));
      expect(res.status, path).toBe(422);
      expect(((await errorBody(res)) as { issues?: { path: string }[] }).issues?.[0]?.path, path).toBe(field);
    }
    const notUuid = await deliveryRoute.GET(req("GET", "/api/deliveries/nope", c.admin.headers), idParams("nope"));
    expect(notUuid.status).toBe(422);
    expect((await deliveriesRoute.GET(req("GET", `/api/deliveries?client_id=${uniqueClientId("none")}`, c.admin.headers))).status).toBe(404);
    await db().alertChannel.update({ where: { id: channel.id }, data: { enabled: false } });
  });

  it("report schedules and agency branding: who may read and change them, on REST and MCP; the bound key sees and touches its client's only", async () => {
    const body = (client: string, over: Record<string, unknown> = {}) => ({ client_id: client, report_type: "weekly", recipients: ["reports@client.example"], ...over });
    const byId = (id: string) => ({ params: Promise.resolve({ id }) });
    // Writes: editors, read+write keys, admins; viewers and read-only keys get 403 and nothing is written.
    for (const who of ["viewer", "ro"] as const) {
      const before = await db().reportSchedule.count();
      expect((await reportSchedulesRoute.POST(req("POST", "/api/report-schedules", c[who].headers, body(A)))).status, c[who].name).toBe(403);
      expect(await db().reportSchedule.count()).toBe(before);
    }
    const ids: Record<string, string> = {};
    for (const who of ["editor", "rw", "admin"] as const) {
      const res = await reportSchedulesRoute.POST(req("POST", "/api/report-schedules", c[who].headers, body(who === "admin" ? B : A)));
      expect(res.status, c[who].name).toBe(201);
      ids[who] = (await res.json()).id;
    }
    const onB = ids.admin!;
    // Bad input: 422 naming the field; an unknown client 404.
    const bad = await reportSchedulesRoute.POST(req("POST", "/api/report-schedules", c.editor.headers, body(A, { cron: "*/5 * * * *", recipients: ["nope"] })));
    expect(bad.status).toBe(422);
    expect(((await bad.json()).error.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["cron", "recipients.0"]);
    expect((await reportSchedulesRoute.POST(req("POST", "/api/report-schedules", c.editor.headers, body("no-such-client")))).status).toBe(404);
    // Reads: everyone with read; the bound key lists A's only and gets 404 for B's, on every verb.
    for (const who of ["admin", "editor", "viewer", "ro", "rw", "onlyA"] as const) {
      const list = await reportSchedulesRoute.GET(req("GET", "/api/report-schedules", c[who].headers));
      expect(list.status, c[who].name).toBe(200);
      const clients = ((await list.json()).schedules as { client_id: string }[]).map((x) => x.client_id);
      if (who === "onlyA") expect(new Set(clients)).toEqual(new Set([A]));
      else expect(clients).toEqual(expect.arrayContaining([A, B]));
    }
    expect((await reportScheduleRoute.GET(req("GET", `/api/report-schedules/${onB}`, c.onlyA.headers), byId(onB))).status).toBe(404);
    expect((await reportScheduleRoute.PATCH(req("PATCH", `/api/report-schedules/${onB}`, c.onlyA.headers, { enabled: false }), byId(onB))).status).toBe(404);
    expect((await reportScheduleRoute.DELETE(req("DELETE", `/api/report-schedules/${onB}`, c.onlyA.headers), byId(onB))).status).toBe(404);
    expect((await reportSchedulesRoute.POST(req("POST", "/api/report-schedules", c.onlyA.headers, body(B)))).status).toBe(404);
    expect((await reportSchedulesRoute.GET(req("GET", `/api/report-schedules?client=${B}`, c.onlyA.headers))).status).toBe(404);
    expect((await reportSchedulesRoute.POST(req("POST", "/api/report-schedules", c.onlyA.headers, body(A)))).status).toBe(201);
    expect((await reportScheduleRoute.PATCH(req("PATCH", `/api/report-schedules/${ids.rw}`, c.viewer.headers, { enabled: false }), byId(ids.rw!))).status).toBe(403);
    const patched = await reportScheduleRoute.PATCH(req("PATCH", `/api/report-schedules/${ids.rw}`, c.onlyA.headers, { cron: "0 7 * * 1" }), byId(ids.rw!));
    expect(patched.status).toBe(200);
    expect((await patched.json()).description).toBe("Weekly on Monday at 07:00 (UTC)");
    expect((await reportScheduleRoute.DELETE(req("DELETE", `/api/report-schedules/${ids.rw}`, c.ro.headers), byId(ids.rw!))).status).toBe(403);
    expect((await reportScheduleRoute.DELETE(req("DELETE", `/api/report-schedules/${ids.rw}`, c.rw.headers), byId(ids.rw!))).status).toBe(200);
    expect(await db().reportSchedule.count({ where: { id: ids.rw } })).toBe(0);
    // MCP: the read-only key lists (not shown the write tools); the bound key schedules for A only.
    const ro = await mcp(c.ro.key!);
    expect((await ro.callTool({ name: "schedule_client_report", arguments: body(A) }) as CallToolResult).isError).toBe(true);
    const listedRo = (await ro.callTool({ name: "list_report_schedules", arguments: {} })) as CallToolResult;
    expect(listedRo.isError).toBeFalsy();
    const bound = await mcp(c.onlyA.key!);
    const boundList = (await bound.callTool({ name: "list_report_schedules", arguments: {} })) as CallToolResult;
    expect(new Set((boundList.structuredContent as { schedules: { client_id: string }[] }).schedules.map((x) => x.client_id))).toEqual(new Set([A]));
    const scheduledB = (await bound.callTool({ name: "schedule_client_report", arguments: body(B) })) as CallToolResult;
    expect(scheduledB.isError).toBe(true);
    expect(JSON.stringify(scheduledB.content)).toMatch(/not_found/);
    expect(((await bound.callTool({ name: "delete_report_schedule", arguments: { id: onB } })) as CallToolResult).isError).toBe(true);
    const made = (await bound.callTool({ name: "schedule_client_report", arguments: body(A, { report_type: "monthly" }) })) as CallToolResult;
    expect(made.isError).toBeFalsy();
    expect(made.structuredContent).toMatchObject({ client_id: A, description: "Monthly on the 1st at 09:00 (UTC)" });
    const deleted = (await bound.callTool({ name: "delete_report_schedule", arguments: { id: (made.structuredContent as { id: string }).id } })) as CallToolResult;
    expect(deleted.isError).toBeFalsy();
    expect(await db().reportSchedule.count({ where: { id: onB } })).toBe(1);
    expect((await auditSince(0n, "report_schedule.create")).length).toBeGreaterThanOrEqual(5);

    // Agency branding: everyone reads it; only admin sessions change it (editors and every key: 403, nothing written).
    for (const who of ["admin", "editor", "viewer", "ro", "rw", "onlyA"] as const) {
      expect((await agencySettingsRoute.GET(req("GET", "/api/settings/agency", c[who].headers))).status, c[who].name).toBe(200);
    }
    for (const who of ["editor", "viewer", "ro", "rw", "onlyA"] as const) {
      expect((await agencySettingsRoute.PUT(req("PUT", "/api/settings/agency", c[who].headers, { agency_name: "Hijacked" }))).status, c[who].name).toBe(403);
    }
    expect((await (await agencySettingsRoute.GET(req("GET", "/api/settings/agency", c.ro.headers))).json()).agency_name).not.toBe("Hijacked");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString("base64");
    const refused = await agencySettingsRoute.PUT(req("PUT", "/api/settings/agency", c.admin.headers, { logo: { type: "image/svg+xml", base64: svg } }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.issues).toEqual([{ path: "logo", message: "must not contain <script>" }]);
    const ok = await agencySettingsRoute.PUT(req("PUT", "/api/settings/agency", c.admin.headers, { agency_name: "Northwind", accent_color: "#0f766e" }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ agency_name: "Northwind", accent_color: "#0f766e" });
    expect((await auditSince(0n, "agency_settings.update")).at(-1)).toMatchObject({ actorLabel: c.admin.actorLabel });
  });

  it("reports: everyone with read lists, reads and downloads them (the bound key only A's); generating needs write; B's report is a 404 for the bound key", async () => {
    const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
    const a = (await storeSampleReport(db(), A)).id;
    const b = (await storeSampleReport(db(), B)).id;
    for (const who of ["admin", "editor", "viewer", "ro", "rw", "onlyA"] as const) {
      const { headers, name } = c[who];
      const list = await reportsRoute.GET(req("GET", "/api/reports?limit=100", headers));
      expect(list.status, name).toBe(200);
      const clientsSeen = new Set(((await list.json()).reports as { client_id: string }[]).map((r) => r.client_id));
      expect([...clientsSeen].sort(), name).toEqual(who === "onlyA" ? [A] : [A, B].sort());
      expect((await reportRoute.GET(req("GET", `/api/reports/${a}`, headers), idParams(a))).status, name).toBe(200);
      expect((await reportDownloadRoute.GET(req("GET", `/api/reports/${a}/download?format=json`, headers), idParams(a))).status, name).toBe(200);
      expect((await reportRoute.GET(req("GET", `/api/reports/${b}`, headers), idParams(b))).status, name).toBe(who === "onlyA" ? 404 : 200);
      expect((await reportDownloadRoute.GET(req("GET", `/api/reports/${b}/download?format=json`, headers), idParams(b))).status, name).toBe(who === "onlyA" ? 404 : 200);
    }
    expect((await reportsRoute.GET(req("GET", `/api/reports?client_id=${B}`, c.onlyA.headers))).status).toBe(404);
    const before = await db().report.count();
    for (const who of ["viewer", "ro"] as const) {
      const mark = await auditMark();
      const res = await reportsRoute.POST(req("POST", "/api/reports", c[who].headers, { client_id: A, report_type: "monthly" }));
      expect(res.status, c[who].name).toBe(403);
      expect((await auditSince(mark, "access.denied")).length, c[who].name).toBe(1);
    }
    // The bound key: generating for B is "not found" before anything is computed.
    expect((await reportsRoute.POST(req("POST", "/api/reports", c.onlyA.headers, { client_id: B, report_type: "monthly" }))).status).toBe(404);
    expect(await db().report.count()).toBe(before);
    // MCP: list_reports for read keys, generate_client_reports hidden from the read-only key; the bound key sees A's only.
    const ro = await mcp(c.ro.key!);
    expect((await ro.listTools()).tools.map((t) => t.name)).not.toContain("generate_client_reports");
    expect(((await ro.callTool({ name: "generate_client_reports", arguments: { client_id: A, report_type: "monthly", include_recommendations: true } })) as CallToolResult).isError).toBe(true);
    const onlyA = await mcp(c.onlyA.key!);
    const listedA = (await onlyA.callTool({ name: "list_reports", arguments: {} })) as CallToolResult;
    expect((listedA.structuredContent as { reports: { client_id: string }[] }).reports.every((r) => r.client_id === A)).toBe(true);
    const genB = (await onlyA.callTool({ name: "generate_client_reports", arguments: { client_id: B, report_type: "monthly", include_recommendations: true } })) as CallToolResult;
    expect(genB.isError).toBe(true);
    expect((await onlyA.listResources()).resources.every((r) => r.uri.startsWith(`report://${A}/`))).toBe(true);
    await expect(onlyA.readResource({ uri: `report://${B}/${b}` })).rejects.toMatchObject({ code: -32002 });
    expect(await db().report.count()).toBe(before);
    // Editors, read+write keys, admins and the bound key (for its own client) generate.
    for (const who of ["editor", "rw", "admin", "onlyA"] as const) {
      const res = await reportsRoute.POST(req("POST", "/api/reports", c[who].headers, { client_id: A, report_type: "daily" }));
      expect(res.status, c[who].name).toBe(201);
      expect((await res.json()).generated_by, c[who].name).toBe(c[who].actorLabel);
    }
    expect(await db().auditLog.count({ where: { action: "report.generate", targetId: A } })).toBe(4);
  });

  it("the audit log never holds a key, a session token, their hashes, or a password hash", async () => {
    const rows = await db().auditLog.findMany();
    expect(rows.length).toBeGreaterThan(20);
    const serialized = JSON.stringify(rows, bigintSafe);
    const keyHashes = (await db().apiKey.findMany({ select: { keyHash: true } })).map((k) => k.keyHash);
    const passwordHashes = (await db().user.findMany({ select: { passwordHash: true } })).map((u) => u.passwordHash!);
    for (const s of [...secrets, ...secrets.map(hashSecret), ...keyHashes, ...passwordHashes]) expect(serialized).not.toContain(s);
    expect(serialized).not.toContain("scrypt$");
    expect(serialized).not.toContain(PASSWORD);
    expect(serialized).not.toMatch(/cpk_[A-Za-z0-9_-]{20,}/);
  });
});

describe("the REST error envelope's headers", () => {
  it("401 carries a Bearer challenge, 429 a Retry-After, and neither is cached", async () => {
    const unauthorized = jsonError(new UnauthorizedError());
    expect(unauthorized.headers.get("www-authenticate")).toBe('Bearer realm="ClientPulse"');
    const limited = jsonError(new TooManyRequestsError("Too many failed sign-ins for this account; try again in 15 minutes.", 890));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("890");
    expect(await limited.json()).toEqual({ error: { code: "rate_limited", message: "Too many failed sign-ins for this account; try again in 15 minutes." } });
    const forbidden = jsonError(new ForbiddenError("no"));
    expect(forbidden.headers.get("www-authenticate")).toBeNull();
    for (const res of [unauthorized, limited, forbidden]) expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
