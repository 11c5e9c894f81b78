// The app's own health (GET /api/health-check, public): database reachable, version, uptime.
// Public, so it names no host, URL or error text: those go to the server log.
import { getDatabase } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import packageJson from "@/package.json" with { type: "json" };

export interface AppHealth {
  status: "ok" | "down";
  version: string;
  uptime_seconds: number;
  time: string;
  database: { kind: string | null; reachable: boolean; latency_ms: number | null; migrations: number | null };
}

export const APP_VERSION: string = packageJson.version;

export async function getAppHealth(): Promise<AppHealth> {
  const base = { version: APP_VERSION, uptime_seconds: Math.round(process.uptime()), time: new Date().toISOString() };
  try {
    const database = await getDatabase();
    const started = performance.now();
    const [{ count }] = await database.runner.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const latency = Math.round((performance.now() - started) * 100) / 100;
    return { status: "ok", ...base, database: { kind: database.kind, reachable: true, latency_ms: latency, migrations: count } };
  } catch (error) {
    logger.error("health check: database unavailable", { error });
    return { status: "down", ...base, database: { kind: null, reachable: false, latency_ms: null, migrations: null } };
  }
}
