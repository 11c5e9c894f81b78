// Installations that loaded the demo before the fix hold demo clients with allow_private_targets;
// the migration takes it back (audited), except where an admin granted it deliberately.
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, it } from "vitest";
import { applyMigrations, migrationsDir, readMigrations } from "@/lib/db/migrate";
import { pgliteRunner } from "@/lib/db/sql-runner";

const NAME = "20261130090000_demo_private_access_revoked";

it("revokes private access the demo granted, keeps an admin's grant and non-demo clients, and audits each revocation", async () => {
  const all = readMigrations().map((m) => m.name);
  expect(all).toContain(NAME);
  const before = mkdtempSync(path.join(tmpdir(), "cp-migrations-"));
  for (const name of all.slice(0, all.indexOf(NAME))) cpSync(path.join(migrationsDir(), name), path.join(before, name), { recursive: true });
  const db = new PGlite();
  try {
    await applyMigrations(pgliteRunner(db), before);
    const client = (id: string, tags: string[]) =>
      db.query(`INSERT INTO clients (id, client_id, name, tags, allow_private_targets, updated_at) VALUES ($1, $2, $3, $4, true, now())`, [randomUUID(), id, `Client ${id}`, tags]);
    await client("tnt-limousine-001", ["demo"]); // set by an old demo load
    await client("swift-freight-001", ["demo"]); // …then granted by an admin on purpose
    await client("keystone-realty-001", ["vip"]); // no longer a demo client
    await client("acme-001", ["demo"]); // not one of the demo's ids
    await db.query(
      `INSERT INTO audit_logs (actor_type, actor_label, action, target_type, target_id, summary)
       VALUES ('user', 'admin@agency.test', 'client.update', 'client', 'swift-freight-001', '{"before":{"allow_private_targets":false},"after":{"allow_private_targets":true}}')`,
    );

    expect((await applyMigrations(pgliteRunner(db))).applied).toContain(NAME);
    const flags = (await db.query<{ client_id: string; allow_private_targets: boolean }>(`SELECT client_id, allow_private_targets FROM clients ORDER BY client_id`)).rows;
    expect(flags).toEqual([
      { client_id: "acme-001", allow_private_targets: true },
      { client_id: "keystone-realty-001", allow_private_targets: true },
      { client_id: "swift-freight-001", allow_private_targets: true },
      { client_id: "tnt-limousine-001", allow_private_targets: false },
    ]);
    const audit = (await db.query<{ target_id: string; actor_type: string; summary: unknown }>(`SELECT target_id, actor_type, summary FROM audit_logs WHERE actor_type = 'system'`)).rows;
    expect(audit).toEqual([
      {
        target_id: "tnt-limousine-001",
        actor_type: "system",
        summary: expect.objectContaining({ before: { allow_private_targets: true }, after: { allow_private_targets: false } }),
      },
    ]);
  } finally {
    await db.close();
    rmSync(before, { recursive: true, force: true });
  }
}, 120_000);
