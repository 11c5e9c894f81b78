import type { ComponentType } from "react";
import type { HealthStatusValue } from "@/lib/clients/schemas";
import { cx } from "@/lib/ui/class-names";
import { STATUS_LABEL, STATUS_TEXT } from "@/lib/ui/status";

// Kept here too so components keep importing status presentation from one place.
export { STATUS_TEXT };
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { AlertTriangleIcon, CheckCircleIcon, ClockIcon, XCircleIcon, type IconProps } from "@/components/ui/icons";

const STATUS_TONE: Record<HealthStatusValue, BadgeTone> = {
  healthy: "emerald",
  degraded: "amber",
  down: "rose",
  unknown: "slate",
};

export const STATUS_ICON: Record<HealthStatusValue, ComponentType<IconProps>> = {
  healthy: CheckCircleIcon,
  degraded: AlertTriangleIcon,
  down: XCircleIcon,
  unknown: ClockIcon,
};

/** Status in words + icon + colour; `title` carries the reason for hover and assistive tech. */
export function StatusBadge({ status, reason, className }: { status: HealthStatusValue; reason?: string | null; className?: string }) {
  const Icon = STATUS_ICON[status];
  return (
    <Badge tone={STATUS_TONE[status]} title={reason ?? undefined} className={className}>
      <Icon className="size-3.5" />
      {STATUS_LABEL[status]}
      {reason ? <span className="sr-only">: {reason}</span> : null}
    </Badge>
  );
}

export function StatusDot({ status, className }: { status: HealthStatusValue; className?: string }) {
  const colours: Record<HealthStatusValue, string> = {
    healthy: "bg-emerald-500",
    degraded: "bg-amber-500",
    down: "bg-rose-500",
    unknown: "bg-slate-400 dark:bg-slate-500",
  };
  return <span aria-hidden className={cx("inline-block size-1.5 rounded-full", colours[status], className)} />;
}
