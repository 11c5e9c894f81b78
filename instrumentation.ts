// Runs once when the Next.js server starts. Opens the database and applies migrations now,
// so a bad DATA_DIR or an unreachable DATABASE_URL is one clear line at start-up rather than
// an error on the first page view. (The scheduler joins here in issue #4.)
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabase } = await import("@/lib/db/client");
  try {
    const db = await getDatabase();
    const applied = db.migration?.applied.length ?? 0;
    console.log(`ClientPulse database: ${db.label}${applied ? `, applied ${applied} migration(s)` : ", up to date"}`);
  } catch (error) {
    console.error(`ClientPulse cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
