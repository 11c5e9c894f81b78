import type { ComponentType, ReactNode } from "react";
import { ComingBadge } from "@/components/ui/coming-badge";
import type { IconProps } from "@/components/ui/icons";

/**
 * A section of the client page that a coming capability fills: its heading and, in plain
 * words, what will appear there. No empty list, no button that leads nowhere. `coming={false}`:
 * a capability that is here but has nothing to show yet (the performance section without a
 * metrics source), said in the same compact form.
 */
export function ComingSection({ id, icon: Icon, title, children, coming = true }: { id: string; icon: ComponentType<IconProps>; title: string; children: ReactNode; coming?: boolean }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex gap-3 px-4 py-3 md:rounded-xl md:border md:border-dashed md:border-line-strong md:py-3.5" data-testid={`coming-${id}`}>
      <span className="hidden size-8 shrink-0 items-center justify-center rounded-lg border border-line bg-surface text-subtle sm:flex">
        <Icon className="size-4" />
      </span>
      <div className="min-w-0">
        <h3 id={`${id}-heading`} className="flex flex-wrap items-center gap-2 text-[13px] font-semibold text-fg">
          {title}
          {coming ? <ComingBadge /> : null}
        </h3>
        <p className="mt-0.5 text-[13px] leading-5 text-muted">{children}</p>
      </div>
    </section>
  );
}
