// The clients overview verbs with today's business metrics filled in. get_all_clients_status and
// the clients list live in lib/monitoring (they read health); today's automations live here, and
// monitoring may not import metrics (metrics depends on monitoring, never the reverse), so the
// composition is this higher layer: every edge calls these, never the monitoring ones directly.
import type { Context } from "@/lib/context";
import type { VerbInput } from "@/lib/input";
import type { allClientsStatusInputSchema, listClientsInputSchema } from "@/lib/clients/schemas";
import { getAllClientsStatus as statusWithoutMetrics } from "@/lib/monitoring/get-all-clients-status";
import { listClients as listWithoutMetrics } from "@/lib/monitoring/list-clients";
import { todayMetricsByClient } from "./today-metrics";

export function getAllClientsStatus({ ctx, input }: { ctx: Context; input: VerbInput<typeof allClientsStatusInputSchema> }) {
  return statusWithoutMetrics({ ctx, input, todayVolumes: todayMetricsByClient });
}

export function listClients({ ctx, input }: { ctx: Context; input: VerbInput<typeof listClientsInputSchema> }) {
  return listWithoutMetrics({ ctx, input, todayVolumes: todayMetricsByClient });
}
