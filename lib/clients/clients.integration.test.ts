import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { deactivateClient } from "./deactivate-client";
import { getAllClientsStatus, listClients } from "@/lib/metrics/clients-overview";
import { rollDaysUp, seedHourlyRollups } from "@/test/support/metric-rollups";
import { getClient } from "./get-client";
import { registerClient } from "./register-client";
import { updateClient } from "./update-client";
import { untrusted } from "@/lib/input";

function reg(clientId: string, extra: Record<string, unknown> = {}) {
  return {
    client_id: clientId,
    client_name: `Client ${clientId}`,
    industry: "Logistics",
    systems: [
      { name: "Orders", health_url: "https://orders.example.com/health", metrics_url: "https://orders.example.com/metrics" },
      { name: "Billing", health_url: "https://billing.example.com/health", timeout_ms: 3000 },
    ],
    ...extra,
  };
}

describeEachDatabase("clients service", (get) => {
  const countClients = () => get().database.prisma.client.count();

  describe("registerClient", () => {
    it("stores the client with its systems and returns the seed-like shape", async () => {
      const id = uniqueClientId("reg");
      const out = await registerClient({ ctx: get().ctx(), input: reg(id, { tags: ["vip"], contact_email: "ops@acme.test" }) });
      expect(out).toMatchObject({ client_id: id, client_name: `Client ${id}`, industry: "Logistics", active: true, tags: ["vip"], sla_target: 99.5, overall_status: "unknown" });
      expect(out.systems.map((s) => [s.name, s.status, s.timeout_ms])).toEqual([["Orders", "unknown", 10000], ["Billing", "unknown", 3000]]);
      const stored = await get().database.prisma.client.findUnique({ where: { clientId: id }, include: { systems: true } });
      expect(stored?.systems).toHaveLength(2);
      expect(stored?.contactEmail).toBe("ops@acme.test");
    });

    it("accepts the seed's shape", async () => {
      const id = uniqueClientId("seed");
      const out = await registerClient({
        ctx: get().ctx(),
        input: { client_id: id, client_name: "TNT Limousine", automation_systems: ["Lead Processing"], monitoring_endpoints: ["https://tnt-api.example.com"] },
      });
      expect(out.systems[0]).toMatchObject({ name: "Lead Processing", health_url: "https://tnt-api.example.com/health", metrics_url: "https://tnt-api.example.com/metrics" });
    });

    it("refuses a duplicate client_id with a Conflict naming the field, and writes nothing", async () => {
      const id = uniqueClientId("dup");
      await registerClient({ ctx: get().ctx(), input: reg(id) });
      const before = await countClients();
      const error = await registerClient({ ctx: get().ctx(), input: reg(id, { client_name: "Other" }) }).catch((e) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.issues[0].path).toBe("client_id");
      expect(await countClients()).toBe(before);
      expect((await getClient({ ctx: get().ctx(), input: { client_id: id } })).client_name).toBe(`Client ${id}`);
    });

    it("loses nothing on invalid input: no client, no system, no audit line", async () => {
      const prisma = get().database.prisma;
      const [c, s, a] = await Promise.all([prisma.client.count(), prisma.system.count(), prisma.auditLog.count()]);
      const bad = [
        reg(uniqueClientId("bad"), { client_name: "" }),
        reg(uniqueClientId("bad"), { systems: [] }),
        reg(uniqueClientId("bad"), { systems: [{ name: "X", health_url: "javascript:alert(1)" }] }),
        reg(uniqueClientId("bad"), { client_name: "x".repeat(1_000_000) }),
        reg(uniqueClientId("bad"), { systems: [{ name: "X", health_url: "https://x.test", check_interval_seconds: "60" }] }),
        null,
        "a string",
      ];
      for (const input of bad) {
        await expect(registerClient({ ctx: get().ctx(), input: untrusted(input) })).rejects.toBeInstanceOf(ValidationError);
      }
      expect([await prisma.client.count(), await prisma.system.count(), await prisma.auditLog.count()]).toEqual([c, s, a]);
    });

    it("records who registered it in the audit log", async () => {
      const id = uniqueClientId("aud");
      await registerClient({ ctx: get().ctx({ actor: { type: "user", id: "u1", label: "ada@agency.test" } }), input: reg(id) });
      const line = await get().database.prisma.auditLog.findFirst({ where: { targetId: id, action: "client.register" } });
      expect(line).toMatchObject({ actorType: "user", actorLabel: "ada@agency.test", success: true });
      expect(line?.summary).toMatchObject({ after: { systems: ["Orders", "Billing"] } });
    });

    it("refuses a read-only caller and writes nothing", async () => {
      const id = uniqueClientId("ro");
      await expect(registerClient({ ctx: get().ctx({ scopes: ["read"] }), input: reg(id) })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await get().database.prisma.client.findUnique({ where: { clientId: id } })).toBeNull();
    });
  });

  describe("reading", () => {
    let a: string;
    let b: string;
    beforeAll(async () => {
      a = uniqueClientId("read-a");
      b = uniqueClientId("read-b");
      await registerClient({ ctx: get().ctx(), input: reg(a, { client_name: "Zebra Dental", industry: "Healthcare", tags: ["dental"] }) });
      await registerClient({ ctx: get().ctx(), input: reg(b, { client_name: "Aardvark Realty", industry: "Real estate" }) });
    });

    it("gets one client, and says NotFound for an unknown id", async () => {
      expect((await getClient({ ctx: get().ctx(), input: { client_id: a } })).client_name).toBe("Zebra Dental");
      await expect(getClient({ ctx: get().ctx(), input: { client_id: "no-such-client" } })).rejects.toBeInstanceOf(NotFoundError);
    });

    it("searches by name, id, industry and tag", async () => {
      const names = async (search: string) => (await listClients({ ctx: get().ctx(), input: { search } })).clients.map((c) => c.client_id);
      expect(await names("zebra")).toEqual([a]);
      expect(await names("HEALTHCARE")).toEqual([a]);
      expect(await names("dental")).toEqual([a]);
      expect(await names(b)).toEqual([b]);
    });

    it("hides other clients from a caller restricted to one client", async () => {
      const ctx = get().ctx({ clientRestriction: a });
      const list = await listClients({ ctx, input: {} });
      expect(list.clients.map((c) => c.client_id)).toEqual([a]);
      await expect(getClient({ ctx, input: { client_id: b } })).rejects.toBeInstanceOf(NotFoundError);
      const status = await getAllClientsStatus({ ctx, input: {} });
      expect(status.clients.map((c) => c.client_id)).toEqual([a]);
    });
  });

  describe("updateClient and deactivateClient", () => {
    it("changes fields and replaces systems by name, keeping the ids of the ones kept", async () => {
      const id = uniqueClientId("upd");
      const created = await registerClient({ ctx: get().ctx(), input: reg(id) });
      const ordersId = created.systems.find((s) => s.name === "Orders")!.id;
      const updated = await updateClient({
        ctx: get().ctx(),
        input: {
          client_id: id,
          client_name: "Renamed",
          sla_target: 99.9,
          systems: [
            { name: "orders", health_url: "https://orders-v2.example.com/health" },
            { name: "Dispatch", health_url: "https://dispatch.example.com/health" },
          ],
        },
      });
      expect(updated.client_name).toBe("Renamed");
      expect(updated.industry).toBe("Logistics"); // untouched
      expect(updated.sla_target).toBe(99.9);
      expect(updated.systems.map((s) => s.name)).toEqual(["orders", "Dispatch"]);
      expect(updated.systems[0].id).toBe(ordersId);
      expect(updated.systems[0].health_url).toBe("https://orders-v2.example.com/health");
    });

    it("deactivates: hidden from the default status view, kept with include_inactive, and reactivated", async () => {
      const id = uniqueClientId("deact");
      await registerClient({ ctx: get().ctx(), input: reg(id) });
      expect((await deactivateClient({ ctx: get().ctx(), input: { client_id: id } })).active).toBe(false);
      const active = await getAllClientsStatus({ ctx: get().ctx(), input: {} });
      expect(active.clients.some((c) => c.client_id === id)).toBe(false);
      const all = await getAllClientsStatus({ ctx: get().ctx(), input: { include_inactive: true } });
      expect(all.clients.find((c) => c.client_id === id)?.active).toBe(false);
      expect(all.total_clients).toBe(active.total_clients);
      expect(all.active_clients).toBe(active.clients.length);
      expect((await updateClient({ ctx: get().ctx(), input: { client_id: id, active: true } })).active).toBe(true);
    });

    it("says NotFound for an unknown client and rejects bad fields", async () => {
      await expect(updateClient({ ctx: get().ctx(), input: { client_id: "missing-client", client_name: "x" } })).rejects.toBeInstanceOf(NotFoundError);
      await expect(updateClient({ ctx: get().ctx(), input: { client_id: "missing-client", sla_target: 101 } })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe("getAllClientsStatus", () => {
    it("reports each client's worst system status, counts and today's automations", async () => {
      const id = uniqueClientId("stat");
      const ctx = get().ctx({ clock: { now: () => new Date("2026-03-10T15:00:00Z") } });
      const out = await registerClient({ ctx, input: reg(id) });
      const prisma = get().database.prisma;
      const [orders, billing] = out.systems;
      await prisma.system.update({ where: { id: orders.id }, data: { status: "healthy", lastCheckAt: new Date("2026-03-10T14:59:00Z") } });
      await prisma.system.update({ where: { id: billing.id }, data: { status: "degraded", statusReason: "latency 2380 ms > 2000 ms", lastCheckAt: new Date("2026-03-10T14:58:00Z") } });
      const sample = (systemId: string, start: string, total: number, ok: number) => seedHourlyRollups(prisma, systemId, new Date(start), 1, { total, successful: ok });
      await sample(orders.id, "2026-03-10T08:00:00Z", 80, 76);
      await sample(billing.id, "2026-03-10T09:00:00Z", 20, 19);
      await sample(orders.id, "2026-03-09T09:00:00Z", 999, 0); // yesterday: not today's
      for (const s of [orders.id, billing.id]) await rollDaysUp(prisma, s, "UTC");

      const status = await getAllClientsStatus({ ctx, input: {} });
      const row = status.clients.find((c) => c.client_id === id)!;
      expect(row).toMatchObject({
        overall_status: "degraded",
        status_reason: "Billing: latency 2380 ms > 2000 ms",
        systems_count: 2,
        healthy_systems: 1,
        degraded_systems: 1,
        down_systems: 0,
        last_check: "2026-03-10T14:59:00.000Z",
        today_automations: 100,
        today_success_rate: 95,
      });
      expect(status.dashboard_updated).toBe("2026-03-10T15:00:00.000Z");
      expect(status.overall_summary.degraded_clients).toBeGreaterThanOrEqual(1);
      const sum = status.overall_summary;
      expect(sum.healthy_clients + sum.degraded_clients + sum.down_clients + sum.unknown_clients).toBe(status.clients.length);
      expect(sum.total_automations_today).toBe(status.clients.reduce((n, c) => n + c.today_automations, 0));
    });
  });
});
