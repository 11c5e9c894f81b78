// Vitest globalSetup: one throwaway PostgreSQL cluster for the whole run, shared by every
// test file through inject("pgUrl"). Each `describeEachDatabase` block then creates (and
// drops) its own database on it, so files never see each other's rows.
import type { TestProject } from "vitest/node";
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the harness cluster; undefined when PostgreSQL is unavailable. */
    pgUrl: string | undefined;
    /** Why the [postgres] suites are skipped; undefined when pgUrl is set. */
    pgSkipReason: string | undefined;
  }
}

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const result = await startPostgresCluster();
  cluster = result.cluster;
  project.provide("pgUrl", cluster?.url);
  project.provide("pgSkipReason", result.skipReason);
  if (cluster) {
    const where = cluster.source === "external" ? "TEST_DATABASE_URL" : `throwaway cluster ${cluster.url}`;
    process.stderr.write(`[test harness] PostgreSQL: ${where} (${Date.now() - started} ms)\n`);
  } else {
    process.stderr.write(`[test harness] PostgreSQL suites will be SKIPPED: ${result.skipReason}\n`);
  }
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
}
