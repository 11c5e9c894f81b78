// The demo never widens the network policy (issue #8 item 2), on both databases, over real HTTP:
// the route handlers `next start` serves run on a real local port (the "server"), the demo is
// loaded through POST /api/demo by a non-admin key, and its checks go out through safe-fetch
// to that same server. A second real listener on another loopback port stands for any other
// local service: nothing may ever reach it through a demo client.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as checkRoute from "@/app/api/clients/[clientId]/check/route";
import * as systemRoute from "@/app/api/clients/[clientId]/systems/[system]/route";
import * as healthRoute from "@/app/api/demo/fleet/[clientId]/[system]/health/route";
import * as metricsRoute from "@/app/api/demo/fleet/[clientId]/[system]/metrics/route";
import * as demoRoute from "@/app/api/demo/route";
import { setProcessDatabase } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { closeSafeFetchAgents } from "@/lib/net/safe-fetch";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase } from "@/test/support/databases";
import { serveRoutes } from "@/test/support/route-server";
import { DEMO_CLIENTS } from "./fleet-model";
import { DEMO_LOAD_TIMEOUT_MS } from "@/test/support/demo";

const CLIENT = "tnt-limousine-001";
const SYSTEM = "Lead Processing";

/** Dispatches /api/… to the handlers with the params Next.js would pass. */
async function dispatch(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  let m = /^\/api\/demo\/fleet\/([^/]+)\/([^/]+)\/(health|metrics)$/.exec(path);
  if (m && request.method === "GET") {
    const params = { params: Promise.resolve({ clientId: decodeURIComponent(m[1]), system: decodeURIComponent(m[2]) }) };
    return m[3] === "health" ? healthRoute.GET(request, params) : metricsRoute.GET(request, params);
  }
  if (path === "/api/demo" && request.method === "POST") return demoRoute.POST(request);
  m = /^\/api\/clients\/([^/]+)\/check$/.exec(path);
  if (m && request.method === "POST") return checkRoute.POST(request, { params: Promise.resolve({ clientId: decodeURIComponent(m[1]) }) });
  m = /^\/api\/clients\/([^/]+)\/systems\/([^/]+)$/.exec(path);
  if (m && request.method === "PATCH") {
    return systemRoute.PATCH(request, { params: Promise.resolve({ clientId: decodeURIComponent(m[1]), system: decodeURIComponent(m[2]) }) });
  }
  return new Response("not here", { status: 404 });
}

describeEachDatabase("the demo and the network policy", (get) => {
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let other: Server;
  let otherPort: number;
  const otherRequests: string[] = [];
  let key: string;
  const saved = { PORT: process.env.PORT, APP_URL: process.env.APP_URL, ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS, ALLOWED_PRIVATE_TARGETS: process.env.ALLOWED_PRIVATE_TARGETS };

  beforeAll(async () => {
    setProcessDatabase(get().database);
    server = await serveRoutes({ "/api": dispatch });
    // This process "listens" where the route server does (Next.js sets PORT to its port).
    process.env.PORT = new URL(server.url).port;
    delete process.env.APP_URL;
    delete process.env.ALLOWED_ORIGINS;
    delete process.env.ALLOWED_PRIVATE_TARGETS;
    resetEnvCache();
    other = createServer((req, res) => {
      otherRequests.push(`${req.method} ${req.url}`);
      res.end('{"status":"healthy"}');
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    otherPort = (other.address() as AddressInfo).port;
    key = await newApiKey(get().database.prisma, { scopes: ["read", "write"] }); // an editor's key: never admin
  });

  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => other?.close(resolve));
    await closeSafeFetchAgents();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvCache();
  });

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...bearer(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const check = async () => {
    const res = await call("POST", `/api/clients/${CLIENT}/check`);
    expect(res.status).toBe(200);
    return (await res.json()) as { systems: { system_name: string; reason: string; http_status: number | null }[] };
  };
  const setUrl = async (health_url: string) => {
    const res = await call("PATCH", `/api/clients/${CLIENT}/systems/${encodeURIComponent(SYSTEM)}`, { health_url });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  it("loads through POST /api/demo as a non-admin, grants no private access, and audits the own-origin grant", async () => {
    const res = await call("POST", "/api/demo");
    expect(res.status).toBe(201);
    expect((await res.json()).created).toEqual(DEMO_CLIENTS.map((c) => c.clientId));
    const prisma = get().database.prisma;
    const flags = await prisma.client.findMany({ where: { tags: { has: "demo" } }, select: { allowPrivateTargets: true } });
    expect(flags).toHaveLength(DEMO_CLIENTS.length);
    expect(flags.every((f) => !f.allowPrivateTargets)).toBe(true);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "demo.load" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorType: "api_key", success: true });
    expect(audit.summary).toEqual({
      base_url: server.url,
      clients: DEMO_CLIENTS.map((c) => c.clientId),
      allow_private_targets: false,
      network_grant: { origin: server.url, paths: "/api/demo/fleet/*", reason: "the demo fleet is served by this server" },
    });
  }, DEMO_LOAD_TIMEOUT_MS);

  it("checks the demo's own systems against the real server: every one answers (none blocked)", async () => {
    const result = await check();
    expect(result.systems.length).toBe(DEMO_CLIENTS.find((c) => c.clientId === CLIENT)!.systems.length);
    for (const s of result.systems) {
      expect(s.reason, s.system_name).not.toMatch(/blocked by network policy/);
      expect(s.http_status, s.system_name).not.toBeNull();
    }
  });

  it("a non-admin pointing a demo system at another loopback port (or another path of this server) is refused by the policy; nothing is sent", async () => {
    const fleetPath = `/api/demo/fleet/${CLIENT}/lead-processing/health`;
    for (const url of [
      `http://127.0.0.1:${otherPort}${fleetPath}`, // same path, another port: an IP literal
      `http://localhost:${otherPort}${fleetPath}`, // …and a name resolved at connect time
      `http://[::ffff:127.0.0.1]:${otherPort}${fleetPath}`,
      `${server.url}/api/clients`, // this very server, outside the demo fleet
    ]) {
      await setUrl(url);
      const probed = (await check()).systems.find((s) => s.system_name === SYSTEM)!;
      expect(probed.reason, url).toMatch(/^blocked by network policy \(.*loopback; private targets are not allowed for this client\)/);
      expect(probed.http_status, url).toBeNull();
    }
    expect(otherRequests).toEqual([]);
    // Back on the fleet, it is checked again.
    await setUrl(`${server.url}${fleetPath}`);
    expect((await check()).systems.find((s) => s.system_name === SYSTEM)!.http_status).not.toBeNull();
  });
});
