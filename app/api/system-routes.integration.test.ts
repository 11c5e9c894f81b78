// PATCH /api/clients/{id}/systems/{system} and the private-network field of
// PATCH /api/clients/{id}, in-process with real Requests and an API key, on both databases:
// status codes, the error envelope with the offending field, and nothing written on errors.
// (Who may call them, sessions included, is in role-matrix.integration.test.ts.)
import { beforeAll, expect, it } from "vitest";
import { setProcessDatabase } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import * as clientRoute from "./clients/[clientId]/route";
import * as clientsRoute from "./clients/route";
import * as systemRoute from "./clients/[clientId]/systems/[system]/route";

const BASE = "http://127.0.0.1:3000";
let auth: Record<string, string> = {};
const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, {
    method,
    headers: { "content-type": "application/json", ...auth, ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
/** The params Next.js hands the handler: segments already decoded. */
const systemParams = (clientId: string, system: string) => ({ params: Promise.resolve({ clientId, system }) });
const clientParams = (clientId: string) => ({ params: Promise.resolve({ clientId }) });
const systemPath = (clientId: string, system: string) => `/api/clients/${clientId}/systems/${encodeURIComponent(system)}`;
const patchSystem = (clientId: string, system: string, body: unknown, headers: Record<string, string> = {}) =>
  systemRoute.PATCH(json("PATCH", systemPath(clientId, system), body, headers), systemParams(clientId, system));

async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|prisma\./);
  return body.error as { code: string; message: string; issues?: { path: string; message: string }[] };
}

describeEachDatabase("REST: system settings and private network access", (get) => {
  const prisma = () => get().database.prisma;
  const systemRow = (clientId: string, name: string) => prisma().system.findFirstOrThrow({ where: { client: { clientId }, name } });

  beforeAll(async () => {
    setProcessDatabase(get().database);
    auth = bearer(await newApiKey(get().database.prisma));
  });

  async function newClient() {
    const client_id = uniqueClientId("sysrest");
    const res = await clientsRoute.POST(
      json("POST", "/api/clients", {
        client_id,
        client_name: "System REST",
        systems: [
          { name: "Booking API", health_url: "https://booking.example.com/health" },
          { name: "Fleet / GPS 100%", health_url: "https://gps.example.com/health", timeout_ms: 20_000 },
        ],
      }),
    );
    expect(res.status).toBe(201);
    return client_id;
  }

  it("PATCH changes the named system (name in any case, URL-encoded in the path) and returns it", async () => {
    const id = await newClient();
    const res = await patchSystem(id, "booking api", { check_interval_seconds: 30, confirmations: 3, metrics_url: "https://booking.example.com/metrics" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: "Booking API",
      check_interval_seconds: 30,
      confirmations: 3,
      metrics_url: "https://booking.example.com/metrics",
      timeout_ms: 10_000,
    });
    // A name with a slash and a percent sign travels encoded in the path.
    const odd = await patchSystem(id, "Fleet / GPS 100%", { name: "Fleet GPS", enabled: false });
    expect(odd.status).toBe(200);
    expect(await odd.json()).toMatchObject({ name: "Fleet GPS", enabled: false });
    expect(systemPath(id, "Fleet / GPS 100%")).toBe(`/api/clients/${id}/systems/Fleet%20%2F%20GPS%20100%25`);
    // The client's GET shows the same.
    const client = await (await clientRoute.GET(json("GET", `/api/clients/${id}`), clientParams(id))).json();
    expect(client.systems.map((s: { name: string; confirmations: number }) => [s.name, s.confirmations])).toEqual([
      ["Booking API", 3],
      ["Fleet GPS", 2],
    ]);
    expect(client.allow_private_targets).toBe(false);
  });

  it("bad fields are a 422 naming each field, and nothing is written", async () => {
    const id = await newClient();
    const before = await systemRow(id, "Booking API");
    const error = await expectEnvelope(
      await patchSystem(id, "Booking API", { health_url: "file:///etc/passwd", confirmations: 0, check_interval_seconds: "often", intervall: 5 }),
      422,
      "validation_error",
    );
    expect(error.issues!.map((i) => i.path).sort()).toEqual(["check_interval_seconds", "confirmations", "health_url", "intervall"]);
    expect(await systemRow(id, "Booking API")).toEqual(before);
  });

  it("a rename onto another system's name and a timeout longer than the interval are 422s on the field", async () => {
    const id = await newClient();
    const clash = await expectEnvelope(await patchSystem(id, "Booking API", { name: "fleet / gps 100%" }), 422, "validation_error");
    expect(clash.issues).toEqual([{ path: "name", message: 'another system of this client is already called "Fleet / GPS 100%"' }]);
    const cross = await expectEnvelope(await patchSystem(id, "Fleet / GPS 100%", { check_interval_seconds: 15 }), 422, "validation_error");
    expect(cross.issues).toEqual([{ path: "check_interval_seconds", message: "must not be shorter than the timeout (20000 ms)" }]);
    expect((await systemRow(id, "Booking API")).name).toBe("Booking API");
    expect((await systemRow(id, "Fleet / GPS 100%")).checkIntervalSec).toBe(60);
  });

  it("unknown clients and systems are a 404", async () => {
    const id = await newClient();
    const noSystem = await expectEnvelope(await patchSystem(id, "Nope", { confirmations: 3 }), 404, "not_found");
    expect(noSystem.message).toBe(`Client "${id}" has no system called "Nope"`);
    await expectEnvelope(await patchSystem("no-such-client", "Booking API", { confirmations: 3 }), 404, "not_found");
  });

  it("a body that is not a JSON object, or that names the client or system, is a 400", async () => {
    const id = await newClient();
    await expectEnvelope(await patchSystem(id, "Booking API", [1, 2]), 400, "bad_request");
    await expectEnvelope(await patchSystem(id, "Booking API", '{"confirmations": 3,'), 400, "bad_request");
    const moved = await expectEnvelope(await patchSystem(id, "Booking API", { client_id: "elsewhere", confirmations: 3 }), 400, "bad_request");
    expect(moved.message).toMatch(/client_id.*URL/);
    const renamed = await expectEnvelope(await patchSystem(id, "Booking API", { system: "Other" }), 400, "bad_request");
    expect(renamed.message).toMatch(/send "name"/);
    expect((await systemRow(id, "Booking API")).confirmations).toBe(2);
  });

  it("a read-only key is a 403 and changes nothing", async () => {
    const id = await newClient();
    const before = await systemRow(id, "Booking API");
    const readOnly = bearer(await newApiKey(prisma(), { scopes: ["read"] }));
    const error = await expectEnvelope(await patchSystem(id, "Booking API", { confirmations: 3 }, readOnly), 403, "forbidden");
    expect(error.message).toMatch(/missing the "write" scope/);
    expect(await systemRow(id, "Booking API")).toEqual(before);
  });

  it("allow_private_targets through PATCH /api/clients/{id} needs an admin: an API key (never admin) is a 403, nothing changed", async () => {
    const id = await newClient();
    const error = await expectEnvelope(
      await clientRoute.PATCH(json("PATCH", `/api/clients/${id}`, { client_name: "Also renamed?", allow_private_targets: true }), clientParams(id)),
      403,
      "forbidden",
    );
    expect(error.message).toMatch(/not allowed to administer ClientPulse \(missing the "admin" scope\)/);
    const stored = await prisma().client.findUniqueOrThrow({ where: { clientId: id } });
    expect([stored.name, stored.allowPrivateTargets]).toEqual(["System REST", false]);
    const bad = await expectEnvelope(await clientRoute.PATCH(json("PATCH", `/api/clients/${id}`, { allow_private_targets: "on" }), clientParams(id)), 422, "validation_error");
    expect(bad.issues).toEqual([{ path: "allow_private_targets", message: "must be true or false" }]);
  });
});
