import Link from "next/link";
import type { AlertOutput, ClientAlertBadge } from "@/lib/alerts/contracts";
import { Badge } from "@/components/ui/badge";

/** Severity and state of one alert, plus what is special about it (flapping, muted, acknowledged). */
export function AlertChips({ alert }: { alert: AlertOutput }) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      {alert.state === "firing" ? (
        <Badge tone={alert.severity === "critical" ? "rose" : "amber"}>{alert.severity === "critical" ? "Critical" : "Warning"}</Badge>
      ) : (
        <Badge tone="emerald">Resolved</Badge>
      )}
      {alert.flapping ? <Badge tone="indigo" title="Held firing instead of notifying each change">Flapping</Badge> : null}
      {alert.muted ? <Badge tone="slate" title="Fired in a maintenance window: recorded, not notified">Muted</Badge> : null}
      {alert.acknowledged_at ? <Badge tone="neutral" title={`Acknowledged by ${alert.acknowledged_by ?? "someone"}`}>Acknowledged</Badge> : null}
    </span>
  );
}

/** A client row's firing alerts (dashboard, clients list): a link to the Alerts page filtered to the client. */
export function ClientAlertCount({ clientId, badge }: { clientId: string; badge: ClientAlertBadge | undefined }) {
  if (!badge || badge.firing === 0) return null;
  const words = `${badge.firing} firing alert${badge.firing === 1 ? "" : "s"}${badge.critical ? `, ${badge.critical} critical` : ""}${badge.unacknowledged ? `, ${badge.unacknowledged} not acknowledged` : ""}`;
  return (
    <Link href={`/alerts?client_id=${encodeURIComponent(clientId)}`} title={words} aria-label={words} data-testid="client-alert-badge" className="shrink-0 rounded-md">
      <Badge tone={badge.critical ? "rose" : "amber"}>
        <span aria-hidden>●</span>
        {badge.firing} alert{badge.firing === 1 ? "" : "s"}
      </Badge>
    </Link>
  );
}
