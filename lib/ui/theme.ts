// Theme preference: "light" | "dark" stored in localStorage, absent = follow the OS.
// The same rules run twice: once as a tiny inline script in <head> (before first paint, so
// there is no flash of the wrong theme) and again from React when the user changes it.
export type ThemePreference = "light" | "dark" | "system";
export type ResolvedTheme = "light" | "dark";

export const THEME_STORAGE_KEY = "clientpulse-theme";

/** Pure: what a stored preference plus the OS setting resolve to. */
export function resolveTheme(stored: string | null, systemPrefersDark: boolean): ResolvedTheme {
  if (stored === "dark" || stored === "light") return stored;
  return systemPrefersDark ? "dark" : "light";
}

/** Inline <head> script. Kept dependency-free and wrapped in try: storage may be blocked. */
export const themeInitScript = `(function(){try{var s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=s==="dark"||(s!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;

function systemPrefersDark(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function readThemePreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

export function applyThemePreference(preference: ThemePreference): void {
  try {
    if (preference === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage blocked (private mode): the choice still applies to this page view.
  }
  const theme = resolveTheme(preference === "system" ? null : preference, systemPrefersDark());
  document.documentElement.classList.toggle("dark", theme === "dark");
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}

const THEME_CHANGE_EVENT = "clientpulse:theme-change";

/**
 * Re-applies the stored theme to <html>. The inline script does this before first paint; this
 * repeats it after React mounts, because a client-side re-render of the root (e.g. React
 * recovering from an error) rebuilds <html> without the class the script added.
 */
export function syncThemeClass(): void {
  const preference = readThemePreference();
  const theme = resolveTheme(preference === "system" ? null : preference, systemPrefersDark());
  if (currentResolvedTheme() === theme) return;
  document.documentElement.classList.toggle("dark", theme === "dark");
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}

/** For useSyncExternalStore: the theme currently on <html>. */
export function currentResolvedTheme(): ResolvedTheme {
  return document.documentElement.classList.contains("dark") ? "dark" : "light";
}

/** Notifies on our own changes, other tabs' changes and OS changes while following the OS. */
export function subscribeToTheme(onChange: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const onSystem = () => {
    if (readThemePreference() === "system") {
      document.documentElement.classList.toggle("dark", media.matches);
    }
    onChange();
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    const theme = resolveTheme(event.newValue, media.matches);
    document.documentElement.classList.toggle("dark", theme === "dark");
    onChange();
  };
  media.addEventListener("change", onSystem);
  window.addEventListener("storage", onStorage);
  window.addEventListener(THEME_CHANGE_EVENT, onChange);
  return () => {
    media.removeEventListener("change", onSystem);
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(THEME_CHANGE_EVENT, onChange);
  };
}
