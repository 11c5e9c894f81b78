import { cx } from "@/lib/ui/class-names";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cx("animate-shimmer rounded-md bg-zinc-200/70 dark:bg-white/[0.07]", className)} />;
}
