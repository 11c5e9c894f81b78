"use client";

import { useState } from "react";
import type { SystemHistoryEntry } from "@/lib/monitoring/get-system-history";
import { cx } from "@/lib/ui/class-names";
import { formatDuration } from "@/lib/ui/history-format";
import { formatTimestampUtc } from "@/lib/ui/relative-time";
import { STATUS_LABEL } from "@/lib/ui/status";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowRightIcon, ClockIcon } from "@/components/ui/icons";
import { StatusBadge } from "./status-badge";

export type StateChangeRow = SystemHistoryEntry["state_changes"][number] & { system_name: string };

/** How many changes show before "Show more": a flapping client would otherwise push the page down (on a phone each is ~100 px). */
const COLLAPSED = 5;

/**
 * Confirmed state changes: the new state, why, when it started and how long it lasted (or
 * that it is still current). `now` (the data's own time) dates the ongoing one, so the server
 * and the browser render the same text.
 */
export function StateChangeList({
  changes,
  showSystem,
  now,
  maintenance = [],
}: {
  changes: readonly StateChangeRow[];
  showSystem: boolean;
  now: number;
  /** The client's maintenance periods: a change that began inside one is marked (its time is out of uptime). */
  maintenance?: readonly { start: string; end: string }[];
}) {
  const inMaintenance = (iso: string) => {
    const t = Date.parse(iso);
    return maintenance.some((m) => Date.parse(m.start) <= t && t < Date.parse(m.end));
  };
  const [expanded, setExpanded] = useState(false);
  if (changes.length === 0) {
    return (
      <EmptyState icon={ClockIcon} title="No state changes yet" headingLevel={3} compact>
        A system&rsquo;s state changes after 2 agreeing checks; each change is listed here with its reason.
      </EmptyState>
    );
  }
  const hidden = expanded ? 0 : Math.max(0, changes.length - COLLAPSED);
  const shown = hidden > 0 ? changes.slice(0, COLLAPSED) : changes;
  return (
    <div>
      <ol className="divide-y divide-line" data-testid="state-change-list">
        {shown.map((c) => {
          const ongoing = c.ended_at === null;
          return (
            <li key={`${c.system_name}-${c.started_at}`} className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-start sm:gap-4">
              <div className="flex shrink-0 items-center gap-1.5 sm:w-52">
                <span className="text-xs text-subtle">{STATUS_LABEL[c.from]}</span>
                <ArrowRightIcon className="size-3 text-subtle" />
                <StatusBadge status={c.to} />
              </div>
              <div className="min-w-0 flex-1">
                <p className="text-[13px] text-fg">{c.reason}</p>
                <p className="mt-0.5 text-xs text-subtle">
                  {showSystem ? <span className="font-medium text-muted">{c.system_name} · </span> : null}
                  <time dateTime={c.started_at}>{formatTimestampUtc(c.started_at)}</time>
                  {inMaintenance(c.started_at) ? (
                    <span className="ml-1.5 rounded bg-indigo-50 px-1.5 py-px font-medium text-indigo-700 dark:bg-indigo-400/10 dark:text-indigo-300" data-testid="during-maintenance">
                      during maintenance
                    </span>
                  ) : null}
                </p>
              </div>
              <p className={cx("shrink-0 text-xs tabular-nums sm:pt-0.5 sm:text-right", ongoing ? "font-medium text-fg" : "text-muted")}>
                {ongoing ? `Ongoing · ${formatDuration(Math.max(0, now - Date.parse(c.started_at)))}` : formatDuration(c.duration_ms ?? 0)}
              </p>
            </li>
          );
        })}
      </ol>
      {changes.length > COLLAPSED ? (
        <div className="border-t border-line px-5 py-2.5">
          <Button variant="ghost" size="sm" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded} className="-ml-3">
            {expanded ? "Show fewer" : `Show ${hidden} more`}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
