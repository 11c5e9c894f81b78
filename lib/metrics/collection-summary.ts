// Pure: the one-line outcome "Pull metrics now" shows for a collect_metrics result.
import type { CollectMetricsOutput } from "./schemas";

export function summarizeCollection(result: CollectMetricsOutput): { tone: "ok" | "error"; text: string } {
  const n = result.systems.length;
  const failed = result.systems.filter((s) => s.outcome === "error" || s.outcome === "rejected");
  const runs = result.systems.reduce((sum, s) => sum + (s.outcome === "accepted" || s.outcome === "partial" ? (s.total_automations ?? 0) : 0), 0);
  const pulled = `Pulled ${n} system${n === 1 ? "" : "s"}: ${runs.toLocaleString("en-US")} new automation run${runs === 1 ? "" : "s"}`;
  if (failed.length === 0) return { tone: "ok", text: pulled };
  const first = failed[0];
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : "";
  return { tone: "error", text: `${pulled}; ${first.system}: ${first.message ?? first.outcome}${more}` };
}
