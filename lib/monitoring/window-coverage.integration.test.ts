// Honest windows (issue #9): a client watched for ten minutes has every uptime figure reported
// with the span it covers — on the dashboard rows (verb), GET /api/dashboard/summary, GET
// /api/client/{id}/details, MCP get_all_clients_status and get_system_health (the SDK's own
// Client) — and never as a figure over the full window; a client never checked has null
// figures, not 100 %. On both databases. Real time: the REST edge runs on the system clock.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, expect, it } from "vitest";
import * as detailsRoute from "@/app/api/client/[clientId]/details/route";
import * as summaryRoute from "@/app/api/dashboard/summary/route";
import { registerClient } from "@/lib/clients/register-client";
import type { ClientStatusRow, UptimeFigure } from "@/lib/clients/schemas";
import { setProcessDatabase } from "@/lib/db/client";
import { createMcpServer } from "@/lib/mcp/server";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { probeReport } from "@/test/support/probes";
import type { SystemHealth } from "./get-system-health";
import { recordCheck } from "./record-check";

const MIN = 60_000;
const DAY = 86_400_000;

describeEachDatabase("honest uptime windows", (get) => {
  let young: string;
  let fresh: string;
  let firstCheck: Date;
  let auth: Record<string, string>;

  beforeAll(async () => {
    setProcessDatabase(get().database);
    auth = bearer(await newApiKey(get().database.prisma));
    young = uniqueClientId("young");
    fresh = uniqueClientId("fresh");
    const ctx = get().ctx();
    for (const [id, name] of [[young, "Young Co"], [fresh, "Fresh Co"]] as const) {
      await registerClient({ ctx, input: { client_id: id, client_name: name, systems: [{ name: "API", health_url: `https://${id}.example.com/health` }] } });
    }
    const system = await get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId: young } } });
    // Ten minutes of one-minute checks, all healthy, ending now.
    const now = Date.now();
    firstCheck = new Date(now - 10 * MIN);
    for (let i = 0; i <= 10; i++) await recordCheck(ctx, system, probeReport("healthy", 120 + i * 7), new Date(firstCheck.getTime() + i * MIN));
  }, 120_000);

  /** A figure over `windowMs` that started at the first check: its coverage is the watched share, never 1. */
  function expectYoung(figure: UptimeFigure, windowMs: number) {
    expect(figure).not.toBeNull();
    expect(figure!.pct).toBe(100);
    expect(figure!.covered_from).toBe(firstCheck.toISOString());
    expect(figure!.coverage).toBeLessThan(1);
    // Watched for ten minutes (plus the seconds this test takes), rounded down to 4 decimals but never to 0.
    expect(figure!.coverage).toBeGreaterThanOrEqual(Math.max(0.0001, Math.floor(((10 * MIN) / windowMs) * 10_000) / 10_000));
    expect(figure!.coverage).toBeLessThanOrEqual(Math.max(0.0001, (12 * MIN) / windowMs));
  }

  function expectRows(rows: ClientStatusRow[]) {
    const y = rows.find((c) => c.client_id === young)!;
    expectYoung(y.uptime_24h, DAY);
    expectYoung(y.uptime_30d, 30 * DAY);
    expect(y.uptime_30d!.coverage).toBe(0.0002);
    expect(y.p95_approximate).toBe(true);
    const f = rows.find((c) => c.client_id === fresh)!;
    expect(f.uptime_24h).toBeNull();
    expect(f.uptime_30d).toBeNull();
  }

  function expectHealth(h: SystemHealth, fresh = false) {
    const api = h.systems[0]!;
    if (fresh) {
      for (const w of ["24h", "7d", "30d", "90d", "quarter"] as const) expect(api.uptime[w]).toBeNull();
      expect(api.uptime_percentage).toBeNull();
      return;
    }
    expectYoung(api.uptime["24h"], DAY);
    expectYoung(api.uptime["7d"], 7 * DAY);
    expectYoung(api.uptime["30d"], 30 * DAY);
    expectYoung(api.uptime["90d"], 90 * DAY);
    expect(api.uptime.quarter!.covered_from).toBe(firstCheck.toISOString());
    expect(api.uptime.quarter!.coverage).toBeLessThan(0.01);
    expect(api.uptime_percentage).toBe(100); // the seed's 30-day number; its span is uptime["30d"]
    // Exact from the raw checks: 11 samples 120 … 190 ms, nearest-rank p95 = the 11th.
    expect(api.latency_24h).toMatchObject({ p50: 155, p95: 190, checks: 11, approximate: false });
  }

  it("REST: the dashboard summary and the client details carry the covered span", async () => {
    const res = await summaryRoute.GET(new Request("http://127.0.0.1:3000/api/dashboard/summary?include_inactive=true", { headers: auth }));
    expect(res.status).toBe(200);
    expectRows((await res.json()).clients);
    for (const [id, isFresh] of [[young, false], [fresh, true]] as const) {
      const r = await detailsRoute.GET(new Request(`http://127.0.0.1:3000/api/client/${id}/details`, { headers: auth }), { params: Promise.resolve({ clientId: id }) });
      expect(r.status).toBe(200);
      expectHealth((await r.json()).health, isFresh);
    }
  });

  it("MCP: get_all_clients_status and get_system_health return the covered span beside each figure", async () => {
    const server = createMcpServer(get().ctx({ scopes: ["read"] }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: "coverage-test", version: "1" });
    await client.connect(b);
    try {
      const all = (await client.callTool({ name: "get_all_clients_status", arguments: {} })) as CallToolResult;
      expect(all.isError).toBeFalsy();
      expectRows((all.structuredContent as { clients: ClientStatusRow[] }).clients);
      // The text an assistant reads says it too.
      const text = (all.content[0] as { text: string }).text;
      expect(text).toContain(`"covered_from":"${firstCheck.toISOString()}"`);
      for (const [id, isFresh] of [[young, false], [fresh, true]] as const) {
        const h = (await client.callTool({ name: "get_system_health", arguments: { client_id: id } })) as CallToolResult;
        expect(h.isError).toBeFalsy();
        expectHealth(h.structuredContent as SystemHealth, isFresh);
      }
    } finally {
      await client.close();
    }
  });
});
