"use client";

import { useSyncExternalStore, type ComponentType } from "react";
import { applyThemePreference, readThemePreference, subscribeToTheme, type ThemePreference } from "@/lib/ui/theme";
import { cx } from "@/lib/ui/class-names";
import { MonitorIcon, MoonIcon, SunIcon, type IconProps } from "@/components/ui/icons";

const OPTIONS: { value: ThemePreference; label: string; icon: ComponentType<IconProps> }[] = [
  { value: "light", label: "Light", icon: SunIcon },
  { value: "dark", label: "Dark", icon: MoonIcon },
  { value: "system", label: "System", icon: MonitorIcon },
];

/** Light / Dark / System, stored in this browser. */
export function ThemePicker() {
  const preference = useSyncExternalStore(subscribeToTheme, readThemePreference, () => null);
  return (
    <fieldset>
      <legend className="sr-only">Theme</legend>
      <div className="grid grid-cols-3 gap-2 sm:max-w-md">
        {OPTIONS.map(({ value, label, icon: Icon }) => {
          const checked = preference === value;
          return (
            <label
              key={value}
              className={cx(
                "flex cursor-pointer flex-col items-center gap-2 rounded-lg border px-3 py-3 text-[13px] font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                checked ? "border-fg/70 bg-surface-hover text-fg ring-1 ring-fg/70" : "border-line-strong text-muted hover:bg-surface-hover hover:text-fg",
              )}
            >
              <input
                type="radio"
                name="theme"
                value={value}
                checked={checked}
                onChange={() => applyThemePreference(value)}
                className="sr-only"
              />
              <Icon className="size-5" />
              {label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
