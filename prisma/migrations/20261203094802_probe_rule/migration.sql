-- AlterTable
ALTER TABLE "systems" ADD COLUMN     "status_rule" VARCHAR(40);

-- AlterTable
ALTER TABLE "health_checks" ADD COLUMN     "rule" VARCHAR(40);


-- Systems refused by the network policy before this column existed: record the rule their
-- reason already names, so the UI shows the fix until the next check restates it.
UPDATE "systems" SET "status_rule" = CASE WHEN "status_reason" LIKE '%private targets are not allowed for this client%'
  THEN 'blocked_private' ELSE 'blocked_by_policy' END
  WHERE "status_reason" LIKE 'blocked by network policy%';
