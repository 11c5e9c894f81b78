// A database that goes away: REST answers 503 `database_unavailable` (with Retry-After), MCP a
// 503 JSON-RPC error, never 500 `internal_error`; and both recover without a restart.
// PostgreSQL: the app reaches its database through a local TCP relay that the test cuts (new
// connections refused, open ones reset, as when the server or the network goes), and through
// pg_terminate_backend (SQLSTATE 57P01/FATAL, as when an admin restarts the server).
// PGlite: the embedded database closed under the server.
import { request as httpRequest } from "node:http";
import net from "node:net";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as mcpRoute from "@/app/api/mcp/route";
import { openDatabase, setProcessDatabase, type Database } from "@/lib/db/client";
import { bearer, newApiKey } from "@/test/support/auth";
import { serveRoutes } from "@/test/support/route-server";
import * as clientsRoute from "./clients/route";

// The routes `next start` serves, on a real local port (MCP checks the Host header).
let server: Awaited<ReturnType<typeof serveRoutes>>;
beforeAll(async () => {
  server = await serveRoutes({ "/api/clients": clientsRoute.GET, "/api/mcp": mcpRoute.POST });
});
afterAll(async () => {
  await server?.close();
});

async function expectDatabaseUnavailable(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  const body = await res.json();
  expect(body.error.code).toBe("database_unavailable");
  expect(body.error.message).toMatch(/database is unreachable/i);
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |127\.0\.0\.1|ECONN|57P01|[Pp]risma/); // no internals
}

/** One request on a fresh connection (a pooled keep-alive socket may meet the server's idle timeout between tests). */
function call(path: string, method: string, headers: Record<string, string>, body?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: res.headers as Record<string, string> })));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const listClients = (key: string) => call("/api/clients", "GET", bearer(key));
const mcpCall = (key: string) =>
  call(
    "/api/mcp",
    "POST",
    { ...bearer(key), "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
    JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "get_all_clients_status", arguments: {} } }),
  );

/** A TCP relay to PostgreSQL that can be cut (listener closed, open sockets reset) and restored on the same port. */
async function startRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => {});
        s.on("close", () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    async cut() {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        for (const s of sockets) s.resetAndDestroy();
      });
    },
    restore: listen,
  };
}

const adminUrl = inject("pgUrl");
const describePg = adminUrl ? describe : describe.skip;

describePg("a database that goes away [postgres]", () => {
  const name = `cp_outage_${randomBytes(5).toString("hex")}`;
  const admin = async <T,>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let database: Database;
  let key: string;

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const target = new URL(adminUrl!);
    relay = await startRelay({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(adminUrl!);
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: "postgres", url: url.toString() });
    setProcessDatabase(database);
    key = await newApiKey(database.prisma, { scopes: ["read"] });
  });
  afterAll(async () => {
    await database?.close().catch(() => {});
    await relay?.cut().catch(() => {});
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => {});
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it("server gone (connections reset, then refused): REST and MCP answer 503, then 200 once it is back", async () => {
    expect((await listClients(key)).status).toBe(200);
    await relay.cut();
    // The first request meets the pool's reset connection, the next ones a refused connect.
    for (let i = 0; i < 3; i++) await expectDatabaseUnavailable(await listClients(key));
    const mcp = await mcpCall(key);
    expect(mcp.status).toBe(503);
    expect((await mcp.json()).error.message).toMatch(/database is unreachable/i);

    await relay.restore();
    await expect.poll(async () => (await listClients(key)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    const back = await mcpCall(key);
    expect(back.status).toBe(200);
    expect(JSON.stringify(await back.json())).toContain("total_clients");
  });

  it("connections terminated by the server (57P01) and refused while it restarts: 503, then 200", async () => {
    expect((await listClients(key)).status).toBe(200);
    await admin(async (c) => {
      await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
    });
    await expectDatabaseUnavailable(await listClients(key));
    await expectDatabaseUnavailable(await listClients(key));
    expect((await mcpCall(key)).status).toBe(503);
    await admin((c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));
    await expect.poll(async () => (await listClients(key)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    expect((await mcpCall(key)).status).toBe(200);
  });
});

describe("a database that goes away [pglite]", () => {
  it("the embedded database closed under the server: REST and MCP answer 503, not 500", async () => {
    const database = await openDatabase({ kind: "pglite" });
    setProcessDatabase(database);
    const key = await newApiKey(database.prisma, { scopes: ["read"] });
    expect((await listClients(key)).status).toBe(200);
    await database.close();
    await expectDatabaseUnavailable(await listClients(key));
    expect((await mcpCall(key)).status).toBe(503);
  });
});
