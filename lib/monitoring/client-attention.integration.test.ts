// "Needs attention" end to end on both databases, on a fake clock: confirmed state history in
// status_changes (as recordCheck writes it), assessed by getAllClientsStatus (what the REST
// summary and the dashboard serve), listClients, and the MCP get_all_clients_status triage call
// through the SDK's own Client.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { allClientsStatusOutputSchema, type AllClientsStatus } from "@/lib/clients/schemas";
import type { Context } from "@/lib/context";
import { resetEnvCache } from "@/lib/env";
import { createMcpServer } from "@/lib/mcp/server";
import { describeEachDatabase, uniqueClientId, type TestDatabase } from "@/test/support/databases";
import type { SystemStatus } from "./confirm-state";
import { getAllClientsStatus } from "./get-all-clients-status";
import { listClients } from "./list-clients";

const NOW = Date.UTC(2031, 0, 15, 12, 0, 0);
const MIN = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN);

/** Writes a system's confirmed history the way recordCheck does: each change closes the previous one; the last is open. */
async function history(db: TestDatabase, clientId: string, states: [SystemStatus, number, string?][]) {
  const prisma = db.database.prisma;
  const system = await prisma.system.findFirstOrThrow({ where: { client: { clientId } } });
  let from: SystemStatus = "unknown";
  for (let i = 0; i < states.length; i++) {
    const [to, ago, reason] = states[i]!;
    const next = states[i + 1];
    await prisma.statusChange.create({
      data: { systemId: system.id, fromStatus: from, toStatus: to, reason: reason ?? to, startedAt: at(ago), endedAt: next ? at(next[1]) : null },
    });
    from = to;
  }
  const [last, ago, reason] = states[states.length - 1]!;
  await prisma.system.update({ where: { id: system.id }, data: { status: last, statusReason: reason ?? last, statusChangedAt: at(ago), lastCheckAt: at(0) } });
}

describeEachDatabase("needs attention", (get) => {
  const ids = { down: "", flapping: "", sla: "", fine: "", boundary: "" };
  let ctx: Context;

  beforeAll(async () => {
    ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const make = async (key: keyof typeof ids, name: string, slaTarget: number) => {
      ids[key] = uniqueClientId(key);
      await registerClient({ ctx, input: { client_id: ids[key], client_name: name, sla_target: slaTarget, systems: [{ name: `${name} API`, health_url: "https://api.example.com/health" }] } });
    };
    await make("fine", "Alpha Fine", 99.5);
    await make("boundary", "Bravo Boundary", 50);
    await make("sla", "Charlie SLA", 99.5);
    await make("flapping", "Delta Flapping", 50);
    await make("down", "Echo Down", 99.5);
    await history(get(), ids.fine, [["healthy", 180]]);
    // 4 changes, the first exactly one hour ago: it has left the window, 3 remain, not flapping.
    await history(get(), ids.boundary, [["healthy", 120], ["down", 60], ["healthy", 55], ["down", 50], ["healthy", 45]]);
    // Watched for 2 h, down for 30 min of them: 75 % over a window only 2 h of which is covered.
    await history(get(), ids.sla, [["healthy", 120], ["down", 100, "HTTP 503"], ["healthy", 70]]);
    // 4 changes within the hour: flapping since the first of them (50 min ago).
    await history(get(), ids.flapping, [["healthy", 300], ["down", 50, "timeout after 10000 ms"], ["healthy", 42], ["down", 34], ["healthy", 26]]);
    await history(get(), ids.down, [["healthy", 180], ["down", 10, "HTTP 503"]]);
  }, 60_000);

  const row = (s: AllClientsStatus, id: string) => s.clients.find((c) => c.client_id === id)!;

  it("flags a flapping system with since; the hour's boundary is exclusive", async () => {
    const s = await getAllClientsStatus({ ctx, input: {} });
    const flapping = row(s, ids.flapping);
    expect(flapping.overall_status).toBe("healthy"); // healthy right now, and still needs attention
    expect(flapping.attention.needs_attention).toBe(true);
    expect(flapping.attention.flags).toEqual([{ kind: "flapping", system: "Delta Flapping API", reason: "4 state changes in the last hour", since: at(50).toISOString() }]);
    expect(row(s, ids.boundary).attention).toMatchObject({ needs_attention: false, flags: [] });
    // Down for 10 of the 180 watched minutes is also below 99.5 %: the down flag comes first.
    expect(row(s, ids.down).attention.flags.map((f) => f.kind)).toEqual(["down", "below_sla"]);
    expect(row(s, ids.down).attention.flags[0]).toEqual({ kind: "down", system: "Echo Down API", reason: "HTTP 503", since: at(10).toISOString() });
  });

  it("takes N and the window from FLAPPING_CHANGES_PER_HOUR and FLAPPING_WINDOW_MINUTES", async () => {
    const saved = { n: process.env.FLAPPING_CHANGES_PER_HOUR, w: process.env.FLAPPING_WINDOW_MINUTES };
    try {
      process.env.FLAPPING_CHANGES_PER_HOUR = "3";
      resetEnvCache();
      const three = await getAllClientsStatus({ ctx, input: {} });
      expect(row(three, ids.boundary).attention.flags).toEqual([{ kind: "flapping", system: "Bravo Boundary API", reason: "3 state changes in the last hour", since: at(55).toISOString() }]);
      process.env.FLAPPING_CHANGES_PER_HOUR = "4";
      process.env.FLAPPING_WINDOW_MINUTES = "61";
      resetEnvCache();
      const wider = await getAllClientsStatus({ ctx, input: {} });
      expect(row(wider, ids.boundary).attention.flags[0]).toMatchObject({ kind: "flapping", reason: "4 state changes in the last 61 minutes", since: at(60).toISOString() });
    } finally {
      for (const [k, v] of [["FLAPPING_CHANGES_PER_HOUR", saved.n], ["FLAPPING_WINDOW_MINUTES", saved.w]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvCache();
    }
  });

  it("flags a client below its SLA over partial coverage with the figure and the covered span", async () => {
    const s = await getAllClientsStatus({ ctx, input: {} });
    const sla = row(s, ids.sla).attention;
    expect(sla.sla).toEqual({ target_pct: 99.5, uptime_pct: 75, window: "30d", covered_from: at(120).toISOString(), coverage: Math.floor((120 / (30 * 24 * 60)) * 10_000) / 10_000, met: false }); // rounded down: never more watched than was
    expect(sla.flags).toHaveLength(1);
    expect(sla.flags[0]).toMatchObject({ kind: "below_sla", system: null, reason: "uptime 75 % since 15 Jan 2031, 10:00 UTC, below the 99.5 % target" });
    // The running figure fell below 99.5 % a few seconds into the outage, 100 min ago.
    const since = Date.parse(sla.flags[0]!.since);
    expect(since).toBeGreaterThan(at(100).getTime());
    expect(since).toBeLessThan(at(99).getTime());
    expect(row(s, ids.fine).attention.sla).toMatchObject({ uptime_pct: 100, met: true });
  });

  it("sorts attention first (worst flag first), then by name, and counts the flags in overall_summary", async () => {
    const s = await getAllClientsStatus({ ctx, input: {} });
    expect(s.clients.map((c) => c.client_id)).toEqual([ids.down, ids.flapping, ids.sla, ids.fine, ids.boundary]);
    expect(s.overall_summary).toMatchObject({ down_clients: 1, healthy_clients: 4, needs_attention_clients: 3, flapping_clients: 1, below_sla_clients: 2, misconfigured_clients: 0 });
    expect(s.next_cursor).toBeNull();
    // The clients list carries the same assessment.
    const list = await listClients({ ctx, input: {} });
    expect(list.clients.find((c) => c.client_id === ids.flapping)!.attention).toEqual(row(s, ids.flapping).attention);
  });

  it("MCP: one triage call answers who needs attention, why and since when, compactly; filters and pages", async () => {
    const server = createMcpServer(ctx);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const mcp = new Client({ name: "triage", version: "1" });
    await mcp.connect(b);
    try {
      const tool = (await mcp.listTools()).tools.find((t) => t.name === "get_all_clients_status")!;
      const props = tool.inputSchema.properties as Record<string, { description?: string }>;
      expect(Object.keys(props).sort()).toEqual(["attention_only", "cursor", "include_inactive", "limit", "status"]);
      for (const [name, p] of Object.entries(props)) expect(p.description, name).toBeTruthy();

      const call = async (args: Record<string, unknown>) => (await mcp.callTool({ name: "get_all_clients_status", arguments: args })) as CallToolResult;
      const triage = await call({ attention_only: true });
      const text = (triage.content[0] as { text: string }).text;
      expect(text).not.toContain("\n"); // compact JSON
      const data = allClientsStatusOutputSchema.parse(JSON.parse(text));
      expect(data).toEqual(triage.structuredContent);
      expect(data.clients.map((c) => c.client_id)).toEqual([ids.down, ids.flapping, ids.sla]);
      expect(data.clients[0]!.attention.flags[0]).toEqual({ kind: "down", system: "Echo Down API", reason: "HTTP 503", since: at(10).toISOString() });
      expect(data.overall_summary.needs_attention_clients).toBe(3);

      const down = allClientsStatusOutputSchema.parse((await call({ status: "down" })).structuredContent);
      expect(down.clients.map((c) => c.client_id)).toEqual([ids.down]);

      const first = allClientsStatusOutputSchema.parse((await call({ limit: 2 })).structuredContent);
      expect(first.clients).toHaveLength(2);
      expect(first.next_cursor).toEqual(expect.any(String));
      const second = allClientsStatusOutputSchema.parse((await call({ limit: 2, cursor: first.next_cursor })).structuredContent);
      const third = allClientsStatusOutputSchema.parse((await call({ limit: 2, cursor: second.next_cursor })).structuredContent);
      expect(third.next_cursor).toBeNull();
      expect([...first.clients, ...second.clients, ...third.clients].map((c) => c.client_id)).toEqual([ids.down, ids.flapping, ids.sla, ids.fine, ids.boundary]);

      const bad = await call({ cursor: "not-a-cursor" });
      expect(bad.isError).toBe(true);
      expect((bad.content[0] as { text: string }).text).toContain("cursor");
      const tooMany = await call({ limit: 101 });
      expect(tooMany.isError).toBe(true);
      expect((tooMany.content[0] as { text: string }).text).toContain("limit");
    } finally {
      await mcp.close();
    }
  });
});

// The measurement: 100 clients × 10 systems, one MCP result (106,770 characters of
// indented JSON before issue #9). Ten clients are in trouble: one system down each.
describeEachDatabase("needs attention: misconfigured, from the stored rule", (get) => {
  it("a system whose checks the policy refuses is misconfigured (not down), counted, and its uptime untouched", async () => {
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const id = uniqueClientId("misconf");
    await registerClient({ ctx, input: { client_id: id, client_name: "Foxtrot Misconfigured", systems: [{ name: "Depot", health_url: "https://api.example.com/health" }] } });
    await history(get(), id, [["healthy", 120], ["unknown", 5, "blocked by network policy (10.0.0.5)"]]);
    const reasonOnly = await getAllClientsStatus({ ctx, input: {} });
    // Reason text alone decides nothing: without the stored rule it is just unknown.
    expect(reasonOnly.clients.find((c) => c.client_id === id)!.attention.flags).toEqual([]);
    await get().database.prisma.system.updateMany({ where: { client: { clientId: id } }, data: { statusRule: "blocked_by_policy" } });
    const s = await getAllClientsStatus({ ctx, input: {} });
    const row = s.clients.find((c) => c.client_id === id)!;
    expect(row.overall_status).toBe("unknown");
    expect(row.attention.flags).toEqual([{ kind: "misconfigured", system: "Depot", reason: "blocked by network policy (10.0.0.5)", since: at(5).toISOString() }]);
    expect(row.attention.sla).toMatchObject({ uptime_pct: 100, met: true });
    expect(s.overall_summary.misconfigured_clients).toBeGreaterThanOrEqual(1);
    expect(s.overall_summary.down_clients).toBe(0);
  });
});

describeEachDatabase("get_all_clients_status at 100 clients × 10 systems", (get) => {
  it("stays compact: the whole page, and a triage answer in a few kilobytes", async () => {
    const prisma = get().database.prisma;
    const ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    const clients = Array.from({ length: 100 }, (_, i) => ({ clientId: `size-client-${String(i).padStart(3, "0")}`, name: `Size Client ${i}`, industry: "Logistics", tags: ["fleet"] }));
    await prisma.client.createMany({ data: clients });
    const rows = await prisma.client.findMany({ where: { clientId: { startsWith: "size-client-" } }, select: { id: true, clientId: true } });
    const systems = rows.flatMap((c, ci) =>
      Array.from({ length: 10 }, (_, i) => {
        const down = ci % 10 === 0 && i === 3;
        return {
          clientRef: c.id,
          name: `System ${i}`,
          healthUrl: `https://${c.clientId}.example.com/s${i}/health`,
          status: down ? ("down" as const) : ("healthy" as const),
          statusReason: down ? "HTTP 503" : "reported healthy",
          statusChangedAt: at(down ? 20 : 600),
          lastCheckAt: at(0),
          lastResponseTimeMs: 120,
        };
      }),
    );
    await prisma.system.createMany({ data: systems });
    const made = await prisma.system.findMany({ where: { client: { clientId: { startsWith: "size-client-" } } }, select: { id: true, status: true } });
    await prisma.statusChange.createMany({
      data: made.flatMap((s): { systemId: string; fromStatus: SystemStatus; toStatus: SystemStatus; reason: string; startedAt: Date; endedAt: Date | null }[] =>
        s.status === "down"
          ? [
              { systemId: s.id, fromStatus: "unknown" as const, toStatus: "healthy" as const, reason: "reported healthy", startedAt: at(600), endedAt: at(20) },
              { systemId: s.id, fromStatus: "healthy" as const, toStatus: "down" as const, reason: "HTTP 503", startedAt: at(20), endedAt: null },
            ]
          : [{ systemId: s.id, fromStatus: "unknown" as const, toStatus: "healthy" as const, reason: "reported healthy", startedAt: at(600), endedAt: null }],
      ),
    });

    const server = createMcpServer(ctx);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const mcp = new Client({ name: "size", version: "1" });
    await mcp.connect(b);
    try {
      const textOf = async (args: Record<string, unknown>) => {
        const started = performance.now();
        const r = (await mcp.callTool({ name: "get_all_clients_status", arguments: args })) as CallToolResult;
        return { text: (r.content[0] as { text: string }).text, ms: performance.now() - started };
      };
      const all = await textOf({});
      const triage = await textOf({ attention_only: true });
      const parsed = allClientsStatusOutputSchema.parse(JSON.parse(triage.text));
      expect(parsed.clients).toHaveLength(10);
      expect(parsed.clients.every((c) => c.attention.flags.some((f) => f.kind === "down" && f.system === "System 3"))).toBe(true);
      console.log(`[size ${get().kind}] all 100 clients: ${all.text.length} chars (${all.ms.toFixed(0)} ms); attention_only: ${triage.text.length} chars (${triage.ms.toFixed(0)} ms)`);
      expect(JSON.parse(all.text).clients).toHaveLength(100);
      // Under 820 characters a client row (was 106,770 in all before the compact text): each row
      // now carries the span its two uptime figures cover ({pct, covered_from, coverage}, ~150
      // characters), which "100 % uptime 30 d" after ten minutes lacked.
      expect(all.text.length).toBeLessThan(82_000);
      expect(triage.text.length).toBeLessThan(10_000);
    } finally {
      await mcp.close();
    }
  }, 60_000);
});
