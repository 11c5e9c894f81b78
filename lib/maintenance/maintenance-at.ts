// Whether a client is inside one of its maintenance windows at a moment: the one rule the
// alert lifecycle (muting), record-check (maintenance checks out of uptime and SLA) and the
// history all ask. One-off windows only so far; recurring ones are added here.
import type { Db, Tx } from "@/lib/db/client";

export async function inMaintenance(db: Db | Tx, clientRef: string, at: Date): Promise<boolean> {
  const hit = await db.maintenanceWindow.findFirst({
    where: { clientRef, recurrence: null, startsAt: { lte: at }, endsAt: { gt: at } },
    select: { id: true },
  });
  return hit !== null;
}
