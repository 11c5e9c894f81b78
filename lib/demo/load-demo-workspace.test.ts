import { afterAll, beforeAll, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { describeEachDatabase } from "@/test/support/databases";
import { DEMO_CLIENTS, DEMO_SYSTEMS } from "./fleet-model";
import { loadDemoWorkspace } from "./load-demo-workspace";
import { untrusted } from "@/lib/input";
import { DEMO_LOAD_TIMEOUT_MS } from "@/test/support/demo";

// The demo client_ids are fixed, so every test here leaves the database as it found it
// except the last, which owns the load → reload story from an empty workspace.
const DEMO_IDS = DEMO_CLIENTS.map((c) => c.clientId);

// What this server is known to be comes from the environment: loopback at PORT, nothing else.
const saved = { PORT: process.env.PORT, APP_URL: process.env.APP_URL, ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS };
beforeAll(() => {
  process.env.PORT = "3000";
  delete process.env.APP_URL;
  delete process.env.ALLOWED_ORIGINS;
  resetEnvCache();
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
});

describeEachDatabase("loadDemoWorkspace", (get) => {
  const demoCount = () => get().database.prisma.client.count({ where: { clientId: { in: DEMO_IDS } } });
  const writeCount = async () => (await get().database.prisma.client.count()) + (await get().database.prisma.system.count()) + (await get().database.prisma.auditLog.count());

  it("refuses a viewer (read scope only) with ForbiddenError and writes nothing", async () => {
    const before = await writeCount();
    const viewer = get().ctx({ scopes: ["read"], actor: { type: "user", label: "viewer@agency.test" } });
    await expect(loadDemoWorkspace({ ctx: viewer, input: { base_url: "http://localhost:3000" } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await writeCount()).toBe(before);
  });

  it("refuses a bad base_url with a ValidationError naming base_url, and writes nothing", async () => {
    const before = await writeCount();
    for (const base_url of ["not a url", "ftp://localhost:3000", "", 42, undefined]) {
      const error = await loadDemoWorkspace({ ctx: get().ctx(), input: untrusted({ base_url }) }).catch((e: unknown) => e);
      expect(error, String(base_url)).toBeInstanceOf(ValidationError);
      expect(new Set((error as ValidationError).issues?.map((i) => i.path))).toEqual(new Set(["base_url"]));
    }
    expect(await writeCount()).toBe(before);
  });

  it("registers every demo client with its systems and fleet URLs, then skips them all on a second load", async () => {
    expect(await demoCount()).toBe(0);

    const first = await loadDemoWorkspace({ ctx: get().ctx(), input: { base_url: "http://localhost:3000/" } });
    expect(first).toEqual({ created: DEMO_IDS, skipped: [] });

    const stored = await get().database.prisma.client.findMany({
      where: { clientId: { in: DEMO_IDS } },
      include: { systems: { orderBy: { position: "asc" } } },
    });
    expect(stored).toHaveLength(DEMO_CLIENTS.length);
    expect(stored.flatMap((c) => c.systems)).toHaveLength(DEMO_SYSTEMS.length);
    for (const profile of DEMO_CLIENTS) {
      const client = stored.find((c) => c.clientId === profile.clientId)!;
      expect(client).toMatchObject({ name: profile.name, industry: profile.industry, contactEmail: profile.contactEmail, tags: ["demo"], active: true });
      // The fleet is reached as this server's own origin: the client's policy is never widened.
      expect(client.allowPrivateTargets).toBe(false);
      expect(client.slaTarget).toBe(profile.slaTarget ?? 99.5);
      expect(client.systems.map((s) => [s.name, s.healthUrl, s.metricsUrl])).toEqual(
        profile.systems.map((s) => [
          s.name,
          `http://localhost:3000/api/demo/fleet/${profile.clientId}/${s.slug}/health`,
          `http://localhost:3000/api/demo/fleet/${profile.clientId}/${s.slug}/metrics`,
        ]),
      );
    }
    // through the real verb: every registration is audited
    expect(await get().database.prisma.auditLog.count({ where: { action: "client.register", targetId: { in: DEMO_IDS } } })).toBe(DEMO_IDS.length);
    // …and the load itself, with what the demo's checks may reach (loopback at PORT is this server).
    const load = await get().database.prisma.auditLog.findFirstOrThrow({ where: { action: "demo.load" }, orderBy: { id: "desc" } });
    expect(load.summary).toEqual({
      base_url: "http://localhost:3000",
      clients: DEMO_IDS,
      allow_private_targets: false,
      network_grant: { origin: "http://localhost:3000", paths: "/api/demo/fleet/*", reason: "the demo fleet is served by this server" },
    });

    const before = await writeCount();
    const second = await loadDemoWorkspace({ ctx: get().ctx(), input: { base_url: "http://localhost:3000" } });
    expect(second).toEqual({ created: [], skipped: DEMO_IDS });
    expect(await writeCount()).toBe(before);

    // a client removed by hand comes back on the next load; the others are reported as skipped
    await get().database.prisma.client.delete({ where: { clientId: "keystone-realty-001" } });
    const third = await loadDemoWorkspace({ ctx: get().ctx(), input: { base_url: "https://pulse.agency.test/app" } });
    expect(third).toEqual({ created: ["keystone-realty-001"], skipped: DEMO_IDS.filter((id) => id !== "keystone-realty-001") });
    const keystone = await get().database.prisma.system.findFirst({ where: { client: { clientId: "keystone-realty-001" }, name: "Listing Syndication" } });
    expect(keystone?.healthUrl).toBe("https://pulse.agency.test/app/api/demo/fleet/keystone-realty-001/listing-syndication/health");
  }, DEMO_LOAD_TIMEOUT_MS);
});

describeEachDatabase("loadDemoWorkspace on a base URL that is not known to be this server", (get) => {
  it("opens no private network to the demo clients and records that nothing was granted", async () => {
    // e.g. a caller's forged Host header, or a proxy's name without APP_URL
    await loadDemoWorkspace({ ctx: get().ctx(), input: { base_url: "http://127.0.0.1:5432" } });
    const flags = await get().database.prisma.client.findMany({ where: { tags: { has: "demo" } }, select: { allowPrivateTargets: true } });
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every((f) => !f.allowPrivateTargets)).toBe(true);
    const load = await get().database.prisma.auditLog.findFirstOrThrow({ where: { action: "demo.load" } });
    expect(load.summary).toMatchObject({ base_url: "http://127.0.0.1:5432", allow_private_targets: false, network_grant: null });
  }, DEMO_LOAD_TIMEOUT_MS);
});
