import type { ReactNode } from "react";
import { cx } from "@/lib/ui/class-names";
import { AlertCircleIcon, CheckCircleIcon, InfoIcon } from "./icons";

const TONES = {
  error: {
    box: "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-400/25 dark:bg-rose-400/[0.08] dark:text-rose-100",
    icon: "text-rose-600 dark:text-rose-300",
    body: "text-rose-800 dark:text-rose-200/90",
    Icon: AlertCircleIcon,
  },
  success: {
    box: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-400/25 dark:bg-emerald-400/[0.08] dark:text-emerald-100",
    icon: "text-emerald-600 dark:text-emerald-300",
    body: "text-emerald-800 dark:text-emerald-200/90",
    Icon: CheckCircleIcon,
  },
  info: {
    box: "border-line bg-surface-muted text-fg",
    icon: "text-subtle",
    body: "text-muted",
    Icon: InfoIcon,
  },
} as const;

/**
 * A message above a form or inside a card: errors are announced (role="alert"), success and
 * info politely (role="status").
 */
export function FormAlert({
  tone,
  title,
  children,
  className,
  id,
  testId,
}: {
  tone: keyof typeof TONES;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  id?: string;
  testId?: string;
}) {
  const t = TONES[tone];
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      // Focusable from script only, so a form can move the focus to its error.
      tabIndex={tone === "error" ? -1 : undefined}
      data-testid={testId}
      className={cx("rounded-lg border px-3.5 py-3 text-[13px] outline-none", t.box, className)}
    >
      <div className="flex items-start gap-2.5">
        <t.Icon className={cx("mt-px size-4 shrink-0", t.icon)} />
        <div className="min-w-0">
          {title ? <p className="font-semibold">{title}</p> : null}
          {children ? <div className={cx(title ? "mt-0.5" : undefined, title ? t.body : undefined)}>{children}</div> : null}
        </div>
      </div>
    </div>
  );
}

/** A form's failed save: the summary line, then the errors no field shows, as a list. */
export function FormErrorSummary({ title, summary, other }: { title: ReactNode; summary: ReactNode; other: string[] }) {
  if (!summary) return null;
  return (
    <FormAlert tone="error" title={title}>
      {summary}
      {other.length ? (
        <ul className="mt-1 list-disc pl-4">
          {other.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </FormAlert>
  );
}
