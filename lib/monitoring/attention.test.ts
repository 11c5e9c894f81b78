import { describe, expect, it } from "vitest";
import {
  assessClientAttention,
  compareAttention,
  DEFAULT_ATTENTION_RULES,
  slaStanding,
  systemFlags,
  type SlaFacts,
  type SystemFacts,
} from "./attention";
import type { StateInterval } from "./compute-uptime";

const NOW = new Date("2026-12-03T12:00:00.000Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function system(over: Partial<SystemFacts> = {}): SystemFacts {
  return { name: "Order Sync", enabled: true, status: "healthy", reason: "HTTP 200", since: ago(DAY), changesAt: [], misconfigured: null, ...over };
}

function sla(intervalsBySystem: StateInterval[][], over: Partial<SlaFacts> = {}): SlaFacts {
  return { targetPct: 99.5, window: { start: ago(30 * DAY), end: NOW }, windowLabel: "30 days", intervalsBySystem, ...over };
}

const iv = (status: StateInterval["status"], fromAgo: number, toAgo: number): StateInterval => ({ status, start: ago(fromAgo), end: ago(toAgo) });

describe("systemFlags", () => {
  it("a healthy, steady system needs no attention", () => {
    expect(systemFlags(system(), NOW)).toEqual([]);
  });

  it("down and degraded carry the reason and the time the state began", () => {
    expect(systemFlags(system({ status: "down", reason: "HTTP 503", since: ago(7 * MIN) }), NOW)).toEqual([
      { kind: "down", system: "Order Sync", reason: "HTTP 503", since: ago(7 * MIN) },
    ]);
    expect(systemFlags(system({ status: "degraded", reason: "latency 2380 ms > 2000 ms", since: ago(MIN) }), NOW)[0]).toMatchObject({
      kind: "degraded",
      reason: "latency 2380 ms > 2000 ms",
    });
  });

  it("a system not checked yet (unknown) is not flagged", () => {
    expect(systemFlags(system({ status: "unknown", reason: null, since: null }), NOW)).toEqual([]);
  });

  it("misconfigured replaces the status flag: our problem, not the client's outage", () => {
    const flags = systemFlags(
      system({ status: "unknown", misconfigured: { reason: "blocked by network policy: 10.0.0.5", since: ago(5 * MIN) } }),
      NOW,
    );
    expect(flags).toEqual([{ kind: "misconfigured", system: "Order Sync", reason: "blocked by network policy: 10.0.0.5", since: ago(5 * MIN) }]);
  });

  describe("flapping boundary (N confirmed changes in the last hour)", () => {
    const n = DEFAULT_ATTENTION_RULES.flappingChanges;
    const changes = (count: number, spacing = 8 * MIN, newest = MIN) => Array.from({ length: count }, (_, i) => ago(newest + i * spacing));

    it(`N−1 changes is not flapping, N is, dated from the first of them`, () => {
      expect(systemFlags(system({ changesAt: changes(n - 1) }), NOW).some((f) => f.kind === "flapping")).toBe(false);
      const flag = systemFlags(system({ changesAt: changes(n) }), NOW).find((f) => f.kind === "flapping");
      expect(flag).toEqual({ kind: "flapping", system: "Order Sync", reason: `${n} state changes in the last hour`, since: ago(MIN + (n - 1) * 8 * MIN) });
    });

    it("a change exactly one hour ago has left the window; one a millisecond later has not", () => {
      const inside = [...changes(n - 1), ago(HOUR - 1)];
      const outside = [...changes(n - 1), ago(HOUR)];
      expect(systemFlags(system({ changesAt: inside }), NOW).some((f) => f.kind === "flapping")).toBe(true);
      expect(systemFlags(system({ changesAt: outside }), NOW).some((f) => f.kind === "flapping")).toBe(false);
    });

    it("N and the window are configurable", () => {
      const rules = { flappingChanges: 2, flappingWindowMs: 10 * MIN };
      expect(systemFlags(system({ changesAt: [ago(MIN), ago(9 * MIN)] }), NOW, rules)[0]?.reason).toBe("2 state changes in the last 10 minutes");
      expect(systemFlags(system({ changesAt: [ago(MIN), ago(11 * MIN)] }), NOW, rules)).toEqual([]);
      expect(() => systemFlags(system(), NOW, { flappingChanges: 1, flappingWindowMs: HOUR })).toThrow(RangeError);
    });

    it("a flapping system that is down right now carries both flags", () => {
      const kinds = systemFlags(system({ status: "down", reason: "HTTP 503", since: ago(MIN), changesAt: changes(n) }), NOW).map((f) => f.kind);
      expect(kinds).toEqual(["down", "flapping"]);
    });
  });

  it("stalled only while the system answers healthy", () => {
    const stalled = { reason: "no new automations for 3 h (usual gap 20 min)", since: ago(3 * HOUR) };
    expect(systemFlags(system({ stalled }), NOW).map((f) => f.kind)).toEqual(["stalled"]);
    expect(systemFlags(system({ stalled, status: "down", reason: "HTTP 503", since: ago(MIN) }), NOW).map((f) => f.kind)).toEqual(["down"]);
  });
});

describe("slaStanding", () => {
  it("no coverage: no figure, nothing judged", () => {
    expect(slaStanding(sla([[]]))).toMatchObject({ uptimePct: null, coveredFrom: null, coverage: 0, met: null, belowSince: null });
  });

  it("ten minutes of checks is ten minutes of coverage, not 100 % over 30 days", () => {
    const s = slaStanding(sla([[iv("healthy", 10 * MIN, 0)]]));
    expect(s.uptimePct).toBe(100);
    expect(s.coveredFrom).toEqual(ago(10 * MIN));
    expect(s.coverage).toBeCloseTo((10 * MIN) / (30 * DAY), 10);
    expect(s.met).toBe(true);
  });

  it("time-weighted across systems; degraded counts as up; unknown time left out", () => {
    // System A: 60 min healthy. System B: 30 min degraded, 20 min unknown, 10 min down.
    const s = slaStanding(
      sla([[iv("healthy", 60 * MIN, 0)], [iv("degraded", 60 * MIN, 30 * MIN), iv("unknown", 30 * MIN, 10 * MIN), iv("down", 10 * MIN, 0)]]),
    );
    expect(s.uptimePct).toBeCloseTo((90 / 100) * 100, 10); // 90 up minutes of 100 known
    expect(s.met).toBe(false);
  });

  it("dates the fall below target to the instant the running figure crossed it", () => {
    // 100 min healthy, then down. Target 99.5 %: crosses when down/(100+down) > 0.5 %, at
    // down = 100/199 min after the outage began.
    const s = slaStanding(sla([[iv("healthy", 110 * MIN, 10 * MIN), iv("down", 10 * MIN, 0)]]));
    expect(s.met).toBe(false);
    const crossing = ago(10 * MIN).getTime() + (100 * MIN) / 199;
    expect(Math.abs(s.belowSince!.getTime() - crossing)).toBeLessThanOrEqual(1);
  });

  it("back above target: no belowSince; below again later: dated from the second fall", () => {
    // 1 min down (below), then 1000 min healthy (recovers above 99.5 %? 1000/1001 = 99.9 % yes), then 20 min down.
    const s = slaStanding(sla([[iv("down", 1021 * MIN, 1020 * MIN), iv("healthy", 1020 * MIN, 20 * MIN), iv("down", 20 * MIN, 0)]]));
    expect(s.met).toBe(false);
    expect(s.belowSince!.getTime()).toBeGreaterThan(ago(20 * MIN).getTime());
    const above = slaStanding(sla([[iv("down", 1021 * MIN, 1020 * MIN), iv("healthy", 1020 * MIN, 0)]]));
    expect(above).toMatchObject({ met: true, belowSince: null });
  });

  it("intervals are clipped to the window: an outage before it does not count", () => {
    const s = slaStanding(sla([[iv("down", 40 * DAY, 31 * DAY), iv("healthy", 31 * DAY, 0)]]));
    expect(s).toMatchObject({ uptimePct: 100, coverage: 1, met: true });
    expect(s.coveredFrom).toEqual(ago(30 * DAY));
  });
});

describe("assessClientAttention", () => {
  it("below SLA is a client-wide flag with the figure and the span it covers", () => {
    const a = assessClientAttention({ systems: [system()], sla: sla([[iv("healthy", 50 * MIN, 10 * MIN), iv("down", 10 * MIN, 0)]]) }, NOW);
    const flag = a.flags.find((f) => f.kind === "below_sla");
    expect(flag?.system).toBeNull();
    expect(flag?.reason).toBe("uptime 80 % since 3 Dec 2026, 11:10 UTC, below the 99.5 % target");
    expect(a.needsAttention).toBe(true);
  });

  it("over a fully covered window the reason names the window; the figure is never rounded up to the target", () => {
    // 30 days, 218 minutes down: 99.4953 % — must read 99.49, not 99.5.
    const a = assessClientAttention({ systems: [system()], sla: sla([[iv("healthy", 30 * DAY, 218 * MIN), iv("down", 218 * MIN, 0)]]) }, NOW);
    expect(a.flags.find((f) => f.kind === "below_sla")?.reason).toBe("uptime 99.49 % over 30 days, below the 99.5 % target");
  });

  it("disabled systems are ignored; flags come most severe first", () => {
    const a = assessClientAttention(
      {
        systems: [
          system({ name: "A", status: "degraded", reason: "slow", since: ago(2 * HOUR) }),
          system({ name: "B", status: "down", reason: "HTTP 503", since: ago(MIN) }),
          system({ name: "C", enabled: false, status: "down", reason: "HTTP 500", since: ago(DAY) }),
        ],
        sla: null,
      },
      NOW,
    );
    expect(a.flags.map((f) => `${f.kind}:${f.system}`)).toEqual(["down:B", "degraded:A"]);
  });

  it("attention-first order: worst flag, then more flags, then longest standing; healthy clients last", () => {
    const healthy = assessClientAttention({ systems: [system()], sla: null }, NOW);
    const degradedOld = assessClientAttention({ systems: [system({ status: "degraded", reason: "slow", since: ago(DAY) })], sla: null }, NOW);
    const degradedNew = assessClientAttention({ systems: [system({ status: "degraded", reason: "slow", since: ago(MIN) })], sla: null }, NOW);
    const down = assessClientAttention({ systems: [system({ status: "down", reason: "HTTP 503", since: ago(MIN) })], sla: null }, NOW);
    const downTwice = assessClientAttention(
      { systems: [system({ status: "down", reason: "x", since: ago(MIN) }), system({ name: "B", status: "degraded", reason: "y", since: ago(MIN) })], sla: null },
      NOW,
    );
    const sorted = [healthy, degradedNew, down, degradedOld, downTwice].sort(compareAttention);
    expect(sorted).toEqual([downTwice, down, degradedOld, degradedNew, healthy]);
  });
});
