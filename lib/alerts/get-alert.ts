// One alert with its timeline (alert_events) and its delivery log (the notifications that
// carried any of its events, through notification_items, with each attempt).
import { scopeClientRows } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { NotFoundError, parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { alertIdInputSchema } from "./alert-schemas";
import { alertInclude, toAlertOutput } from "./alert-output";
import type { AlertDetailOutput } from "./contracts";
import { deliveryInclude, toDeliveryOutput } from "./delivery-output";

const EVENTS_SHOWN = 200;
const DELIVERIES_SHOWN = 50;

export async function getAlert({ ctx, input }: { ctx: Context; input: VerbInput<typeof alertIdInputSchema> }): Promise<AlertDetailOutput> {
  requireScope(ctx, "read");
  const { alert_id } = parseInput(alertIdInputSchema, input);
  const alert = await ctx.db.alert.findFirst({ where: scopeClientRows(ctx, { id: alert_id }), include: alertInclude });
  if (!alert) throw new NotFoundError(`Alert "${alert_id}" was not found`);
  const [events, notifications] = await Promise.all([
    ctx.db.alertEvent.findMany({ where: { alertId: alert.id }, orderBy: [{ at: "asc" }, { id: "asc" }], take: EVENTS_SHOWN }),
    ctx.db.notification.findMany({
      where: { items: { some: { alertId: alert.id } } },
      include: deliveryInclude(true),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: DELIVERIES_SHOWN,
    }),
  ]);
  return {
    ...toAlertOutput(alert),
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, value: e.value, detail: e.detail, actor: e.actor })),
    deliveries: notifications.map((n) => toDeliveryOutput(n, alert.client.clientId)),
  };
}
