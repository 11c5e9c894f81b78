import { describe, expect, it } from "vitest";
import { flipPlan, isDown } from "./fleet-flips";

function changesPerMinute(systems: number, pct: number, outage: number, minutes: number) {
  const plan = flipPlan(systems, pct, outage);
  const out: { down: number; wentDown: number; recovered: number }[] = [];
  for (let m = 1_000_000; m < 1_000_000 + minutes; m++) {
    let down = 0, wentDown = 0, recovered = 0;
    for (let i = 0; i < systems; i++) {
      const before = isDown(plan, i, m - 1);
      const now = isDown(plan, i, m);
      if (now) down++;
      if (now && !before) wentDown++;
      if (!now && before) recovered++;
    }
    out.push({ down, wentDown, recovered });
  }
  return { plan, out };
}

describe("fleet flips (bench:alerts)", () => {
  it("changes exactly 2 % of 5,000 systems every minute: 1 % go down, 1 % recover, 5 % down at any time", () => {
    const { out } = changesPerMinute(5000, 2, 5, 120);
    for (const minute of out) expect(minute).toEqual({ down: 250, wentDown: 50, recovered: 50 });
  });

  it("holds for sizes the share does not divide, and spreads one minute's changes over many clients", () => {
    const { plan, out } = changesPerMinute(1237, 2, 3, 60);
    expect(plan.perMinute).toBe(12); // round(1 % of 1237)
    for (const minute of out) expect(minute).toEqual({ down: 36, wentDown: 12, recovered: 12 });
    // The systems going down in one minute belong to different clients of 10 systems.
    const m = 42;
    const starting = [...Array(1237).keys()].filter((i) => isDown(plan, i, m) && !isDown(plan, i, m - 1));
    expect(new Set(starting.map((i) => Math.floor(i / 10))).size).toBeGreaterThanOrEqual(10);
  });

  it("each outage lasts exactly the given minutes", () => {
    const plan = flipPlan(500, 2, 4);
    for (let i = 0; i < 500; i++) {
      const states = Array.from({ length: 200 }, (_, m) => isDown(plan, i, m));
      const runs = states.join("").split(/false/).filter(Boolean).map((r) => r.length / 4);
      for (const run of runs.slice(1, -1)) expect(run).toBe(4);
    }
  });

  it("refuses a share that cannot fit", () => {
    expect(() => flipPlan(100, 50, 5)).toThrow(RangeError);
  });
});
