import { cx } from "@/lib/ui/class-names";

/** Marks a capability that is not built yet (navigation items, page headings). Read as "(coming)". */
export function ComingBadge({ className }: { className?: string }) {
  return (
    <span
      className={cx(
        "inline-flex items-center rounded-full border border-dashed border-line-strong px-1.5 py-px text-[11px] font-medium leading-4 text-muted",
        className,
      )}
    >
      <span className="sr-only">(coming)</span>
      <span aria-hidden>coming</span>
    </span>
  );
}
