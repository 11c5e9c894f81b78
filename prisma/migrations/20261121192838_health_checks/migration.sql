-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "allow_private_targets" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "confirmations" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "pending_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pending_since" TIMESTAMPTZ(3),
ADD COLUMN     "pending_status" "HealthStatus";

-- CreateTable
CREATE TABLE "status_changes" (
    "id" BIGSERIAL NOT NULL,
    "system_id" UUID NOT NULL,
    "from_status" "HealthStatus" NOT NULL,
    "to_status" "HealthStatus" NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "status_changes_system_id_started_at_idx" ON "status_changes"("system_id", "started_at" DESC);

-- AddForeignKey
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_system_id_fkey" FOREIGN KEY ("system_id") REFERENCES "systems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

