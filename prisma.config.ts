// Prisma 7 CLI configuration. The CLI is used here only for `prisma generate`: the app
// applies its own SQL migrations at start-up (lib/db/migrate.ts), because the CLI's native
// schema engine cannot be downloaded on every machine (see README, "Migrations").
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
