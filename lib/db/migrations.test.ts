// Migrations: the SQL files must produce exactly what schema.prisma describes, be recorded the
// way Prisma records them, and never be re-applied or silently changed.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { prismaDiffSql } from "@/scripts/lib/dev-tools.mjs";
import { applyMigrations, migrationsDir, readMigrations } from "./migrate";
import { pgliteRunner } from "./sql-runner";

/** Everything about a schema that matters, in a comparable form. */
async function catalog(db: PGlite) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, numeric_scale
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
    constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, contype, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
    enums: await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY 1 ORDER BY 1`),
  };
}

describe("migrations", () => {
  it("produce exactly the schema in prisma/schema.prisma (drift check)", async () => {
    const fromSchema = new PGlite();
    await fromSchema.exec(prismaDiffSql({ to: readFileSync(path.resolve("prisma/schema.prisma"), "utf8") }));
    const fromMigrations = new PGlite();
    await applyMigrations(pgliteRunner(fromMigrations));
    const expected = await catalog(fromSchema);
    expect(expected.columns.length).toBeGreaterThan(50); // the comparison compares something
    expect(await catalog(fromMigrations), "schema.prisma changed without a migration: run `npm run db:migration -- <name>`").toEqual(expected);
    await Promise.all([fromSchema.close(), fromMigrations.close()]);
  }, 240_000);

  it("are recorded like Prisma records them, and applied only once", async () => {
    const db = new PGlite();
    const runner = pgliteRunner(db);
    const first = await applyMigrations(runner);
    const files = readMigrations();
    expect(first.applied).toEqual(files.map((m) => m.name));
    const rows = (await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    )).rows;
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const sql = readFileSync(path.join(migrationsDir(), files[i].name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    expect(await applyMigrations(runner)).toEqual({ applied: [], alreadyApplied: files.length });
    await db.close();
  });

  it("refuse to run when an applied migration file was edited afterwards", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cp-migrations-"));
    cpSync(migrationsDir(), dir, { recursive: true });
    const db = new PGlite();
    await applyMigrations(pgliteRunner(db), dir);
    const first = readMigrations(dir)[0];
    writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    await expect(applyMigrations(pgliteRunner(db), dir)).rejects.toThrow(/was changed after it was applied/);
    await db.close();
  });

  it("roll back a failing migration completely and record nothing for it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cp-migrations-"));
    cpSync(migrationsDir(), dir, { recursive: true });
    const db = new PGlite();
    await applyMigrations(pgliteRunner(db), dir);
    const bad = path.join(dir, "29991231000000_broken");
    cpSync(path.join(dir, readMigrations(dir)[0].name), bad, { recursive: true });
    writeFileSync(path.join(bad, "migration.sql"), `CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;`);
    await expect(applyMigrations(pgliteRunner(db), dir)).rejects.toThrow(/no_such_table/);
    expect((await db.query(`SELECT to_regclass('half_done') AS t`)).rows[0]).toEqual({ t: null });
    expect((await db.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'`)).rows[0]).toEqual({ n: 0 });
    await db.close();
  });
});
