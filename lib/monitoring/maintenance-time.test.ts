import { describe, expect, it } from "vitest";
import { computeUptime } from "./compute-uptime";
import { firstKnownInstant } from "./coverage";
import { withoutMaintenance } from "./maintenance-time";
import { slaStanding } from "./attention";

const t = (h: number) => new Date(Date.UTC(2026, 5, 1, h));

describe("maintenance time out of the figures", () => {
  const intervals = [
    { status: "healthy" as const, start: t(0), end: t(1) },
    { status: "down" as const, start: t(1), end: t(2) },
    { status: "healthy" as const, start: t(2), end: t(4) },
  ];
  const maintenance = [{ start: t(1), end: t(2) }];

  it("cuts maintenance spans out of state intervals", () => {
    expect(withoutMaintenance(intervals, maintenance)).toEqual([
      { status: "healthy", start: t(0), end: t(1) },
      { status: "healthy", start: t(2), end: t(4) },
    ]);
    // A span inside one interval splits it; spans outside change nothing.
    expect(withoutMaintenance([{ status: "down", start: t(0), end: t(4) }], [{ start: t(1), end: t(2) }, { start: t(3), end: t(5) }])).toEqual([
      { status: "down", start: t(0), end: t(1) },
      { status: "down", start: t(2), end: t(3) },
    ]);
    expect(withoutMaintenance(intervals, [])).toBe(intervals);
  });

  it("down only in maintenance reads 100 %, and the window is still covered from its start", () => {
    const window = { start: t(1), end: t(4) }; // starts inside the maintenance
    expect(computeUptime(withoutMaintenance(intervals, maintenance), window).uptimePct).toBe(100);
    expect(firstKnownInstant(intervals, window)).toEqual(t(1));
    const sla = slaStanding({ targetPct: 99.9, window, windowLabel: "3 hours", intervalsBySystem: [intervals], maintenance });
    expect(sla).toMatchObject({ uptimePct: 100, met: true, coverage: 1 });
    expect(slaStanding({ targetPct: 99.9, window, windowLabel: "3 hours", intervalsBySystem: [intervals] })).toMatchObject({ met: false, coverage: 1 });
  });
});
