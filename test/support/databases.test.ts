// The harness itself: both engines are real, separate and migrated, and the Context helper
// builds what the verbs expect.
import { expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrate";
import { describeEachDatabase, uniqueClientId } from "./databases";

it("uniqueClientId() returns valid, distinct slugs", () => {
  const ids = Array.from({ length: 200 }, () => uniqueClientId());
  for (const id of ids) expect(id).toMatch(/^c-[a-z0-9]{6}$/);
  expect(new Set(ids).size).toBe(ids.length);
  expect(uniqueClientId("TNT Limousine_")).toMatch(/^tnt-limousine-[a-z0-9]{6}$/);
  expect(uniqueClientId("--")).toMatch(/^c-[a-z0-9]{6}$/);
});

describeEachDatabase("test harness database", (getDb) => {
  it("is the engine its block says it is", async () => {
    const { kind, database } = getDb();
    expect(database.kind).toBe(kind);
    const [{ version }] = await database.runner.query<{ version: string }>("SELECT version()");
    expect(version).toContain("PostgreSQL");
    // PGlite is PostgreSQL compiled to WebAssembly; the server reports its native platform.
    if (kind === "pglite") expect(version).toMatch(/emscripten|wasm/i);
    else expect(version).not.toMatch(/emscripten|wasm/i);
  });

  it("has every migration applied and recorded with Prisma's checksum", async () => {
    const { database } = getDb();
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await database.runner.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows[0].migration_name).toMatch(/^\d{14}_init$/);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(files[i].checksum);
      expect(row.finished_at).not.toBeNull();
    }
    const tables = await database.runner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toContain("clients");
  });

  it("starts empty: a fresh database per block, not a shared one", async () => {
    const { database } = getDb();
    expect(await database.prisma.client.count()).toBe(0);
    if (database.kind === "postgres") {
      const [{ db }] = await database.runner.query<{ db: string }>("SELECT current_database() AS db");
      expect(db).toMatch(/^cp_test_[a-z0-9]+$/);
    }
  });

  it("writes and reads through Prisma, and ctx() has full scopes by default", async () => {
    const { database, ctx } = getDb();
    const clientId = uniqueClientId("harness");
    const c = ctx();
    expect([...c.scopes].sort()).toEqual(["admin", "read", "write"]);
    expect(c.actor).toEqual({ type: "system", label: "test" });
    expect(c.db).toBe(database.prisma);
    await c.db.client.create({ data: { clientId, name: "Harness check" } });
    expect(await database.prisma.client.findUnique({ where: { clientId }, select: { name: true } })).toEqual({
      name: "Harness check",
    });
  });

  it("ctx() applies overrides", () => {
    const fixed = new Date("2026-01-02T03:04:05Z");
    const c = getDb().ctx({
      scopes: ["read"],
      clientRestriction: "only-me",
      clock: { now: () => fixed },
      actor: { type: "api_key", id: "k1", label: "key ci" },
    });
    expect([...c.scopes]).toEqual(["read"]);
    expect(c.clientRestriction).toBe("only-me");
    expect(c.clock.now()).toBe(fixed);
    expect(c.actor.label).toBe("key ci");
  });
});
