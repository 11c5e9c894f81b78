// The client scope (lib/client-scope.ts) on both databases, below the edges: the role matrix
// proves every read edge; this proves each form of the scope on its own, including the ones
// the edges only use as a second line (raw SQL, rows handed in, the audit log), so none of
// them can quietly stop working.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listApiKeys } from "@/lib/api-keys/manage-api-keys";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { registerClient } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { todayMetricsByClient } from "@/lib/metrics/today-metrics";
import { clientHealthStats } from "@/lib/monitoring/client-health-stats";
import { recordCheck } from "@/lib/monitoring/record-check";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { clientInScope, scopeClientRows, scopeClients, scopeSql, scopeSystemRows } from "./client-scope";

describeEachDatabase("client scope", (get) => {
  let A: string;
  let B: string;
  let refs: { A: string; B: string };
  let bound: () => Context; // full scopes, bound to A: only the scope narrows it
  const db = () => get().database.prisma;

  beforeAll(async () => {
    const ctx = get().ctx();
    A = uniqueClientId("scope-a");
    B = uniqueClientId("scope-b");
    for (const id of [A, B]) {
      await registerClient({ ctx, input: { client_id: id, client_name: `Scope ${id}`, systems: [{ name: "API", health_url: `https://${id}.example.com/health` }] } });
      const system = await db().system.findFirstOrThrow({ where: { client: { clientId: id } } });
      const t = Date.now() - 60_000;
      for (let i = 0; i < 3; i++) await recordCheck(ctx, system, probeReport("healthy", 100), new Date(t + i * 1000));
      await seedHourlyRollups(db(), system.id, new Date(Math.floor(t / 3_600_000) * 3_600_000), 1, { total: 5, successful: 5 });
      await rollDaysUp(db(), system.id, "UTC");
    }
    const rows = await db().client.findMany({ where: { clientId: { in: [A, B] } }, select: { id: true, clientId: true } });
    refs = { A: rows.find((r) => r.clientId === A)!.id, B: rows.find((r) => r.clientId === B)!.id };
    bound = () => get().ctx({ clientRestriction: A });
  });

  it("AND-s the caller's filter with the scope, so a filter on another client finds nothing instead of overriding it", async () => {
    expect(await db().client.findMany({ where: scopeClients(bound(), { clientId: B }), select: { clientId: true } })).toEqual([]);
    expect(await db().client.findMany({ where: scopeClients(bound(), { clientId: { in: [A, B] } }), select: { clientId: true } })).toEqual([{ clientId: A }]);
    const systems = await db().system.findMany({ where: scopeClientRows(bound(), { clientRef: { in: [refs.A, refs.B] } }), select: { clientRef: true } });
    expect(systems).toEqual([{ clientRef: refs.A }]);
    const checks = await db().healthCheck.findMany({ where: scopeSystemRows(bound(), { system: { clientRef: { in: [refs.A, refs.B] } } }), select: { systemId: true } });
    expect(checks).toHaveLength(3);
    // An unbound caller's filter is passed through untouched: the same query as without a scope.
    const where = { clientId: B };
    expect(scopeClients(get().ctx(), where)).toBe(where);
  });

  it("scopeSql narrows raw SQL by client ref and by system id", async () => {
    const byRef = (ctx: Context) =>
      db().$queryRaw<{ client_ref: string }[]>`SELECT s.client_ref::text AS client_ref FROM systems s WHERE s.client_ref = ANY(${[refs.A, refs.B]}::uuid[]) AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}`;
    const bySystem = (ctx: Context) =>
      db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM health_checks h JOIN systems s ON s.id = h.system_id
        WHERE s.client_ref = ANY(${[refs.A, refs.B]}::uuid[]) AND ${scopeSql(ctx, { systemId: "h.system_id" })}`;
    expect(await byRef(bound())).toEqual([{ client_ref: refs.A }]);
    expect((await byRef(get().ctx())).map((r) => r.client_ref).sort()).toEqual([refs.A, refs.B].sort());
    expect(await bySystem(bound())).toEqual([{ n: 3 }]);
    expect(await bySystem(get().ctx())).toEqual([{ n: 6 }]);
    expect(() => scopeSql(bound(), { clientRef: "s.client_ref; DROP TABLE clients" })).toThrow(/not a plain column/);
  });

  it("aggregates handed another client's rows leave them out: today's volumes and health stats", async () => {
    const volumes = await todayMetricsByClient(bound(), [refs.A, refs.B]);
    expect([...volumes.keys()]).toEqual([refs.A]);
    expect((await todayMetricsByClient(get().ctx(), [refs.A, refs.B])).size).toBe(2);

    const clients = await db().client.findMany({ where: { clientId: { in: [A, B] } }, select: { id: true, clientId: true, systems: { select: { id: true, enabled: true } } } });
    const stats = await clientHealthStats(bound(), clients);
    expect([...stats.keys()]).toEqual([refs.A]);
    expect(stats.get(refs.A)!.uptime24h).toMatchObject({ pct: 100 });
    expect((await clientHealthStats(get().ctx(), clients)).get(refs.B)!.uptime24h).toMatchObject({ pct: 100 });
    expect(clientInScope(bound(), B)).toBe(false);
  });

  describe("admin-only lists, should a bound caller ever hold the admin scope", () => {
    it("the audit log shows only lines about the bound client", async () => {
      const entries = (await listAuditLog({ ctx: bound(), input: { action: "client.register", limit: 500 } })).entries;
      expect(entries.map((e) => e.target_id)).toEqual([A]);
      const all = (await listAuditLog({ ctx: get().ctx(), input: { action: "client.register", limit: 500 } })).entries.map((e) => e.target_id);
      expect(all).toEqual(expect.arrayContaining([A, B]));
    });

    it("API keys: only those bound to the client; binding a new key to another client is 'no such client'", async () => {
      await createApiKey({ ctx: get().ctx(), input: { name: "for A", scopes: ["read"], client_id: A } });
      await createApiKey({ ctx: get().ctx(), input: { name: "for B", scopes: ["read"], client_id: B } });
      expect((await listApiKeys({ ctx: bound() })).map((k) => k.client_id)).toEqual([A]);
      await expect(createApiKey({ ctx: bound(), input: { name: "sneaky", scopes: ["read"], client_id: B } })).rejects.toMatchObject({ code: "validation_error", issues: [{ path: "client_id", message: `no client "${B}"` }] });
    });
  });
});
