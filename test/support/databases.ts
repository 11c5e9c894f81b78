// What integration tests use to get a real, migrated database: every block written with
// describeEachDatabase runs twice, once on an in-memory PGlite and once on a brand-new
// database on the harness's throwaway PostgreSQL cluster (see global-setup.ts).
//
//   describeEachDatabase("registerClient", (getDb) => {
//     it("stores the client", async () => {
//       const { ctx, database } = getDb();
//       const id = uniqueClientId("acme");
//       await registerClient({ ctx: ctx(), input: { client_id: id, name: "Acme", systems: [] } });
//       expect(await database.prisma.client.count({ where: { clientId: id } })).toBe(1);
//     });
//   });
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { createContext, type Actor, type Clock, type Context, type Scope } from "@/lib/context";
import { openDatabase, type Database } from "@/lib/db/client";

type DatabaseKind = "pglite" | "postgres";

interface ContextOverrides {
  scopes: Scope[];
  clientRestriction: string;
  clock: Clock;
  actor: Actor;
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** Migrated and open for the whole describe block; closed (and dropped) in afterAll. */
  database: Database;
  /** A Context on this database: full scopes, actor {type:"system", label:"test"} unless overridden. */
  ctx(overrides?: Partial<ContextOverrides>): Context;
}

const FULL_SCOPES: readonly Scope[] = ["read", "write", "admin"];
const TEST_ACTOR: Actor = { type: "system", label: "test" };

const randomSuffix = (length: number) => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
};

/** A valid, collision-free client_id slug such as "c-k3j9x2" (or "acme-k3j9x2"). */
export function uniqueClientId(prefix = "c"): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${clean || "c"}-${randomSuffix(6)}`;
}

function testDatabase(kind: DatabaseKind, database: Database): TestDatabase {
  return {
    kind,
    database,
    ctx(overrides = {}) {
      return createContext({
        db: database.prisma,
        actor: overrides.actor ?? TEST_ACTOR,
        scopes: overrides.scopes ?? FULL_SCOPES,
        clientRestriction: overrides.clientRestriction,
        clock: overrides.clock,
      });
    },
  };
}

function accessor(kind: DatabaseKind, title: string, get: () => TestDatabase | undefined) {
  return () => {
    const db = get();
    if (!db) {
      throw new Error(
        `getDb() for "${title} [${kind}]" was called before beforeAll opened the database ` +
          `(call it inside it()/beforeEach()/beforeAll(), not in the describe body)`,
      );
    }
    return db;
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Declares `${title} [pglite]` and `${title} [postgres]`. Inside, call getDb() from tests or
 * hooks (not from the describe body). The database lives for the whole block, so seed with
 * uniqueClientId() instead of relying on an empty table. Without PostgreSQL the second block
 * is describe.skip: reported as skipped, never silently dropped.
 */
export function describeEachDatabase(title: string, fn: (getDb: () => TestDatabase) => void): void {
  describe(`${title} [pglite]`, () => {
    let current: TestDatabase | undefined;
    beforeAll(async () => {
      current = testDatabase("pglite", await openDatabase({ kind: "pglite" }));
    });
    afterAll(async () => {
      await current?.database.close();
      current = undefined;
    });
    fn(accessor("pglite", title, () => current));
  });

  const adminUrl = inject("pgUrl");
  if (!adminUrl) {
    const reason = inject("pgSkipReason") ?? "PostgreSQL is unavailable";
    describe.skip(`${title} [postgres]`, () => {
      fn(() => {
        throw new Error(`PostgreSQL suites are skipped: ${reason}`);
      });
    });
    return;
  }

  describe(`${title} [postgres]`, () => {
    let current: TestDatabase | undefined;
    const name = `cp_test_${randomSuffix(10)}`;
    let created = false;
    beforeAll(async () => {
      await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
      created = true;
      current = testDatabase("postgres", await openDatabase({ kind: "postgres", url: databaseUrl(adminUrl, name) }));
    });
    afterAll(async () => {
      await current?.database.close();
      current = undefined;
      if (created) {
        await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      }
    });
    fn(accessor("postgres", title, () => current));
  });
}

/**
 * For a block of multi-instance tests on PostgreSQL (declare it with describePostgres): a
 * database of its own, created in beforeAll with `count` Databases open on it (the first
 * migrates it), each like another server process; closed and dropped in afterAll. Read
 * `instances` inside tests, not in the describe body.
 */
export function postgresInstances(count: number): { readonly instances: Database[]; readonly url: string } {
  const adminUrl = inject("pgUrl");
  const name = `cp_multi_${randomSuffix(10)}`;
  // url: for a child process that opens the same database (crash tests).
  const state = { instances: [] as Database[], url: "" };
  beforeAll(async () => {
    if (!adminUrl) throw new Error("postgresInstances() needs PostgreSQL: declare the block with describePostgres");
    await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
    const url = databaseUrl(adminUrl, name);
    state.url = url;
    state.instances.push(await openDatabase({ kind: "postgres", url }));
    for (let i = 1; i < count; i++) state.instances.push(await openDatabase({ kind: "postgres", url }, { migrate: false }));
  });
  afterAll(async () => {
    await Promise.all(state.instances.map((d) => d.close().catch(() => {})));
    state.instances.length = 0;
    if (adminUrl) await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
  return state;
}

/** describe on PostgreSQL only; describe.skip (reported, never silently dropped) without it. */
export function describePostgres(title: string, fn: () => void): void {
  if (inject("pgUrl")) describe(title, fn);
  else describe.skip(`${title} (${inject("pgSkipReason") ?? "PostgreSQL is unavailable"})`, fn);
}
