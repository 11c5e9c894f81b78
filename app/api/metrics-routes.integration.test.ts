// The metrics REST edges in-process with real Requests and an API key, on both databases:
// GET /api/client/{id}/metrics (JSON and CSV), the metrics inside /details, the automation
// series of /api/system/trends, GET /api/metrics/portfolio, and MCP get_performance_metrics
// through the SDK's Client: the seed's shape, bad parameters as 422 naming the parameter (MCP:
// isError). Who may call them is in role-matrix.integration.test.ts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { serveRoutes } from "@/test/support/route-server";
import * as detailsRoute from "./client/[clientId]/details/route";
import * as metricsRoute from "./client/[clientId]/metrics/route";
import * as mcpRoute from "./mcp/route";
import * as portfolioRoute from "./metrics/portfolio/route";
import * as trendsRoute from "./system/trends/route";

const BASE = "http://127.0.0.1:3000";
let key = "";
const get = (path: string) => new Request(`${BASE}${path}`, { headers: { host: "127.0.0.1:3000", ...bearer(key) } });
const params = (clientId: string) => ({ params: Promise.resolve({ clientId }) });

describeEachDatabase("REST and MCP: metrics", (getDb) => {
  let id: string;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let mcp: Client;
  const HOUR = 3_600_000;
  // The seed is relative to this hour and the 24 h window to the clock: a run that crossed the
  // next hour boundary would move the window off the seed, so a start in an hour's last two
  // minutes waits for the next hour (the file runs in well under a minute).
  let thisHour = 0;

  beforeAll(async () => {
    const toNextHour = HOUR - (Date.now() % HOUR);
    if (toNextHour < 120_000) await new Promise((r) => setTimeout(r, toNextHour + 1_000));
    thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    setProcessDatabase(getDb().database);
    key = await newApiKey(getDb().database.prisma);
    id = uniqueClientId("metrics-rest");
    await registerClient({ ctx: getDb().ctx(), input: { client_id: id, client_name: "Metrics REST", systems: [{ name: "API", health_url: "https://m.example.com/health" }] } });
    const system = await getDb().database.prisma.system.findFirstOrThrow({ where: { client: { clientId: id } } });
    // The last 48 complete hours: 10 automations an hour, 9 successful, 25 cents.
    await seedHourlyRollups(getDb().database.prisma, system.id, new Date(thisHour - 48 * HOUR), 48, { total: 10, successful: 9, costCents: 25, processing: "20" });
    await rollDaysUp(getDb().database.prisma, system.id, "UTC");
    server = await serveRoutes({ "/api/mcp": mcpRoute });
    mcp = new Client({ name: "metrics-test", version: "1.0.0" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
  }, 180_000);
  afterAll(async () => {
    await mcp?.close();
    await server?.close();
  });

  it("GET /api/client/{id}/metrics?timeframe=24h: the seed's shape with coverage", async () => {
    const res = await metricsRoute.GET(get(`/api/client/${id}/metrics?timeframe=24h`), params(id));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      client_id: id,
      timeframe: "24h",
      period: { hours: 24 },
      metrics: { total_automations: 240, successful_automations: 216, success_rate: 90, avg_processing_time: 2, cost_savings: 6, roi_metrics: { hourly_rate: 25 } },
      trends: { automation_volume_trend: 0, success_rate_trend: 0, performance_direction: "stable" },
      coverage: { covered_share: 1, systems_total: 1, systems_reporting: 1 },
    });
  });

  it("bad parameters: 422 naming the parameter", async () => {
    const issue = async (query: string) => {
      const res = await metricsRoute.GET(get(`/api/client/${id}/metrics${query}`), params(id));
      expect(res.status, query).toBe(422);
      return (await res.json()).error.issues.map((i: { path: string }) => i.path);
    };
    expect(await issue("?timeframe=2w")).toEqual(["timeframe"]);
    expect(await issue("?start=2026-11-01")).toEqual(["end"]);
    expect(await issue("?start=2026-11-01&end=bad")).toEqual(["end"]);
    expect(await issue("?start=2024-01-01&end=2026-01-01")).toEqual(["end"]);
    expect(await issue("?timeframe=7d&start=2026-11-01&end=2026-11-02")).toEqual(["timeframe"]);
    expect(await issue("?format=xml")).toEqual(["format"]);
    expect(await issue("?days=7")).toEqual(["days"]);
    expect(await issue("?format=csv")).toEqual(expect.arrayContaining(["start", "end"]));
    const missing = await metricsRoute.GET(get(`/api/client/nobody-here/metrics`), params("nobody-here"));
    expect(missing.status).toBe(404);
  });

  it("CSV download: attachment with a file name, one line per day and system plus totals", async () => {
    const day = new Date(thisHour - 48 * HOUR).toISOString().slice(0, 10);
    const end = new Date(thisHour + 24 * HOUR).toISOString().slice(0, 10);
    const res = await metricsRoute.GET(get(`/api/client/${id}/metrics?format=csv&start=${day}&end=${end}`), params(id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="clientpulse-${id}-metrics-${day}-to-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^"date","system","total_automations"/);
    const totals = lines.filter((l) => l.includes("(all systems)")).map((l) => Number(l.split(",")[2]));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(480);
  });

  it("details carry 30-day metrics; trends carry daily automations; the portfolio counts them", async () => {
    const details = await (await detailsRoute.GET(get(`/api/client/${id}/details`), params(id))).json();
    expect(details.metrics).toMatchObject({ timeframe: "30d", metrics: { total_automations: 480 } });
    const trends = await (await trendsRoute.GET(get("/api/system/trends?days=5"))).json();
    expect(trends.days).toHaveLength(5);
    expect(trends.days[0]).toHaveProperty("automations");
    // Covered hours of the seeded client are part of each day's share (the only client in this database with reports).
    const coveredDays = trends.days.filter((d: { automations_covered_share: number }) => d.automations_covered_share > 0);
    expect(coveredDays.length).toBeGreaterThan(0);
    const mine = trends.clients.find((c: { client_id: string }) => c.client_id === id);
    expect(mine.automations.reduce((a: number, b: number) => a + b, 0)).toBe(480);
    expect(mine.success_rate.filter((r: number | null) => r !== null).every((r: number) => r === 90)).toBe(true);
    // Exact counts per client and day for the dashboard's hover, and which days it reported (a gap is not a zero).
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(mine.successful_automations)).toBe(432);
    expect(sum(mine.failed_automations)).toBe(48);
    expect(mine.successful_automations).toEqual(mine.automations.map((t: number) => (t * 9) / 10));
    expect(mine.reported).toEqual(mine.automations.map((t: number) => t > 0));
    expect(mine.reported[0]).toBe(false); // five days ago: nothing seeded
    expect(trends.summary.automations).toBeGreaterThanOrEqual(480);
    const portfolio = await portfolioRoute.GET(get("/api/metrics/portfolio?timeframe=7d"));
    expect(portfolio.status).toBe(200);
    expect((await portfolio.json()).by_client.find((c: { client_id: string }) => c.client_id === id)).toMatchObject({ total_automations: 480, currency: "USD" });
    expect((await portfolioRoute.GET(get("/api/metrics/portfolio?timeframe=1d"))).status).toBe(422);
    expect((await (await portfolioRoute.GET(get("/api/metrics/portfolio?days=7"))).json()).error.issues).toEqual([expect.objectContaining({ path: "days" })]);
  });

  it("MCP get_performance_metrics: structured content in the seed's shape; bad arguments are isError results naming the field", async () => {
    const { tools } = await mcp.listTools();
    const tool = tools.find((t) => t.name === "get_performance_metrics")!;
    expect(tool.annotations?.readOnlyHint).toBe(true);
    const props = tool.inputSchema.properties as Record<string, { description?: string }>;
    for (const name of ["client_id", "timeframe", "start", "end"]) expect(props[name].description, name).toBeTruthy();
    const ok = (await mcp.callTool({ name: "get_performance_metrics", arguments: { client_id: id, timeframe: "7d" } })) as CallToolResult;
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toMatchObject({ client_id: id, metrics: { total_automations: 480, roi_metrics: { time_saved_hours: 0 } }, trends: { performance_direction: "stable" } });
    for (const [args, path] of [
      [{ client_id: id, timeframe: "1y" }, "timeframe"],
      [{ client_id: id, start: "2026-11-01" }, "end"],
      [{ client_id: id, bogus: 1 }, "bogus"],
    ] as const) {
      const bad = (await mcp.callTool({ name: "get_performance_metrics", arguments: args })) as CallToolResult;
      expect(bad.isError, JSON.stringify(args)).toBe(true);
      expect((bad.content[0] as { text: string }).text).toContain(path);
    }
  });
});
