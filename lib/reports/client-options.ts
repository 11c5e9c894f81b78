// The clients the Reports screens offer (filter, generate dialog, schedule dialog): every client
// the caller may see, active first then by name, with its time zone (the dialogs speak the
// client's wall clock). A light read: no health figures, unlike the clients list verb.
import { scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";

export interface ReportClientOption {
  client_id: string;
  client_name: string;
  time_zone: string;
  active: boolean;
}

/** At most 1,000 (the dialogs' select lists); bounded like every list. */
export async function reportClientOptions(ctx: Context): Promise<ReportClientOption[]> {
  requireScope(ctx, "read");
  const rows = await ctx.db.client.findMany({
    where: scopeClients(ctx),
    select: { clientId: true, name: true, timeZone: true, active: true },
    orderBy: [{ active: "desc" }, { name: "asc" }, { clientId: "asc" }],
    take: 1000,
  });
  return rows.map((r) => ({ client_id: r.clientId, client_name: r.name, time_zone: r.timeZone, active: r.active }));
}
