// The client page's maintenance windows (server part): loads the list through the verb for
// the first paint; the panel keeps it fresh and adds / deletes. Also the "In maintenance"
// badge of the client's header. Both read the caller's own context (cached per request).
import { requireViewer } from "@/lib/http/page-context";
import { listMaintenanceWindows } from "@/lib/maintenance/maintenance-windows";
import { permissionsFor } from "@/lib/ui/permissions";
import { Badge } from "@/components/ui/badge";
import { MaintenanceWindowsPanel } from "./maintenance-windows-panel";

export async function MaintenanceWindowsSection({ clientId }: { clientId: string }) {
  const { ctx, user } = await requireViewer();
  const initial = await listMaintenanceWindows({ ctx, input: { client_id: clientId } });
  return <MaintenanceWindowsPanel clientId={clientId} timeZone={initial.time_zone} initial={initial} canWrite={permissionsFor(user.role).write} />;
}

/** "In maintenance" beside the client's status while one of its windows is on. */
export async function MaintenanceBadge({ clientId }: { clientId: string }) {
  const { ctx } = await requireViewer();
  const list = await listMaintenanceWindows({ ctx, input: { client_id: clientId, limit: 1 } });
  const on = list.windows[0];
  if (!list.active_now || !on) return null;
  const until = on.next_end
    ? new Intl.DateTimeFormat("en-GB", { timeZone: list.time_zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(on.next_end))
    : null;
  return (
    <span data-testid="in-maintenance">
      <Badge tone="indigo" title={`${on.title}: checks stay out of uptime and SLA, alerts are muted`}>
        In maintenance{until ? ` until ${until}` : ""}
      </Badge>
    </span>
  );
}
