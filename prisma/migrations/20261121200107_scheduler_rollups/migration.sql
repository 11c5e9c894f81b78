-- CreateEnum
CREATE TYPE "RollupPeriod" AS ENUM ('hour', 'day');

-- DropIndex
DROP INDEX "health_checks_system_id_checked_at_idx";

-- DropIndex
DROP INDEX "health_checks_checked_at_idx";

-- Keep one check per (system, time) before that pair becomes the key (hand-added).
DELETE FROM "health_checks" a USING "health_checks" b
WHERE a."system_id" = b."system_id" AND a."checked_at" = b."checked_at" AND a."id" < b."id";

-- AlterTable
ALTER TABLE "health_checks" DROP CONSTRAINT "health_checks_pkey",
DROP COLUMN "id",
ALTER COLUMN "response_time_ms" SET DATA TYPE REAL,
ALTER COLUMN "http_status" SET DATA TYPE SMALLINT,
ALTER COLUMN "reported_uptime" SET DATA TYPE REAL,
ADD CONSTRAINT "health_checks_pkey" PRIMARY KEY ("system_id", "checked_at");

-- CreateTable
CREATE TABLE "check_rollups" (
    "system_id" UUID NOT NULL,
    "period" "RollupPeriod" NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "healthy" INTEGER NOT NULL DEFAULT 0,
    "degraded" INTEGER NOT NULL DEFAULT 0,
    "down" INTEGER NOT NULL DEFAULT 0,
    "latency_count" INTEGER NOT NULL DEFAULT 0,
    "latency_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_max" REAL,
    "latency_hist" INTEGER[],

    CONSTRAINT "check_rollups_pkey" PRIMARY KEY ("system_id","period","bucket_start")
);

-- CreateIndex
CREATE INDEX "check_rollups_period_bucket_start_idx" ON "check_rollups"("period", "bucket_start");

-- AddForeignKey
ALTER TABLE "check_rollups" ADD CONSTRAINT "check_rollups_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

