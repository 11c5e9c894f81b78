"use client";

import { useSyncExternalStore } from "react";
import { applyThemePreference, currentResolvedTheme, subscribeToTheme, type ResolvedTheme } from "@/lib/ui/theme";
import { MoonIcon, SunIcon } from "@/components/ui/icons";
import { cx } from "@/lib/ui/class-names";

/** The theme on <html>; null while hydrating (the server cannot know it). */
export function useResolvedTheme(): ResolvedTheme | null {
  return useSyncExternalStore(subscribeToTheme, currentResolvedTheme, () => null);
}

export function ThemeToggle({ className }: { className?: string }) {
  const theme = useResolvedTheme();
  const next = theme === "dark" ? "light" : "dark";
  const label = theme ? `Switch to ${next} theme` : "Toggle theme";
  return (
    <button
      type="button"
      onClick={() => applyThemePreference(currentResolvedTheme() === "dark" ? "light" : "dark")}
      aria-label={label}
      title={label}
      data-testid="theme-toggle"
      className={cx(
        "inline-flex size-9 items-center justify-center rounded-lg text-muted transition-colors hover:bg-surface-hover hover:text-fg dark:hover:bg-white/[0.06]",
        className,
      )}
    >
      {/* Both icons render; CSS picks one, so the server's HTML is right before hydration. */}
      <SunIcon className="size-[18px] dark:hidden" />
      <MoonIcon className="hidden size-[18px] dark:block" />
    </button>
  );
}
