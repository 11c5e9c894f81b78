-- DropIndex
DROP INDEX "metric_samples_system_id_period_start_idx";

-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
ADD COLUMN     "hourly_rate_cents" INTEGER NOT NULL DEFAULT 2500,
ADD COLUMN     "time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "metrics_cursor" TIMESTAMPTZ(3),
ADD COLUMN     "metrics_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "metrics_interval_sec" INTEGER NOT NULL DEFAULT 900,
ADD COLUMN     "next_metrics_at" TIMESTAMPTZ(3);

-- Nothing wrote metric_samples before this migration (the old float columns were never filled);
-- empty it so the NOT NULL columns can be added.
DELETE FROM "metric_samples";

-- AlterTable
ALTER TABLE "metric_samples" DROP COLUMN "cost_savings",
ADD COLUMN     "cost_savings_cents" BIGINT NOT NULL,
ADD COLUMN     "source" VARCHAR(8) NOT NULL,
ALTER COLUMN "total_processing_time" SET DATA TYPE DECIMAL(18,3),
ALTER COLUMN "time_saved_hours" SET DATA TYPE DECIMAL(14,3);

-- CreateTable
CREATE TABLE "metric_rollups" (
    "system_id" UUID NOT NULL,
    "period" "RollupPeriod" NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "samples" INTEGER NOT NULL DEFAULT 0,
    "covered_ms" BIGINT NOT NULL DEFAULT 0,
    "total_automations" BIGINT NOT NULL DEFAULT 0,
    "successful_automations" BIGINT NOT NULL DEFAULT 0,
    "failed_automations" BIGINT NOT NULL DEFAULT 0,
    "total_processing_time" DECIMAL(20,3) NOT NULL DEFAULT 0,
    "cost_savings_cents" BIGINT NOT NULL DEFAULT 0,
    "time_saved_hours" DECIMAL(18,3) NOT NULL DEFAULT 0,

    CONSTRAINT "metric_rollups_pkey" PRIMARY KEY ("system_id","period","bucket_start")
);

-- CreateTable
CREATE TABLE "metric_pulls" (
    "id" BIGSERIAL NOT NULL,
    "system_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" VARCHAR(8) NOT NULL,
    "outcome" VARCHAR(10) NOT NULL,
    "span_start" TIMESTAMPTZ(3),
    "span_end" TIMESTAMPTZ(3),
    "message" VARCHAR(500),
    "sample_id" BIGINT,
    "duration_ms" INTEGER,

    CONSTRAINT "metric_pulls_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "metric_rollups_period_bucket_start_idx" ON "metric_rollups"("period", "bucket_start");

-- CreateIndex
CREATE INDEX "metric_pulls_system_id_at_idx" ON "metric_pulls"("system_id", "at" DESC);

-- CreateIndex
CREATE INDEX "systems_next_metrics_at_idx" ON "systems"("next_metrics_at");

-- CreateIndex
CREATE INDEX "metric_samples_system_id_period_end_idx" ON "metric_samples"("system_id", "period_end");

-- CreateIndex
CREATE UNIQUE INDEX "metric_samples_system_id_period_start_key" ON "metric_samples"("system_id", "period_start");

-- AddForeignKey
ALTER TABLE "metric_rollups" ADD CONSTRAINT "metric_rollups_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_pulls" ADD CONSTRAINT "metric_pulls_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Systems that already have a metrics URL start collecting at once.
UPDATE "systems" SET "next_metrics_at" = CURRENT_TIMESTAMP WHERE "metrics_url" IS NOT NULL;
