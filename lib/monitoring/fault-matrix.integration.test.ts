// The faults of issue #4, each a real local HTTP server (or a real refusal), checked through the
// real scheduler, probe and network policy in ONE round: every faulty system ends `down` (or
// `degraded`) with a precise reason, and a healthy control system is checked on time beside
// them. On both databases.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { createScheduler, type CheckEvent } from "./scheduler";

async function faultServer() {
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    open.add(res);
    res.on("close", () => open.delete(res));
    const path = req.url ?? "/";
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === "/ok") return json(200, { status: "healthy", endpoints_checked: 3, endpoints_healthy: 3 });
    if (path === "/partial") return json(200, { status: "healthy", endpoints_checked: 5, endpoints_healthy: 4 });
    if (path === "/hang") return; // never answers
    if (path === "/trickle") {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (path === "/huge") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(Buffer.alloc(5 * 1024 * 1024, 0x20));
      return;
    }
    if (path === "/bad-json") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"status": "healthy",');
    }
    if (path === "/loop") {
      res.writeHead(302, { location: "/loop" });
      return res.end();
    }
    if (path === "/to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    if (path === "/503") return json(503, { status: "down", endpoints_checked: 3, endpoints_healthy: 0 });
    json(404, { error: "no such path" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  // A port with nothing listening: bind, note it, close.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  return {
    port,
    closedPort,
    close: () =>
      new Promise<void>((r) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describeEachDatabase("fault matrix", (get) => {
  let fleet: Awaited<ReturnType<typeof faultServer>>;
  beforeAll(async () => {
    fleet = await faultServer();
  });
  afterAll(() => fleet.close());

  it("every fault ends down or degraded (a refused check unknown) with its precise reason and rule, and the control is checked on time", async () => {
    const base = `http://127.0.0.1:${fleet.port}`;
    const cases: { name: string; url: string; status: "healthy" | "degraded" | "down" | "unknown"; reason: RegExp; rule?: string }[] = [
      { name: "control", url: `${base}/ok`, status: "healthy", reason: /^reported healthy$/ },
      { name: "partial", url: `${base}/partial`, status: "degraded", reason: /4\/5 endpoints healthy/ },
      { name: "hang", url: `${base}/hang`, status: "down", reason: /^timeout after 1000 ms$/ },
      { name: "trickle", url: `${base}/trickle`, status: "down", reason: /^timeout after 1000 ms$/ },
      { name: "huge", url: `${base}/huge`, status: "down", reason: /1 MB|too large/i },
      { name: "bad json", url: `${base}/bad-json`, status: "degraded", reason: /^unparseable JSON body \(HTTP 200\)$/ },
      { name: "loop", url: `${base}/loop`, status: "down", reason: /redirect/i },
      // Refused by our policy, not an outage of theirs: unknown, with the rule the UI reads.
      { name: "metadata", url: `${base}/to-metadata`, status: "unknown", reason: /^blocked by network policy.*169\.254\.169\.254/, rule: "blocked_by_policy" },
      // Never answered: the name never resolved, a misconfiguration (unknown), not an outage.
      { name: "dns", url: "http://no-such-host.invalid/health", status: "unknown", reason: /^name never resolved .*(ENOTFOUND|resolve|DNS)/i, rule: "dns_never_resolved" },
      { name: "refused", url: `http://127.0.0.1:${fleet.closedPort}/health`, status: "down", reason: /refused|ECONNREFUSED/i },
      { name: "tls", url: `https://127.0.0.1:${fleet.port}/ok`, status: "down", reason: /TLS|SSL|EPROTO|wrong version/i },
      { name: "503", url: `${base}/503`, status: "down", reason: /^HTTP 503/, rule: "http_5xx" },
    ];
    const trusted = uniqueClientId("faults");
    await registerClient({
      ctx: get().ctx(),
      input: {
        client_id: trusted,
        client_name: "Faults Co",
        // 1 s where the timeout is the fault under test; elsewhere room for a loaded machine, so a
      // slow answer is never mistaken for the fault (a busy CI once timed out "partial" and
      // once found the control "degraded" by latency).
      systems: cases.map((c) =>
        c.name === "hang" || c.name === "trickle"
          ? { name: c.name, health_url: c.url, timeout_ms: 1000, check_interval_seconds: 60 }
          : { name: c.name, health_url: c.url, timeout_ms: 10_000, degraded_threshold_ms: 9000, check_interval_seconds: 60 },
      ),
    },
    });
    // Loopback is allowed for this client (as an admin would), so only the hostile forms are refused…
    await get().database.prisma.client.update({ where: { clientId: trusted }, data: { allowPrivateTargets: true } });
    // …and a client without that permission may not reach loopback by a name that resolves to
    // it, nor by an IP literal in decimal or hex form (URL parsing turns those into 127.0.0.1,
    // which the policy then refuses at connect time).
    const untrusted = uniqueClientId("faults-public");
    const hostile = [
      { name: "private name", health_url: `http://localhost:${fleet.port}/ok` },
      { name: "decimal", health_url: `http://2130706433:${fleet.port}/ok` },
      { name: "hex", health_url: `http://0x7f000001:${fleet.port}/ok` },
    ];
    await registerClient({ ctx: get().ctx(), input: { client_id: untrusted, client_name: "Public Co", systems: hostile.map((h) => ({ ...h, timeout_ms: 1000 })) } });

    const due = new Date(Date.UTC(2033, 0, 1));
    await get().database.prisma.system.updateMany({ data: { nextCheckAt: new Date(Date.UTC(2999, 0, 1)) } });
    await get().database.prisma.system.updateMany({ where: { client: { clientId: { in: [trusted, untrusted] } } }, data: { nextCheckAt: due } });
    const events: CheckEvent[] = [];
    const scheduler = createScheduler({ db: get().database.prisma, clock: { now: () => new Date(due.getTime() + 100) }, onCheck: (e) => events.push(e) });
    await scheduler.drain();

    const rows = await get().database.prisma.system.findMany({ where: { client: { clientId: { in: [trusted, untrusted] } } } });
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const c of cases) {
      const row = byName.get(c.name)!;
      expect({ name: c.name, status: row.status }).toEqual({ name: c.name, status: c.status });
      expect(row.statusReason, c.name).toMatch(c.reason);
      if (c.rule) expect(row.statusRule, c.name).toBe(c.rule);
    }
    for (const h of hostile) {
      expect(byName.get(h.name), h.name).toMatchObject({ status: "unknown", statusRule: "blocked_private" });
      expect(byName.get(h.name)!.statusReason, h.name).toMatch(/^blocked by network policy.*127\.0\.0\.1/);
    }
    // One round checked every system once: the hung and trickling targets held only their own slots.
    expect(events).toHaveLength(cases.length + hostile.length);
    expect(new Set(events.map((e) => e.systemId)).size).toBe(cases.length + hostile.length);
    const control = events.find((e) => e.systemId === byName.get("control")!.id)!;
    expect(control.status).toBe("healthy");
  });
});
