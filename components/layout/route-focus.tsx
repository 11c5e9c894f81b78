"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** How long after a navigation the page may still be streaming in (loading.tsx → the page). */
const SETTLE_MS = 5_000;

/**
 * After a client-side navigation, move focus to the new page's heading so screen-reader and
 * keyboard users start on the page they opened (a full page load starts there anyway, so the
 * first render leaves focus alone). The pathname changes while a loading skeleton may still be
 * showing, so the page's h1 is watched for until it settles; the moment the person moves focus
 * themselves (a key or a click), we stop. Falls back to <main> on a page without an h1.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById("main");
    if (!main) return;
    let focused: HTMLElement | null = null;
    const focusHeading = () => {
      const target = main.querySelector<HTMLElement>("h1") ?? main;
      if (target === focused && document.activeElement === target) return;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      focused = target;
    };
    focusHeading();
    const observer = new MutationObserver(focusHeading);
    observer.observe(main, { childList: true, subtree: true });
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
      window.removeEventListener("keydown", stop, true);
      window.removeEventListener("pointerdown", stop, true);
    };
    const timer = window.setTimeout(stop, SETTLE_MS);
    window.addEventListener("keydown", stop, true);
    window.addEventListener("pointerdown", stop, true);
    return stop;
  }, [pathname]);
  return null;
}
