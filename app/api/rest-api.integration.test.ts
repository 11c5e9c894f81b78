// The REST edge, in-process: the exported route handlers called with real Requests, on both
// databases. Checks status codes, the error envelope and that nothing is written on errors.
import { beforeAll, describe, expect, it } from "vitest";
import { setProcessDatabase } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import * as clientRoute from "./clients/[clientId]/route";
import * as clientsRoute from "./clients/route";
import * as detailsRoute from "./client/[clientId]/details/route";
import * as summaryRoute from "./dashboard/summary/route";
import * as healthRoute from "./health-check/route";

const BASE = "http://127.0.0.1:3000";
let auth: Record<string, string> = {};
const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, {
    method,
    headers: { "content-type": "application/json", ...auth, ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const params = (clientId: string) => ({ params: Promise.resolve({ clientId }) });
const newClient = (id = uniqueClientId("rest")) => ({
  client_id: id,
  client_name: "REST Client",
  systems: [{ name: "API", health_url: "https://api.example.com/health" }],
});

async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|prisma\./); // no stack traces or internals
  return body.error as { code: string; message: string; issues?: { path: string; message: string }[] };
}

describeEachDatabase("REST API", (get) => {
  beforeAll(async () => {
    setProcessDatabase(get().database);
    auth = bearer(await newApiKey(get().database.prisma));
  });
  const clientCount = () => get().database.prisma.client.count();

  it("GET /api/health-check reports the database as reachable with its migrations", async () => {
    const res = await healthRoute.GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", database: { reachable: true, kind: get().kind } });
    expect(body.database.migrations).toBeGreaterThanOrEqual(2);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("POST /api/clients registers (201 + Location) and GET details returns it", async () => {
    const input = newClient();
    const res = await clientsRoute.POST(json("POST", "/api/clients", input));
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/api/clients/${input.client_id}`);
    const details = await detailsRoute.GET(json("GET", `/api/client/${input.client_id}/details`), params(input.client_id));
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({ client_id: input.client_id, systems: [{ name: "API", status: "unknown" }] });
  });

  it("accepts the seed's registration shape", async () => {
    const id = uniqueClientId("seed");
    const res = await clientsRoute.POST(
      json("POST", "/api/clients", { client_id: id, client_name: "TNT", automation_systems: ["Leads"], monitoring_endpoints: ["https://tnt.example.com"] }),
    );
    expect(res.status).toBe(201);
    expect((await res.json()).systems[0].health_url).toBe("https://tnt.example.com/health");
  });

  it("malformed JSON is a 400, a wrong content type is a 400, and nothing is written", async () => {
    const before = await clientCount();
    const e1 = await expectEnvelope(await clientsRoute.POST(json("POST", "/api/clients", '{"client_id": "x",')), 400, "bad_request");
    expect(e1.message).toMatch(/not valid JSON/);
    await expectEnvelope(await clientsRoute.POST(json("POST", "/api/clients", "client_id=x", { "content-type": "application/x-www-form-urlencoded" })), 400, "bad_request");
    await expectEnvelope(await clientsRoute.POST(json("POST", "/api/clients", "")), 400, "bad_request");
    expect(await clientCount()).toBe(before);
  });

  it("a body over 1 MB is a 413", async () => {
    const big = { ...newClient(), client_name: "x".repeat(1_100_000) };
    await expectEnvelope(await clientsRoute.POST(json("POST", "/api/clients", big)), 413, "payload_too_large");
  });

  it("invalid fields are a 422 naming each field", async () => {
    const before = await clientCount();
    const error = await expectEnvelope(
      await clientsRoute.POST(json("POST", "/api/clients", { client_id: "Bad Id", client_name: 7, systems: [{ name: "A", health_url: "file:///etc/passwd" }] })),
      422,
      "validation_error",
    );
    expect(error.issues!.map((i) => i.path).sort()).toEqual(["client_id", "client_name", "systems.0.health_url"]);
    expect(await clientCount()).toBe(before);
  });

  it("a 1 MB-ish name inside the limit is a 422 on client_name", async () => {
    const error = await expectEnvelope(await clientsRoute.POST(json("POST", "/api/clients", { ...newClient(), client_name: "n".repeat(900_000) })), 422, "validation_error");
    expect(error.issues).toEqual([{ path: "client_name", message: "must be at most 200 characters" }]);
  });

  it("a duplicate client_id is a 409 naming client_id", async () => {
    const input = newClient();
    expect((await clientsRoute.POST(json("POST", "/api/clients", input))).status).toBe(201);
    const error = await expectEnvelope(await clientsRoute.POST(json("POST", "/api/clients", input)), 409, "conflict");
    expect(error.issues?.[0].path).toBe("client_id");
  });

  it("unknown client ids are a 404 on every client route", async () => {
    await expectEnvelope(await detailsRoute.GET(json("GET", "/api/client/nope-404/details"), params("nope-404")), 404, "not_found");
    await expectEnvelope(await clientRoute.GET(json("GET", "/api/clients/nope-404"), params("nope-404")), 404, "not_found");
    await expectEnvelope(await clientRoute.PATCH(json("PATCH", "/api/clients/nope-404", { client_name: "x" }), params("nope-404")), 404, "not_found");
    await expectEnvelope(await clientRoute.DELETE(json("DELETE", "/api/clients/nope-404"), params("nope-404")), 404, "not_found");
  });

  it("GET /api/clients searches and rejects bad query values by name", async () => {
    const input = { ...newClient(), client_name: "Quokka Logistics" };
    await clientsRoute.POST(json("POST", "/api/clients", input));
    const res = await clientsRoute.GET(json("GET", "/api/clients?search=quokka"));
    expect(res.status).toBe(200);
    expect((await res.json()).clients.map((c: { client_id: string }) => c.client_id)).toEqual([input.client_id]);
    const e1 = await expectEnvelope(await clientsRoute.GET(json("GET", "/api/clients?include_inactive=maybe")), 422, "validation_error");
    expect(e1.issues?.[0].path).toBe("include_inactive");
    const e2 = await expectEnvelope(await clientsRoute.GET(json("GET", "/api/clients?limit=lots")), 422, "validation_error");
    expect(e2.issues?.[0].path).toBe("limit");
  });

  it("PATCH updates, refuses a client_id change, and DELETE deactivates", async () => {
    const input = newClient();
    await clientsRoute.POST(json("POST", "/api/clients", input));
    const patched = await clientRoute.PATCH(json("PATCH", `/api/clients/${input.client_id}`, { client_name: "Renamed", tags: ["gold"] }), params(input.client_id));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ client_name: "Renamed", tags: ["gold"] });
    await expectEnvelope(await clientRoute.PATCH(json("PATCH", `/api/clients/${input.client_id}`, { client_id: "other-id" }), params(input.client_id)), 400, "bad_request");
    await expectEnvelope(await clientRoute.PATCH(json("PATCH", `/api/clients/${input.client_id}`, [1, 2]), params(input.client_id)), 400, "bad_request");
    const deleted = await clientRoute.DELETE(json("DELETE", `/api/clients/${input.client_id}`), params(input.client_id));
    expect((await deleted.json()).active).toBe(false);
    expect((await get().database.prisma.client.findUnique({ where: { clientId: input.client_id } }))?.active).toBe(false);
  });

  it("every client route needs credentials: 401 with WWW-Authenticate, nothing written", async () => {
    const before = await clientCount();
    const anonymous = (method: string, path: string, body?: unknown) =>
      new Request(`${BASE}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const responses = [
      await clientsRoute.GET(anonymous("GET", "/api/clients")),
      await clientsRoute.POST(anonymous("POST", "/api/clients", newClient())),
      await summaryRoute.GET(anonymous("GET", "/api/dashboard/summary")),
      await detailsRoute.GET(anonymous("GET", "/api/client/x-1/details"), params("x-1")),
      await clientRoute.DELETE(anonymous("DELETE", "/api/clients/x-1"), params("x-1")),
    ];
    for (const res of responses) {
      await expectEnvelope(res, 401, "unauthorized");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
    expect(await clientCount()).toBe(before);
  });

  it("GET /api/dashboard/summary returns every client's status in the seed's shape", async () => {
    const input = newClient();
    await clientsRoute.POST(json("POST", "/api/clients", input));
    const res = await summaryRoute.GET(json("GET", "/api/dashboard/summary"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["active_clients", "clients", "dashboard_updated", "next_cursor", "overall_summary", "total_clients"]);
    expect(body.clients.find((c: { client_id: string }) => c.client_id === input.client_id)).toMatchObject({
      overall_status: "unknown",
      systems_count: 1,
      unknown_systems: 1,
      attention: { needs_attention: false, flags: [], sla: { target_pct: 99.5, uptime_pct: null, window: "30d", covered_from: null, coverage: 0, met: null } },
    });
    expect(body.overall_summary).toMatchObject({ needs_attention_clients: expect.any(Number), below_sla_clients: expect.any(Number) });
  });

  it("GET /api/dashboard/summary filters and pages like the MCP tool; a bad filter is a 4xx naming it", async () => {
    const input = newClient();
    await clientsRoute.POST(json("POST", "/api/clients", input));
    const page = await (await summaryRoute.GET(json("GET", "/api/dashboard/summary?status=unknown&limit=1"))).json();
    expect(page.clients).toHaveLength(1);
    expect(page.clients[0].overall_status).toBe("unknown");
    const none = await (await summaryRoute.GET(json("GET", "/api/dashboard/summary?attention_only=true&status=unknown"))).json();
    expect(none.clients).toEqual([]); // a never-checked client has nothing to flag
    for (const [query, field] of [["status=sideways", "status"], ["limit=0", "limit"], ["cursor=bogus", "cursor"], ["attention_only=maybe", "attention_only"]] as const) {
      const res = await summaryRoute.GET(json("GET", `/api/dashboard/summary?${query}`));
      expect(res.status, query).toBeGreaterThanOrEqual(400);
      expect(res.status, query).toBeLessThan(500);
      expect(JSON.stringify(await res.json()), query).toContain(field);
    }
  });
});

describe("database connection errors", () => {
  it("an unreachable DATABASE_URL gives one clear line without the password", async () => {
    const { openDatabase } = await import("@/lib/db/client");
    const error = await openDatabase({ kind: "postgres", url: "postgresql://user:hunter2@127.0.0.1:1/none" }).catch((e) => e);
    expect(error.message).toMatch(/^Cannot reach PostgreSQL postgresql:\/\/127\.0\.0\.1:1\/none: ECONNREFUSED/);
    expect(error.message).not.toContain("hunter2");
  });
});
