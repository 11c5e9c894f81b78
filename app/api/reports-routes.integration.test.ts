// The reports edges in-process with real Requests and an API key, on both databases: GET/POST
// /api/reports, GET /api/reports/{id}, GET /api/reports/{id}/download (Content-Type,
// Content-Disposition, Cache-Control, the HTML view's CSP), and MCP generate_client_reports /
// list_reports / the report:// resources through the SDK's own Client over real HTTP. Bad input
// is a 4xx naming the field (MCP: isError or a protocol error), never a 500. Most reports are
// stored from the shared fixture; the POST and generate tests run the real computation.
// Who may call them is in role-matrix.integration.test.ts.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { storeSampleReport } from "@/test/support/reports";
import { serveRoutes } from "@/test/support/route-server";
import * as mcpRoute from "./mcp/route";
import * as downloadRoute from "./reports/[id]/download/route";
import * as reportRoute from "./reports/[id]/route";
import * as reportsRoute from "./reports/route";

const BASE = "http://127.0.0.1:3000";
let key = "";
const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = bearer(key)) =>
  new Request(`${BASE}${path}`, { method, headers: { host: "127.0.0.1:3000", ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const download = (id: string, query: string) => downloadRoute.GET(request("GET", `/api/reports/${id}/download?${query}`), idParams(id));

async function issuePaths(res: Response, status = 422): Promise<string[]> {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.code).toBe("validation_error");
  return body.error.issues.map((i: { path: string }) => i.path);
}

describeEachDatabase("REST and MCP: reports", (getDb) => {
  let A: string;
  let B: string;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let mcp: Client;
  let boundMcp: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    setProcessDatabase(getDb().database);
    const db = getDb().database.prisma;
    key = await newApiKey(db);
    A = (await registerClient({ ctx: getDb().ctx(), input: { client_id: uniqueClientId("rr-a"), client_name: "Acme Logistics", systems: [{ name: "API", health_url: "https://a.example.com/health" }] } })).client_id;
    B = (await registerClient({ ctx: getDb().ctx(), input: { client_id: uniqueClientId("rr-b"), client_name: "Beta", systems: [{ name: "API", health_url: "https://b.example.com/health" }] } })).client_id;
    ids.a1 = (await storeSampleReport(db, A, { generatedAt: new Date("2026-11-02T09:00:00Z") })).id;
    ids.a2 = (await storeSampleReport(db, A, { generatedAt: new Date("2026-11-02T10:00:00Z") })).id;
    ids.b1 = (await storeSampleReport(db, B, { generatedAt: new Date("2026-11-02T11:00:00Z") })).id;
    server = await serveRoutes({ "/api/mcp": mcpRoute });
    mcp = new Client({ name: "reports-test", version: "1.0.0" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
    boundMcp = new Client({ name: "reports-bound", version: "1.0.0" });
    const boundKey = await newApiKey(db, { scopes: ["read"], client_id: A });
    await boundMcp.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(boundKey) } }));
  });
  afterAll(async () => {
    await mcp?.close();
    await boundMcp?.close();
    await server?.close();
  });

  it("GET /api/reports: newest first, filtered, paged; GET /api/reports/{id}: the row with the frozen document", async () => {
    const res = await reportsRoute.GET(request("GET", `/api/reports?client_id=${A}&limit=1`));
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.reports.map((r: { id: string }) => r.id)).toEqual([ids.a2]);
    const next = await (await reportsRoute.GET(request("GET", `/api/reports?client_id=${A}&limit=1&cursor=${page.next_cursor}`))).json();
    expect(next.reports.map((r: { id: string }) => r.id)).toEqual([ids.a1]);
    const one = await reportRoute.GET(request("GET", `/api/reports/${ids.a2}`), idParams(ids.a2));
    expect(one.status).toBe(200);
    const body = await one.json();
    expect(body).toMatchObject({ id: ids.a2, client_id: A, version: 2, report: { report_metadata: { report_id: ids.a2, version: 2, client_id: A } } });
    expect(body.links.json).toBe(`/api/reports/${ids.a2}/download?format=json`);
  });

  it("GET …/download?format=json: the stored JSON as a file named after the client, period and version; the same bytes every time", async () => {
    const res = await download(ids.a2, "format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${A}-2026-10-monthly-v2.json"`);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.byteLength);
    expect(JSON.parse(bytes.toString("utf8")).report_metadata.report_id).toBe(ids.a2);
    const again = Buffer.from(await (await download(ids.a2, "format=json")).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    const v1 = await download(ids.a1, "format=json");
    expect(v1.headers.get("content-disposition")).toBe(`attachment; filename="${A}-2026-10-monthly.json"`);
  });

  it("GET …/download?format=html: inline, with a CSP that allows no script", async () => {
    const res = await download(ids.a1, "format=html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="${A}-2026-10-monthly.html"`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
  });

  it("GET …/download?format=pdf and csv: files with their type and name", async () => {
    const pdf = await download(ids.a1, "format=pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="${A}-2026-10-monthly.pdf"`);
    expect(pdf.headers.get("content-security-policy")).toBeNull();
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(Number(pdf.headers.get("content-length"))).toBe(bytes.byteLength);
    const csv = await download(ids.a1, "format=csv&section=incidents");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${A}-2026-10-monthly-incidents.csv"`);
    expect(await csv.text()).toContain("HTTP 503 from /health");
  });

  it("bad input: unknown parameters and values are 422 naming them; unknown reports and clients 404; never a 500", async () => {
    for (const [q, field] of [
      ["colour=red", "colour"],
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["report_type=yearly", "report_type"],
      ["schedule_id=nope", "schedule_id"],
      ["cursor=bogus", "cursor"],
    ] as const) {
      expect(await issuePaths(await reportsRoute.GET(request("GET", `/api/reports?${q}`))), q).toContain(field);
    }
    expect((await reportsRoute.GET(request("GET", "/api/reports?client_id=no-such-client-zz"))).status).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await reportRoute.GET(request("GET", `/api/reports/${unknown}`), idParams(unknown))).status).toBe(404);
    expect(await issuePaths(await reportRoute.GET(request("GET", "/api/reports/not-a-uuid"), idParams("not-a-uuid")))).toEqual(["id"]);
    expect(await issuePaths(await reportRoute.GET(request("GET", `/api/reports/${ids.a1}?format=pdf`), idParams(ids.a1)))).toEqual(["format"]);
    expect((await download(unknown, "format=json")).status).toBe(404);
    expect(await issuePaths(await download(ids.a1, "format=docx"))).toEqual(["format"]);
    expect(await issuePaths(await download(ids.a1, ""))).toEqual(["format"]);
    expect(await issuePaths(await download(ids.a1, "format=json&section=incidents"))).toEqual(["section"]);
    expect(await issuePaths(await download(ids.a1, "format=csv&section=everything"))).toEqual(["section"]);
    expect(await issuePaths(await download(ids.a1, "format=json&inline=1"))).toEqual(["inline"]);
  });

  it("POST /api/reports bad input: unknown client 404 naming it, unknown type / fields / range misuse 422 naming the field, nothing stored", async () => {
    const db = getDb().database.prisma;
    const before = await db.report.count();
    const post = (body: unknown) => reportsRoute.POST(request("POST", "/api/reports", body));
    const missing = await post({ client_id: "no-such-client-zz", report_type: "monthly" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('Client "no-such-client-zz" was not found');
    expect(await issuePaths(await post({ client_id: A, report_type: "yearly" }))).toEqual(["report_type"]);
    expect(await issuePaths(await post({ client_id: A }))).toEqual(["report_type"]);
    expect(await issuePaths(await post({ client_id: A, report_type: "monthly", colour: "red" }))).toEqual(["colour"]);
    expect(await issuePaths(await post({ client_id: A, report_type: "monthly", include_recommendations: "yes" }))).toEqual(["include_recommendations"]);
    const notJson = await reportsRoute.POST(new Request(`${BASE}/api/reports`, { method: "POST", headers: { host: "127.0.0.1:3000", ...bearer(key), "content-type": "application/json" }, body: "{" }));
    expect(notJson.status).toBe(400);
    const huge = await reportsRoute.POST(request("POST", "/api/reports", { client_id: A, report_type: "monthly", pad: "x".repeat(1024 * 1024 + 10) }));
    expect(huge.status).toBe(413);
    expect(await db.report.count()).toBe(before);
  });

  it("POST /api/reports: bad custom ranges are 422 naming start or end", async () => {
    const post = (body: unknown) => reportsRoute.POST(request("POST", "/api/reports", body));
    const year = new Date().getUTCFullYear();
    for (const range of [
      { start: "2026-10-31", end: "2026-10-01" },
      { start: "2026-10-01", end: "2026-10-01" },
      { start: `${year + 1}-01-01`, end: `${year + 1}-02-01` },
      { start: "2024-01-01", end: "2025-06-01" },
      { start: "2026-10-01" },
      { report_type: "weekly", end: "2026-10-01" },
    ]) {
      const paths = await issuePaths(await post({ client_id: A, report_type: "custom", ...range }));
      expect(paths.some((p) => p === "start" || p === "end"), JSON.stringify(range)).toBe(true);
    }
  });

  it("POST /api/reports: 201 with the document, links and Location; then listed first", async () => {
    const res = await reportsRoute.POST(request("POST", "/api/reports", { client_id: A, report_type: "daily", include_recommendations: false }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(res.headers.get("location")).toBe(`/api/reports/${body.id}`);
    expect(body).toMatchObject({ client_id: A, report_type: "daily", version: 1, include_recommendations: false, links: { resource: `report://${A}/${body.id}` } });
    expect(body.report.recommendations.included).toBe(false);
    const listed = await (await reportsRoute.GET(request("GET", `/api/reports?client_id=${A}&limit=1`))).json();
    expect(listed.reports[0].id).toBe(body.id);
  });

  it("MCP list_reports and generate_client_reports: structured results; isError naming the field on bad input", async () => {
    const listed = (await mcp.callTool({ name: "list_reports", arguments: { client_id: A } })) as CallToolResult;
    expect(listed.isError).toBeFalsy();
    // Newest first (a report generated by an earlier test may come before these two).
    expect((listed.structuredContent as { reports: { id: string }[] }).reports.map((r) => r.id).filter((id) => id === ids.a1 || id === ids.a2)).toEqual([ids.a2, ids.a1]);
    const tools = (await mcp.listTools()).tools;
    const generate = tools.find((t) => t.name === "generate_client_reports");
    expect(Object.keys(generate?.inputSchema.properties ?? {}).sort()).toEqual(["client_id", "end", "include_recommendations", "period_containing", "report_type", "start"]);
    expect(generate?.inputSchema.required).toEqual(["client_id", "report_type"]);
    expect(generate?.outputSchema).toBeDefined();
    for (const [args, field] of [
      [{ client_id: A, report_type: "yearly" }, "report_type"],
      [{ client_id: A, report_type: "monthly", format: "pdf" }, "format"],
    ] as const) {
      const bad = (await mcp.callTool({ name: "generate_client_reports", arguments: args })) as CallToolResult;
      expect(bad.isError, JSON.stringify(args)).toBe(true);
      const text = (bad.content as { text: string }[])[0]!.text;
      expect(JSON.parse(text).error.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    const missing = (await mcp.callTool({ name: "generate_client_reports", arguments: { client_id: "no-such-client-zz", report_type: "monthly", include_recommendations: true } })) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(JSON.parse((missing.content as { text: string }[])[0]!.text).error).toMatchObject({ code: "not_found", message: 'Client "no-such-client-zz" was not found' });
  });

  it("MCP generate_client_reports returns the document plus download links fitting its outputSchema", async () => {
    const result = (await mcp.callTool({ name: "generate_client_reports", arguments: { client_id: B, report_type: "weekly", include_recommendations: true } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { id: string; links: Record<string, string>; report: { report_metadata: { report_type: string } } };
    expect(data.report.report_metadata.report_type).toBe("weekly");
    expect(data.links).toMatchObject({ pdf: `/api/reports/${data.id}/download?format=pdf`, resource: `report://${B}/${data.id}` });
    const noStart = (await mcp.callTool({ name: "generate_client_reports", arguments: { client_id: B, report_type: "custom", end: "2026-10-01", include_recommendations: true } })) as CallToolResult;
    expect(noStart.isError).toBe(true);
    expect(JSON.parse((noStart.content as { text: string }[])[0]!.text).error.issues.map((i: { path: string }) => i.path)).toEqual(["start"]);
  });

  it("MCP resources: report://{client_id}/{report_id} listed newest first (the bound key only its client's) and readable as the JSON download", async () => {
    const templates = await mcp.listResourceTemplates();
    expect(templates.resourceTemplates.map((r) => r.uriTemplate)).toContain("report://{client_id}/{report_id}");
    const all = (await mcp.listResources()).resources.map((r) => r.uri);
    expect(all.indexOf(`report://${B}/${ids.b1}`)).toBeLessThan(all.indexOf(`report://${A}/${ids.a2}`));
    expect(all.indexOf(`report://${A}/${ids.a2}`)).toBeLessThan(all.indexOf(`report://${A}/${ids.a1}`));
    const listed = (await mcp.listResources()).resources.find((r) => r.uri === `report://${A}/${ids.a2}`);
    expect(listed).toMatchObject({ mimeType: "application/json", title: "Acme Logistics: monthly report, October 2026 (v2)" });
    const bound = (await boundMcp.listResources()).resources.map((r) => r.uri);
    expect(bound.length).toBeGreaterThan(0);
    expect(bound.every((uri) => uri.startsWith(`report://${A}/`))).toBe(true);

    const read = await mcp.readResource({ uri: `report://${A}/${ids.a2}` });
    const content = read.contents[0] as { uri: string; mimeType: string; text: string };
    expect(content).toMatchObject({ uri: `report://${A}/${ids.a2}`, mimeType: "application/json" });
    const file = Buffer.from(await (await download(ids.a2, "format=json")).arrayBuffer()).toString("utf8");
    expect(content.text).toBe(file);

    // Another client's report (for the bound key), a report under the wrong client, an unknown or malformed id: MCP errors, never data.
    for (const [client, uri] of [
      [boundMcp, `report://${B}/${ids.b1}`],
      [mcp, `report://${B}/${ids.a1}`],
      [mcp, `report://${A}/00000000-0000-4000-8000-000000000000`],
      [mcp, `report://${A}/not-a-uuid`],
    ] as const) {
      await expect(client.readResource({ uri }), uri).rejects.toMatchObject({ code: -32002 });
    }
  });
});
