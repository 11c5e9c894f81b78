// Node.js server start-up: open the database and apply migrations now, so a bad DATA_DIR or an
// unreachable DATABASE_URL is one clear line at start-up rather than an error on the first
// page view. (The scheduler joins here in issue #4.)
import { getDatabase } from "@/lib/db/client";

export async function startNodeServer(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const db = await getDatabase();
    const applied = db.migration?.applied.length ?? 0;
    console.log(`ClientPulse database: ${db.label}${applied ? `, applied ${applied} migration(s)` : ", up to date"}`);
  } catch (error) {
    console.error(`ClientPulse cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
