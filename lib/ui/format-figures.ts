// Pure: how measured figures read on screen, the same in every table, card and chart tooltip.

/** Uptime with two decimals, truncated (99.999 is "99.99 %": it must never read as a perfect 100 %). */
export function formatUptime(pct: number): string {
  if (pct >= 100) return "100 %";
  return `${(Math.floor(pct * 100) / 100).toFixed(2)} %`;
}

/** A measured response time: "245 ms", "2.4 s", "12 s". */
export function formatLatency(ms: number): string {
  if (ms >= 10_000) return `${Math.round(ms / 1000)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms)} ms`;
}
