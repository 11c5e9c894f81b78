"use client";

import { cx } from "@/lib/ui/class-names";
import { formatAgo } from "@/lib/ui/relative-time";
import { useNow } from "@/lib/ui/use-now";
import { PauseIcon, PlayIcon, RefreshIcon } from "@/components/ui/icons";

/** "Live · Updated 12s ago", pause/resume and refresh-now for the dashboard's polling. */
export function RefreshStatus({
  updatedAt,
  paused,
  fetching,
  error,
  onTogglePause,
  onRefresh,
}: {
  updatedAt: number;
  paused: boolean;
  fetching: boolean;
  error: Error | null;
  onTogglePause: () => void;
  onRefresh: () => void;
}) {
  const now = useNow(1000);
  const ago = formatAgo(updatedAt, now ?? updatedAt);
  return (
    <div className="flex items-center gap-1 rounded-lg border border-line bg-surface p-1 pl-3 shadow-xs dark:bg-white/[0.02]">
      <span className="flex items-center gap-2 pr-1 text-[13px] text-muted" aria-live="off" data-testid="refresh-status">
        <span aria-hidden className="relative flex size-2">
          {!paused && !error ? <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" /> : null}
          <span className={cx("relative inline-flex size-2 rounded-full", error ? "bg-rose-500" : paused ? "bg-zinc-400" : "bg-emerald-500")} />
        </span>
        {error ? (
          <span className="text-rose-700 dark:text-rose-300" title={error.message}>
            Couldn&rsquo;t refresh · {ago === "just now" ? "updated just now" : `updated ${ago}`}
          </span>
        ) : (
          <span>
            <span className="font-medium text-fg">{paused ? "Paused" : "Live"}</span>
            <span> · Updated {ago}</span>
          </span>
        )}
      </span>
      <button
        type="button"
        onClick={onTogglePause}
        aria-pressed={paused}
        aria-label={paused ? "Resume auto-refresh" : "Pause auto-refresh"}
        title={paused ? "Resume auto-refresh (every 30 s)" : "Pause auto-refresh"}
        className="inline-flex size-7 items-center justify-center rounded-md text-muted transition-colors hover:bg-surface-hover hover:text-fg"
      >
        {paused ? <PlayIcon className="size-3.5" /> : <PauseIcon className="size-3.5" />}
      </button>
      <button
        type="button"
        onClick={onRefresh}
        disabled={fetching}
        aria-label="Refresh now"
        title="Refresh now"
        className="inline-flex size-7 items-center justify-center rounded-md text-muted transition-colors hover:bg-surface-hover hover:text-fg disabled:opacity-60"
      >
        <RefreshIcon className={cx("size-3.5", fetching && "animate-spin")} />
      </button>
    </div>
  );
}
