// npm run db:migrate — apply pending migrations to the configured database (DATABASE_URL, or
// the embedded one in DATA_DIR). The server also does this by itself at start-up.
import { openDatabase, targetFromEnv } from "@/lib/db/client";

try {
  const db = await openDatabase(targetFromEnv());
  const applied = db.migration?.applied ?? [];
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${db.label}: ${applied.join(", ")}`
      : `${db.label} is up to date (${db.migration?.alreadyApplied ?? 0} migrations).`,
  );
  await db.close();
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
