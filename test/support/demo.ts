/**
 * Tests that load the demo workspace: the load writes 60 days of hourly metrics history for 18
 * systems (≈ 26,000 samples, lib/demo/backfill-demo-metrics.ts) — a few seconds alone, several
 * times that on a loaded machine running both databases at once.
 */
export const DEMO_LOAD_TIMEOUT_MS = 180_000;
