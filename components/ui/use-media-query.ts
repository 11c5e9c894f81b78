"use client";

import { useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches; `serverValue` while rendering on the server and
 * hydrating (then the real answer). For layouts that must move, not just restyle, an element.
 */
export function useMediaQuery(query: string, serverValue = true): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}
