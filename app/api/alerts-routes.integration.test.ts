// The alerts edges in-process with real Requests and an API key, on both databases: GET
// /api/alerts (firing first, then newest; filters; a bounded page with a cursor), GET
// /api/alerts/{id} (timeline and delivery log), POST /api/alerts/{id}/acknowledge, and MCP
// list_alerts / acknowledge_alert through the SDK's Client. Bad input is a 4xx naming the field
// (MCP: isError), never a 500. Who may call them is in role-matrix.integration.test.ts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enqueueAlertEvent } from "@/lib/alerts/outbox";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { serveRoutes } from "@/test/support/route-server";
import * as acknowledgeRoute from "./alerts/[id]/acknowledge/route";
import * as alertRoute from "./alerts/[id]/route";
import * as alertsRoute from "./alerts/route";
import * as summaryRoute from "./dashboard/summary/route";
import * as mcpRoute from "./mcp/route";

const BASE = "http://127.0.0.1:3000";
let key = "";
const request = (method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: { host: "127.0.0.1:3000", ...bearer(key), ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

describeEachDatabase("REST and MCP: alerts", (getDb) => {
  let clientId: string;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let mcp: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    setProcessDatabase(getDb().database);
    const db = getDb().database.prisma;
    key = await newApiKey(db);
    clientId = uniqueClientId("alerts-rest");
    await registerClient({ ctx: getDb().ctx(), input: { client_id: clientId, client_name: "Alerts REST", systems: [{ name: "API", health_url: "https://a.example.com/health" }] } });
    const client = await db.client.findUniqueOrThrow({ where: { clientId }, include: { systems: true } });
    const t0 = Date.UTC(2026, 11, 1, 9, 0, 0);
    const make = (name: string, minutes: number, data: { state?: "firing" | "resolved"; severity?: string }) =>
      db.alert.create({
        data: {
          clientRef: client.id,
          systemId: client.systems[0]!.id,
          severity: data.severity ?? "warning",
          metric: "status",
          comparison: "greater_or_equal",
          thresholdValue: 2,
          observedValue: 2,
          message: `API: ${name}`,
          state: data.state ?? "firing",
          startedAt: new Date(t0 + minutes * 60_000),
          resolvedAt: data.state === "resolved" ? new Date(t0 + (minutes + 5) * 60_000) : null,
        },
      });
    // Oldest firing, a newer resolved one, a newest firing critical: firing first, then newest.
    ids.oldFiring = (await make("old firing", 0, {})).id;
    ids.resolved = (await make("resolved", 30, { state: "resolved" })).id;
    ids.newFiring = (await make("new firing", 60, { severity: "critical" })).id;
    const channel = await db.alertChannel.create({ data: { type: "webhook", name: "hook", destination: "https://example.com/hook" } });
    await db.alertEvent.create({ data: { alertId: ids.newFiring, at: new Date(t0 + 60 * 60_000), kind: "firing", detail: "API: status down" } });
    await db.$transaction((tx) => enqueueAlertEvent(tx, { alertId: ids.newFiring, clientRef: client.id, eventKey: "firing", channelIds: [channel.id], at: new Date(t0 + 60 * 60_000) }));
    server = await serveRoutes({ "/api/mcp": mcpRoute });
    mcp = new Client({ name: "alerts-test", version: "1.0.0" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
  });
  afterAll(async () => {
    await mcp?.close();
    await server?.close();
  });

  it("GET /api/alerts: firing first, then newest; filters by client, severity, state and acknowledgement; pages with a cursor", async () => {
    const list = async (q: string) => {
      const res = await alertsRoute.GET(request("GET", `/api/alerts?client_id=${clientId}${q}`));
      expect(res.status, q).toBe(200);
      return res.json() as Promise<{ alerts: { id: string }[]; firing_count: number; next_cursor: string | null }>;
    };
    const all = await list("");
    expect(all.alerts.map((a) => a.id)).toEqual([ids.newFiring, ids.oldFiring, ids.resolved]);
    expect(all.firing_count).toBe(2);
    expect((await list("&state=resolved")).alerts.map((a) => a.id)).toEqual([ids.resolved]);
    expect((await list("&state=firing&severity=critical")).alerts.map((a) => a.id)).toEqual([ids.newFiring]);
    expect((await list("&acknowledged=true")).alerts).toEqual([]);
    const first = await list("&limit=2");
    expect(first.alerts.map((a) => a.id)).toEqual([ids.newFiring, ids.oldFiring]);
    const second = await list(`&limit=2&cursor=${first.next_cursor}`);
    expect(second.alerts.map((a) => a.id)).toEqual([ids.resolved]);
    expect(second.next_cursor).toBeNull();
  });

  it("the dashboard summary and MCP get_all_clients_status rows carry the client's alert badge", async () => {
    const res = await summaryRoute.GET(request("GET", "/api/dashboard/summary?limit=500"));
    expect(res.status).toBe(200);
    const row = ((await res.json()).clients as { client_id: string; alerts: unknown }[]).find((c) => c.client_id === clientId);
    expect(row?.alerts).toEqual({ firing: 2, critical: 1, unacknowledged: 2 });
    const viaMcp = (await mcp.callTool({ name: "get_all_clients_status", arguments: {} })) as CallToolResult;
    expect(viaMcp.isError).toBeFalsy();
    const mcpRow = (viaMcp.structuredContent as { clients: { client_id: string; alerts: unknown }[] }).clients.find((c) => c.client_id === clientId);
    expect(mcpRow?.alerts).toEqual({ firing: 2, critical: 1, unacknowledged: 2 });
    // Over MCP the badge is said only where something fires (an assistant's context is small);
    // REST keeps it on every row.
    const quiet = uniqueClientId("alerts-quiet");
    await registerClient({ ctx: getDb().ctx(), input: { client_id: quiet, client_name: "Quiet", systems: [{ name: "API", health_url: "https://q.example.com/health" }] } });
    const again = (await mcp.callTool({ name: "get_all_clients_status", arguments: {} })) as CallToolResult;
    const quietRow = (again.structuredContent as { clients: { client_id: string; alerts?: unknown }[] }).clients.find((c) => c.client_id === quiet);
    expect(quietRow).toBeDefined();
    expect(quietRow).not.toHaveProperty("alerts");
    const restRows = (await (await summaryRoute.GET(request("GET", "/api/dashboard/summary?limit=500"))).json()).clients as { client_id: string; alerts: unknown }[];
    expect(restRows.find((c) => c.client_id === quiet)?.alerts).toEqual({ firing: 0, critical: 0, unacknowledged: 0 });
  });

  it("bad input: 422 naming the parameter, unknown client or alert 404, never a 500", async () => {
    for (const [q, field] of [
      ["state=open", "state"],
      ["severity=fatal", "severity"],
      ["acknowledged=maybe", "acknowledged"],
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["cursor=bogus", "cursor"],
      ["colour=red", "colour"],
    ] as const) {
      const res = await alertsRoute.GET(request("GET", `/api/alerts?${q}`));
      expect(res.status, q).toBe(422);
      const body = await res.json();
      expect(body.error.issues.map((i: { path: string }) => i.path), q).toContain(field);
    }
    expect((await alertsRoute.GET(request("GET", "/api/alerts?client_id=no-such-client-xyz"))).status).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await alertRoute.GET(request("GET", `/api/alerts/${unknown}`), idParams(unknown))).status).toBe(404);
    const malformed = await alertRoute.GET(request("GET", "/api/alerts/not-a-uuid"), idParams("not-a-uuid"));
    expect(malformed.status).toBe(422);
    expect((await malformed.json()).error.issues[0].path).toBe("alert_id");
    expect((await acknowledgeRoute.POST(request("POST", `/api/alerts/${unknown}/acknowledge`), idParams(unknown))).status).toBe(404);
    const extra = await acknowledgeRoute.POST(request("POST", `/api/alerts/${ids.oldFiring}/acknowledge`, { nope: 1 }), idParams(ids.oldFiring));
    expect(extra.status).toBe(422);
    expect((await extra.json()).error.issues[0].path).toBe("nope");
    const resolved = await acknowledgeRoute.POST(request("POST", `/api/alerts/${ids.resolved}/acknowledge`), idParams(ids.resolved));
    expect(resolved.status).toBe(409);
  });

  it("GET /api/alerts/{id}: the timeline and the delivery log through notification items", async () => {
    const res = await alertRoute.GET(request("GET", `/api/alerts/${ids.newFiring}`), idParams(ids.newFiring));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: ids.newFiring, client_id: clientId, system: "API", state: "firing", severity: "critical" });
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual(["firing"]);
    expect(body.deliveries).toHaveLength(1);
    expect(body.deliveries[0]).toMatchObject({ state: "pending", kind: "alert", alert_ids: [ids.newFiring], channel: { type: "webhook", name: "hook" }, log: [] });
    expect(JSON.stringify(body)).not.toContain("example.com/hook");
  });

  it("MCP list_alerts (firing first, filters) and acknowledge_alert (who and when; isError on bad input)", async () => {
    const listed = (await mcp.callTool({ name: "list_alerts", arguments: { client_id: clientId, state: "firing" } })) as CallToolResult;
    expect(listed.isError).toBeFalsy();
    expect((listed.structuredContent as { alerts: { id: string }[] }).alerts.map((a) => a.id)).toEqual([ids.newFiring, ids.oldFiring]);
    const bad = (await mcp.callTool({ name: "list_alerts", arguments: { state: "open" } })) as CallToolResult;
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("state");
    const ack = (await mcp.callTool({ name: "acknowledge_alert", arguments: { alert_id: ids.oldFiring, note: "looking" } })) as CallToolResult;
    expect(ack.isError).toBeFalsy();
    expect((ack.structuredContent as { alert: { acknowledged_by: string; acknowledged_at: string } }).alert.acknowledged_by).toMatch(/^key "/);
    const detail = await (await alertRoute.GET(request("GET", `/api/alerts/${ids.oldFiring}`), idParams(ids.oldFiring))).json();
    expect(detail.events.at(-1)).toMatchObject({ kind: "acknowledged", detail: "acknowledged: looking" });
    const missing = (await mcp.callTool({ name: "acknowledge_alert", arguments: { alert_id: "00000000-0000-4000-8000-000000000000" } })) as CallToolResult;
    expect(missing.isError).toBe(true);
  });
});
