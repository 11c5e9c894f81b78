// What the MCP tools promise an assistant, through the SDK's own Client over real HTTP on both
// databases: one JSON error shape for every kind of failure (REST's body, in an isError result);
// register_client's first_check and check_now (also on REST); get_system_health's recent state
// changes.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import * as clientsRoute from "@/app/api/clients/route";
import * as mcpRoute from "@/app/api/mcp/route";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { recordCheck } from "@/lib/monitoring/record-check";
import { registerClientAndCheck, registeredClientOutputSchema } from "@/lib/monitoring/register-client-and-check";
import { closeSafeFetchAgents } from "@/lib/net/safe-fetch";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { probeReport } from "@/test/support/probes";
import { serveRoutes } from "@/test/support/route-server";
import { systemHealthOutputSchema } from "@/lib/monitoring/get-system-health";
import { createMcpServer } from "./server";

/** The one error shape: exactly these keys, a known code, a message; issues name fields. */
function errorOf(result: CallToolResult) {
  expect(result.isError).toBe(true);
  expect(result.content).toHaveLength(1);
  const body = JSON.parse((result.content[0] as { text: string }).text) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  const { error } = body;
  for (const key of Object.keys(error)) expect(["code", "message", "issues", "retry_after_seconds"]).toContain(key);
  expect(typeof error.code).toBe("string");
  expect(typeof error.message).toBe("string");
  expect(error.message as string).not.toMatch(/\n\s+at |MCP error/);
  return error as { code: string; message: string; issues?: { path: string; message: string }[]; retry_after_seconds?: number };
}

/** A fake client site: /ok is healthy, /fail a 503, /hang never answers. */
async function fakeSite() {
  const server: Server = createServer((req, res) => {
    if (req.url === "/hang") return; // never answers
    if (req.url === "/fail") return void res.writeHead(503, { "content-type": "application/json" }).end('{"status":"down"}');
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"healthy"}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const ENV_NAMES = ["ALLOWED_PRIVATE_TARGETS", "CHECK_NOW_PER_MINUTE"] as const;

describeEachDatabase("MCP tool contract", (get) => {
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let site: Awaited<ReturnType<typeof fakeSite>>;
  const clients: Client[] = [];
  const saved = Object.fromEntries(ENV_NAMES.map((n) => [n, process.env[n]]));

  const connect = async (key: string) => {
    const client = new Client({ name: "assistant", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
    clients.push(client);
    return client;
  };
  const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;

  beforeAll(async () => {
    setProcessDatabase(get().database);
    // The fake site is on loopback: allowed here as an operator would allow a private range.
    process.env.ALLOWED_PRIVATE_TARGETS = "127.0.0.1";
    resetEnvCache();
    server = await serveRoutes({ "/api/mcp": mcpRoute, "/api/clients": clientsRoute });
    site = await fakeSite();
  });
  afterEach(() => {
    process.env.CHECK_NOW_PER_MINUTE = saved.CHECK_NOW_PER_MINUTE;
    if (saved.CHECK_NOW_PER_MINUTE === undefined) delete process.env.CHECK_NOW_PER_MINUTE;
    resetEnvCache();
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await server?.close();
    await site?.close();
    await closeSafeFetchAgents();
    for (const n of ENV_NAMES) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
    resetEnvCache();
  });

  it("every kind of failure has the one shape: validation_error, not_found, forbidden, conflict, rate_limited", async () => {
    const db = get().database.prisma;
    const writer = await connect(await newApiKey(db, { name: "contract-writer" }));
    const reader = await connect(await newApiKey(db, { name: "contract-reader", scopes: ["read"] }));
    const before = await db.client.count();

    // validation_error from the input schema (wrong type, unknown key, bad value)…
    const wrongType = errorOf(await call(writer, "register_client", { client_data: "tnt" }));
    expect(wrongType).toMatchObject({ code: "validation_error", issues: [{ path: "client_data" }] });
    const unknownKey = errorOf(await call(writer, "register_client", { client_data: { client_id: uniqueClientId("x"), client_name: "X", systems: [{ name: "A", health_url: "https://a.example.com/h", interval: 30 }] } }));
    expect(unknownKey.issues).toEqual([{ path: "client_data.systems.0.interval", message: '"interval" is not a known field' }]);
    const badLimit = errorOf(await call(reader, "get_all_clients_status", { limit: 500 }));
    expect(badLimit).toMatchObject({ code: "validation_error", message: "Invalid input: limit: must be at most 100", issues: [{ path: "limit", message: "must be at most 100" }] });
    // …and from a verb's own cross-field rule: the same shape.
    const onlyStart = errorOf(await call(reader, "get_system_health", { client_id: "acme-001", start_date: "2026-11-01T00:00:00Z" }));
    expect(onlyStart).toEqual({ code: "validation_error", message: "Invalid input: end_date: is required with start_date", issues: [{ path: "end_date", message: "is required with start_date" }] });

    // not_found: an unknown client, an unknown tool.
    expect(errorOf(await call(reader, "get_system_health", { client_id: "no-such-client" }))).toMatchObject({ code: "not_found" });
    const noTool = errorOf(await call(reader, "drop_all_clients", {}));
    expect(noTool).toMatchObject({ code: "not_found", message: expect.stringContaining('"drop_all_clients"') });

    // forbidden: a tool this key is not shown (and may not use).
    const hidden = errorOf(await call(reader, "register_client", { client_data: { client_id: uniqueClientId("x"), client_name: "X", systems: [{ name: "A", health_url: "https://a.example.com/h" }] } }));
    expect(hidden).toMatchObject({ code: "forbidden", message: expect.stringMatching(/may not use register_client/) });

    // conflict: the id exists.
    const id = uniqueClientId("contract-dup");
    const args = { client_data: { client_id: id, client_name: "Dup", systems: [{ name: "A", health_url: "https://a.example.com/health" }] } };
    expect((await call(writer, "register_client", args)).isError).toBeFalsy();
    expect(errorOf(await call(writer, "register_client", args))).toEqual({
      code: "conflict",
      message: `A client with client_id "${id}" already exists`,
      issues: [{ path: "client_id", message: `"${id}" is already registered; choose another id` }],
    });
    expect(await db.client.count()).toBe(before + 1);

    // rate_limited: over the key's check-now allowance, with how long to wait.
    process.env.CHECK_NOW_PER_MINUTE = "1";
    resetEnvCache();
    const limited = await connect(await newApiKey(db, { name: "contract-limited" }));
    expect((await call(limited, "run_health_check", { client_id: id })).isError).toBeFalsy();
    const tooMany = errorOf(await call(limited, "run_health_check", { client_id: id }));
    expect(tooMany).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/try again in \d+ s/) });
    expect(tooMany.retry_after_seconds).toBeGreaterThan(0);
  });

  it("register_client says when systems are first checked; check_now checks them before answering, within the rate limit", async () => {
    const db = get().database.prisma;
    const key = await newApiKey(db, { name: "contract-check-now" });
    const mcp = await connect(key);
    const systems = [
      { name: "Bookings", health_url: `${site.base}/ok` },
      { name: "Billing", health_url: `${site.base}/fail` },
    ];

    const scheduled = await call(mcp, "register_client", { client_data: { client_id: uniqueClientId("sched"), client_name: "Later Co", systems } });
    const later = registeredClientOutputSchema.parse(scheduled.structuredContent);
    expect(later.first_check).toMatchObject({ mode: "scheduled", within_seconds: 10, message: expect.stringContaining("within about 10 s") });
    expect(later.systems.map((s) => s.status)).toEqual(["unknown", "unknown"]);

    const id = uniqueClientId("now");
    const checked = await call(mcp, "register_client", { client_data: { client_id: id, client_name: "Now Co", systems }, check_now: true });
    expect(checked.isError).toBeFalsy();
    const now = registeredClientOutputSchema.parse(checked.structuredContent);
    expect(now.first_check.mode).toBe("checked_now");
    expect(now.first_check.pending).toBeUndefined();
    expect(now.first_check.systems!.map((s) => [s.system_name, s.probe_status, s.reason])).toEqual([
      ["Bookings", "healthy", "reported healthy"],
      ["Billing", "down", "HTTP 503 (reported down)"],
    ]);
    // A new system leaves unknown on its first check: the statuses are there at once.
    expect(now.systems.map((s) => [s.name, s.status])).toEqual([
      ["Bookings", "healthy"],
      ["Billing", "down"],
    ]);
    expect(now.overall_status).toBe("down");
    expect(await db.healthCheck.count({ where: { system: { client: { clientId: id } } } })).toBe(2);

    // REST takes the same flag; over the limit nothing is registered.
    process.env.CHECK_NOW_PER_MINUTE = "1";
    resetEnvCache();
    const restKey = await newApiKey(db, { name: "contract-rest" });
    const post = (clientId: string, query: string) =>
      fetch(`${server.url}/api/clients${query}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(restKey) },
        body: JSON.stringify({ client_id: clientId, client_name: "Rest Co", systems }),
      });
    const restId = uniqueClientId("rest-now");
    const rest = await post(restId, "?check_now=true");
    expect(rest.status).toBe(201);
    expect((await rest.json()).first_check).toMatchObject({ mode: "checked_now", systems: [{ probe_status: "healthy" }, { probe_status: "down" }] });
    const refusedId = uniqueClientId("rest-limited");
    const refused = await post(refusedId, "?check_now=true");
    expect(refused.status).toBe(429);
    expect(await db.client.count({ where: { clientId: refusedId } })).toBe(0);
    const badFlag = await post(uniqueClientId("rest-bad"), "?check_now=soon");
    expect(badFlag.status).toBe(422);
    expect((await badFlag.json()).error.issues).toEqual([{ path: "check_now", message: "must be true or false" }]);
  });

  it("check_now is bounded: a system that hangs is left to the scheduler and named as pending", async () => {
    const started = Date.now();
    const result = await registerClientAndCheck({
      ctx: get().ctx(),
      input: {
        client_id: uniqueClientId("hang"),
        client_name: "Hang Co",
        systems: [
          { name: "Fine", health_url: `${site.base}/ok` },
          { name: "Stuck", health_url: `${site.base}/hang`, timeout_ms: 30_000, check_interval_seconds: 60 },
        ],
      },
      checkNow: true,
      budgetMs: 1_000,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.first_check).toMatchObject({ mode: "checked_now", pending: ["Stuck"], message: expect.stringContaining("1 of 2 systems were checked") });
    expect(result.first_check.systems!.map((s) => s.system_name)).toEqual(["Fine"]);
    expect(result.systems.find((s) => s.name === "Stuck")!.status).toBe("unknown");
  });

  it("get_system_health lists each system's recent state changes, newest first, bounded by changes_limit", async () => {
    const id = uniqueClientId("changes");
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: "Changes Co", systems: [{ name: "API", health_url: "https://api.example.com/health", confirmations: 1 }] } });
    const system = await get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId: id } } });
    const t0 = Date.UTC(2026, 11, 3, 10, 0, 0);
    const min = 60_000;
    const ctx = get().ctx();
    await recordCheck(ctx, system, probeReport("healthy", 100), new Date(t0));
    await recordCheck(ctx, system, { ...probeReport("down", null), reason: "HTTP 503", rule: "http_5xx" }, new Date(t0 + 10 * min));
    await recordCheck(ctx, system, probeReport("healthy", 90), new Date(t0 + 13 * min));
    const clock = { now: () => new Date(t0 + 20 * min) };

    const server = createMcpServer(get().ctx({ clock, scopes: ["read"] }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "assistant", version: "1" });
    await client.connect(b);
    clients.push(client);

    const health = systemHealthOutputSchema.parse((await call(client, "get_system_health", { client_id: id })).structuredContent);
    expect(health.systems[0]!.recent_changes).toEqual([
      { from: "down", to: "healthy", reason: "reported healthy", started_at: new Date(t0 + 13 * min).toISOString(), ended_at: null, duration_seconds: 7 * 60 },
      { from: "healthy", to: "down", reason: "HTTP 503", started_at: new Date(t0 + 10 * min).toISOString(), ended_at: new Date(t0 + 13 * min).toISOString(), duration_seconds: 3 * 60 },
      { from: "unknown", to: "healthy", reason: "reported healthy", started_at: new Date(t0).toISOString(), ended_at: new Date(t0 + 10 * min).toISOString(), duration_seconds: 10 * 60 },
    ]);
    const one = systemHealthOutputSchema.parse((await call(client, "get_system_health", { client_id: id, changes_limit: 1 })).structuredContent);
    expect(one.systems[0]!.recent_changes.map((c) => c.to)).toEqual(["healthy"]);
    const none = systemHealthOutputSchema.parse((await call(client, "get_system_health", { client_id: id, changes_limit: 0 })).structuredContent);
    expect(none.systems[0]!.recent_changes).toEqual([]);
    expect(errorOf(await call(client, "get_system_health", { client_id: id, changes_limit: 51 }))).toMatchObject({ code: "validation_error", issues: [{ path: "changes_limit", message: "must be at most 50" }] });
  });
});
