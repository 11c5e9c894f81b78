"use client";

import { useEffect, useState } from "react";

/**
 * The current time, ticking every `intervalMs`; null during server rendering and hydration so
 * relative times render identically on both sides, then live once mounted.
 */
export function useNow(intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the second pass after hydration is the point (see above)
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
