import type { ComponentType, ReactNode } from "react";
import { cx } from "@/lib/ui/class-names";
import type { IconProps } from "./icons";

/** An honest "nothing here yet" block: what will appear, and (optionally) what to do now. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  actions,
  className,
  headingLevel = 2,
  compact = false,
}: {
  icon: ComponentType<IconProps>;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
  headingLevel?: 1 | 2 | 3;
  compact?: boolean;
}) {
  const Heading = `h${headingLevel}` as "h1" | "h2" | "h3";
  return (
    <div className={cx("flex flex-col items-center text-center", compact ? "px-4 py-8" : "px-6 py-14 sm:py-16", className)}>
      <div
        className={cx(
          "flex items-center justify-center rounded-xl border border-line bg-surface-muted text-muted shadow-xs",
          compact ? "size-10" : "size-12",
        )}
      >
        <Icon className={compact ? "size-5" : "size-6"} />
      </div>
      <Heading className={cx("font-semibold text-fg", compact ? "mt-3 text-sm" : "mt-4 text-base")}>{title}</Heading>
      {children ? <div className={cx("mt-1.5 max-w-md text-muted", compact ? "text-[13px]" : "text-sm leading-6")}>{children}</div> : null}
      {actions ? <div className="mt-5 flex flex-wrap items-center justify-center gap-2.5">{actions}</div> : null}
    </div>
  );
}
