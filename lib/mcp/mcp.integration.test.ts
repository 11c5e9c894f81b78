// The MCP edge through the SDK's own Client over real HTTP, against the route handler that
// `next start` serves, on both databases.
import { request as httpRequest } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as mcpRoute from "@/app/api/mcp/route";
import { allClientsStatusOutputSchema, clientOutputSchema } from "@/lib/clients/schemas";
import { setProcessDatabase } from "@/lib/db/client";
import { systemHealthOutputSchema } from "@/lib/monitoring/get-system-health";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { serveRoutes } from "@/test/support/route-server";
import { createMcpServer } from "./server";

function errorOf(result: CallToolResult) {
  expect(result.isError).toBe(true);
  const text = (result.content[0] as { text: string }).text;
  expect(text).not.toMatch(/\n\s+at /);
  return text;
}

function rawPost(url: string, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } });
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describeEachDatabase("MCP endpoint", (get) => {
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let client: Client;
  let key: string;

  beforeAll(async () => {
    setProcessDatabase(get().database);
    key = await newApiKey(get().database.prisma, { name: "mcp-test" });
    server = await serveRoutes({ "/api/mcp": mcpRoute });
    client = new Client({ name: "clientpulse-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it("initializes as clientpulse and lists the tools with input and output schemas", async () => {
    expect(client.getServerVersion()?.name).toBe("clientpulse");
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(["acknowledge_alert", "alert_on_failures", "collect_metrics", "create_maintenance_window", "delete_report_schedule", "delete_threshold", "generate_client_reports", "get_all_clients_status", "get_performance_metrics", "get_system_health", "list_alerts", "list_maintenance_windows", "list_report_schedules", "list_reports", "list_thresholds", "register_client", "run_health_check", "schedule_client_report", "update_threshold"]);
    expect(byName.collect_metrics.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
    expect(byName.collect_metrics.inputSchema).toMatchObject({ required: ["client_id"], additionalProperties: false });
    expect(byName.collect_metrics.outputSchema?.properties).toHaveProperty("systems");
    expect(byName.get_all_clients_status.annotations?.readOnlyHint).toBe(true);
    expect(byName.register_client.annotations?.readOnlyHint).toBe(false);
    expect(byName.register_client.inputSchema.required).toEqual(["client_data"]);
    const clientData = (byName.register_client.inputSchema.properties as Record<string, { properties: Record<string, unknown> }>).client_data;
    expect(Object.keys(clientData.properties)).toEqual(expect.arrayContaining(["client_id", "client_name", "systems", "automation_systems", "monitoring_endpoints", "time_zone", "hourly_rate", "currency"]));
    expect(byName.get_all_clients_status.outputSchema?.properties).toHaveProperty("overall_summary");
  });

  it("register_client (seed shape) returns the client as structured content and text", async () => {
    const id = uniqueClientId("mcp");
    const result = (await client.callTool({
      name: "register_client",
      arguments: {
        client_data: {
          client_id: id,
          client_name: "TNT Limousine",
          industry: "Transportation",
          automation_systems: ["Lead Processing System", "Booking Management"],
          monitoring_endpoints: ["https://tnt-api.example.com", "https://tnt-booking.example.com"],
          contact_email: "operations@tntlimo.com",
        },
      },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const data = clientOutputSchema.parse(result.structuredContent);
    expect(data.systems.map((s) => s.health_url)).toEqual(["https://tnt-api.example.com/health", "https://tnt-booking.example.com/health"]);
    expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
    expect(await get().database.prisma.client.count({ where: { clientId: id } })).toBe(1);
  });

  it("get_all_clients_status returns the seed's shape and includes the new client", async () => {
    const id = uniqueClientId("mcp-all");
    await client.callTool({ name: "register_client", arguments: { client_data: { client_id: id, client_name: "All", systems: [{ name: "S", health_url: "https://s.example.com/health" }] } } });
    const result = (await client.callTool({ name: "get_all_clients_status", arguments: { include_inactive: false } })) as CallToolResult;
    const data = allClientsStatusOutputSchema.parse(result.structuredContent);
    expect(data.clients.find((c) => c.client_id === id)).toMatchObject({ client_name: "All", overall_status: "unknown", systems_count: 1 });
    expect(data.total_clients).toBeGreaterThanOrEqual(1);
  });

  it("bad input is an isError result naming the field, and nothing is written", async () => {
    const before = await get().database.prisma.client.count();
    const missing = errorOf((await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), systems: [{ name: "A", health_url: "https://a.test" }] } } })) as CallToolResult);
    expect(missing).toContain("client_name");
    const badUrl = errorOf((await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), client_name: "X", systems: [{ name: "A", health_url: "gopher://a.test" }] } } })) as CallToolResult);
    expect(badUrl).toContain("health_url");
    expect(badUrl).toContain("http:// or https://");
    const wrongType = errorOf((await client.callTool({ name: "register_client", arguments: { client_data: "tnt" } })) as CallToolResult);
    expect(wrongType).toContain("client_data");
    const emptySystems = errorOf((await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), client_name: "X", systems: [] } } })) as CallToolResult);
    expect(emptySystems).toContain("systems");
    expect(await get().database.prisma.client.count()).toBe(before);
  });

  it("an unknown or misplaced argument is an isError naming it (never dropped), and nothing is written", async () => {
    const before = await get().database.prisma.client.count();
    const system = { name: "A", health_url: "https://a.example.com/health" };
    const misplaced = errorOf(
      (await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), client_name: "X", systems: [{ ...system, interval: 30 }] } } })) as CallToolResult,
    );
    const issues = (text: string) => JSON.parse(text).error.issues as { path: string; message: string }[];
    expect(issues(misplaced)).toEqual([{ path: "client_data.systems.0.interval", message: '"interval" is not a known field' }]);
    const topLevel = errorOf(
      (await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), client_name: "X", systems: [system] }, interval: 30 } })) as CallToolResult,
    );
    expect(issues(topLevel)).toEqual([{ path: "interval", message: '"interval" is not a known field' }]);
    const inClient = errorOf(
      (await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), client_name: "X", industy: "Retail", systems: [system] } } })) as CallToolResult,
    );
    expect(issues(inClient)).toEqual([{ path: "client_data.industy", message: '"industy" is not a known field' }]);
    const start = errorOf((await client.callTool({ name: "get_system_health", arguments: { client_id: "acme-001", start: "2026-01-01T00:00:00Z" } })) as CallToolResult);
    expect(issues(start)).toEqual([{ path: "start", message: '"start" is not a known field' }]);
    const nul = errorOf((await client.callTool({ name: "register_client", arguments: { client_data: { client_id: uniqueClientId("x"), client_name: "X\u0000", systems: [system] } } })) as CallToolResult);
    expect(issues(nul)).toEqual([{ path: "client_data.client_name", message: "must not contain NUL characters or unpaired UTF-16 surrogates" }]);
    expect(await get().database.prisma.client.count()).toBe(before);
    // What tools/list shows says so too.
    const { tools } = await client.listTools();
    const register = tools.find((t) => t.name === "register_client")!.inputSchema as unknown as { additionalProperties?: unknown; properties: { client_data: { additionalProperties?: unknown; properties: { systems: { items: { additionalProperties?: unknown } } } } } };
    expect(register.additionalProperties).toBe(false);
    expect(register.properties.client_data.additionalProperties).toBe(false);
    expect(register.properties.client_data.properties.systems.items.additionalProperties).toBe(false);
    for (const tool of tools) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
  });

  it("a duplicate client_id is an isError conflict", async () => {
    const id = uniqueClientId("mcp-dup");
    const args = { client_data: { client_id: id, client_name: "Dup", systems: [{ name: "A", health_url: "https://a.test/health" }] } };
    expect(((await client.callTool({ name: "register_client", arguments: args })) as CallToolResult).isError).toBeFalsy();
    const text = errorOf((await client.callTool({ name: "register_client", arguments: args })) as CallToolResult);
    expect(JSON.parse(text).error).toMatchObject({ code: "conflict", issues: [{ path: "client_id" }] });
  });

  it("get_system_health returns the seed's shape, and an unknown client is an isError", async () => {
    const id = uniqueClientId("mcp-health");
    await client.callTool({ name: "register_client", arguments: { client_data: { client_id: id, client_name: "Health", systems: [{ name: "S", health_url: "https://s.example.com/health" }] } } });
    const result = (await client.callTool({ name: "get_system_health", arguments: { client_id: id } })) as CallToolResult;
    const data = systemHealthOutputSchema.parse(result.structuredContent);
    expect(data).toMatchObject({ client_id: id, overall_status: "unknown", summary: { total_systems: 1, unknown_systems: 1, avg_response_time: null } });
    expect(data.systems[0]).toMatchObject({ system_name: "S", status: "unknown", uptime: { "24h": null, "30d": null }, last_state_change: null, status_rule: null, misconfigured: null });
    const missing = errorOf((await client.callTool({ name: "get_system_health", arguments: { client_id: "no-such-client" } })) as CallToolResult);
    expect(JSON.parse(missing).error.code).toBe("not_found");
  });

  it("an unknown tool is an error, not a crash", async () => {
    const result = (await client.callTool({ name: "drop_all_clients", arguments: {} })) as CallToolResult;
    expect(JSON.parse(errorOf(result)).error.code).toBe("not_found");
  });

  it("refuses a foreign Origin and a foreign Host with 403 (DNS rebinding), accepts loopback", async () => {
    const url = `${server.url}/api/mcp`;
    const port = new URL(server.url).port;
    expect(await rawPost(url, { origin: "https://evil.example.com" })).toBe(403);
    expect(await rawPost(url, { host: "evil.example.com", origin: "http://evil.example.com" })).toBe(403);
    expect(await rawPost(url, { origin: "null" })).toBe(403);
    expect(await rawPost(url, { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, ...bearer(key) })).toBe(200);
    expect(await rawPost(url, { host: `localhost:${port}`, ...bearer(key) })).toBe(200);
  });

  it("without a valid API key: 401 with a Bearer challenge", async () => {
    const url = `${server.url}/api/mcp`;
    expect(await rawPost(url, {})).toBe(401);
    expect(await rawPost(url, { authorization: "Bearer cpk_not-a-real-key" })).toBe(401);
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{}" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="ClientPulse"/);
  });

  it("records every tool call in the audit log with the key's name", async () => {
    await client.callTool({ name: "get_all_clients_status", arguments: {} });
    const row = await get().database.prisma.auditLog.findFirst({ where: { action: "mcp.tool_call", targetId: "get_all_clients_status" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorType: "mcp", actorLabel: 'key "mcp-test"', success: true });
    expect((row?.summary as { duration_ms: number }).duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("a read-only caller is not shown write tools, and a write call is refused", async () => {
    const server = createMcpServer(get().ctx({ scopes: ["read"] }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const ro = new Client({ name: "ro", version: "1" });
    await ro.connect(b);
    expect((await ro.listTools()).tools.map((t) => t.name)).toEqual(["get_all_clients_status", "get_system_health", "get_performance_metrics", "list_thresholds", "list_alerts", "list_maintenance_windows", "list_reports", "list_report_schedules"]);
    const result = (await ro.callTool({ name: "register_client", arguments: { client_data: {} } })) as CallToolResult;
    expect(JSON.parse(errorOf(result)).error.code).toBe("forbidden");
    await ro.close();
  });
});
