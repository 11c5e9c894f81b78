// Pure: the clients table's sort orders. Missing figures (no checks yet) always sort last, in
// either direction, so "worst uptime first" never opens with clients that were never checked.
import { ATTENTION_FLAG_KINDS, type ClientStatusRow } from "@/lib/clients/schemas";

export type ClientSortKey = "name" | "status" | "systems" | "uptime_24h" | "uptime_30d" | "p95" | "last_check";
type SortDirection = "asc" | "desc";
export interface ClientSort {
  key: ClientSortKey;
  direction: SortDirection;
}

// Worst first when descending: down, degraded, unknown, healthy.
const SEVERITY: Record<ClientStatusRow["overall_status"], number> = { healthy: 0, unknown: 1, degraded: 2, down: 3 };
const FLAG_COUNT = ATTENTION_FLAG_KINDS.length;

/**
 * The status column sorts by the server's attention flags first (the one definition: a
 * flapping or below-SLA client that reads "Healthy" right now still comes before the fine
 * ones), then by the status itself. Higher = worse.
 */
function statusRank(row: ClientStatusRow): number {
  const worst = row.attention.flags[0];
  const flagRank = worst ? FLAG_COUNT - ATTENTION_FLAG_KINDS.indexOf(worst.kind) : 0;
  return flagRank * 10 + SEVERITY[row.overall_status];
}

function value(row: ClientStatusRow, key: ClientSortKey): string | number | null {
  switch (key) {
    case "name":
      return row.client_name.toLowerCase();
    case "status":
      return statusRank(row);
    case "systems":
      return row.systems_count;
    case "uptime_24h":
      return row.uptime_24h?.pct ?? null;
    case "uptime_30d":
      return row.uptime_30d?.pct ?? null;
    case "p95":
      return row.p95_response_ms;
    case "last_check":
      return row.last_check ? Date.parse(row.last_check) : null;
  }
}

/** The direction a column sorts in when first clicked: the order that surfaces problems. */
function firstDirection(key: ClientSortKey): SortDirection {
  return key === "status" || key === "p95" ? "desc" : key === "uptime_24h" || key === "uptime_30d" ? "asc" : key === "last_check" ? "desc" : "asc";
}

/** No current sort (rows as given) counts as sorted by nothing: the first click starts one. */
export function nextSort(current: ClientSort | null, key: ClientSortKey): ClientSort {
  if (!current || current.key !== key) return { key, direction: firstDirection(key) };
  return { key, direction: current.direction === "asc" ? "desc" : "asc" };
}

export function sortClients<T extends ClientStatusRow>(rows: readonly T[], sort: ClientSort): T[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return (va < vb ? -1 : 1) * sign;
    }
    // Ties (and two missing figures) fall back to the name, always A→Z.
    return a.client_name.localeCompare(b.client_name) || a.client_id.localeCompare(b.client_id);
  });
}
