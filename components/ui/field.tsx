import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from "react";
import { cx } from "@/lib/ui/class-names";
import { AlertCircleIcon, ChevronDownIcon } from "./icons";

/** DOM id for a form field name ("systems.1.health_url" → "field-systems-1-health_url"). */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

export const inputClasses =
  "block h-9 w-full min-w-0 rounded-lg border border-line-strong bg-surface px-3 text-sm text-fg shadow-xs transition-colors " +
  "placeholder:text-subtle hover:border-zinc-400 dark:bg-white/[0.03] dark:hover:border-white/25 " +
  "aria-[invalid=true]:border-rose-500 aria-[invalid=true]:hover:border-rose-500 dark:aria-[invalid=true]:border-rose-400/80 " +
  "disabled:cursor-not-allowed disabled:opacity-60";

/**
 * A labelled input with an optional hint and an error right beneath it. The input is wired to
 * both with aria-describedby, and marked aria-invalid while the error shows.
 */
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
}: Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> & {
  ref?: Ref<HTMLInputElement>;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  suffix?: ReactNode;
  inputClassName?: string;
}) {
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
      <div className="relative">
        <input
          ref={ref}
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cx(inputClasses, suffix ? "pr-10" : undefined, inputClassName)}
          {...inputProps}
        />
        {suffix ? (
          <span aria-hidden className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs text-subtle">
            {suffix}
          </span>
        ) : null}
      </div>
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
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
}) {
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
      <div className="relative">
        <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={selectClasses} {...selectProps}>
          {children}
        </select>
        <ChevronDownIcon aria-hidden className="pointer-events-none absolute right-3 top-1/2 size-4 -translate-y-1/2 text-subtle" />
      </div>
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
