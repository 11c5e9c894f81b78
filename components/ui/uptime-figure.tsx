// One way to show an uptime figure everywhere: the percentage, "· since <date>" when the window
// was watched only in part, "—" with "no data yet" when not at all; the exact span in the title
// and for screen readers (lib/ui/uptime-figure.ts words it).
import type { UptimeFigure as UptimeFigureValue } from "@/lib/clients/schemas";
import { cx } from "@/lib/ui/class-names";
import { uptimeTone } from "@/lib/ui/status";
import { uptimeFigureText } from "@/lib/ui/uptime-figure";

export function UptimeFigure({
  figure,
  windowLabel,
  target,
  stacked = false,
  align = "end",
  className,
}: {
  figure: UptimeFigureValue;
  /** "24 hours", "30 days", …: how the window is named to people. */
  windowLabel: string;
  /** The SLA target: colours the figure when below it. */
  target?: number;
  /** The "since" part on its own line under the figure (narrow table columns). */
  stacked?: boolean;
  /** Where the stacked lines align (right in number columns, left in stat lists). */
  align?: "start" | "end";
  className?: string;
}) {
  const t = uptimeFigureText(figure, windowLabel);
  const label = t.pct === null || target === undefined ? t.label : `${t.label}; ${t.pct >= target ? "meets" : "below"} the ${target}% SLA target`;
  if (t.pct === null) {
    return (
      <span className={cx("whitespace-nowrap text-[13px] text-subtle", className)} title={t.label} data-testid="uptime-figure">
        <span aria-hidden>—</span>
        <span className="sr-only">{t.label}</span>
      </span>
    );
  }
  return (
    <span className={cx("whitespace-nowrap text-[13px] tabular-nums", stacked && "inline-flex flex-col leading-tight", stacked && (align === "end" ? "items-end" : "items-start"), className)} title={label} data-testid="uptime-figure" data-coverage={figure?.coverage}>
      <span aria-hidden className={target === undefined ? "text-fg" : uptimeTone(t.pct, target)}>
        {t.value}
      </span>
      {t.since ? (
        <span aria-hidden className={cx("text-subtle", stacked && "text-[11px]")}>
          {stacked ? null : " · "}
          {t.since}
        </span>
      ) : null}
      <span className="sr-only">{label}</span>
    </span>
  );
}
