import type { ThresholdOutput } from "@/lib/alerts/contracts";
import { scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerbInput } from "@/lib/input";
import { resolveRuleClient, resolveSystem } from "./rule-targets";
import { ALL_CLIENTS, listThresholdsInputSchema } from "./schemas";
import { thresholdInclude, thresholdOutputs } from "./threshold-output";

/** Bounded: an agency has tens of rules, not thousands; the cap keeps one answer small. */
const MAX_RULES = 500;

/**
 * Alert rules, per client first then "*" last, newest first within each. With a client_id:
 * that client's rules and (include_global) the "*" rules that apply to it; "*": only those.
 * A key bound to one client sees only its client's rules (scopeClientRows leaves out "*").
 */
export async function listThresholds({ ctx, input = {} }: { ctx: Context; input?: VerbInput<typeof listThresholdsInputSchema> }): Promise<{ total: number; thresholds: ThresholdOutput[] }> {
  requireScope(ctx, "read");
  const data = parseInput(listThresholdsInputSchema, input);
  if (data.system && (!data.client_id || data.client_id === ALL_CLIENTS)) throw new ValidationError([{ path: "system", message: "needs a client_id: system names belong to one client" }]);
  const and: Prisma.AlertThresholdWhereInput[] = [];
  if (data.client_id === ALL_CLIENTS) and.push({ clientRef: null });
  else if (data.client_id) {
    const client = await resolveRuleClient(ctx, ctx.db, data.client_id);
    and.push(data.include_global ? { OR: [{ clientRef: client.ref }, { clientRef: null }] } : { clientRef: client.ref });
    if (data.system) {
      const system = resolveSystem(client, data.system);
      if (system.issue) throw new ValidationError([system.issue]);
      and.push({ OR: [{ systemId: system.id }, { systemId: null }] });
    }
  }
  if (data.metric) and.push({ metric: data.metric });
  if (data.enabled !== undefined) and.push({ enabled: data.enabled });
  const where = scopeClientRows(ctx, { AND: and });
  const [total, rows] = await Promise.all([
    ctx.db.alertThreshold.count({ where }),
    ctx.db.alertThreshold.findMany({ where, include: thresholdInclude, orderBy: [{ clientRef: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }], take: MAX_RULES }),
  ]);
  return { total, thresholds: await thresholdOutputs(ctx, rows) };
}
