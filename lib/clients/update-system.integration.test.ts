// updateSystem and the per-client private-network setting (updateClient's
// allow_private_targets), on both databases: what changes, what is refused (and then left
// untouched), what the scheduler is told, and what the audit log says.
import { expect, it } from "vitest";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { registerClient } from "./register-client";
import { updateClient } from "./update-client";
import { updateSystem } from "./update-system";
import { untrusted } from "@/lib/input";

const PAST = new Date("2026-01-01T00:00:00Z");

function reg(clientId: string) {
  return {
    client_id: clientId,
    client_name: `Client ${clientId}`,
    systems: [
      { name: "Orders", health_url: "https://orders.example.com/health?key=s3cret-token", metrics_url: "https://orders.example.com/metrics" },
      { name: "Billing", health_url: "https://billing.example.com/health", timeout_ms: 15_000 },
    ],
  };
}

async function issuesOf(promise: Promise<unknown>) {
  const error = await promise.catch((e) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues!;
}

describeEachDatabase("updateSystem", (get) => {
  const prisma = () => get().database.prisma;
  const systemRow = (clientId: string, name: string) => prisma().system.findFirstOrThrow({ where: { client: { clientId }, name } });
  const auditRows = (clientId: string, action = "client.update_system") => prisma().auditLog.findMany({ where: { targetId: clientId, action }, orderBy: { id: "asc" } });

  async function newClient(prefix = "sys") {
    const id = uniqueClientId(prefix);
    await registerClient({ ctx: get().ctx(), input: reg(id) });
    return id;
  }
  /** Puts a system mid-schedule with a pending run, as the scheduler would have left it. */
  async function scheduled(clientId: string, name: string) {
    const row = await systemRow(clientId, name);
    await prisma().system.update({
      where: { id: row.id },
      data: { status: "healthy", nextCheckAt: PAST, pendingStatus: "down", pendingCount: 1, pendingSince: PAST },
    });
    return row.id;
  }

  it("changes the given fields, keeps the rest and the id, and returns the system with its confirmations", async () => {
    const id = await newClient();
    const before = await systemRow(id, "Orders");
    const billing = await systemRow(id, "Billing");
    const out = await updateSystem({
      ctx: get().ctx(),
      input: { client_id: id, system: "orders", check_interval_seconds: 30, confirmations: 3, metrics_url: null, degraded_threshold_ms: 800 },
    });
    expect(out).toMatchObject({
      id: before.id,
      name: "Orders",
      health_url: before.healthUrl,
      metrics_url: null,
      check_interval_seconds: 30,
      timeout_ms: 10_000,
      degraded_threshold_ms: 800,
      confirmations: 3,
      enabled: true,
    });
    const stored = await systemRow(id, "Orders");
    expect([stored.checkIntervalSec, stored.confirmations, stored.metricsUrl, stored.degradedThresholdMs]).toEqual([30, 3, null, 800]);
    expect(await systemRow(id, "Billing")).toEqual(billing); // the other system is untouched
  });

  it("renames (a change of case included), and refuses a name another system of the client has, on the name field", async () => {
    const id = await newClient();
    expect((await updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Orders", name: "ORDERS" } })).name).toBe("ORDERS");
    expect((await updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "orders", name: "Order intake" } })).name).toBe("Order intake");

    const auditBefore = (await auditRows(id)).length;
    const issues = await issuesOf(updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Order intake", name: " billing " } }));
    expect(issues).toEqual([{ path: "name", message: 'another system of this client is already called "Billing"' }]);
    expect(await prisma().system.findMany({ where: { client: { clientId: id } }, select: { name: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "Billing" },
      { name: "Order intake" },
    ]);
    expect(await auditRows(id)).toHaveLength(auditBefore);
    // The same name in another client is fine.
    const other = await newClient("sys-other");
    expect((await updateSystem({ ctx: get().ctx(), input: { client_id: other, system: "Orders", name: "Order intake" } })).name).toBe("Order intake");
  });

  it.each([
    ["name", ""],
    ["name", "x".repeat(201)],
    ["health_url", "ftp://orders.example.com/health"],
    ["health_url", "https://user:pw@orders.example.com/health"],
    ["health_url", null],
    ["metrics_url", "not a url"],
    ["check_interval_seconds", 5],
    ["check_interval_seconds", 86_401],
    ["check_interval_seconds", "60"],
    ["timeout_ms", 499],
    ["timeout_ms", 60_001],
    ["degraded_threshold_ms", 0],
    ["degraded_threshold_ms", 1.5],
    ["confirmations", 0],
    ["confirmations", 11],
    ["confirmations", 2.5],
    ["enabled", "yes"],
    ["interval", 30],
  ])("refuses %s = %j with a 422 on that field and changes nothing", async (field, value) => {
    const id = await newClient("bad");
    const before = await systemRow(id, "Orders");
    const issues = await issuesOf(updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Orders", [field]: value } }));
    expect(issues.map((i) => i.path)).toEqual([field]);
    expect(await systemRow(id, "Orders")).toEqual(before);
    expect(await auditRows(id)).toHaveLength(0);
  });

  it("checks timeout ≤ interval on the merged values, blaming the field that was sent", async () => {
    const id = await newClient("cross");
    // Billing: timeout 15 s, interval 60 s.
    const onTimeout = await issuesOf(updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Billing", timeout_ms: 20_000, check_interval_seconds: 15 } }));
    expect(onTimeout).toEqual([{ path: "timeout_ms", message: "must not be longer than the check interval" }]);
    const onInterval = await issuesOf(updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Billing", check_interval_seconds: 10 } }));
    expect(onInterval).toEqual([{ path: "check_interval_seconds", message: "must not be shorter than the timeout (15000 ms)" }]);
    expect((await systemRow(id, "Billing")).checkIntervalSec).toBe(60);
    // Equal is fine, and both together can move past the old values.
    const ok = await updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Billing", check_interval_seconds: 15, timeout_ms: 15_000 } });
    expect([ok.check_interval_seconds, ok.timeout_ms]).toEqual([15, 15_000]);
  });

  it("says NotFound for an unknown system or client, and for a client outside the caller's restriction", async () => {
    const id = await newClient("nf");
    await expect(updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Shipping", confirmations: 3 } })).rejects.toThrow(
      new NotFoundError(`Client "${id}" has no system called "Shipping"`),
    );
    await expect(updateSystem({ ctx: get().ctx(), input: { client_id: "no-such-client", system: "Orders", confirmations: 3 } })).rejects.toBeInstanceOf(NotFoundError);
    const restricted = get().ctx({ scopes: ["read", "write"], clientRestriction: "someone-else" });
    await expect(updateSystem({ ctx: restricted, input: { client_id: id, system: "Orders", confirmations: 3 } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await systemRow(id, "Orders")).confirmations).toBe(2);
  });

  it("re-phases the schedule on a new URL, interval or enabled flag, and clears the pending run on a new URL or confirmations", async () => {
    const id = await newClient("sched");
    const sysId = await scheduled(id, "Orders");
    const state = async () => {
      const s = await prisma().system.findUniqueOrThrow({ where: { id: sysId } });
      return { next: s.nextCheckAt, pending: [s.pendingStatus, s.pendingCount, s.pendingSince] };
    };
    const kept = { next: PAST, pending: ["down", 1, PAST] };
    const cleared = [null, 0, null];
    const change = async (fields: Record<string, unknown>) => {
      await scheduled(id, "Orders");
      await updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Orders", ...fields } });
      return state();
    };

    expect(await change({ degraded_threshold_ms: 900, timeout_ms: 5_000, name: "Orders", metrics_url: null })).toEqual(kept);
    expect(await change({ check_interval_seconds: 120 })).toEqual({ next: null, pending: kept.pending });
    // Pausing also ends the current state (see the next test), and with it the pending run.
    expect(await change({ enabled: false })).toEqual({ next: null, pending: cleared });
    expect(await change({ enabled: true })).toEqual({ next: null, pending: kept.pending });
    expect(await change({ confirmations: 4 })).toEqual({ next: PAST, pending: cleared });
    expect(await change({ health_url: "https://orders-v2.example.com/health" })).toEqual({ next: null, pending: cleared });
    // Sending the current values is not a change: nothing is reset, nothing written.
    const audits = (await auditRows(id)).length;
    expect(await change({ health_url: "https://orders-v2.example.com/health", check_interval_seconds: 120, confirmations: 4, enabled: true })).toEqual(kept);
    expect(await auditRows(id)).toHaveLength(audits);
  });

  it("pausing ends the current state in the history: paused time is unknown, not counted as up or down", async () => {
    const id = await newClient("pause");
    const row = await systemRow(id, "Orders");
    const t0 = new Date("2026-03-01T00:00:00Z");
    await prisma().statusChange.create({ data: { systemId: row.id, fromStatus: "unknown", toStatus: "down", reason: "HTTP 503", startedAt: t0 } });
    await prisma().system.update({ where: { id: row.id }, data: { status: "down", statusReason: "HTTP 503", statusChangedAt: t0 } });
    const pausedAt = new Date(t0.getTime() + 3_600_000);
    await updateSystem({ ctx: get().ctx({ clock: { now: () => pausedAt } }), input: { client_id: id, system: "Orders", enabled: false } });

    const after = await systemRow(id, "Orders");
    expect(after).toMatchObject({ enabled: false, status: "unknown", statusReason: "checks paused" });
    const history = await prisma().statusChange.findMany({ where: { systemId: row.id }, orderBy: { startedAt: "asc" } });
    expect(history.map((h) => [h.toStatus, h.startedAt.toISOString(), h.endedAt?.toISOString() ?? null])).toEqual([
      ["down", t0.toISOString(), pausedAt.toISOString()],
      ["unknown", pausedAt.toISOString(), null],
    ]);
    // Re-enabling changes no history by itself (the next probe does); pausing twice adds nothing.
    await updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Orders", enabled: true } });
    await updateSystem({ ctx: get().ctx(), input: { client_id: id, system: "Orders", enabled: false } });
    expect(await prisma().statusChange.count({ where: { systemId: row.id } })).toBe(2);
  });

  it("writes one audit line with the before/after of the changed fields only, URLs without their query", async () => {
    const id = await newClient("audit");
    await updateSystem({
      ctx: get().ctx({ actor: { type: "user", id: "u-1", label: "ed@agency.test" } }),
      input: { client_id: id, system: "Orders", name: "Orders v2", health_url: "https://orders.example.com/v2/health?key=n3w-token", confirmations: 5 },
    });
    const rows = await auditRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: "user", actorLabel: "ed@agency.test", targetType: "client", success: true });
    expect(rows[0].summary).toEqual({
      system: "Orders",
      before: { name: "Orders", health_url: "https://orders.example.com/health?…", confirmations: 2 },
      after: { name: "Orders v2", health_url: "https://orders.example.com/v2/health?…", confirmations: 5 },
    });
    expect(JSON.stringify(rows[0].summary)).not.toMatch(/token/);
  });

  it("refuses viewers and read-only keys (Forbidden) and changes nothing", async () => {
    const id = await newClient("ro");
    const before = await systemRow(id, "Orders");
    for (const actor of [
      { type: "user" as const, label: "viewer@agency.test" },
      { type: "api_key" as const, label: 'key "ro"' },
    ]) {
      const ctx = get().ctx({ scopes: ["read"], actor });
      await expect(updateSystem({ ctx, input: { client_id: id, system: "Orders", confirmations: 3 } })).rejects.toBeInstanceOf(ForbiddenError);
      // Refused before anything is looked at: a bad field or unknown system is still a 403.
      await expect(updateSystem({ ctx, input: { client_id: id, system: "Nope", confirmations: 0 } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await systemRow(id, "Orders")).toEqual(before);
    expect(await auditRows(id)).toHaveLength(0);
  });
});

describeEachDatabase("confirmations and updateClient's systems list", (get) => {
  const prisma = () => get().database.prisma;

  it("registration accepts confirmations (default 2) and names a bad one by its path", async () => {
    const id = uniqueClientId("conf");
    const out = await registerClient({
      ctx: get().ctx(),
      input: { client_id: id, client_name: "Conf", systems: [{ name: "A", health_url: "https://a.example.com/health", confirmations: 4 }, { name: "B", health_url: "https://b.example.com/health" }] },
    });
    expect(out.systems.map((s) => s.confirmations)).toEqual([4, 2]);
    const seed = await registerClient({ ctx: get().ctx(), input: { client_id: uniqueClientId("conf-seed"), client_name: "Seed", automation_systems: ["X"], monitoring_endpoints: ["https://x.example.com"] } });
    expect(seed.systems[0].confirmations).toBe(2);
    const issues = await issuesOf(
      registerClient({ ctx: get().ctx(), input: { client_id: uniqueClientId("conf-bad"), client_name: "Bad", systems: [{ name: "A", health_url: "https://a.example.com/health", confirmations: 0 }] } }),
    );
    expect(issues).toEqual([{ path: "systems.0.confirmations", message: "must be at least 1" }]);
  });

  it("updateClient re-phases only the systems whose URL, interval or enabled flag changed", async () => {
    const id = uniqueClientId("uc-sched");
    await registerClient({ ctx: get().ctx(), input: reg(id) });
    await prisma().system.updateMany({ where: { client: { clientId: id } }, data: { nextCheckAt: PAST, pendingStatus: "down", pendingCount: 1, pendingSince: PAST } });
    await updateClient({
      ctx: get().ctx(),
      input: {
        client_id: id,
        systems: [
          // Orders: same settings (its defaults restated) → untouched.
          { name: "Orders", health_url: "https://orders.example.com/health?key=s3cret-token", metrics_url: "https://orders.example.com/metrics" },
          // Billing: new URL → re-phased and its pending run cleared.
          { name: "Billing", health_url: "https://billing-v2.example.com/health", timeout_ms: 15_000 },
        ],
      },
    });
    const rows = await prisma().system.findMany({ where: { client: { clientId: id } }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, r.nextCheckAt, r.pendingCount])).toEqual([
      ["Billing", null, 0],
      ["Orders", PAST, 1],
    ]);
  });
});

describeEachDatabase("private network access (updateClient allow_private_targets)", (get) => {
  const prisma = () => get().database.prisma;
  const stored = (id: string) => prisma().client.findUniqueOrThrow({ where: { clientId: id }, include: { systems: true } });

  it("an admin turns it on and off: shown in the output, audited, and the client's systems re-checked soon", async () => {
    const id = uniqueClientId("priv");
    const created = await registerClient({ ctx: get().ctx(), input: reg(id) });
    expect(created.allow_private_targets).toBe(false);
    await prisma().system.updateMany({ where: { client: { clientId: id } }, data: { nextCheckAt: PAST } });

    const admin = get().ctx({ scopes: ["read", "write", "admin"], actor: { type: "user", id: "a-1", label: "admin@agency.test" } });
    const on = await updateClient({ ctx: admin, input: { client_id: id, allow_private_targets: true } });
    expect(on.allow_private_targets).toBe(true);
    const row = await stored(id);
    expect(row.allowPrivateTargets).toBe(true);
    expect(row.systems.map((s) => s.nextCheckAt)).toEqual([null, null]);
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: "client.update", targetId: id }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: "admin@agency.test", success: true });
    expect(audit.summary).toMatchObject({ before: { allow_private_targets: false }, after: { allow_private_targets: true } });

    expect((await updateClient({ ctx: admin, input: { client_id: id, allow_private_targets: false } })).allow_private_targets).toBe(false);
    expect((await stored(id)).allowPrivateTargets).toBe(false);
  });

  it("editors, read+write keys and viewers are refused (Forbidden), with nothing changed, even alongside other fields", async () => {
    const id = uniqueClientId("priv-no");
    await registerClient({ ctx: get().ctx(), input: reg(id) });
    const before = await stored(id);
    for (const scopes of [["read", "write"], ["read"]] as const) {
      const ctx = get().ctx({ scopes: [...scopes] });
      await expect(updateClient({ ctx, input: { client_id: id, allow_private_targets: true } })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateClient({ ctx, input: { client_id: id, client_name: "Sneaky", allow_private_targets: true } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await stored(id)).toEqual(before);
    // An editor's other changes still work.
    expect((await updateClient({ ctx: get().ctx({ scopes: ["read", "write"] }), input: { client_id: id, client_name: "Fine" } })).client_name).toBe("Fine");
  });

  it("registration (REST POST, MCP register_client, the demo) never grants it, whatever the input says", async () => {
    const id = uniqueClientId("priv-reg");
    const attempt = await registerClient({ ctx: get().ctx({ scopes: ["read", "write"] }), input: untrusted({ ...reg(id), allow_private_targets: true }) }).catch((e: unknown) => e);
    // Refused as an unknown field (strict input), and nothing registered.
    expect(attempt).toBeInstanceOf(ValidationError);
    expect((attempt as ValidationError).issues?.map((i) => i.path)).toContain("allow_private_targets");
    expect(await prisma().client.findUnique({ where: { clientId: id } })).toBeNull();
  });

  it("rejects a non-boolean with a 422 on the field", async () => {
    const id = uniqueClientId("priv-bad");
    await registerClient({ ctx: get().ctx(), input: reg(id) });
    expect(await issuesOf(updateClient({ ctx: get().ctx(), input: untrusted({ client_id: id, allow_private_targets: "yes" }) }))).toEqual([
      { path: "allow_private_targets", message: "must be true or false" },
    ]);
  });
});
