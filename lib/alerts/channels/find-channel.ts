import { scopeClientRows } from "@/lib/client-scope";
import type { Context } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { channelInclude, type ChannelRow } from "./channel-output";

/** A channel by id within the caller's scope (a key bound to one client sees only that client's channels). */
export async function findChannelOrThrow(ctx: Context, id: string, db: Db | Tx = ctx.db): Promise<ChannelRow> {
  const row = await db.alertChannel.findFirst({ where: scopeClientRows(ctx, { id }), include: channelInclude });
  if (!row) throw new NotFoundError(`Alert channel "${id}" was not found`);
  return row;
}

/** Makes `row` the one default channel of its type for its owner (the agency, or its client). */
export async function makeDefault(t: Tx, row: { id: string; clientRef: string | null; type: ChannelRow["type"] }): Promise<void> {
  await t.alertChannel.updateMany({ where: { clientRef: row.clientRef, type: row.type, isDefault: true, id: { not: row.id } }, data: { isDefault: false } });
  await t.alertChannel.update({ where: { id: row.id }, data: { isDefault: true } });
}
