-- CreateEnum
CREATE TYPE "ChannelType" AS ENUM ('email', 'slack', 'webhook');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'delivered', 'dead', 'cancelled');

-- DropForeignKey
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_alert_id_fkey";

-- DropIndex
DROP INDEX "alerts_state_idx";

-- AlterTable
ALTER TABLE "health_checks" ADD COLUMN     "maintenance" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "check_rollups" ADD COLUMN     "maintenance" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "alert_thresholds" DROP COLUMN "channel",
DROP COLUMN "target",
ADD COLUMN     "created_by" VARCHAR(200),
ADD COLUMN     "for_count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "notify_recovery" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "remind_every_minutes" INTEGER,
ADD COLUMN     "system_id" UUID,
ADD COLUMN     "window_minutes" INTEGER NOT NULL DEFAULT 1440,
ALTER COLUMN "metric" SET DATA TYPE VARCHAR(30),
ALTER COLUMN "severity" SET DATA TYPE VARCHAR(10);

-- AlterTable
ALTER TABLE "alerts" ADD COLUMN     "comparison" VARCHAR(20) NOT NULL,
ADD COLUMN     "flapping" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "last_notified_at" TIMESTAMPTZ(3),
ADD COLUMN     "muted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "next_reminder_at" TIMESTAMPTZ(3),
ADD COLUMN     "pending_since" TIMESTAMPTZ(3),
ADD COLUMN     "reminders" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "threshold_value" DOUBLE PRECISION NOT NULL,
ALTER COLUMN "severity" SET DATA TYPE VARCHAR(10),
ALTER COLUMN "metric" SET DATA TYPE VARCHAR(30);

-- AlterTable
ALTER TABLE "notifications" DROP COLUMN "alert_id",
DROP COLUMN "channel",
DROP COLUMN "event",
DROP COLUMN "sent_at",
ADD COLUMN     "channel_id" UUID NOT NULL,
ADD COLUMN     "client_ref" UUID,
ADD COLUMN     "dedupe_key" VARCHAR(200) NOT NULL,
ADD COLUMN     "delivered_at" TIMESTAMPTZ(3),
ADD COLUMN     "kind" VARCHAR(20) NOT NULL DEFAULT 'alert',
ADD COLUMN     "last_status_code" INTEGER,
ADD COLUMN     "locked_by" VARCHAR(64),
ADD COLUMN     "locked_until" TIMESTAMPTZ(3),
ADD COLUMN     "payload" JSONB,
ADD COLUMN     "send_after" TIMESTAMPTZ(3) NOT NULL,
DROP COLUMN "state",
ADD COLUMN     "state" "DeliveryState" NOT NULL DEFAULT 'pending',
ALTER COLUMN "next_attempt_at" DROP DEFAULT;

-- DropEnum
DROP TYPE "NotificationState";

-- CreateTable
CREATE TABLE "alert_channels" (
    "id" UUID NOT NULL,
    "client_ref" UUID,
    "type" "ChannelType" NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "destination" VARCHAR(2048) NOT NULL,
    "secret" VARCHAR(200),
    "headers" JSONB,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "source" VARCHAR(20) NOT NULL DEFAULT 'settings',
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "failing_since" TIMESTAMPTZ(3),
    "last_error" VARCHAR(1000),
    "last_delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_threshold_channels" (
    "threshold_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,

    CONSTRAINT "alert_threshold_channels_pkey" PRIMARY KEY ("threshold_id","channel_id")
);

-- CreateTable
CREATE TABLE "alert_evaluations" (
    "threshold_id" UUID NOT NULL,
    "client_ref" UUID NOT NULL,
    "subject_key" VARCHAR(40) NOT NULL,
    "state" VARCHAR(10) NOT NULL DEFAULT 'ok',
    "streak" INTEGER NOT NULL DEFAULT 0,
    "last_value" DOUBLE PRECISION,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "transitions" TIMESTAMPTZ(3)[],
    "alert_id" UUID,

    CONSTRAINT "alert_evaluations_pkey" PRIMARY KEY ("threshold_id","client_ref","subject_key")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" VARCHAR(20) NOT NULL,
    "value" DOUBLE PRECISION,
    "detail" VARCHAR(500) NOT NULL,
    "actor" VARCHAR(200),

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_items" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "event_key" VARCHAR(40) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "outcome" VARCHAR(20) NOT NULL,
    "status_code" INTEGER,
    "error" VARCHAR(1000),

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_windows" (
    "id" UUID NOT NULL,
    "client_ref" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3),
    "recurrence" VARCHAR(100),
    "duration_minutes" INTEGER,
    "created_by" VARCHAR(200),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "maintenance_windows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_channels_client_ref_type_idx" ON "alert_channels"("client_ref", "type");

-- CreateIndex
CREATE INDEX "alert_threshold_channels_channel_id_idx" ON "alert_threshold_channels"("channel_id");

-- CreateIndex
CREATE INDEX "alert_evaluations_client_ref_idx" ON "alert_evaluations"("client_ref");

-- CreateIndex
CREATE INDEX "alert_events_alert_id_at_idx" ON "alert_events"("alert_id", "at");

-- CreateIndex
CREATE INDEX "notification_items_notification_id_idx" ON "notification_items"("notification_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_items_alert_id_event_key_channel_id_key" ON "notification_items"("alert_id", "event_key", "channel_id");

-- CreateIndex
CREATE INDEX "delivery_attempts_notification_id_attempt_idx" ON "delivery_attempts"("notification_id", "attempt");

-- CreateIndex
CREATE INDEX "maintenance_windows_client_ref_starts_at_idx" ON "maintenance_windows"("client_ref", "starts_at");

-- CreateIndex
CREATE INDEX "alerts_state_next_reminder_at_idx" ON "alerts"("state", "next_reminder_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

-- CreateIndex
CREATE INDEX "notifications_state_next_attempt_at_idx" ON "notifications"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notifications_channel_id_created_at_idx" ON "notifications"("channel_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notifications_client_ref_created_at_idx" ON "notifications"("client_ref", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "alert_channels" ADD CONSTRAINT "alert_channels_client_ref_fkey" FOREIGN KEY ("client_ref") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_thresholds" ADD CONSTRAINT "alert_thresholds_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_threshold_channels" ADD CONSTRAINT "alert_threshold_channels_threshold_id_fkey" FOREIGN KEY ("threshold_id") REFERENCES "alert_thresholds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_threshold_channels" ADD CONSTRAINT "alert_threshold_channels_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_evaluations" ADD CONSTRAINT "alert_evaluations_threshold_id_fkey" FOREIGN KEY ("threshold_id") REFERENCES "alert_thresholds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_evaluations" ADD CONSTRAINT "alert_evaluations_client_ref_fkey" FOREIGN KEY ("client_ref") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_items" ADD CONSTRAINT "notification_items_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_items" ADD CONSTRAINT "notification_items_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_client_ref_fkey" FOREIGN KEY ("client_ref") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

