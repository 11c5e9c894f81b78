// One Prisma client per process, opened lazily on first use (never at import time: `next
// build` imports route modules, and dev mode re-evaluates them), kept on globalThis.
// Embedded PGlite by default; PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { acquireDataDirLock, releaseDataDirLock } from "./data-dir-lock.mjs";
import { applyMigrations, type MigrateResult } from "./migrate";
import { pgliteRunner, pgPoolRunner, type SqlRunner } from "./sql-runner";

export type Db = PrismaClient;
/** A transaction client (what `db.$transaction(async (tx) => …)` hands in): verbs that take part in a caller's write take one. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type DatabaseTarget =
  | { kind: "pglite"; dataDir?: string } // no dataDir: in memory (tests)
  | { kind: "postgres"; url: string };

export interface Database {
  kind: DatabaseTarget["kind"];
  prisma: PrismaClient;
  runner: SqlRunner;
  migration: MigrateResult | undefined;
  /** Short human description with no secrets, e.g. "embedded (./.data)". */
  label: string;
  close(): Promise<void>;
}

class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

/** "postgresql://user:secret@db:5432/app" → "postgresql://db:5432/app" (never log passwords). */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "postgresql://(unparseable url)";
  }
}

function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? `./${rel}` : dir;
}

export function targetFromEnv(): DatabaseTarget {
  const env = getEnv();
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.dataDirAbsolute };
}

// PGlite runs PostgreSQL in one WebAssembly heap. Its default 128 MB of shared buffers is
// more than an embedded dashboard needs: the data files are cached by the OS page cache too.
const PGLITE_CONF = "shared_buffers = 32MB\n";

/**
 * Opening PGlite leaves a few hundred MB of ArrayBuffers behind (its filesystem bundle, the
 * initdb module) that V8 may not collect for hours because the JavaScript heap itself stays
 * small: measured here, resident memory 840 MB before and about 280 MB after one full
 * collection. So the server runs one, once, right after opening the embedded database.
 */
function releaseStartupGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    (vm.runInNewContext("gc") as () => void)();
  } catch {
    /* not fatal: memory is released later by V8's own collections */
  }
}

/**
 * Creates a new embedded database folder in a short-lived child process. Running initdb
 * in-process leaves its WebAssembly heap behind for the life of the server (measured: 750 MB
 * resident instead of 320 MB); in a child, it is gone when the child exits.
 */
async function initializePgliteDir(pgDir: string): Promise<void> {
  const script = `const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite(${JSON.stringify(pgDir)}); await db.waitReady; await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`initialising ${pgDir} failed: ${stderr.trim().split("\n").pop() ?? code}`))));
  });
}

/**
 * `next build` sets NEXT_PHASE in its own process and the workers that prerender pages. A page
 * prerendered with data would freeze that data into the build, and opening the embedded folder
 * there creates and locks it under a process that is gone when the server starts.
 */
export class OpenedDuringBuildError extends Error {
  constructor() {
    super(
      "The database is never opened during `next build`: a page or route that reads it must render on demand " +
        "(`await connection()` before the first query, or `export const dynamic = \"force-dynamic\"`).",
    );
    this.name = "OpenedDuringBuildError";
  }
}

export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  if (process.env.NEXT_PHASE === "phase-production-build") throw new OpenedDuringBuildError();
  const migrate = options.migrate ?? true;
  if (target.kind === "pglite") {
    if (target.dataDir) acquireDataDirLock(target.dataDir);
    let pglite: PGlite;
    try {
      const pgDir = target.dataDir ? path.join(target.dataDir, "pglite") : undefined;
      if (pgDir && !existsSync(path.join(pgDir, "PG_VERSION"))) await initializePgliteDir(pgDir);
      pglite = new PGlite(pgDir, { postgresqlconf: PGLITE_CONF });
      await pglite.waitReady;
    } catch (error) {
      if (target.dataDir) releaseDataDirLock(target.dataDir);
      throw new DatabaseUnavailableError(
        `The embedded database in ${target.dataDir ?? "memory"} could not be opened: ${(error as Error).message}`,
      );
    }
    const runner = pgliteRunner(pglite);
    const migration = migrate ? await applyMigrations(runner) : undefined;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    if (target.dataDir) releaseStartupGarbage();
    return {
      kind: "pglite",
      prisma,
      runner,
      migration,
      label: target.dataDir ? `embedded PGlite (${displayPath(target.dataDir)})` : "embedded PGlite (memory)",
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        if (target.dataDir) releaseDataDirLock(target.dataDir);
      },
    };
  }

  const label = `PostgreSQL ${redactDatabaseUrl(target.url)}`;
  const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on("error", () => {
    /* idle client errors (server restart) surface on the next query instead of crashing */
  });
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    const e = error as NodeJS.ErrnoException;
    throw new DatabaseUnavailableError(`Cannot reach ${label}: ${e.code ?? ""} ${e.message}`.replace(/\s+/g, " ").trim());
  }
  const runner = pgPoolRunner(pool);
  const migration = migrate ? await applyMigrations(runner) : undefined;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    runner,
    migration,
    label,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

const globalForDb = globalThis as unknown as { __clientpulseDb?: Promise<Database> };

/** The process-wide database, opened (and migrated) on first call. */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.__clientpulseDb) {
    const opening = openDatabase(targetFromEnv());
    // A failed open must not be cached forever: the next request tries again.
    opening.catch(() => {
      if (globalForDb.__clientpulseDb === opening) globalForDb.__clientpulseDb = undefined;
    });
    globalForDb.__clientpulseDb = opening;
  }
  return globalForDb.__clientpulseDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).prisma;
}

/** Makes an already-open database the process-wide one (integration tests, CLI tools). */
export function setProcessDatabase(database: Database): void {
  globalForDb.__clientpulseDb = Promise.resolve(database);
}
