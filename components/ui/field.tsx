import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from "react";
import { cx } from "@/lib/ui/class-names";
import { AlertCircleIcon, ChevronDownIcon } from "./icons";

/** DOM id for a form field name ("systems.1.health_url" → "field-systems-1-health_url"). */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

const inputClasses =
  "block h-9 w-full min-w-0 rounded-lg border border-line-strong bg-surface px-3 text-sm text-fg shadow-xs transition-colors " +
  "placeholder:text-subtle hover:border-zinc-400 dark:bg-white/[0.03] dark:hover:border-white/25 " +
  "aria-[invalid=true]:border-rose-500 aria-[invalid=true]:hover:border-rose-500 dark:aria-[invalid=true]:border-rose-400/80 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

interface FieldFrameProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
}

/** What the control inside a FieldFrame needs to be labelled and described. */
interface ControlA11y {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * The frame every form control shares: the label (with "Optional"), the error right beneath
 * the control and the hint, both wired to the control with aria-describedby; the control is
 * marked aria-invalid while the error shows.
 */
function FieldFrame({ name, label, hint, error, optional, className, children }: FieldFrameProps & { children: (a11y: ControlA11y) => ReactNode }) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("flex min-w-0 flex-col", className)}>
      <label htmlFor={id} className="mb-1.5 flex items-baseline justify-between gap-2 text-[13px] font-medium text-fg">
        <span>{label}</span>
        {optional ? <span className="text-xs font-normal text-subtle">Optional</span> : null}
      </label>
      <div className="relative">{children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}</div>
      {error ? (
        <p id={errorId} className="mt-1.5 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300" data-field-error={name}>
          <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="mt-1.5 text-xs text-subtle">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with an optional hint and an error right beneath it. */
export function TextField({
  name,
  label,
  hint,
  error,
  optional,
  suffix,
  className,
  inputClassName,
  ref,
  ...inputProps
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> &
  FieldFrameProps & {
    ref?: Ref<HTMLInputElement>;
    suffix?: ReactNode;
    inputClassName?: string;
  }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} optional={optional} className={className}>
      {(a11y) => (
        <>
          <input ref={ref} name={name} {...a11y} className={cx(inputClasses, suffix ? "pr-10" : undefined, inputClassName)} {...inputProps} />
          {suffix ? (
            <span aria-hidden className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs text-subtle">
              {suffix}
            </span>
          ) : null}
        </>
      )}
    </FieldFrame>
  );
}

export const selectClasses = cx(inputClasses, "appearance-none pr-9");

/** A labelled native <select> (keyboard, screen readers and phones for free) styled like TextField. */
export function SelectField({
  name,
  label,
  hint,
  error,
  optional,
  className,
  children,
  ...selectProps
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> & FieldFrameProps) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} optional={optional} className={className}>
      {(a11y) => (
        <>
          <select name={name} {...a11y} className={selectClasses} {...selectProps}>
            {children}
          </select>
          <ChevronDownIcon aria-hidden className="pointer-events-none absolute right-3 top-1/2 size-4 -translate-y-1/2 text-subtle" />
        </>
      )}
    </FieldFrame>
  );
}
