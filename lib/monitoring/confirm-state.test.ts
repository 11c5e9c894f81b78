import { describe, expect, it } from "vitest";
import type { CheckStatus } from "./classify-probe";
import { initialSystemState, nextSystemState, type StateChange, type SystemState } from "./confirm-state";

const T0 = Date.parse("2026-11-21T10:00:00Z");
/** Minute `n` after T0. */
const at = (n: number) => new Date(T0 + n * 60_000);
const BLOCKED = "blocked by network policy (10.0.0.5 is a private address; private targets are not allowed for this client)";
const REASON: Record<CheckStatus, string> = { healthy: "HTTP 200", degraded: "latency 2380 ms > 2000 ms", down: "HTTP 503", unknown: BLOCKED };

function healthySince(n: number): SystemState {
  return { status: "healthy", since: at(n), pending: null };
}

/** Feeds probes one per minute starting at minute `start`; returns the final state and every change. */
function run(initial: SystemState, statuses: CheckStatus[], confirmations?: number, start = 1) {
  let state = initial;
  const changes: StateChange[] = [];
  statuses.forEach((status, i) => {
    const next = nextSystemState(state, { status, reason: REASON[status], at: at(start + i) }, confirmations);
    state = next.state;
    if (next.change) changes.push(next.change);
  });
  return { state, changes };
}

describe("nextSystemState", () => {
  it("moves to unknown at once on a refused check (no confirmation), recording the refusal as the reason", () => {
    expect(run(healthySince(0), ["unknown"], 3)).toEqual({
      state: { status: "unknown", since: at(1), pending: null },
      changes: [{ from: "healthy", to: "unknown", at: at(1), reason: BLOCKED }],
    });
    // a pending change is dropped: the refusal says nothing about the target
    expect(run(healthySince(0), ["down", "unknown"], 3).state).toEqual({ status: "unknown", since: at(2), pending: null });
    // already unknown: nothing moves, no change is recorded
    expect(run(initialSystemState(at(0)), ["unknown", "unknown"]).changes).toEqual([]);
    // policy fixed: the next real probe leaves unknown at once
    expect(run(healthySince(0), ["unknown", "healthy"], 3).changes.map((c) => [c.from, c.to])).toEqual([
      ["healthy", "unknown"],
      ["unknown", "healthy"],
    ]);
  });

  it("leaves unknown on the first probe, without confirmation", () => {
    expect(nextSystemState(initialSystemState(at(0)), { status: "down", reason: "HTTP 503", at: at(1) })).toEqual({
      state: { status: "down", since: at(1), pending: null },
      change: { from: "unknown", to: "down", at: at(1), reason: "HTTP 503" },
    });
    expect(nextSystemState(initialSystemState(at(0)), { status: "healthy", reason: "HTTP 200", at: at(1) }, 5).change).toEqual({
      from: "unknown",
      to: "healthy",
      at: at(1),
      reason: "HTTP 200",
    });
  });

  it("does not change on a single blip, but remembers it as pending", () => {
    const next = nextSystemState(healthySince(0), { status: "down", reason: "HTTP 503", at: at(1) });
    expect(next).toEqual({ state: { status: "healthy", since: at(0), pending: { status: "down", count: 1, firstAt: at(1) } }, change: null });
  });

  it("a blip followed by recovery changes nothing and clears the pending run", () => {
    const { state, changes } = run(healthySince(0), ["down", "healthy"]);
    expect(changes).toEqual([]);
    expect(state).toEqual({ status: "healthy", since: at(0), pending: null });
  });

  it("changes after two agreeing probes, dated at the first one", () => {
    const { state, changes } = run(healthySince(0), ["down", "down"]);
    expect(changes).toEqual([{ from: "healthy", to: "down", at: at(1), reason: "HTTP 503" }]);
    expect(state).toEqual({ status: "down", since: at(1), pending: null });
  });

  it("reports the confirming probe's reason", () => {
    let state = healthySince(0);
    state = nextSystemState(state, { status: "down", reason: "timeout after 10000 ms", at: at(1) }).state;
    const next = nextSystemState(state, { status: "down", reason: "HTTP 502", at: at(2) });
    expect(next.change).toEqual({ from: "healthy", to: "down", at: at(1), reason: "HTTP 502" });
  });

  it("never confirms a flapping system", () => {
    const { state, changes } = run(healthySince(0), ["down", "healthy", "down", "healthy", "down", "healthy", "down"]);
    expect(changes).toEqual([]);
    expect(state).toEqual({ status: "healthy", since: at(0), pending: { status: "down", count: 1, firstAt: at(7) } });
  });

  it("a disagreeing new status restarts the count (degraded then down is not two agreeing probes)", () => {
    const { state, changes } = run(healthySince(0), ["degraded", "down"]);
    expect(changes).toEqual([]);
    expect(state.pending).toEqual({ status: "down", count: 1, firstAt: at(2) });
    const after = run(healthySince(0), ["degraded", "down", "down"]);
    expect(after.changes).toEqual([{ from: "healthy", to: "down", at: at(2), reason: "HTTP 503" }]);
  });

  it("goes degraded → down on two down probes", () => {
    const degraded: SystemState = { status: "degraded", since: at(0), pending: null };
    const { state, changes } = run(degraded, ["down", "down"]);
    expect(changes).toEqual([{ from: "degraded", to: "down", at: at(1), reason: "HTTP 503" }]);
    expect(state.status).toBe("down");
  });

  it("recovers from down only after confirmation too", () => {
    const down: SystemState = { status: "down", since: at(0), pending: null };
    const one = run(down, ["healthy"]);
    expect(one.changes).toEqual([]);
    expect(one.state.status).toBe("down");
    const { state, changes } = run(down, ["healthy", "healthy", "healthy"]);
    expect(changes).toEqual([{ from: "down", to: "healthy", at: at(1), reason: "HTTP 200" }]);
    expect(state).toEqual({ status: "healthy", since: at(1), pending: null });
  });

  it("a whole outage: unknown → healthy → down → healthy", () => {
    const { changes } = run(initialSystemState(at(0)), ["healthy", "healthy", "down", "down", "down", "healthy", "healthy"]);
    expect(changes).toEqual([
      { from: "unknown", to: "healthy", at: at(1), reason: "HTTP 200" },
      { from: "healthy", to: "down", at: at(3), reason: "HTTP 503" },
      { from: "down", to: "healthy", at: at(6), reason: "HTTP 200" },
    ]);
  });

  it("changes immediately with confirmations = 1", () => {
    const { changes } = run(healthySince(0), ["down", "healthy"], 1);
    expect(changes).toEqual([
      { from: "healthy", to: "down", at: at(1), reason: "HTTP 503" },
      { from: "down", to: "healthy", at: at(2), reason: "HTTP 200" },
    ]);
  });

  it("needs exactly N agreeing probes with confirmations = 3", () => {
    expect(run(healthySince(0), ["down", "down"], 3).changes).toEqual([]);
    expect(run(healthySince(0), ["down", "down", "down"], 3).changes).toEqual([{ from: "healthy", to: "down", at: at(1), reason: "HTTP 503" }]);
    expect(run(healthySince(0), ["down", "down", "healthy", "down", "down"], 3).changes).toEqual([]);
  });

  it("an agreeing probe with nothing pending changes nothing", () => {
    const state = healthySince(0);
    expect(nextSystemState(state, { status: "healthy", reason: "HTTP 200", at: at(1) })).toEqual({ state: healthySince(0), change: null });
  });

  it("rejects bad confirmations and out-of-order probes", () => {
    const probe = { status: "down" as const, reason: "HTTP 503", at: at(5) };
    expect(() => nextSystemState(healthySince(0), probe, 0)).toThrow(RangeError);
    expect(() => nextSystemState(healthySince(0), probe, 1.5)).toThrow(RangeError);
    expect(() => nextSystemState(healthySince(10), probe)).toThrow(RangeError);
    const pending: SystemState = { status: "healthy", since: at(0), pending: { status: "down", count: 1, firstAt: at(6) } };
    expect(() => nextSystemState(pending, probe)).toThrow(/older than the state/);
    // the same instant is fine
    expect(nextSystemState(healthySince(5), probe).state.pending).toEqual({ status: "down", count: 1, firstAt: at(5) });
  });
});
