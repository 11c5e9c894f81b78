import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "@/lib/ui/class-names";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cx("rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none", className)}
      {...props}
    />
  );
}

/** A titled section of a page, rendered as a card with a header row. */
export function Panel({
  title,
  description,
  actions,
  children,
  className,
  bodyClassName,
  headingLevel = 2,
  id,
  flush = false,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  bodyClassName?: string;
  headingLevel?: 2 | 3;
  id?: string;
  /** No padding around the body: for a table that runs edge to edge. */
  flush?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section aria-labelledby={headingId} id={id} className={cx("rounded-xl border border-line bg-surface dark:shadow-none shadow-[0_1px_2px_0_rgb(0_0_0/0.04)]", className)}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0">
          <Heading id={headingId} className="text-sm font-semibold text-fg">
            {title}
          </Heading>
          {description ? <p className="mt-0.5 text-[13px] text-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      <div className={cx(!flush && "p-5", bodyClassName)}>{children}</div>
    </section>
  );
}
