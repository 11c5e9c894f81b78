// Issue #9 acceptance, on both databases: with the demo workspace loaded and 20 minutes of
// checks by the real scheduler on a fake clock (each probe answered by the demo fleet's own
// model at that instant, exactly what /api/demo/fleet serves), an assistant that has read
// tools/list answers "which clients need attention, why and since when?" in ONE call, and the
// answer is a few kilobytes.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, expect, it } from "vitest";
import { allClientsStatusOutputSchema } from "@/lib/clients/schemas";
import { loadDemoWorkspace } from "@/lib/demo/load-demo-workspace";
import { findDemoSystem, healthAt } from "@/lib/demo/fleet-model";
import { classifyProbe } from "@/lib/monitoring/classify-probe";
import type { ProbeReport } from "@/lib/monitoring/probe-system";
import { createScheduler } from "@/lib/monitoring/scheduler";
import { describeEachDatabase } from "@/test/support/databases";
import { createMcpServer } from "./server";
import { DEMO_LOAD_TIMEOUT_MS } from "@/test/support/demo";

const MIN = 60_000;
// Aligned on Northwind's 8-minute flapping cycle (5 up, 3 down, from minute 0 of the epoch) and
// on no other incident of the fleet (a Thursday morning, UTC).
const START = Date.UTC(2026, 11, 3, 9, 4, 0);
const SIMULATED_MS = 20 * MIN;

/** The demo fleet's answer at the fake clock's instant, classified as a real probe would be. */
function fleetProbe(clock: { now: () => Date }) {
  return async (system: { healthUrl: string; degradedThresholdMs: number }): Promise<ProbeReport> => {
    const [, clientId, slug] = new URL(system.healthUrl).pathname.match(/\/api\/demo\/fleet\/([^/]+)\/([^/]+)\/health$/) ?? [];
    const profile = findDemoSystem(clientId!, slug!);
    if (!profile) throw new Error(`not a demo system: ${system.healthUrl}`);
    const health = healthAt(profile, clock.now());
    const classified = classifyProbe({
      outcome: { ok: true, status: health.httpStatus, contentType: health.contentType, body: JSON.stringify(health.body) },
      responseTimeMs: health.latencyMs,
      degradedThresholdMs: system.degradedThresholdMs,
    });
    return { ...classified, responseTimeMs: health.latencyMs, error: null };
  };
}

describeEachDatabase("triage over MCP with the demo workspace", (get) => {
  let now = START;
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    const ctx = get().ctx({ clock });
    const loaded = await loadDemoWorkspace({ ctx, input: { base_url: "http://127.0.0.1:3000" } });
    expect(loaded.created).toContain("northwind-outfitters-001");
    const scheduler = createScheduler({ db: get().database.prisma, clock, probe: fleetProbe(clock) });
    for (now = START; now <= START + SIMULATED_MS; now += 5_000) await scheduler.drain();
    now = START + SIMULATED_MS;
  }, DEMO_LOAD_TIMEOUT_MS);

  it("one get_all_clients_status {attention_only: true} call: Northwind flapping and below SLA, with reasons and since when, in a few kilobytes", async () => {
    const server = createMcpServer(get().ctx({ clock, scopes: ["read"] }));
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const assistant = new Client({ name: "assistant", version: "1" });
    await assistant.connect(b);
    try {
      const { tools } = await assistant.listTools();
      const tool = tools.find((t) => t.name === "get_all_clients_status")!;
      expect(tool.description).toMatch(/attention_only: true/);
      expect((tool.inputSchema.properties as Record<string, { description?: string }>).attention_only.description).toMatch(/needing attention/);

      const result = (await assistant.callTool({ name: "get_all_clients_status", arguments: { attention_only: true } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      const text = (result.content[0] as { text: string }).text;
      const data = allClientsStatusOutputSchema.parse(JSON.parse(text));
      console.log(`[triage ${get().kind}] ${text.length} chars of text, ${data.clients.length} clients needing attention: ${data.clients.map((c) => c.client_id).join(", ")}`);
      if (process.env.SHOW_TRIAGE) console.log(text);
      // A few kilobytes, one line of compact JSON: well inside any assistant's per-result budget.
      expect(text.length).toBeLessThan(8_000);
      expect(text).not.toContain("\n");

      expect(data.clients.every((c) => c.attention.needs_attention)).toBe(true);
      const northwind = data.clients.find((c) => c.client_id === "northwind-outfitters-001");
      expect(northwind, "Northwind needs attention").toBeDefined();
      const kinds = northwind!.attention.flags.map((f) => f.kind);
      expect(kinds).toContain("flapping");
      expect(kinds).toContain("below_sla");
      const flapping = northwind!.attention.flags.find((f) => f.kind === "flapping")!;
      expect(flapping).toMatchObject({ system: "Abandoned Cart Recovery", reason: expect.stringMatching(/^\d+ state changes in the last hour$/) });
      const below = northwind!.attention.flags.find((f) => f.kind === "below_sla")!;
      expect(below).toMatchObject({ system: null, reason: expect.stringMatching(/^uptime [\d.]+ % since .+, below the 99\.5 % target$/) });
      // Since when: instants inside the simulated checks, never in the future.
      for (const flag of northwind!.attention.flags) {
        const since = Date.parse(flag.since);
        expect(since, flag.kind).toBeGreaterThanOrEqual(START);
        expect(since, flag.kind).toBeLessThanOrEqual(now);
      }
      expect(northwind!.attention.sla).toMatchObject({ target_pct: 99.5, met: false });
      expect(northwind!.attention.sla!.uptime_pct!).toBeLessThan(99.5);
      expect(northwind!.attention.sla!.coverage).toBeGreaterThan(0);
      expect(northwind!.attention.sla!.coverage).toBeLessThan(1); // 20 minutes of a 30-day window
      // Attention first: the summary counts what the list shows.
      expect(data.overall_summary.needs_attention_clients).toBe(data.clients.length);
      expect(data.overall_summary.flapping_clients).toBeGreaterThanOrEqual(1);
    } finally {
      await assistant.close();
    }
  });
});
