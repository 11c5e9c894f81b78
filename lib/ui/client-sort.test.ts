import { describe, expect, it } from "vitest";
import type { ClientStatusRow } from "@/lib/clients/schemas";
import { nextSort, sortClients } from "./client-sort";

const row = (name: string, extra: Partial<ClientStatusRow>): ClientStatusRow => ({
  client_id: name.toLowerCase(),
  client_name: name,
  industry: null,
  active: true,
  tags: [],
  sla_target: 99.5,
  overall_status: "healthy",
  status_reason: null,
  systems_count: 1,
  healthy_systems: 1,
  degraded_systems: 0,
  down_systems: 0,
  unknown_systems: 0,
  last_check: null,
  uptime_24h: null,
  uptime_30d: null,
  p95_response_ms: null,
  p95_approximate: true,
  today_automations: 0,
  today_success_rate: null,
  attention: { needs_attention: false, flags: [], sla: null },
  ...extra,
});

const up = (pct: number) => ({ pct, covered_from: "2026-01-01T00:00:00.000Z", coverage: 1 });
const rows = [
  row("Acme", { overall_status: "healthy", uptime_24h: up(99.9), p95_response_ms: 120 }),
  row("Beta", { overall_status: "down", uptime_24h: up(80), p95_response_ms: 900 }),
  row("Cargo", { overall_status: "unknown" }),
  row("Delta", { overall_status: "degraded", uptime_24h: up(99.9), p95_response_ms: 2400 }),
];
const flag = (kind: ClientStatusRow["attention"]["flags"][number]["kind"]) => ({
  needs_attention: true,
  flags: [{ kind, system: kind === "below_sla" ? null : "Orders", reason: kind, since: "2026-01-01T00:00:00.000Z" }],
  sla: null,
});
const names = (r: ClientStatusRow[]) => r.map((x) => x.client_name);

describe("sortClients", () => {
  it("sorts by status worst first, then by name", () => {
    expect(names(sortClients(rows, { key: "status", direction: "desc" }))).toEqual(["Beta", "Delta", "Cargo", "Acme"]);
  });

  it("sorts the status column by the attention flags first: a flapping client that reads healthy comes before a plain degraded one", () => {
    const flagged = [
      row("Acme", { overall_status: "healthy" }),
      row("Echo", { overall_status: "healthy", attention: flag("flapping") }),
      row("Delta", { overall_status: "degraded", attention: flag("degraded") }),
      row("Beta", { overall_status: "down", attention: flag("down") }),
      row("Fox", { overall_status: "healthy", attention: flag("below_sla") }),
      row("Cargo", { overall_status: "unknown" }),
    ];
    expect(names(sortClients(flagged, { key: "status", direction: "desc" }))).toEqual(["Beta", "Echo", "Fox", "Delta", "Cargo", "Acme"]);
  });

  it("puts clients without figures last in both directions; ties fall back to the name", () => {
    expect(names(sortClients(rows, { key: "uptime_24h", direction: "asc" }))).toEqual(["Beta", "Acme", "Delta", "Cargo"]);
    expect(names(sortClients(rows, { key: "uptime_24h", direction: "desc" }))).toEqual(["Acme", "Delta", "Beta", "Cargo"]);
    expect(names(sortClients(rows, { key: "p95", direction: "desc" }))).toEqual(["Delta", "Beta", "Acme", "Cargo"]);
  });

  it("first click surfaces problems (low uptime, slow p95), a second click reverses", () => {
    expect(nextSort(null, "status")).toEqual({ key: "status", direction: "desc" }); // from the given (attention) order
    const first = nextSort({ key: "name", direction: "asc" }, "uptime_30d");
    expect(first).toEqual({ key: "uptime_30d", direction: "asc" });
    expect(nextSort(first, "uptime_30d")).toEqual({ key: "uptime_30d", direction: "desc" });
    expect(nextSort(first, "p95")).toEqual({ key: "p95", direction: "desc" });
  });
});
