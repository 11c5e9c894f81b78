// The demo edges in-process: the fleet's simulated endpoints (no database) and POST /api/demo
// (both databases), called with real Requests exactly as `next start` calls them.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setProcessDatabase } from "@/lib/db/client";
import { DEMO_CLIENTS } from "@/lib/demo/fleet-model";
import { resetEnvCache } from "@/lib/env";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { systemClock } from "@/lib/context";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase } from "@/test/support/databases";
import * as healthRoute from "./fleet/[clientId]/[system]/health/route";
import * as metricsRoute from "./fleet/[clientId]/[system]/metrics/route";
import * as demoRoute from "./route";
import { DEMO_LOAD_TIMEOUT_MS } from "@/test/support/demo";

const BASE = "http://127.0.0.1:3000";
const DAY = 86_400_000;
const fleet = (clientId: string, system: string) => ({ params: Promise.resolve({ clientId, system }) });
const get = (path: string) => new Request(`${BASE}${path}`);

async function envelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error as { code: string; message: string };
}

describe("demo fleet routes", () => {
  it("GET …/health answers the simulated body and status, after really waiting the simulated latency", async () => {
    const started = Date.now();
    const res = await healthRoute.GET(get("/api/demo/fleet/tnt-limousine-001/lead-processing/health"), fleet("tnt-limousine-001", "lead-processing"));
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ status: "healthy", endpoints_checked: 5, endpoints_healthy: 5, system_info: { version: "2.3.1" } });
    expect(elapsed).toBeGreaterThanOrEqual(Math.floor(body.response_time_ms) - 5); // timers may fire a few ms early
    expect(body.response_time_ms).toBeGreaterThanOrEqual(120);
  });

  it("GET …/health speaks the system's own format (IETF health+json here)", async () => {
    const res = await healthRoute.GET(get("/x"), fleet("keystone-realty-001", "listing-syndication"));
    expect(res.headers.get("content-type")).toBe("application/health+json");
    expect((await res.json()).status).toMatch(/^(pass|warn)$/);
  });

  it("answers 404 envelopes for unknown clients and systems", async () => {
    await envelope(await healthRoute.GET(get("/x"), fleet("acme-001", "lead-processing")), 404, "not_found");
    await envelope(await healthRoute.GET(get("/x"), fleet("tnt-limousine-001", "nope")), 404, "not_found");
    await envelope(await metricsRoute.GET(get("/x"), fleet("tnt-limousine-001", "nope")), 404, "not_found");
  });

  it("GET …/metrics defaults to the last 24 hours and honours start_date / end_date", async () => {
    const before = Date.now();
    const res = await metricsRoute.GET(get("/m"), fleet("tnt-limousine-001", "booking-management"));
    expect(res.status).toBe(200);
    const last24h = await res.json();
    const end = Date.parse(last24h.period.end);
    expect(end).toBeGreaterThanOrEqual(before);
    expect(end - Date.parse(last24h.period.start)).toBe(DAY);
    expect(last24h.total_automations).toBe(last24h.successful_automations + last24h.failed_automations);

    const res2 = await metricsRoute.GET(
      get("/m?start_date=2025-01-01T00:00:00Z&end_date=2025-01-15T23:59:59Z"),
      fleet("tnt-limousine-001", "booking-management"),
    );
    const fixed = await res2.json();
    expect(fixed.period).toEqual({ start: "2025-01-01T00:00:00.000Z", end: "2025-01-15T23:59:59.000Z" });
    expect(fixed.total_automations).toBeGreaterThan(300);

    // an unencoded "+01:00" offset arrives as " 01:00" and is still understood
    const res3 = await metricsRoute.GET(get("/m?start_date=2025-01-01T01:00:00+01:00&end_date=2025-01-02"), fleet("tnt-limousine-001", "booking-management"));
    expect((await res3.json()).period).toEqual({ start: "2025-01-01T00:00:00.000Z", end: "2025-01-02T00:00:00.000Z" });
  });

  it("ends a period reaching into the future now", async () => {
    const res = await metricsRoute.GET(get("/m?start_date=2020-01-01&end_date=2999-01-01"), fleet("tnt-limousine-001", "lead-processing"));
    const body = await res.json();
    expect(Date.parse(body.period.end)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(body.period.end) - Date.parse(body.period.start)).toBe(366 * DAY); // capped
  });

  it("answers 400 envelopes for dates that are not ISO 8601, or reversed", async () => {
    const system = fleet("tnt-limousine-001", "lead-processing");
    const bad = await envelope(await metricsRoute.GET(get("/m?start_date=yesterday"), system), 400, "bad_request");
    expect(bad.message).toContain("start_date");
    expect((await envelope(await metricsRoute.GET(get("/m?end_date=2025-13-45"), system), 400, "bad_request")).message).toContain("end_date");
    expect((await envelope(await metricsRoute.GET(get("/m?end_date=1700000000"), system), 400, "bad_request")).message).toContain("end_date");
    await envelope(await metricsRoute.GET(get("/m?start_date=2025-02-01&end_date=2025-01-01"), system), 400, "bad_request");
  });

  it("serves HTTP 503 health and no metrics during a scripted outage, and both again after it", async () => {
    // Only Date is faked: the route's latency timer still runs for real.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-11-18T01:45:00Z")); // Invoice Processing is down 01:40-02:00 UTC
      const down = await healthRoute.GET(get("/h"), fleet("swift-freight-001", "invoice-processing"));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "down", endpoints_healthy: 0 });
      await envelope(await metricsRoute.GET(get("/m"), fleet("swift-freight-001", "invoice-processing")), 503, "unavailable");

      vi.setSystemTime(new Date("2026-11-18T02:00:00Z"));
      const up = await healthRoute.GET(get("/h"), fleet("swift-freight-001", "invoice-processing"));
      expect(up.status).toBe(200);
      expect((await up.json()).status).toBe("healthy");
      const metrics = await metricsRoute.GET(get("/m"), fleet("swift-freight-001", "invoice-processing"));
      expect(metrics.status).toBe(200);
      expect((await metrics.json()).period.end).toBe("2026-11-18T02:00:00.000Z");
    } finally {
      vi.useRealTimers();
    }
  });
});

describeEachDatabase("POST /api/demo", (getDb) => {
  let key: string;
  let sessionCookie: string;
  beforeAll(async () => {
    setProcessDatabase(getDb().database);
    key = await newApiKey(getDb().database.prisma);
    const prisma = getDb().database.prisma;
    const user = await prisma.user.create({ data: { email: `admin-${Date.now()}@demo.test`, name: "Admin", role: "admin" } });
    sessionCookie = `${SESSION_COOKIE}=${(await createSession(prisma, user.id, {}, systemClock)).token}`;
  });
  afterEach(() => {
    delete process.env.APP_URL;
    resetEnvCache();
  });
  const demoIds = DEMO_CLIENTS.map((c) => c.clientId);
  // Next.js always passes the Host header; the origin policy checks it.
  const post = (headers: Record<string, string> = {}) =>
    new Request(`${BASE}/api/demo`, { method: "POST", headers: { host: "127.0.0.1:3000", ...bearer(key), ...headers } });

  it("needs credentials (401), and refuses a cookie-authenticated call from a foreign Origin (403); nothing written", async () => {
    const before = await getDb().database.prisma.client.count();
    await envelope(await demoRoute.POST(new Request(`${BASE}/api/demo`, { method: "POST", headers: { host: "127.0.0.1:3000" } })), 401, "unauthorized");
    const cookiePost = (origin: string) =>
      new Request(`${BASE}/api/demo`, { method: "POST", headers: { host: "127.0.0.1:3000", origin, cookie: sessionCookie } });
    await envelope(await demoRoute.POST(cookiePost("https://evil.example")), 403, "forbidden");
    expect(await getDb().database.prisma.client.count()).toBe(before);
  });

  it("loads the workspace pointing at the request's own origin (201), then reports it already loaded", async () => {
    const first = await demoRoute.POST(post());
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ created: demoIds, skipped: [] });
    const system = await getDb().database.prisma.system.findFirst({ where: { client: { clientId: "swift-freight-001" }, name: "Invoice Processing" } });
    expect(system?.healthUrl).toBe(`${BASE}/api/demo/fleet/swift-freight-001/invoice-processing/health`);

    process.env.APP_URL = "https://pulse.agency.test";
    resetEnvCache();
    const second = await demoRoute.POST(post());
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ created: [], skipped: demoIds });
  }, DEMO_LOAD_TIMEOUT_MS);

  it("behind a reverse proxy, uses its X-Forwarded-Host and X-Forwarded-Proto (first values) as the fleet's base URL", async () => {
    await getDb().database.prisma.client.deleteMany({ where: { clientId: "tnt-limousine-001" } });
    const res = await demoRoute.POST(post({ "x-forwarded-host": "pulse.agency.test, 10.0.0.2:3000", "x-forwarded-proto": "https, http", "x-forwarded-port": "3000" }));
    expect(res.status).toBe(201);
    expect((await res.json()).created).toEqual(["tnt-limousine-001"]);
    const system = await getDb().database.prisma.system.findFirst({ where: { client: { clientId: "tnt-limousine-001" }, name: "Lead Processing" } });
    expect(system?.healthUrl).toBe("https://pulse.agency.test/api/demo/fleet/tnt-limousine-001/lead-processing/health");
    // Not known to be this server (no APP_URL): no network grant is recorded for it.
    const audit = await getDb().database.prisma.auditLog.findFirstOrThrow({ where: { action: "demo.load" }, orderBy: { id: "desc" } });
    expect(audit.summary).toMatchObject({ base_url: "https://pulse.agency.test", clients: ["tnt-limousine-001"], allow_private_targets: false, network_grant: null });
  }, DEMO_LOAD_TIMEOUT_MS);

  it("uses APP_URL, when set, as the fleet's base URL", async () => {
    await getDb().database.prisma.client.deleteMany({ where: { clientId: "tnt-limousine-001" } });
    process.env.APP_URL = "https://pulse.agency.test";
    resetEnvCache();
    const res = await demoRoute.POST(post({ origin: "https://pulse.agency.test", host: "pulse.agency.test" }));
    expect(res.status).toBe(201);
    expect((await res.json()).created).toContain("tnt-limousine-001");
    const system = await getDb().database.prisma.system.findFirst({ where: { client: { clientId: "tnt-limousine-001" }, name: "Lead Processing" } });
    expect(system?.healthUrl).toBe("https://pulse.agency.test/api/demo/fleet/tnt-limousine-001/lead-processing/health");
    // APP_URL is the operator's word that this is the server: its fleet is granted, nothing more.
    const audit = await getDb().database.prisma.auditLog.findFirstOrThrow({ where: { action: "demo.load" }, orderBy: { id: "desc" } });
    expect(audit.summary).toMatchObject({ network_grant: { origin: "https://pulse.agency.test", paths: "/api/demo/fleet/*" } });
    expect(await getDb().database.prisma.client.count({ where: { tags: { has: "demo" }, allowPrivateTargets: true } })).toBe(0);
  }, DEMO_LOAD_TIMEOUT_MS);
});
