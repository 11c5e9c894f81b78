import type { ThresholdOutput } from "@/lib/alerts/contracts";
import { scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import type { Tx } from "@/lib/db/client";
import { NotFoundError, parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import type { DbOrTx } from "./rule-targets";
import { thresholdRefSchema } from "./schemas";
import { firingCounts, thresholdInclude, toThresholdOutput, type ThresholdRow } from "./threshold-output";

/** The rule by id within the caller's scope; another client's (or, for a bound key, a "*" rule) is "not found". */
export async function findThresholdOrThrow(ctx: Context, id: string, db: DbOrTx = ctx.db): Promise<ThresholdRow> {
  const row = await db.alertThreshold.findFirst({ where: scopeClientRows(ctx, { id }), include: thresholdInclude });
  if (!row) throw new NotFoundError(`Alert rule "${id}" was not found`);
  return row;
}

export async function getThreshold({ ctx, input, tx }: { ctx: Context; input: VerbInput<typeof thresholdRefSchema>; tx?: Tx }): Promise<ThresholdOutput> {
  requireScope(ctx, "read");
  const { id } = parseInput(thresholdRefSchema, input);
  const db = tx ?? ctx.db;
  const row = await findThresholdOrThrow(ctx, id, db);
  return toThresholdOutput(row, (await firingCounts(ctx, [id], db)).get(id) ?? 0);
}
