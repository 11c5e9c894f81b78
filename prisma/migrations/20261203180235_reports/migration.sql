-- No version before this one wrote reports (the table was reserved): clear it so the new
-- NOT NULL columns apply.
DELETE FROM "reports";

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "report_id" UUID;

-- AlterTable
ALTER TABLE "reports" ADD COLUMN     "branding" JSONB NOT NULL,
ADD COLUMN     "generated_by" VARCHAR(200) NOT NULL,
ADD COLUMN     "include_recommendations" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "overall_health" VARCHAR(20) NOT NULL DEFAULT 'no_data',
ADD COLUMN     "period_label" VARCHAR(120) NOT NULL,
ADD COLUMN     "schedule_id" UUID,
ADD COLUMN     "scheduled_for" TIMESTAMPTZ(3),
ADD COLUMN     "time_zone" VARCHAR(64) NOT NULL,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "report_schedules" (
    "id" UUID NOT NULL,
    "client_ref" UUID NOT NULL,
    "report_type" VARCHAR(20) NOT NULL,
    "cron" VARCHAR(100) NOT NULL,
    "include_recommendations" BOOLEAN NOT NULL DEFAULT true,
    "channel_id" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "next_run_at" TIMESTAMPTZ(3) NOT NULL,
    "last_run_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" VARCHAR(64),
    "last_error" VARCHAR(1000),
    "created_by" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "agency_name" VARCHAR(120) NOT NULL DEFAULT 'ClientPulse',
    "logo_type" VARCHAR(20),
    "logo" BYTEA,
    "accent_color" VARCHAR(7) NOT NULL DEFAULT '#2563eb',
    "report_footer" VARCHAR(200),
    "updated_by" VARCHAR(200),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agency_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_schedules_enabled_next_run_at_idx" ON "report_schedules"("enabled", "next_run_at");

-- CreateIndex
CREATE INDEX "report_schedules_client_ref_idx" ON "report_schedules"("client_ref");

-- CreateIndex
CREATE INDEX "reports_generated_at_idx" ON "reports"("generated_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "reports_client_ref_report_type_period_start_period_end_vers_key" ON "reports"("client_ref", "report_type", "period_start", "period_end", "version");

-- CreateIndex
CREATE UNIQUE INDEX "reports_schedule_id_scheduled_for_key" ON "reports"("schedule_id", "scheduled_for");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reports" ADD CONSTRAINT "reports_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "report_schedules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_client_ref_fkey" FOREIGN KEY ("client_ref") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

