// Keeps storage bounded: raw checks older than the retention window are deleted, hourly rollups
// after max(90 days, retention) and daily rollups after max(2 years, retention). Uptime reads
// the state-change history (a few rows per system per incident), which is kept.
import type { Db } from "@/lib/db/client";

export interface RetentionPolicy {
  rawDays: number;
  hourlyDays?: number;
  dailyDays?: number;
}

export interface RetentionResult {
  checksDeleted: number;
  rollupsDeleted: number;
}

const DAY_MS = 86_400_000;

function retentionCutoffs(now: Date, policy: RetentionPolicy) {
  const hourlyDays = policy.hourlyDays ?? Math.max(90, policy.rawDays);
  const dailyDays = policy.dailyDays ?? Math.max(730, policy.rawDays);
  return {
    raw: new Date(now.getTime() - policy.rawDays * DAY_MS),
    hourly: new Date(now.getTime() - hourlyDays * DAY_MS),
    daily: new Date(now.getTime() - dailyDays * DAY_MS),
  };
}

export async function applyRetention(db: Db, now: Date, policy: RetentionPolicy): Promise<RetentionResult> {
  const cutoff = retentionCutoffs(now, policy);
  // One delete per system walks the (system_id, checked_at) key: no index on time alone to
  // maintain on every insert, and no scan of the whole table.
  const systems = await db.system.findMany({ select: { id: true } });
  let checksDeleted = 0;
  for (const { id } of systems) {
    checksDeleted += await db.$executeRaw`DELETE FROM health_checks WHERE system_id = ${id}::uuid AND checked_at < ${cutoff.raw}::timestamptz`;
  }
  const hourly = await db.checkRollup.deleteMany({ where: { period: "hour", bucketStart: { lt: cutoff.hourly } } });
  const daily = await db.checkRollup.deleteMany({ where: { period: "day", bucketStart: { lt: cutoff.daily } } });
  return { checksDeleted, rollupsDeleted: hourly.count + daily.count };
}
