// A tiny driver-level interface used by the migration runner, which must run multi-statement
// SQL files (Prisma's raw queries use the extended protocol: one statement per call).
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";

export interface SqlRunner {
  /** Runs one or more statements, no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with $1… parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one connection inside BEGIN … COMMIT (ROLLBACK on error). */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Session-level advisory lock held on one connection for the duration of fn. */
  withAdvisoryLock<T>(key: number, fn: (conn: SqlRunner) => Promise<T>): Promise<T>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  const runner: SqlRunner = {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction(fn) {
      return db.transaction(async (tx) => {
        const inner: SqlRunner = {
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <T,>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          transaction: (f) => f(inner),
          withAdvisoryLock: (_k, f) => f(inner),
        };
        return fn(inner);
      });
    },
    // PGlite is single-connection and owned by one process (see data-dir-lock.mjs).
    withAdvisoryLock: (_key, fn) => fn(runner),
  };
  return runner;
}

export function pgPoolRunner(pool: Pool): SqlRunner {
  const onClient = (client: import("pg").PoolClient): SqlRunner => {
    const self: SqlRunner = {
      exec: async (sql) => void (await client.query(sql)),
      query: async <T,>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
      async transaction(fn) {
        await client.query("BEGIN");
        try {
          const result = await fn(self);
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      },
      withAdvisoryLock: (_k, f) => f(self),
    };
    return self;
  };
  const withClient = async <T,>(fn: (r: SqlRunner) => Promise<T>) => {
    const client = await pool.connect();
    try {
      return await fn(onClient(client));
    } finally {
      client.release();
    }
  };
  return {
    exec: (sql) => withClient((r) => r.exec(sql)),
    query: (sql, params) => withClient((r) => r.query(sql, params)),
    transaction: (fn) => withClient((r) => r.transaction(fn)),
    withAdvisoryLock: (key, fn) =>
      withClient(async (r) => {
        await r.query("SELECT pg_advisory_lock($1)", [key]);
        try {
          return await fn(r);
        } finally {
          await r.query("SELECT pg_advisory_unlock($1)", [key]);
        }
      }),
  };
}
