-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "status_rule" VARCHAR(40);

-- AlterTable
ALTER TABLE "health_checks" ADD COLUMN     "rule" VARCHAR(40);


-- Systems refused by the network policy before this column existed: record the rule their
-- reason already names, so the UI shows the fix until the next check restates it.
UPDATE "systems" SET "status_rule" = 'blocked_by_policy' WHERE "status_reason" LIKE 'blocked by network policy%';
