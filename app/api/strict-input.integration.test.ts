// Strict input at the REST edge, on both databases: an unknown (misspelt, misplaced) field is a
// 422 naming it and nothing changes; NUL characters and lone surrogates are a 422 on their
// field (in bodies, query parameters and path segments), never a 500 from the database; URLs
// are stored as the URL parser serialises them.
import { beforeAll, expect, it } from "vitest";
import { setProcessDatabase } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import * as clientRoute from "./clients/[clientId]/route";
import * as systemRoute from "./clients/[clientId]/systems/[system]/route";
import * as historyRoute from "./client/[clientId]/history/route";
import * as clientsRoute from "./clients/route";

const BASE = "http://127.0.0.1:3000";
let auth: Record<string, string> = {};
// JSON.stringify writes a lone surrogate as the escape "\udc00", which JSON.parse turns back into one.
const json = (method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: { "content-type": "application/json", ...auth }, body: body === undefined ? undefined : JSON.stringify(body) });
const params = (clientId: string) => ({ params: Promise.resolve({ clientId }) });

async function issuesOf(res: Response): Promise<{ path: string; message: string }[]> {
  expect(res.status).toBe(422);
  const body = await res.json();
  expect(body.error.code).toBe("validation_error");
  return body.error.issues;
}

const NUL = "\u0000";
const LONE_HIGH = "\ud83d";
const LONE_LOW = "\udc00";

describeEachDatabase("REST strict input", (get) => {
  let id: string;
  beforeAll(async () => {
    setProcessDatabase(get().database);
    auth = bearer(await newApiKey(get().database.prisma));
    id = uniqueClientId("strict");
    const res = await clientsRoute.POST(json("POST", "/api/clients", { client_id: id, client_name: "Strict", industry: "Logistics", systems: [{ name: "API", health_url: "https://api.example.com/health" }] }));
    expect(res.status).toBe(201);
  });
  const snapshot = async () => {
    const c = await get().database.prisma.client.findUniqueOrThrow({ where: { clientId: id }, include: { systems: true } });
    return JSON.stringify({ ...c, updatedAt: null, systems: c.systems.map((s) => ({ ...s, updatedAt: null })) });
  };

  it("PATCH with a misspelt field is a 422 naming it, and changes nothing", async () => {
    const before = await snapshot();
    const issues = await issuesOf(await clientRoute.PATCH(json("PATCH", `/api/clients/${id}`, { industy: "Retail" }), params(id)));
    expect(issues).toEqual([{ path: "industy", message: '"industy" is not a known field' }]);
    // One issue per unknown key, also inside systems[].
    const nested = await issuesOf(
      await clientRoute.PATCH(json("PATCH", `/api/clients/${id}`, { industry: "Retail", colour: "red", systems: [{ name: "API", health_url: "https://api.example.com/health", interval: 30 }] }), params(id)),
    );
    expect(nested.map((i) => i.path).sort()).toEqual(["colour", "systems.0.interval"]);
    expect(await snapshot()).toBe(before);
  });

  it("POST with a misplaced system setting is a 422 on that path, and registers nothing", async () => {
    const before = await get().database.prisma.client.count();
    const newId = uniqueClientId("strict-post");
    const issues = await issuesOf(
      await clientsRoute.POST(json("POST", "/api/clients", { client_id: newId, client_name: "X", systems: [{ name: "A", health_url: "https://a.example.com/health", interval: 30 }] })),
    );
    expect(issues).toEqual([{ path: "systems.0.interval", message: '"interval" is not a known field' }]);
    expect(await get().database.prisma.client.count()).toBe(before);
  });

  it("PATCH of one system with an unknown setting names it and lists the settings", async () => {
    const issues = await issuesOf(await systemRoute.PATCH(json("PATCH", "/x", { intervall: 30 }), { params: Promise.resolve({ clientId: id, system: "API" }) }));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("intervall");
    expect(issues[0]!.message).toMatch(/^"intervall" is not a known field; the system settings are name, health_url, .*check_interval_seconds/);
  });

  it("NUL characters and lone surrogates are a 422 on their field, not a 500", async () => {
    const before = await get().database.prisma.client.count();
    const cases: [unknown, string][] = [
      [{ client_name: `Bad${NUL}Name` }, "client_name"],
      [{ client_name: `Bad${LONE_HIGH}` }, "client_name"],
      [{ client_name: "OK", industry: `${LONE_LOW}x` }, "industry"],
      [{ client_name: "OK", tags: ["fine", `t${NUL}`] }, "tags.1"],
      [{ client_name: "OK", systems: [{ name: `S${NUL}`, health_url: "https://a.example.com/" }] }, "systems.0.name"],
      [{ client_name: "OK", systems: [{ name: "S", health_url: `https://a.example.com/${NUL}` }] }, "systems.0.health_url"],
      [{ client_name: "OK", systems: [{ name: "S", health_url: "https://a.example.com/", metrics_url: `https://a.example.com/${LONE_HIGH}` }] }, "systems.0.metrics_url"],
    ];
    for (const [fields, path] of cases) {
      const body = { client_id: uniqueClientId("nul"), systems: [{ name: "S", health_url: "https://a.example.com/" }], ...(fields as object) };
      const issues = await issuesOf(await clientsRoute.POST(json("POST", "/api/clients", body)));
      expect(issues, path).toEqual([{ path, message: "must not contain NUL characters or unpaired UTF-16 surrogates" }]);
    }
    expect(await get().database.prisma.client.count()).toBe(before);
    // A well-formed pair (an emoji) is fine.
    const emoji = await clientRoute.PATCH(json("PATCH", `/api/clients/${id}`, { tags: ["🚀 launch"] }), params(id));
    expect(emoji.status).toBe(200);
    expect((await emoji.json()).tags).toEqual(["🚀 launch"]);
  });

  it("… also in query parameters and path segments", async () => {
    const message = "must not contain NUL characters or unpaired UTF-16 surrogates";
    expect(await issuesOf(await clientsRoute.GET(json("GET", `/api/clients?search=${encodeURIComponent(`a${NUL}b`)}`)))).toEqual([{ path: "search", message }]);
    const history = await historyRoute.GET(json("GET", `/api/client/${id}/history?system=${encodeURIComponent(`API${NUL}`)}`), params(id));
    expect(await issuesOf(history)).toEqual([{ path: "system", message }]);
    // Next.js hands route handlers their segments decoded: "%00" arrives as a NUL.
    const system = await systemRoute.PATCH(json("PATCH", "/x", { enabled: true }), { params: Promise.resolve({ clientId: id, system: `API${NUL}` }) });
    expect(await issuesOf(system)).toEqual([{ path: "system", message }]);
    const client = await clientRoute.GET(json("GET", "/x"), params(`${id}${NUL}`));
    expect((await issuesOf(client)).map((i) => i.path)).toEqual(["client_id"]);
  });

  it("stores URLs canonical, as the URL parser serialises them, and an equivalent spelling is no change", async () => {
    const newId = uniqueClientId("canon");
    const res = await clientsRoute.POST(
      json("POST", "/api/clients", {
        client_id: newId,
        client_name: "Canonical",
        systems: [{ name: "A", health_url: "HTTPS://API.Example.COM:443/./v1/../health", metrics_url: "http://example.com:80/m?x=a b" }],
        automation_systems: ["B"],
        monitoring_endpoints: ["https://B.example.com:443"],
      }),
    );
    expect(res.status).toBe(201);
    const stored = await get().database.prisma.system.findMany({ where: { client: { clientId: newId } }, orderBy: { position: "asc" } });
    expect(stored.map((s) => [s.healthUrl, s.metricsUrl])).toEqual([
      ["https://api.example.com/health", "http://example.com/m?x=a%20b"],
      ["https://b.example.com/health", "https://b.example.com/metrics"],
    ]);
    // The same address spelt differently changes nothing: no write, no audit line.
    const audits = () => get().database.prisma.auditLog.count({ where: { targetId: newId } });
    const auditsBefore = await audits();
    const same = await systemRoute.PATCH(json("PATCH", "/x", { health_url: "https://API.example.com:443/health" }), { params: Promise.resolve({ clientId: newId, system: "A" }) });
    expect(same.status).toBe(200);
    expect((await same.json()).health_url).toBe("https://api.example.com/health");
    expect(await audits()).toBe(auditsBefore);
    // A real change is audited with the canonical before and after.
    const moved = await systemRoute.PATCH(json("PATCH", "/x", { health_url: "https://API.example.com/v2/health" }), { params: Promise.resolve({ clientId: newId, system: "A" }) });
    expect(moved.status).toBe(200);
    const entry = await get().database.prisma.auditLog.findFirstOrThrow({ where: { targetId: newId, action: "client.update_system" }, orderBy: { id: "desc" } });
    expect(JSON.stringify(entry.summary)).toContain("https://api.example.com/v2/health");
    expect(JSON.stringify(entry.summary)).toContain("https://api.example.com/health");
  });
});
