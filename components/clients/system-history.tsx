"use client";

import type { SystemHistory } from "@/lib/monitoring/get-system-history";
import { mergeStateChanges } from "@/lib/monitoring/history-series";
import { bySeverity } from "@/lib/ui/system-rank";
import { Panel } from "@/components/ui/card";
import { LatencyChart } from "./latency-chart";
import { StateChangeList } from "./state-change-list";
import { useSystemHistoryQuery } from "./use-system-history-query";

/**
 * The client page's history: the response-time chart, opened on the worst system (down, then
 * degraded, then unknown, then healthy: lib/ui/system-rank), and the client's recent state
 * changes. The 90-day strips are in the system rows above. `initialData` is the page's own verb
 * call (all systems, 90d), kept fresh by the query the rows share.
 */
export function SystemHistorySection({ clientId, initialData }: { clientId: string; initialData: SystemHistory }) {
  const query = useSystemHistoryQuery(clientId, null, "90d", { initialData });
  const data = query.data ?? initialData;
  if (data.systems.length === 0) return null;
  // Worst first, so the chart opens on the system in trouble and its picker lists it first.
  const systems = bySeverity(data.systems);
  const changes = mergeStateChanges(systems);

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3" data-testid="system-history">
      <h2 id="history-heading" className="text-sm font-semibold text-fg">
        Health history
      </h2>
      <LatencyChart clientId={clientId} systems={systems.map((s) => s.system_name)} />
      <Panel title="State changes" headingLevel={3} description="Confirmed changes of every system, newest first" flush>
        <StateChangeList changes={changes} showSystem={systems.length > 1} now={Date.parse(data.generated_at)} maintenance={data.maintenance} />
      </Panel>
    </section>
  );
}
