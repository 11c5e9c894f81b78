// Maintenance windows end to end, on both databases: the verbs (validation, scope, audit), the
// REST routes and the MCP tools (the SDK's own Client), inMaintenance with recurring windows on
// a fake clock, and the exclusion from uptime and SLA: a system down only during a window reads
// 100 % over it, fully covered (not "partial"), on every figure that reads it.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, expect, it } from "vitest";
import * as itemRoute from "@/app/api/clients/[clientId]/maintenance-windows/[id]/route";
import * as listRoute from "@/app/api/clients/[clientId]/maintenance-windows/route";
import { registerClient } from "@/lib/clients/register-client";
import type { Clock } from "@/lib/context";
import { setProcessDatabase } from "@/lib/db/client";
import { createMcpServer } from "@/lib/mcp/server";
import { getAllClientsStatus } from "@/lib/metrics/clients-overview";
import { clientHealthStats } from "@/lib/monitoring/client-health-stats";
import { getSystemHealth } from "@/lib/monitoring/get-system-health";
import { getSystemHistory } from "@/lib/monitoring/get-system-history";
import { recordCheck } from "@/lib/monitoring/record-check";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { probeReport } from "@/test/support/probes";
import { activeMaintenance, inMaintenance, maintenanceIntervals } from "./maintenance-at";
import { createMaintenanceWindow, deleteMaintenanceWindow, listMaintenanceWindows, updateMaintenanceWindow } from "./maintenance-windows";

const MIN = 60_000;
const HOUR = 60 * MIN;
const ORIGIN = "http://127.0.0.1:3000";

const fixedClock = (at: Date): Clock & { set(d: Date): void } => {
  let now = at;
  return { now: () => now, set: (d: Date) => (now = d) };
};

function req(method: string, path: string, headers: Record<string, string>, body?: unknown): Request {
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers: { host: "127.0.0.1:3000", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

describeEachDatabase("maintenance windows", (get) => {
  const db = () => get().database.prisma;
  let auth: Record<string, string>;

  beforeAll(async () => {
    setProcessDatabase(get().database);
    auth = bearer(await newApiKey(db()));
  });

  const newClient = async (prefix: string, timeZone = "UTC") => {
    const id = uniqueClientId(prefix);
    await registerClient({ ctx: get().ctx(), input: { client_id: id, client_name: prefix, time_zone: timeZone, systems: [{ name: "API", health_url: `https://${id}.example.com/health` }] } });
    return id;
  };
  const windowsOf = (clientId: string) => db().maintenanceWindow.count({ where: { client: { clientId } } });

  it("a system down only during a window: checks stored as maintenance, every uptime figure 100 % with full coverage, SLA met", async () => {
    const t0 = new Date("2026-06-01T00:00:00Z");
    const clock = fixedClock(new Date(t0.getTime() - MIN));
    const ctx = get().ctx({ clock });
    const id = await newClient("maint-uptime");
    const system = await db().system.findFirstOrThrow({ where: { client: { clientId: id } } });
    await db().system.update({ where: { id: system.id }, data: { confirmations: 1 } });
    const window = await createMaintenanceWindow({
      ctx,
      input: { client_id: id, title: "Database upgrade", starts_at: new Date(t0.getTime() + HOUR).toISOString(), ends_at: new Date(t0.getTime() + 2 * HOUR).toISOString() },
    });
    expect(window).toMatchObject({ title: "Database upgrade", active_now: false, description: "1 Jun 2026 01:00–02:00 (UTC)", recurrence: null, created_by: "test" });

    // A check every 5 minutes for 3 h; down exactly during the window [1 h, 2 h).
    let maintenanceSeen = 0;
    for (let m = 0; m <= 180; m += 5) {
      const at = new Date(t0.getTime() + m * MIN);
      const down = m >= 60 && m < 120;
      const recorded = await recordCheck(ctx, system, probeReport(down ? "down" : "healthy", down ? null : 100), at);
      if (recorded.maintenance) maintenanceSeen++;
      // The confirmed status still tells the truth during maintenance.
      expect(recorded.confirmedStatus, `minute ${m}`).toBe(down ? "down" : "healthy");
    }
    expect(maintenanceSeen).toBe(12);
    expect(await db().healthCheck.count({ where: { systemId: system.id, maintenance: true } })).toBe(12);
    expect(await db().healthCheck.count({ where: { systemId: system.id, maintenance: true, status: { not: "down" } } })).toBe(0);
    const hours = await db().checkRollup.findMany({ where: { systemId: system.id, period: "hour" } });
    const sum = (k: "checks" | "down" | "maintenance" | "latencyCount") => hours.reduce((a, r) => a + r[k], 0);
    expect({ checks: sum("checks"), down: sum("down"), maintenance: sum("maintenance"), latency: sum("latencyCount") }).toEqual({ checks: 25, down: 0, maintenance: 12, latency: 25 });
    const day = await db().checkRollup.findFirstOrThrow({ where: { systemId: system.id, period: "day" } });
    expect([day.checks, day.maintenance, day.down]).toEqual([25, 12, 0]);

    clock.set(new Date(t0.getTime() + 3 * HOUR));
    // A custom window over the 3 h, and one that starts inside the maintenance: 100 %, fully covered.
    for (const [start, end] of [
      [t0, new Date(t0.getTime() + 3 * HOUR)],
      [new Date(t0.getTime() + 90 * MIN), new Date(t0.getTime() + 3 * HOUR)],
    ]) {
      const health = await getSystemHealth({ ctx, input: { client_id: id, start_date: start.toISOString(), end_date: end.toISOString() } });
      expect(health.systems[0]!.uptime.custom?.uptime, start.toISOString()).toEqual({ pct: 100, covered_from: start.toISOString(), coverage: 1 });
    }
    const health = await getSystemHealth({ ctx, input: { client_id: id } });
    expect(health.systems[0]!.uptime["24h"]).toMatchObject({ pct: 100, covered_from: t0.toISOString() });
    expect(health.systems[0]!.latency_24h.checks).toBe(25); // maintenance checks left out of the exact figures
    expect(health.systems[0]!.status).toBe("healthy");

    // The dashboard's figures (SQL) and the SLA standing.
    const client = await db().client.findUniqueOrThrow({ where: { clientId: id }, include: { systems: true } });
    const stats = (await clientHealthStats(ctx, [client])).get(client.id)!;
    expect(stats.uptime24h).toEqual({ pct: 100, covered_from: t0.toISOString(), coverage: 0.125 });
    const status = await getAllClientsStatus({ ctx, input: {} });
    const row = status.clients.find((c) => c.client_id === id)!;
    expect(row.attention.sla).toMatchObject({ uptime_pct: 100, met: true, covered_from: t0.toISOString() });
    expect(row.attention.flags).toEqual([]);
    expect(row.uptime_24h?.pct).toBe(100);

    // The history: the maintenance period listed, its checks marked and left out of the stats.
    const history = await getSystemHistory({ ctx, input: { client_id: id, timeframe: "24h" } });
    expect(history.maintenance).toEqual([{ start: "2026-06-01T01:00:00.000Z", end: "2026-06-01T02:00:00.000Z" }]);
    const latency = history.systems[0]!.latency;
    expect(latency.granularity).toBe("check");
    if (latency.granularity === "check") {
      expect(latency.points.filter((p) => p.maintenance)).toHaveLength(12);
      expect(latency.stats.count).toBe(25);
      expect(latency.uptime?.pct).toBe(100);
    }
    expect(history.systems[0]!.uptime_bars.at(-1)).toMatchObject({ date: "2026-06-01", status: "healthy", uptime_pct: 100 });

    // Without the window the same checks read 2 h of 3 up: the exclusion is what made it 100 %.
    await deleteMaintenanceWindow({ ctx, input: { client_id: id, id: window.id } });
    const after = await getSystemHealth({ ctx, input: { client_id: id, start_date: t0.toISOString(), end_date: new Date(t0.getTime() + 3 * HOUR).toISOString() } });
    expect(after.systems[0]!.uptime.custom?.uptime?.pct).toBeCloseTo(66.67, 1);
  });

  it("recurring windows in the client's zone: inMaintenance, activeMaintenance and intervals follow the wall clock across DST", async () => {
    const id = await newClient("maint-berlin", "Europe/Berlin");
    const client = await db().client.findUniqueOrThrow({ where: { clientId: id } });
    const ctx = get().ctx({ clock: fixedClock(new Date("2026-03-20T12:00:00Z")) });
    const w = await createMaintenanceWindow({ ctx, input: { client_id: id, title: "Weekly patching", recurrence: "0 2 * * 0", duration_minutes: 120 } });
    expect(w).toMatchObject({ description: "Sundays 02:00–04:00 (Europe/Berlin)", active_now: false, next_start: "2026-03-22T01:00:00.000Z", next_end: "2026-03-22T03:00:00.000Z", time_zone: "Europe/Berlin" });
    // Winter: 02:00 Berlin = 01:00Z. Summer (after 29 Mar): 00:00Z.
    expect(await inMaintenance(db(), client.id, new Date("2026-03-22T01:30:00Z"))).toBe(true);
    expect(await inMaintenance(db(), client.id, new Date("2026-03-22T00:30:00Z"))).toBe(false);
    expect(await inMaintenance(db(), client.id, new Date("2026-04-05T00:30:00Z"))).toBe(true);
    expect(await inMaintenance(db(), client.id, new Date("2026-04-05T02:00:00Z"))).toBe(false);
    expect(await activeMaintenance(db(), client.id, new Date("2026-04-05T00:30:00Z"))).toEqual({ id: w.id, title: "Weekly patching", until: new Date("2026-04-05T02:00:00Z") });
    const spans = (await maintenanceIntervals(db(), [client.id], new Date("2026-03-21T00:00:00Z"), new Date("2026-04-06T00:00:00Z"))).get(client.id)!;
    expect(spans.map((s) => s.start.toISOString())).toEqual(["2026-03-22T01:00:00.000Z", "2026-03-29T01:00:00.000Z", "2026-04-05T00:00:00.000Z"]);
    // Listed active first: a one-off on now comes before the upcoming recurring one.
    const now = await createMaintenanceWindow({ ctx, input: { client_id: id, title: "Hotfix", starts_at: "2026-03-20T11:00:00Z", ends_at: "2026-03-20T13:00:00Z" } });
    const list = await listMaintenanceWindows({ ctx, input: { client_id: id } });
    expect(list).toMatchObject({ client_id: id, time_zone: "Europe/Berlin", active_now: true, total: 2 });
    expect(list.windows.map((x) => [x.id, x.active_now])).toEqual([[now.id, true], [w.id, false]]);
    // Update: shorten the recurring one; turn it into a one-off needs ends_at.
    const updated = await updateMaintenanceWindow({ ctx, input: { client_id: id, id: w.id, duration_minutes: 60 } });
    expect(updated.description).toBe("Sundays 02:00–03:00 (Europe/Berlin)");
    await expect(updateMaintenanceWindow({ ctx, input: { client_id: id, id: w.id, recurrence: null } })).rejects.toMatchObject({ status: 422, issues: [{ path: "ends_at" }] });
    const audit = await db().auditLog.findMany({ where: { targetId: id, action: { startsWith: "maintenance." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["maintenance.create", "maintenance.create", "maintenance.update"]);
  });

  it("REST: create, list, patch and delete; bad input is a 422 naming the field and stores nothing; unknown client 404", async () => {
    const id = await newClient("maint-rest");
    const base = `/api/clients/${id}/maintenance-windows`;
    const params = (clientId = id) => ({ params: Promise.resolve({ clientId }) });
    const soon = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
    const post = (body: unknown, clientId = id, headers = auth) => listRoute.POST(req("POST", `/api/clients/${clientId}/maintenance-windows`, headers, body), params(clientId));
    const issues = async (res: Response) => {
      expect(res.status).toBe(422);
      return ((await res.json()).error.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]);
    };

    const cases: [unknown, string, RegExp][] = [
      [{ title: "Upgrade", starts_at: soon(2), ends_at: soon(1) }, "ends_at", /must be after starts_at/],
      [{ title: "Upgrade", starts_at: soon(1), ends_at: soon(1 + 24 * 32) }, "ends_at", /at most 31 days/],
      [{ title: "Upgrade", starts_at: soon(1) }, "ends_at", /required for a one-off/],
      [{ title: "Upgrade", recurrence: "0 2 * *", duration_minutes: 60 }, "recurrence", /5 fields/],
      [{ title: "Upgrade", recurrence: "0 2 * * funday", duration_minutes: 60 }, "recurrence", /not a valid cron expression/],
      [{ title: "Upgrade", recurrence: "*/5 * * * *", duration_minutes: 60 }, "recurrence", /minute/],
      [{ title: "Upgrade", recurrence: "0 2 * * 0" }, "duration_minutes", /required for a recurring/],
      [{ title: "Upgrade", recurrence: "0 2 * * 0", duration_minutes: 2000 }, "duration_minutes", /at most 1440/],
      [{ title: "Up\u0007grade", starts_at: soon(1), ends_at: soon(2) }, "title", /control characters/],
      [{ title: "Up\u0000grade", starts_at: soon(1), ends_at: soon(2) }, "title", /NUL/],
      [{ title: "Upgrade", starts_at: soon(1), ends_at: soon(2), colour: "red" }, "colour", /"colour" is not a known field/],
      [{ title: "Upgrade", starts_at: "tomorrow", ends_at: soon(2) }, "starts_at", /ISO 8601/],
    ];
    for (const [body, path, message] of cases) {
      const found = await issues(await post(body));
      expect(found.some(([p, m]) => p === path && message.test(m)), `${JSON.stringify(body)} → ${JSON.stringify(found)}`).toBe(true);
    }
    expect(await windowsOf(id)).toBe(0);

    const missing = uniqueClientId("nobody");
    const unknown = await post({ title: "Upgrade", starts_at: soon(1), ends_at: soon(2) }, missing);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toEqual({ code: "not_found", message: `Client "${missing}" was not found` });

    const created = await post({ title: "Upgrade", starts_at: soon(1), ends_at: soon(2) });
    expect(created.status).toBe(201);
    const window = await created.json();
    expect(created.headers.get("location")).toBe(`${base}/${window.id}`);
    expect(window).toMatchObject({ client_id: id, active_now: false, time_zone: "UTC" });

    const listed = await listRoute.GET(req("GET", `${base}?include_past=true&limit=5`, auth), params());
    expect((await listed.json()).windows.map((w: { id: string }) => w.id)).toEqual([window.id]);
    const badQuery = await listRoute.GET(req("GET", `${base}?days=7`, auth), params());
    expect(await issues(badQuery)).toEqual([["days", "is not a known parameter (use include_past, limit)"]]);

    const itemParams = { params: Promise.resolve({ clientId: id, id: window.id }) };
    const patched = await itemRoute.PATCH(req("PATCH", `${base}/${window.id}`, auth, { title: "Bigger upgrade" }), itemParams);
    expect(patched.status).toBe(200);
    expect((await patched.json()).title).toBe("Bigger upgrade");
    const badPatch = await itemRoute.PATCH(req("PATCH", `${base}/${window.id}`, auth, { ends_at: window.starts_at }), itemParams);
    expect((await issues(badPatch))[0]![0]).toBe("ends_at");
    const deleted = await itemRoute.DELETE(req("DELETE", `${base}/${window.id}`, auth), itemParams);
    expect(deleted.status).toBe(200);
    expect(await windowsOf(id)).toBe(0);
    const again = await itemRoute.DELETE(req("DELETE", `${base}/${window.id}`, auth), itemParams);
    expect(again.status).toBe(404);
  });

  it("roles: read-only keys may list but not write (403, nothing stored); a key bound to another client gets 404", async () => {
    const a = await newClient("maint-a");
    const b = await newClient("maint-b");
    const soon = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
    const body = { title: "Upgrade", starts_at: soon(1), ends_at: soon(2) };
    const ro = bearer(await newApiKey(db(), { scopes: ["read"] }));
    const onlyA = bearer(await newApiKey(db(), { client_id: a }));
    const params = (clientId: string) => ({ params: Promise.resolve({ clientId }) });

    const refused = await listRoute.POST(req("POST", `/api/clients/${a}/maintenance-windows`, ro, body), params(a));
    expect(refused.status).toBe(403);
    expect((await listRoute.GET(req("GET", `/api/clients/${a}/maintenance-windows`, ro), params(a))).status).toBe(200);
    const hidden = await listRoute.POST(req("POST", `/api/clients/${b}/maintenance-windows`, onlyA, body), params(b));
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).error.message).toBe(`Client "${b}" was not found`);
    expect((await listRoute.GET(req("GET", `/api/clients/${b}/maintenance-windows`, onlyA), params(b))).status).toBe(404);
    expect(await windowsOf(a)).toBe(0);
    expect(await windowsOf(b)).toBe(0);
    const mine = await listRoute.POST(req("POST", `/api/clients/${a}/maintenance-windows`, onlyA, body), params(a));
    expect(mine.status).toBe(201);
    // B's window by id through A's key: 404 too.
    const theirs = await createMaintenanceWindow({ ctx: get().ctx(), input: { client_id: b, ...body } });
    const del = await itemRoute.DELETE(req("DELETE", `/api/clients/${b}/maintenance-windows/${theirs.id}`, onlyA), { params: Promise.resolve({ clientId: b, id: theirs.id }) });
    expect(del.status).toBe(404);
    expect(await windowsOf(b)).toBe(1);
  });

  it("MCP: list and create through the SDK's Client; bad input is an isError result naming the field, nothing stored; read-only keys are not shown create", async () => {
    const id = await newClient("maint-mcp");
    const connect = async (scopes: ("read" | "write")[]) => {
      const server = createMcpServer(get().ctx({ scopes }));
      const [x, y] = InMemoryTransport.createLinkedPair();
      await server.connect(x);
      const client = new Client({ name: "t", version: "1" });
      await client.connect(y);
      return client;
    };
    const rw = await connect(["read", "write"]);
    const error = (r: CallToolResult) => {
      expect(r.isError).toBe(true);
      return JSON.parse((r.content[0] as { text: string }).text).error;
    };
    const soon = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
    const bad = (await rw.callTool({ name: "create_maintenance_window", arguments: { client_id: id, title: "x", starts_at: soon(2), ends_at: soon(1) } })) as CallToolResult;
    expect(error(bad)).toMatchObject({ code: "validation_error", issues: [{ path: "ends_at", message: "must be after starts_at" }] });
    const cron = (await rw.callTool({ name: "create_maintenance_window", arguments: { client_id: id, title: "x", recurrence: "61 2 * * 0", duration_minutes: 30 } })) as CallToolResult;
    expect(error(cron).issues[0].path).toBe("recurrence");
    const extra = (await rw.callTool({ name: "create_maintenance_window", arguments: { client_id: id, title: "x", recurrence: "0 2 * * 0", duration_minutes: 30, every: "week" } })) as CallToolResult;
    expect(error(extra).issues[0]).toMatchObject({ path: "every" });
    const nobody = uniqueClientId("nobody");
    const missing = (await rw.callTool({ name: "create_maintenance_window", arguments: { client_id: nobody, title: "x", recurrence: "0 2 * * 0", duration_minutes: 30 } })) as CallToolResult;
    expect(error(missing)).toEqual({ code: "not_found", message: `Client "${nobody}" was not found` });
    expect(await windowsOf(id)).toBe(0);

    const ok = (await rw.callTool({ name: "create_maintenance_window", arguments: { client_id: id, title: "Nightly", recurrence: "30 23 * * *", duration_minutes: 60 } })) as CallToolResult;
    expect(ok.isError).toBeFalsy();
    expect(ok.structuredContent).toMatchObject({ description: "Daily 23:30–00:30 (UTC)", recurrence: "30 23 * * *" });
    const listed = (await rw.callTool({ name: "list_maintenance_windows", arguments: { client_id: id } })) as CallToolResult;
    expect((listed.structuredContent as { windows: unknown[] }).windows).toHaveLength(1);

    const ro = await connect(["read"]);
    expect((await ro.listTools()).tools.map((t) => t.name)).not.toContain("create_maintenance_window");
    const refused = (await ro.callTool({ name: "create_maintenance_window", arguments: { client_id: id, title: "x", recurrence: "0 2 * * 0", duration_minutes: 30 } })) as CallToolResult;
    expect(error(refused).code).toBe("forbidden");
    expect(await windowsOf(id)).toBe(1);
    await rw.close();
    await ro.close();
  });
});
