// Pausing a system (enabled → false) ends its current state in the history: the open interval
// closes and the system reads "unknown" with the reason "checks paused". Paused time is then
// unknown time, left out of uptime like time before the first check, instead of being counted
// as whatever the last check said. Re-enabled, its first probe leaves "unknown" at once.
// Here in clients because only client and system edits pause (monitoring depends on clients).
import type { Prisma, System } from "@/lib/generated/prisma/client";

const PAUSED_REASON = "checks paused";

export async function recordPauseIfDisabled(
  tx: Prisma.TransactionClient,
  before: Pick<System, "id" | "enabled" | "status">,
  enabledAfter: boolean,
  at: Date,
): Promise<void> {
  if (!before.enabled || enabledAfter || before.status === "unknown") return;
  await tx.statusChange.updateMany({ where: { systemId: before.id, endedAt: null }, data: { endedAt: at } });
  await tx.statusChange.create({ data: { systemId: before.id, fromStatus: before.status, toStatus: "unknown", reason: PAUSED_REASON, startedAt: at } });
  await tx.system.update({
    where: { id: before.id },
    data: { status: "unknown", statusReason: PAUSED_REASON, statusChangedAt: at, pendingStatus: null, pendingCount: 0, pendingSince: null },
  });
}
