import { describe, expect, it } from "vitest";
import { initialLifecycleState, nextLifecycle, type LifecycleEvent, type LifecycleSettings, type LifecycleState } from "./lifecycle";

const T0 = Date.parse("2026-12-01T10:00:00Z");
const at = (minute: number) => new Date(T0 + minute * 60_000);
const FLAP = { transitions: 4, windowMs: 3_600_000 };
const BASE: LifecycleSettings = { forCount: 3, notifyRecovery: true, remindEveryMinutes: null };

/** Feeds one evaluation a minute from minute `start`; returns the last state and every (minute, event). */
function run(breaches: (boolean | [boolean, "maint"])[], settings: Partial<LifecycleSettings> = {}, from: LifecycleState = initialLifecycleState(), start = 1) {
  let state = from;
  const log: { minute: number; kind: string; notify: string | null }[] = [];
  breaches.forEach((b, i) => {
    const [breach, maint] = Array.isArray(b) ? [b[0], true] : [b, false];
    const step = nextLifecycle(state, { breach, now: at(start + i), inMaintenance: maint }, { ...BASE, ...settings }, FLAP);
    state = step.state;
    for (const e of step.events) log.push({ minute: start + i, kind: e.kind, notify: e.notify });
  });
  return { state, log };
}
const sent = (log: { notify: string | null }[]) => log.map((e) => e.notify).filter(Boolean);

describe("nextLifecycle", () => {
  it("fires after for_count consecutive breaching evaluations, not before; a clear one while pending starts over", () => {
    const { log, state } = run([true, true, false, true, true, true]);
    expect(log).toEqual([
      { minute: 1, kind: "pending", notify: null },
      { minute: 4, kind: "pending", notify: null },
      { minute: 6, kind: "firing", notify: "firing" },
    ]);
    expect(state.state).toBe("firing");
    expect(state.alert).toMatchObject({ flapping: false, muted: false, reminders: 0 });
  });

  it("for_count 1 fires at once, without a pending step", () => {
    expect(run([true], { forCount: 1 }).log).toEqual([{ minute: 1, kind: "firing", notify: "firing" }]);
  });

  it("resolves once, on the first clear evaluation, with one recovery notice (none when notify_recovery is off)", () => {
    const { log, state } = run([true, true, true, true, false, false, false]);
    expect(sent(log)).toEqual(["firing", "resolved"]);
    expect(log.filter((e) => e.kind === "resolved")).toEqual([{ minute: 5, kind: "resolved", notify: "resolved" }]);
    expect(state).toMatchObject({ state: "ok", alert: null });
    expect(sent(run([true, true, true, false], { notifyRecovery: false }).log)).toEqual(["firing"]);
  });

  it("reminds at the interval while firing and unacknowledged, numbered, and stops when acknowledged", () => {
    const { log, state } = run(Array(26).fill(true), { forCount: 1, remindEveryMinutes: 10 });
    expect(log.filter((e) => e.kind === "reminder")).toEqual([
      { minute: 11, kind: "reminder", notify: "reminder:1" },
      { minute: 21, kind: "reminder", notify: "reminder:2" },
    ]);
    const acked: LifecycleState = { ...state, alert: { ...state.alert!, acknowledged: true } };
    expect(run(Array(30).fill(true), { forCount: 1, remindEveryMinutes: 10 }, acked, 27).log).toEqual([]);
  });

  it("holds a flapping alert firing with one flapping message instead of a storm, and resolves once when stable", () => {
    // fire, clear, fire, clear, … every other minute for 20 minutes: the 4th transition is a flap.
    const pattern = Array.from({ length: 20 }, (_, i) => i % 2 === 0);
    const { log, state } = run(pattern, { forCount: 1 });
    expect(sent(log)).toEqual(["firing", "resolved", "firing", "flapping"]);
    expect(state.state).toBe("firing");
    expect(state.alert!.flapping).toBe(true);
    // Stays held while the window still holds ≥ 4 transitions; resolves once when it calms down.
    const calm = run(Array(70).fill(false), { forCount: 1 }, state, 21);
    expect(sent(calm.log)).toEqual(["resolved"]);
    const resolvedAt = calm.log.find((e) => e.kind === "resolved")!.minute;
    expect(resolvedAt).toBeGreaterThan(21 + 30); // not on the first clear evaluation
    expect(resolvedAt).toBeLessThanOrEqual(21 + 61);
    expect(calm.state.state).toBe("ok");
  });

  it("a steady outage fired long after is not flapping", () => {
    const first = run([true, false], { forCount: 1 });
    const again = run([true, false], { forCount: 1 }, first.state, 200);
    expect(sent(again.log)).toEqual(["firing", "resolved"]);
  });

  it("mutes an alert that fires in maintenance (no message, no recovery), and notifies once if still firing after it", () => {
    const muted = run([[true, "maint"], [false, "maint"]], { forCount: 1 });
    expect(muted.log.map((e) => e.kind)).toEqual(["firing", "muted", "resolved"]);
    expect(sent(muted.log)).toEqual([]);
    const stillDown = run([[true, "maint"], [true, "maint"], true, true, false], { forCount: 1 });
    expect(sent(stillDown.log)).toEqual(["firing", "resolved"]);
    expect(stillDown.log.find((e) => e.notify === "firing")!.minute).toBe(3);
    // Muted and resolved right as the window ends: nothing said at all.
    expect(sent(run([[true, "maint"], false], { forCount: 1 }).log)).toEqual([]);
  });

  it("sends no reminder and no recovery during maintenance for an alert that fired before it", () => {
    const fired = run([true], { forCount: 1, remindEveryMinutes: 5 });
    const during = run([[true, "maint"], [true, "maint"], [true, "maint"], [true, "maint"], [true, "maint"], [true, "maint"], [false, "maint"]], { forCount: 1, remindEveryMinutes: 5 }, fired.state, 2);
    expect(sent(during.log)).toEqual([]);
    expect(during.state.state).toBe("ok");
  });

  it("refuses a for_count below 1", () => {
    expect(() => nextLifecycle(initialLifecycleState(), { breach: true, now: at(0), inMaintenance: false }, { ...BASE, forCount: 0 }, FLAP)).toThrow(RangeError);
  });

  it("bounds the remembered transitions", () => {
    let state = initialLifecycleState();
    const events: LifecycleEvent[] = [];
    for (let i = 0; i < 500; i++) {
      const step = nextLifecycle(state, { breach: i % 2 === 0, now: at(i * 0.1), inMaintenance: false }, { ...BASE, forCount: 1 }, { transitions: 1000, windowMs: 86_400_000 });
      state = step.state;
      events.push(...step.events);
    }
    expect(state.transitions.length).toBeLessThanOrEqual(50);
  });
});
