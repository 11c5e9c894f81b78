// /api/mcp as an HTTP edge, on both databases: the body is read once and bounded (413 past
// the REST limit, the stream left unread), batches are refused whole with nothing run or
// audited, GET/DELETE are 405 (so the SDK client does not reconnect in a loop), what a key is
// shown matches what it may do, and "check now" is limited per key on MCP and REST alike.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import * as checkRoute from "@/app/api/clients/[clientId]/check/route";
import * as mcpRoute from "@/app/api/mcp/route";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/responses";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { serveRoutes } from "@/test/support/route-server";

const ACCEPT = "application/json, text/event-stream";
const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } };

/** A fake client system that counts the requests it gets. */
async function countingSystem() {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "healthy" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`,
    hits: () => hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describeEachDatabase("MCP transport", (get) => {
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let key: string;
  let gets = 0;
  const clients: Client[] = [];
  const auditCount = () => get().database.prisma.auditLog.count();

  async function connect(apiKey: string): Promise<Client> {
    const client = new Client({ name: "transport-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(apiKey) } }));
    clients.push(client);
    return client;
  }
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/mcp`, { method: "POST", headers: { "content-type": "application/json", accept: ACCEPT, ...bearer(key), ...headers }, body });

  beforeAll(async () => {
    setProcessDatabase(get().database);
    key = await newApiKey(get().database.prisma, { name: "transport-test" });
    // The route module as Next.js serves it, with GETs counted (the SDK client's stream attempts).
    server = await serveRoutes({
      "/api/mcp": {
        POST: mcpRoute.POST,
        GET: (request: Request) => {
          gets++;
          return (mcpRoute.GET as (r: Request) => Promise<Response>)(request);
        },
        DELETE: mcpRoute.DELETE,
      },
    });
  });
  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => {});
    await server?.close();
  });

  it("a streamed body past the REST limit is a 413, and the reader stops at the limit (the rest is never pulled)", async () => {
    const CHUNK = 64 * 1024;
    const TOTAL = 64 * 1024 * 1024; // a 64 MB request body
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= TOTAL) return controller.close();
          pulled += CHUNK;
          controller.enqueue(new Uint8Array(CHUNK).fill(0x20)); // JSON whitespace: valid right up to the limit
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://127.0.0.1:3000/api/mcp", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", "content-type": "application/json", accept: ACCEPT, ...bearer(key) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await mcpRoute.POST(request);
    expect(res.status).toBe(413);
    expect(pulled).toBeGreaterThan(MAX_JSON_BODY_BYTES);
    expect(pulled).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + CHUNK); // measured: exactly the limit plus one chunk
    expect(await res.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { message: "Request body is larger than 1024 KB" } }); // the REST limit and wording
  });

  it("a declared Content-Length past the limit is a 413 without reading the body; a body within it is served", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled * 1024 > MAX_JSON_BODY_BYTES) return controller.close(); // as long as it says
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    }, { highWaterMark: 0 });
    const request = new Request("http://127.0.0.1:3000/api/mcp", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", "content-type": "application/json", accept: ACCEPT, "content-length": String(MAX_JSON_BODY_BYTES + 1), ...bearer(key) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await mcpRoute.POST(request)).status).toBe(413);
    expect(pulled).toBe(0);
    // Just under the limit (padded with whitespace) is still an ordinary request.
    const padded = JSON.stringify(initialize) + " ".repeat(MAX_JSON_BODY_BYTES - JSON.stringify(initialize).length);
    expect((await post(padded)).status).toBe(200);
  });

  it("the body is parsed once at the edge: invalid JSON and a non-JSON type are JSON-RPC errors", async () => {
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe(-32700);
    const text = await post(JSON.stringify(initialize), { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect((await text.json()).error.message).toMatch(/Content-Type: application\/json/);
  });

  it("a JSON-RPC batch is refused whole with a 400 and leaves no audit line, however long", async () => {
    const call = (i: number) => ({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "register_client", arguments: { client_data: {} } } });
    const before = await auditCount();
    const huge = await post(JSON.stringify(Array.from({ length: 5000 }, (_, i) => call(i))));
    expect(huge.status).toBe(400);
    const body = await huge.json();
    expect(body).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
    expect(body.error.message).toMatch(/batches are not supported/);
    expect(await auditCount()).toBe(before);

    // A small batch of valid calls: nothing in it runs either.
    const id = uniqueClientId("batch");
    const valid = { client_id: id, client_name: "Batch", systems: [{ name: "S", health_url: "https://s.example.com/health" }] };
    const small = await post(JSON.stringify([
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "register_client", arguments: { client_data: valid } } },
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "get_all_clients_status", arguments: {} } },
    ]));
    expect(small.status).toBe(400);
    expect(await get().database.prisma.client.count({ where: { clientId: id } })).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it("GET and DELETE are 405 with Allow: POST", async () => {
    for (const method of ["GET", "DELETE"]) {
      for (const headers of [{ accept: "text/event-stream", ...bearer(key) }, {}]) {
        const res = await fetch(`${server.url}/api/mcp`, { method, headers });
        expect(res.status, method).toBe(405);
        expect(res.headers.get("allow")).toBe("POST");
        expect((await res.json()).error.message).toMatch(/takes only POST/);
      }
    }
  });

  it("the SDK client, connected and idle, does not keep re-opening a GET stream", async () => {
    gets = 0;
    const client = await connect(key);
    expect((await client.callTool({ name: "get_all_clients_status", arguments: {} })).isError).toBeFalsy();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(gets).toBeLessThanOrEqual(1);
    await client.close();
  });

  it("each key is shown only the tools it can use, and told what it may do", async () => {
    const db = get().database.prisma;
    const own = uniqueClientId("bound");
    await registerClient({ ctx: get().ctx(), input: { client_id: own, client_name: "Bound", systems: [{ name: "S", health_url: "https://s.example.com/health" }] } });
    const bound = await connect(await newApiKey(db, { client_id: own }));
    expect((await bound.listTools()).tools.map((t) => t.name).sort()).toEqual(["acknowledge_alert", "alert_on_failures", "collect_metrics", "create_maintenance_window", "delete_report_schedule", "delete_threshold", "generate_client_reports", "get_all_clients_status", "get_performance_metrics", "get_system_health", "list_alerts", "list_maintenance_windows", "list_report_schedules", "list_reports", "list_thresholds", "run_health_check", "schedule_client_report", "update_threshold"]);
    expect(bound.getInstructions()).toContain(`bound to one client, client_id "${own}"`);
    expect(bound.getInstructions()).toMatch(/cannot register new clients/);
    const refused = (await bound.callTool({ name: "register_client", arguments: { client_data: {} } })) as CallToolResult;
    expect(refused.isError).toBe(true);

    const readOnly = await connect(await newApiKey(db, { scopes: ["read"] }));
    expect((await readOnly.listTools()).tools.map((t) => t.name).sort()).toEqual(["get_all_clients_status", "get_performance_metrics", "get_system_health", "list_alerts", "list_maintenance_windows", "list_report_schedules", "list_reports", "list_thresholds"]);
    expect(readOnly.getInstructions()).toMatch(/read-only/);

    const writer = await connect(key);
    expect((await writer.listTools()).tools.map((t) => t.name).sort()).toEqual(["acknowledge_alert", "alert_on_failures", "collect_metrics", "create_maintenance_window", "delete_report_schedule", "delete_threshold", "generate_client_reports", "get_all_clients_status", "get_performance_metrics", "get_system_health", "list_alerts", "list_maintenance_windows", "list_report_schedules", "list_reports", "list_thresholds", "register_client", "run_health_check", "schedule_client_report", "update_threshold"]);
    expect(writer.getInstructions()).toMatch(/may read and write/);
    expect(writer.getInstructions()).toMatch(/register_client adds a client/);
    expect(writer.getInstructions()).toMatch(/may start 30 of these a minute/);
  });

  let system: Awaited<ReturnType<typeof countingSystem>> | undefined;
  const savedLimit = process.env.CHECK_NOW_PER_MINUTE;
  afterEach(() => {
    if (savedLimit === undefined) delete process.env.CHECK_NOW_PER_MINUTE;
    else process.env.CHECK_NOW_PER_MINUTE = savedLimit;
    resetEnvCache();
  });
  afterAll(() => system?.close());

  it("run_health_check is limited per key, on MCP (isError) and REST (429) alike; other keys are not affected", async () => {
    process.env.CHECK_NOW_PER_MINUTE = "3";
    resetEnvCache();
    system = await countingSystem();
    const db = get().database.prisma;
    const id = uniqueClientId("limited");
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: "Limited", systems: [{ name: "API", health_url: system.url }] } });
    await db.client.update({ where: { clientId: id }, data: { allowPrivateTargets: true } }); // the fake system is on loopback

    const limitedKey = await newApiKey(db, { name: "limited-bot" });
    const mcp = await connect(limitedKey);
    expect(mcp.getInstructions()).toMatch(/may start 3 of these a minute/);
    const viaMcp = () => mcp.callTool({ name: "run_health_check", arguments: { client_id: id } }) as Promise<CallToolResult>;
    const viaRest = (apiKey: string) =>
      checkRoute.POST(new Request(`http://127.0.0.1:3000/api/clients/${id}/check`, { method: "POST", headers: { host: "127.0.0.1:3000", ...bearer(apiKey) } }), { params: Promise.resolve({ clientId: id }) });

    expect((await viaMcp()).isError).toBeFalsy();
    expect((await viaMcp()).isError).toBeFalsy();
    expect((await viaRest(limitedKey)).status).toBe(200); // the same key's third check, over REST
    expect(system.hits()).toBe(3);

    const rest = await viaRest(limitedKey);
    expect(rest.status).toBe(429);
    const retryAfter = Number(rest.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await rest.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/each API key may start 3 a minute; try again in \d+ s\./) });

    const refused = await viaMcp();
    expect(refused.isError).toBe(true);
    const error = JSON.parse((refused.content[0] as { text: string }).text).error;
    expect(error).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/try again in \d+ s/) });
    expect(error.retry_after_seconds).toBeGreaterThan(0);
    expect(system.hits()).toBe(3); // refused checks sent nothing out

    expect((await viaRest(await newApiKey(db))).status).toBe(200); // another key has its own allowance
    expect(system.hits()).toBe(4);
    // The refused MCP call is in the audit log like any other call.
    expect(await db.auditLog.findFirst({ where: { action: "mcp.tool_call", targetId: "run_health_check", success: false }, orderBy: { id: "desc" } })).toMatchObject({
      actorLabel: 'key "limited-bot"',
      summary: { error: "rate_limited" },
    });
  });
});
