// getClientAttention (the client page's status section) on both databases, on a fake clock: one
// client's flags and SLA standing are exactly what the dashboard's row says of it, and a client
// outside the caller's scope is not found.
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import type { Context } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { getAllClientsStatus } from "./get-all-clients-status";
import { getClientAttention } from "./get-client-attention";

const NOW = Date.UTC(2031, 0, 15, 12, 0, 0);
const MIN = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN);

describeEachDatabase("get client attention", (get) => {
  let ctx: Context;
  let troubled: string;
  let fine: string;

  beforeAll(async () => {
    ctx = get().ctx({ clock: { now: () => new Date(NOW) } });
    troubled = uniqueClientId("page-down");
    fine = uniqueClientId("page-fine");
    await registerClient({
      ctx,
      input: {
        client_id: troubled,
        client_name: "Page Down Co",
        sla_target: 99.5,
        systems: [
          { name: "Orders", health_url: "https://orders.example.com/health" },
          { name: "Billing", health_url: "https://billing.example.com/health" },
        ],
      },
    });
    await registerClient({ ctx, input: { client_id: fine, client_name: "Page Fine Co", systems: [{ name: "API", health_url: "https://api.example.com/health" }] } });
    const prisma = get().database.prisma;
    const systems = await prisma.system.findMany({ where: { client: { clientId: { in: [troubled, fine] } } }, include: { client: true } });
    for (const s of systems) {
      const down = s.name === "Billing";
      await prisma.statusChange.create({ data: { systemId: s.id, fromStatus: "unknown", toStatus: "healthy", reason: "reported healthy", startedAt: at(120), endedAt: down ? at(20) : null } });
      if (down) await prisma.statusChange.create({ data: { systemId: s.id, fromStatus: "healthy", toStatus: "down", reason: "HTTP 503", startedAt: at(20), endedAt: null } });
      await prisma.system.update({
        where: { id: s.id },
        data: { status: down ? "down" : "healthy", statusReason: down ? "HTTP 503" : "reported healthy", statusChangedAt: at(down ? 20 : 120), lastCheckAt: at(0) },
      });
    }
  }, 60_000);

  it("is the dashboard row's attention for that client: flags with system, reason and since, and the SLA standing", async () => {
    const mine = await getClientAttention({ ctx, input: { client_id: troubled } });
    expect(mine.needs_attention).toBe(true);
    expect(mine.flags[0]).toEqual({ kind: "down", system: "Billing", reason: "HTTP 503", since: at(20).toISOString() });
    expect(mine.flags.map((f) => f.kind)).toEqual(["down", "below_sla"]);
    expect(mine.sla).toMatchObject({ target_pct: 99.5, window: "30d", met: false, covered_from: at(120).toISOString() });
    const dashboard = await getAllClientsStatus({ ctx, input: {} });
    expect(mine).toEqual(dashboard.clients.find((c) => c.client_id === troubled)!.attention);

    const calm = await getClientAttention({ ctx, input: { client_id: fine } });
    expect(calm).toMatchObject({ needs_attention: false, flags: [], sla: { met: true, uptime_pct: 100 } });
  });

  it("an unknown client, or one outside the caller's scope, is not found", async () => {
    await expect(getClientAttention({ ctx, input: { client_id: uniqueClientId("none") } })).rejects.toThrow(NotFoundError);
    const bound = get().ctx({ clock: { now: () => new Date(NOW) }, clientRestriction: fine });
    await expect(getClientAttention({ ctx: bound, input: { client_id: troubled } })).rejects.toThrow(NotFoundError);
    await expect(getClientAttention({ ctx: get().ctx({ scopes: [] }), input: { client_id: fine } })).rejects.toThrow(/missing the "read" scope/);
  });
});
