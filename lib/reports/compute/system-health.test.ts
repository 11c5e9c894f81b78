// The pure health section on hand-built histories: an incident still open at the period's end,
// the error budget overspent, the incident list capped with the longest kept, overlapping
// maintenance, and uptime that must never round up to 100 when there was downtime.
import { describe, expect, it } from "vitest";
import type { Interval } from "@/lib/maintenance/recurrence";
import { MAX_REPORT_INCIDENTS } from "../contracts";
import { buildSystemHealth, roundUptime3, type HealthInput, type StateChangeRow } from "./system-health";

const t = (iso: string) => Date.parse(iso);
const P = { start: t("2026-10-01T00:00:00Z"), end: t("2026-10-02T00:00:00Z") }; // one UTC day, 1,440 min
const Q = { start: t("2026-09-30T00:00:00Z"), end: P.start };
const SYS = { id: "s1", name: "API", createdAt: new Date("2026-01-01T00:00:00Z"), degradedThresholdMs: 2000 };

function input(changes: [StateChangeRow["toStatus"], string, string | null, string?][], extra: Partial<HealthInput> = {}): HealthInput {
  return {
    zone: "UTC",
    slaTarget: 99.5,
    period: P,
    previous: Q,
    now: t("2026-10-05T00:00:00Z"),
    systems: [SYS],
    changes: changes.map(([toStatus, s, e, reason]) => ({ systemId: "s1", toStatus, reason: reason ?? toStatus, startedAt: new Date(s), endedAt: e ? new Date(e) : null })),
    maintenance: [],
    latency: new Map(),
    ...extra,
  };
}

describe("buildSystemHealth", () => {
  it("an incident still open at the period's end runs to it, has no end, and is not a recovery", () => {
    const { section } = buildSystemHealth(
      input([
        ["healthy", "2026-09-01T00:00:00Z", "2026-10-01T22:00:00Z"],
        ["down", "2026-10-01T22:00:00Z", null, "HTTP 503"],
      ]),
    );
    expect(section.incidents).toEqual([{ system: "API", status: "down", started_at: "2026-10-01T22:00:00.000Z", ended_at: null, duration_minutes: 120, reason: "HTTP 503", during_maintenance_minutes: 0 }]);
    expect(section.mttr_minutes).toBeNull();
    expect(section.critical_issues[0]).toBe("API was down for 2 h from 1 Oct 22:00, still down at the end of the period (HTTP 503).");
  });

  it("an overspent error budget: remaining 0, used over 100 %, said in the critical issues", () => {
    const { section } = buildSystemHealth(
      input([
        ["healthy", "2026-09-01T00:00:00Z", "2026-10-01T10:00:00Z"],
        ["down", "2026-10-01T10:00:00Z", "2026-10-01T10:20:00Z"],
        ["healthy", "2026-10-01T10:20:00Z", null],
      ]),
    );
    // allowed = 0.5 % × 1,440 = 7.2 min; used 20.
    expect(section.error_budget).toEqual({ allowed_minutes: 7.2, used_minutes: 20, remaining_minutes: 0, used_pct: 277.78 });
    expect(section.uptime_summary).toBe(98.611);
    expect(section.sla_met).toBe(false);
    // 20 min is below the critical length; the target and the budget are not.
    expect(section.critical_issues).toEqual([
      "API: 98.611 % uptime, below the 99.5 % target (20 min down over 1 d monitored).",
      "The error budget was exceeded: 20 min down against 7 min allowed at the 99.5 % target (277.78 % used).",
    ]);
  });

  it("lists at most MAX_REPORT_INCIDENTS, keeping the longest, chronologically, and counts them all", () => {
    const changes: [StateChangeRow["toStatus"], string, string | null, string?][] = [];
    let cursor = P.start;
    const n = MAX_REPORT_INCIDENTS + 20;
    for (let i = 0; i < n; i++) {
      // Every 10th incident lasts 2 minutes, the others 1 minute.
      const len = i % 10 === 0 ? 120_000 : 60_000;
      changes.push(["healthy", new Date(cursor).toISOString(), new Date(cursor + 60_000).toISOString()]);
      changes.push(["degraded", new Date(cursor + 60_000).toISOString(), new Date(cursor + 60_000 + len).toISOString(), `#${i}`]);
      cursor += 60_000 + len;
    }
    changes.push(["healthy", new Date(cursor).toISOString(), null]);
    const { section } = buildSystemHealth(input(changes));
    expect(section.incidents_total).toBe(n);
    expect(section.incidents).toHaveLength(MAX_REPORT_INCIDENTS);
    expect(section.incidents.filter((i) => i.duration_minutes === 2)).toHaveLength(n / 10);
    const starts = section.incidents.map((i) => i.started_at);
    expect([...starts].sort()).toEqual(starts);
    expect(section.systems[0]!.incidents).toBe(n);
  });

  it("overlapping maintenance counts once; a spell wholly inside it is planned work", () => {
    const maintenance: Interval[] = [{ start: new Date("2026-10-01T02:00:00Z"), end: new Date("2026-10-01T04:00:00Z") }]; // merged, as maintenanceIntervals gives it
    const { section } = buildSystemHealth(
      input(
        [
          ["healthy", "2026-09-01T00:00:00Z", "2026-10-01T03:00:00Z"],
          ["down", "2026-10-01T03:00:00Z", "2026-10-01T03:30:00Z"],
          ["healthy", "2026-10-01T03:30:00Z", null],
        ],
        { maintenance },
      ),
    );
    expect(section.incidents).toEqual([]);
    expect(section.incidents_total).toBe(0);
    expect(section.systems[0]).toMatchObject({ uptime_pct: 100, down_minutes: 0, maintenance_minutes: 120, monitored_minutes: 1320, coverage: 1 });
    expect(section.performance_highlights).toContain("API had no downtime, monitored over the whole period (100 %).");
  });

  it("uptime keeps 3 decimals and never shows 100 with downtime", () => {
    expect(roundUptime3(99.99996)).toBe(99.999);
    expect(roundUptime3(100)).toBe(100);
    expect(roundUptime3(99.62975)).toBe(99.63);
  });
});
