"use client";

import type { SystemHistory } from "@/lib/monitoring/get-system-history";
import { mergeStateChanges } from "@/lib/monitoring/history-series";
import { cx } from "@/lib/ui/class-names";
import { Panel } from "@/components/ui/card";
import { BAR_FILL, BAR_LABEL, UptimeBars } from "./uptime-bars";
import { LatencyChart } from "./latency-chart";
import { StateChangeList } from "./state-change-list";
import { useSystemHistoryQuery } from "./use-system-history-query";

/**
 * The client page's history: 90-day uptime bars for every system, the response-time chart of
 * one chosen system, and the client's recent state changes. `initialData` is the page's own
 * verb call (all systems, 90d: the lightest latency series, since only the bars and changes of
 * this overview are used), kept fresh by the query.
 */
export function SystemHistorySection({ clientId, initialData }: { clientId: string; initialData: SystemHistory }) {
  const query = useSystemHistoryQuery(clientId, null, "90d", { initialData });
  const data = query.data ?? initialData;
  if (data.systems.length === 0) return null;
  // Monitored systems first: they are the ones a reader came to look at.
  const systems = [...data.systems].sort((a, b) => Number(b.enabled) - Number(a.enabled));
  const changes = mergeStateChanges(systems);

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3" data-testid="system-history">
      <h2 id="history-heading" className="text-sm font-semibold text-fg">
        Health history
      </h2>
      <Panel
        title="Uptime"
        headingLevel={3}
        description="Last 90 days, one bar per UTC day, coloured by the worst confirmed state"
        actions={<Legend />}
        bodyClassName="flex flex-col gap-6"
      >
        {systems.map((s) => (
          <UptimeBars key={s.system_name} systemName={s.system_name} bars={s.uptime_bars} uptime={s.uptime_90d} paused={!s.enabled} />
        ))}
      </Panel>
      <LatencyChart clientId={clientId} systems={systems.map((s) => s.system_name)} />
      <Panel title="State changes" headingLevel={3} description="Confirmed changes of every system, newest first" flush>
        <StateChangeList changes={changes} showSystem={systems.length > 1} now={Date.parse(data.generated_at)} />
      </Panel>
    </section>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted" aria-label="Legend">
      {(["healthy", "degraded", "down", "no_data"] as const).map((status) => (
        <li key={status} className="flex items-center gap-1.5">
          <span aria-hidden className={cx("inline-block h-3 w-1.5 rounded-[2px]", BAR_FILL[status])} />
          {BAR_LABEL[status]}
        </li>
      ))}
    </ul>
  );
}
