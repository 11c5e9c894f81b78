import { formatPct } from "@/lib/ui/history-format";
import { cx } from "@/lib/ui/class-names";
import { uptimeTone } from "@/lib/ui/status";

/**
 * An uptime figure as the data gives it, toned against the SLA target when one is given.
 * The client page renders every uptime number through this one component, so the figure with
 * its coverage ("99.2 % · since 29 Nov") can replace it in one place.
 */
export function UptimeFigure({ value, target, className }: { value: number | null; target?: number; className?: string }) {
  if (value === null) {
    return (
      <span className={cx("text-subtle", className)} title="No checked time in this window yet">
        —
      </span>
    );
  }
  return <span className={cx("tabular-nums", target === undefined ? "text-fg" : uptimeTone(value, target), className)}>{formatPct(value)}</span>;
}
