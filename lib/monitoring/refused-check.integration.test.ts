// Issue #9 item 3 on both databases: a check ClientPulse refused to send (network policy) or
// could not attempt (invalid URL) is unknown at once, stored with its rule, never down time,
// out of the rollups and uptime; so is a name that never resolved (unknown, flagged misconfigured).
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import type { ProbeReport } from "@/lib/monitoring/probe-system";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { clientHealthStats } from "./client-health-stats";
import { getSystemHealth } from "./get-system-health";
import { recordCheck } from "./record-check";

const MIN = 60_000;
const dnsFailure = (host: string): ProbeReport => ({
  status: "down",
  reason: `DNS lookup failed for ${host}`,
  rule: "dns_error",
  format: null,
  httpStatus: null,
  reportedUptime: null,
  responseTimeMs: null,
  error: `DNS lookup failed for ${host}`,
});

describeEachDatabase("refused checks are not outages", (get) => {
  let clientId: string;
  let apiId: string;
  let dnsId: string;
  const base = Date.UTC(2026, 11, 3, 8, 0, 0);

  beforeAll(async () => {
    clientId = uniqueClientId("refused");
    await registerClient({
      ctx: get().ctx(),
      input: {
        client_id: clientId,
        client_name: "Refused Co",
        systems: [
          { name: "API", health_url: "https://example.com/health" },
          { name: "Typo", health_url: "https://api.example.tset/health" },
        ],
      },
    });
    const rows = await get().database.prisma.system.findMany({ where: { client: { clientId } } });
    apiId = rows.find((s) => s.name === "API")!.id;
    dnsId = rows.find((s) => s.name === "Typo")!.id;
  });

  it("moves to unknown at once, records the refusal with its rule, counts no down time and keeps uptime", async () => {
    const ctx = get().ctx();
    const prisma = get().database.prisma;
    await recordCheck(ctx, { id: apiId }, probeReport("healthy", 100), new Date(base));
    await recordCheck(ctx, { id: apiId }, probeReport("healthy", 100), new Date(base + MIN));
    const rollupsBefore = await prisma.checkRollup.findMany({ where: { systemId: apiId }, orderBy: [{ period: "asc" }] });

    // Three refused checks (e.g. the address moved to 10.0.0.5): the first decides, at once.
    const refused = await recordCheck(ctx, { id: apiId }, probeReport("unknown", null), new Date(base + 10 * MIN));
    expect(refused).toMatchObject({ status: "unknown", rule: "blocked_private", confirmedStatus: "unknown" });
    expect(refused.change).toMatchObject({ from: "healthy", to: "unknown", reason: probeReport("unknown", null).reason });
    await recordCheck(ctx, { id: apiId }, probeReport("unknown", null), new Date(base + 11 * MIN));
    await recordCheck(ctx, { id: apiId }, probeReport("unknown", null), new Date(base + 12 * MIN));

    const sys = await prisma.system.findUniqueOrThrow({ where: { id: apiId } });
    expect(sys).toMatchObject({ status: "unknown", statusRule: "blocked_private", statusReason: probeReport("unknown", null).reason, pendingStatus: null });
    expect(sys.statusChangedAt).toEqual(new Date(base + 10 * MIN));
    const checks = await prisma.healthCheck.findMany({ where: { systemId: apiId }, orderBy: { checkedAt: "asc" } });
    expect(checks.map((c) => [c.status, c.rule])).toEqual([
      ["healthy", "reported_healthy"],
      ["healthy", "reported_healthy"],
      ["unknown", "blocked_private"],
      ["unknown", "blocked_private"],
      ["unknown", "blocked_private"],
    ]);
    // Never sent, so never in the rollups: checks = healthy + degraded + down still.
    expect(await prisma.checkRollup.findMany({ where: { systemId: apiId }, orderBy: [{ period: "asc" }] })).toEqual(rollupsBefore);
    const changes = await prisma.statusChange.findMany({ where: { systemId: apiId }, orderBy: { startedAt: "asc" } });
    expect(changes.map((c) => c.toStatus)).toEqual(["healthy", "unknown"]);
    expect(changes.some((c) => c.toStatus === "down")).toBe(false);

    // Uptime: 10 healthy minutes, then unknown (left out), so 100 %, not 10 / 20 = 50 %.
    const now = new Date(base + 20 * MIN);
    const clock = { now: () => now };
    const health = await getSystemHealth({ ctx: get().ctx({ clock }), input: { client_id: clientId } });
    const api = health.systems.find((s) => s.system_name === "API")!;
    expect(api).toMatchObject({ status: "unknown", status_rule: "blocked_private", uptime: { "24h": { pct: 100 } } });
    expect(api.misconfigured).toEqual({ reason: probeReport("unknown", null).reason, since: new Date(base + 10 * MIN).toISOString() });
    expect(health.summary.down_systems).toBe(0);
    const client = await prisma.client.findFirstOrThrow({ where: { clientId }, include: { systems: true } });
    const [stats] = [...(await clientHealthStats(get().ctx({ clock }), [client])).values()];
    expect(stats).toMatchObject({ uptime24h: { pct: 100 } });

    // The policy is fixed: the next real probe leaves unknown at once and clears the flag.
    await recordCheck(ctx, { id: apiId }, probeReport("healthy", 90), new Date(base + 21 * MIN));
    expect(await prisma.system.findUniqueOrThrow({ where: { id: apiId } })).toMatchObject({ status: "healthy", statusRule: "reported_healthy" });
    const after = await getSystemHealth({ ctx: get().ctx({ clock: { now: () => new Date(base + 22 * MIN) } }), input: { client_id: clientId } });
    expect(after.systems.find((s) => s.system_name === "API")!.misconfigured).toBeNull();
  });

  it("calls a DNS failure of a name that never answered dns_never_resolved (unknown, misconfigured, out of uptime), and one that did answer dns_error (down)", async () => {
    const ctx = get().ctx();
    const prisma = get().database.prisma;
    const reason = "name never resolved (DNS lookup failed for api.example.tset)";
    const first = await recordCheck(ctx, { id: dnsId }, dnsFailure("api.example.tset"), new Date(base));
    expect(first).toMatchObject({ status: "unknown", rule: "dns_never_resolved", reason, confirmedStatus: "unknown" });
    await recordCheck(ctx, { id: dnsId }, dnsFailure("api.example.tset"), new Date(base + MIN));
    // Never sent anywhere: no rollup, no state change to down.
    expect(await prisma.checkRollup.count({ where: { systemId: dnsId } })).toBe(0);
    expect((await prisma.statusChange.findMany({ where: { systemId: dnsId } })).some((c) => c.toStatus === "down")).toBe(false);
    const clock = { now: () => new Date(base + 2 * MIN) };
    const health = await getSystemHealth({ ctx: get().ctx({ clock }), input: { client_id: clientId } });
    const typo = health.systems.find((s) => s.system_name === "Typo")!;
    expect(typo).toMatchObject({ status: "unknown", status_rule: "dns_never_resolved", reason, uptime: { "24h": null } });
    expect(typo.misconfigured?.reason).toBe(reason);
    expect(health.summary.down_systems).toBe(0);

    // Once it has answered, a DNS failure is a real outage of the client's name.
    await recordCheck(ctx, { id: dnsId }, probeReport("healthy", 80), new Date(base + 2 * MIN));
    const later = await recordCheck(ctx, { id: dnsId }, dnsFailure("api.example.tset"), new Date(base + 3 * MIN));
    expect(later).toMatchObject({ status: "down", rule: "dns_error" });
    expect((await prisma.healthCheck.findMany({ where: { systemId: dnsId }, orderBy: { checkedAt: "asc" } })).map((c) => [c.status, c.rule])).toEqual([
      ["unknown", "dns_never_resolved"],
      ["unknown", "dns_never_resolved"],
      ["healthy", "reported_healthy"],
      ["down", "dns_error"],
    ]);
  });
});
