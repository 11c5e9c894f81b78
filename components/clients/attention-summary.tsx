import type { SystemOutput } from "@/lib/clients/schemas";
import { cx } from "@/lib/ui/class-names";
import { attentionHeadline, STATUS_LABEL } from "@/lib/ui/status";
import { STATUS_ICON, STATUS_TEXT } from "./status-badge";

/** "Why is this client not healthy?": each failing or degraded system with the verb's reason. */
export function AttentionSummary({ systems }: { systems: readonly SystemOutput[] }) {
  const failing = systems.filter((s) => s.enabled && (s.status === "down" || s.status === "degraded"));
  if (failing.length === 0) return null;
  const anyDown = failing.some((s) => s.status === "down");
  const monitored = systems.filter((s) => s.enabled).length;
  return (
    <div
      className={cx(
        "rounded-xl border px-4 py-3 text-[13px]",
        anyDown
          ? "border-rose-200 bg-rose-50/70 dark:border-rose-400/20 dark:bg-rose-400/[0.06]"
          : "border-amber-200 bg-amber-50/70 dark:border-amber-400/20 dark:bg-amber-400/[0.06]",
      )}
    >
      <p className="font-semibold text-fg">
        {attentionHeadline(failing.length, monitored)}
      </p>
      <ul className="mt-1.5 flex flex-col gap-1">
        {failing.map((s) => {
          const Icon = STATUS_ICON[s.status];
          return (
            <li key={s.id} className="flex min-w-0 items-start gap-2">
              <Icon className={cx("mt-0.5 size-3.5 shrink-0", STATUS_TEXT[s.status])} />
              <span className="min-w-0">
                <span className="font-medium text-fg">{s.name}</span>
                <span className="text-muted">
                  {" "}
                  · {STATUS_LABEL[s.status]}
                  {s.status_reason ? `: ${s.status_reason}` : ""}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
