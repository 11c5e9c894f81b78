// A channel row → ChannelOutput: the destination masked, header values and the secret never
// included. The only shape with the secret is ChannelCreatedOutput, built by create and rotate.
import type { ChannelOutput, ChannelType } from "@/lib/alerts/contracts";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isChannelFailing } from "@/lib/alerts/delivery/channel-health";
import { maskDestination, staticWarnings } from "./destination";

export const channelInclude = { client: { select: { clientId: true } } } satisfies Prisma.AlertChannelInclude;
export type ChannelRow = Prisma.AlertChannelGetPayload<{ include: typeof channelInclude }>;

const SOURCES = new Set(["settings", "env", "threshold"]);

export function headerNames(headers: Prisma.JsonValue | null): string[] {
  return headers && typeof headers === "object" && !Array.isArray(headers) ? Object.keys(headers) : [];
}

export function storedHeaders(headers: Prisma.JsonValue | null): Record<string, string> {
  if (!headers || typeof headers !== "object" || Array.isArray(headers)) return {};
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export function toChannelOutput(row: ChannelRow, extraWarnings: readonly string[] = [], now: Date = new Date()): ChannelOutput {
  const type = row.type as ChannelType;
  return {
    id: row.id,
    type,
    name: row.name,
    client_id: row.client?.clientId ?? null,
    destination: maskDestination(type, row.destination),
    is_default: row.isDefault,
    enabled: row.enabled,
    source: (SOURCES.has(row.source) ? row.source : "settings") as ChannelOutput["source"],
    has_secret: row.secret !== null,
    header_names: headerNames(row.headers).sort(),
    // The delivery worker's rule (3 failed attempts in a row, or failing for 15 minutes): one
    // failed attempt is not yet "failing"; a delivered one clears it.
    failing: isChannelFailing(row, now),
    consecutive_failures: row.consecutiveFailures,
    failing_since: row.failingSince?.toISOString() ?? null,
    last_error: row.lastError,
    last_delivered_at: row.lastDeliveredAt?.toISOString() ?? null,
    warnings: [...new Set([...staticWarnings(type, row.destination), ...extraWarnings])],
    created_at: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a channel: never the URL's secret part, a header value or the signing secret. */
export function channelAuditSummary(out: ChannelOutput) {
  return { type: out.type, name: out.name, client_id: out.client_id, destination: out.destination, is_default: out.is_default, enabled: out.enabled, header_names: out.header_names };
}
