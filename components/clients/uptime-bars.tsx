"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import type { UptimeBar, BarStatus } from "@/lib/monitoring/history-series";
import type { UptimeFigure as UptimeFigureValue } from "@/lib/clients/schemas";
import { uptimeFigureText } from "@/lib/ui/uptime-figure";
import { UptimeFigure } from "@/components/ui/uptime-figure";
import { cx } from "@/lib/ui/class-names";
import { formatDayUtc, formatDuration, formatPct } from "@/lib/ui/history-format";

/** The status palette of status-badge.tsx, as bar fills; grey = no known time that day. */
export const BAR_FILL: Record<BarStatus, string> = {
  healthy: "bg-emerald-500 dark:bg-emerald-400",
  degraded: "bg-amber-500 dark:bg-amber-400",
  down: "bg-rose-500 dark:bg-rose-400",
  no_data: "bg-zinc-200 dark:bg-white/[0.09]",
};

export const BAR_LABEL: Record<BarStatus, string> = {
  healthy: "Healthy",
  degraded: "Degraded",
  down: "Down",
  no_data: "No data",
};

// Phones show the last 30 days (90 bars in 300 px are too thin to point at); the full 90 from
// the sm breakpoint up. Keyboard navigation skips the hidden ones.
const PHONE_DAYS = 30;

function minutesText(minutes: number): string {
  return formatDuration(minutes * 60_000);
}

/** The words a bar stands for: its tooltip and its accessible name. */
function describeBar(bar: UptimeBar): { title: string; status: string; details: string[] } {
  const details: string[] = [];
  if (bar.status !== "no_data") {
    if (bar.down_minutes > 0) details.push(`Down ${minutesText(bar.down_minutes)}`);
    if (bar.degraded_minutes > 0) details.push(`Degraded ${minutesText(bar.degraded_minutes)}`);
    if (details.length === 0) details.push("No downtime");
  }
  details.push(`${bar.checks.toLocaleString("en-US")} ${bar.checks === 1 ? "check" : "checks"}`);
  const status = bar.uptime_pct === null ? BAR_LABEL[bar.status] : `${BAR_LABEL[bar.status]} · ${formatPct(bar.uptime_pct)} uptime`;
  return { title: formatDayUtc(bar.date), status, details };
}

/**
 * 90 daily bars of one system, oldest on the left. One tab stop for the whole strip (roving
 * tabindex): arrow keys, Home and End move between days, and the focused or hovered day shows
 * its tooltip; each bar's accessible name carries the same words.
 */
export function UptimeBars({
  systemName,
  bars,
  uptime,
  paused = false,
  compact = false,
}: {
  systemName: string;
  bars: readonly UptimeBar[];
  uptime: UptimeFigureValue;
  paused?: boolean;
  /** Inside a system's row, which already names the system: the strip alone, lower. */
  compact?: boolean;
}) {
  const [active, setActive] = useState<{ index: number; x: number; width: number } | null>(null);
  const [tabIndex, setTabIndex] = useState(bars.length - 1);
  const stripRef = useRef<HTMLDivElement>(null);
  const refs = useRef<(HTMLSpanElement | null)[]>([]);

  function show(index: number) {
    const el = refs.current[index];
    const strip = stripRef.current;
    if (!el || !strip) return;
    setActive({ index, x: el.offsetLeft + el.offsetWidth / 2, width: strip.offsetWidth });
  }

  const visible = (i: number) => (refs.current[i]?.getClientRects().length ?? 0) > 0;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const current = refs.current.findIndex((el) => el === document.activeElement);
    if (current < 0) return;
    let next: number;
    if (event.key === "ArrowLeft" || event.key === "ArrowDown") next = current - 1;
    else if (event.key === "ArrowRight" || event.key === "ArrowUp") next = current + 1;
    else if (event.key === "Home") next = bars.findIndex((_, i) => visible(i));
    else if (event.key === "End") next = bars.length - 1;
    else if (event.key === "Escape") return setActive(null);
    else return;
    event.preventDefault();
    if (next < 0 || next >= bars.length || !visible(next)) return;
    setTabIndex(next);
    refs.current[next]?.focus();
  }

  const summary = `${systemName}: ${uptimeFigureText(uptime, "90 days").label}`;
  const activeBar = active ? bars[active.index] : undefined;
  const described = activeBar ? describeBar(activeBar) : null;
  // Keep the 14 rem tooltip inside the strip: centred on the bar, clamped at either end.
  const half = 112;
  const left = active ? (active.width <= 2 * half ? active.width / 2 : Math.min(Math.max(active.x, half), active.width - half)) : 0;

  return (
    <div className={cx("flex flex-col", compact ? "gap-1" : "gap-2")} data-testid="uptime-bars">
      {compact ? null : (
        <div className="flex items-baseline justify-between gap-3">
          <h3 className="flex min-w-0 items-center gap-2 text-[13px] font-medium text-fg">
            <span className="truncate">{systemName}</span>
            {paused ? <span className="shrink-0 text-xs font-normal text-subtle">checks paused</span> : null}
          </h3>
          <p className="shrink-0 text-[13px] text-muted">
            <span aria-hidden>Uptime </span>
            <UptimeFigure figure={uptime} windowLabel="90 days" className="font-medium" />
          </p>
        </div>
      )}
      <div className="relative" ref={stripRef}>
        <div
          role="group"
          aria-label={summary}
          aria-roledescription="uptime bars"
          className={cx("flex items-stretch", compact ? "h-5 gap-px sm:gap-[2px]" : "h-8 gap-[2px]")}
          onKeyDown={onKeyDown}
          onMouseLeave={() => {
            if (!stripRef.current?.contains(document.activeElement)) setActive(null);
          }}
        >
          {bars.map((bar, i) => {
            const d = describeBar(bar);
            return (
              <span
                key={bar.date}
                ref={(el) => {
                  refs.current[i] = el;
                }}
                role="img"
                aria-label={`${d.title}: ${d.status}. ${d.details.join(", ")}.`}
                tabIndex={i === tabIndex ? 0 : -1}
                data-status={bar.status}
                onMouseEnter={() => show(i)}
                onFocus={() => {
                  setTabIndex(i);
                  show(i);
                }}
                onBlur={() => setActive(null)}
                className={cx(
                  "min-w-0 flex-1 rounded-[2px] outline-offset-1 transition-opacity",
                  BAR_FILL[bar.status],
                  i < bars.length - PHONE_DAYS && "hidden sm:block",
                  active && active.index !== i && "opacity-60",
                )}
              />
            );
          })}
        </div>
        {activeBar && described ? (
          <div
            aria-hidden
            className="pointer-events-none absolute bottom-full z-20 mb-2 w-56 -translate-x-1/2 rounded-lg border border-line bg-surface px-3 py-2 text-xs shadow-lg shadow-black/10 dark:border-white/10 dark:bg-zinc-900 dark:shadow-black/40"
            style={{ left }}
            data-testid="uptime-tooltip"
          >
            <p className="font-semibold text-fg">{described.title}</p>
            <p className="mt-1 flex items-center gap-1.5 text-fg">
              <span className={cx("inline-block size-2 rounded-full", BAR_FILL[activeBar.status])} />
              {described.status}
            </p>
            <p className="mt-0.5 text-muted">{described.details.join(" · ")}</p>
          </div>
        ) : null}
      </div>
      <div className={cx("flex justify-between text-[11px] text-subtle", compact && "hidden")} aria-hidden>
        <span>
          <span className="sm:hidden">{PHONE_DAYS} days ago</span>
          <span className="hidden sm:inline">{bars.length} days ago</span>
        </span>
        <span>Today</span>
      </div>
    </div>
  );
}

/** What the compact strips show (their span, oldest on the left) and what their colours mean. */
export function UptimeLegend({ className }: { className?: string }) {
  return (
    <ul className={cx("flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted", className)} aria-label="Legend of the uptime strips">
      <li className="text-subtle">
        Last <span className="sm:hidden">{PHONE_DAYS}</span>
        <span className="hidden sm:inline">90</span> days, oldest first:
      </li>
      {(["healthy", "degraded", "down", "no_data"] as const).map((status) => (
        <li key={status} className="flex items-center gap-1.5">
          <span aria-hidden className={cx("inline-block h-3 w-1.5 rounded-[2px]", BAR_FILL[status])} />
          {BAR_LABEL[status]}
        </li>
      ))}
    </ul>
  );
}
