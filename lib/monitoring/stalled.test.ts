import { describe, expect, it } from "vitest";
import { DEFAULT_STALLED_RULES, assessStalled, formatQuiet, learnQuietHistory, learnUsualGapMs, type QuietHourBucket, type StalledInput } from "./stalled";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// A fake clock: 2031-01-15 12:00 UTC.
const NOW = Date.UTC(2031, 0, 15, 12, 0, 0);
const now = new Date(NOW);

/**
 * Fully collected hourly history for the `days` before the current hour: busy by day, quiet
 * for `nightQuietHours` every night (00:00 onwards, UTC), i.e. a usual gap of nightQuietHours + 1.
 */
function history(days: number, nightQuietHours: number, opts: { untilHoursAgo?: number } = {}): QuietHourBucket[] {
  const currentHour = Math.floor(NOW / HOUR);
  const out: QuietHourBucket[] = [];
  for (let k = currentHour - days * 24; k < currentHour - (opts.untilHoursAgo ?? 0); k++) {
    const hourOfDay = ((k % 24) + 24) % 24;
    out.push({ start: new Date(k * HOUR), coveredMs: HOUR, totalAutomations: hourOfDay < nightQuietHours ? 0 : 12 });
  }
  return out;
}

/** An input; `hours` are learned over the 28 days before now, as the query does. */
const base = ({ hours = history(14, 3), ...over }: Partial<StalledInput> & { hours?: QuietHourBucket[] } = {}): StalledInput => ({
  enabled: true,
  status: "healthy",
  cursor: new Date(NOW - 5 * MIN),
  intervalMs: 15 * MIN,
  lastActiveAt: new Date(NOW - 60 * MIN),
  history: learnQuietHistory(hours, { from: new Date(NOW - 28 * DAY), to: now }), // usual gap 4 h by default
  ...over,
});

describe("assessStalled", () => {
  it("flags a healthy system quiet for more than twice its learned usual gap plus an hour, since its last automation", () => {
    // Quiet from 10 h ago to the cursor 5 min ago: 9 h 55 min against a usual 4 h (threshold 9 h).
    const v = assessStalled(base({ lastActiveAt: new Date(NOW - 10 * HOUR) }), now);
    expect(v).toEqual({
      state: "stalled",
      since: new Date(NOW - 10 * HOUR),
      quietMs: 9 * HOUR + 55 * MIN,
      usualGapMs: 4 * HOUR,
      thresholdMs: 9 * HOUR,
      reason: "no automations for 9 h 55 min; usually at most 4 h apart",
    });
  });

  it("boundary: 2 × the learned gap + 1 h is not stalled, a millisecond more is", () => {
    const cursor = new Date(NOW - 5 * MIN);
    const at = (quietMs: number) => assessStalled(base({ cursor, lastActiveAt: new Date(cursor.getTime() - quietMs) }), now).state;
    expect(at(4 * HOUR + 1)).toBe("running"); // longer than the usual gap alone is normal noise
    expect(at(9 * HOUR - MIN)).toBe("running");
    expect(at(9 * HOUR)).toBe("running");
    expect(at(9 * HOUR + 1)).toBe("stalled");
    // The factor and slack are rule inputs.
    const strict = { ...DEFAULT_STALLED_RULES, gapFactor: 1, gapSlackMs: 0 };
    expect(assessStalled(base({ cursor, lastActiveAt: new Date(cursor.getTime() - 4 * HOUR - 1) }), now, strict).state).toBe("stalled");
  });

  it("a system quiet every night is not flagged during its night (learned, not a fixed threshold)", () => {
    // Quiet 8 h every night: at 07:30 it has been quiet 7 h 30 min, normal for it.
    const hours = history(14, 8, { untilHoursAgo: 0 });
    const v = assessStalled(base({ hours, lastActiveAt: new Date(NOW - 450 * MIN), cursor: now }), now);
    expect(v).toMatchObject({ state: "running", usualGapMs: 9 * HOUR });
    // A system that is busy round the clock is flagged after the same silence.
    expect(assessStalled(base({ hours: history(14, 0), lastActiveAt: new Date(NOW - 450 * MIN), cursor: now }), now).state).toBe("stalled");
  });

  it("the floor holds for a busy system: under 2 h of silence is never stalled", () => {
    const busy = history(14, 0); // never a quiet hour: usual gap 0
    expect(learnUsualGapMs(busy)).toBe(0);
    const cursor = now;
    expect(assessStalled(base({ hours: busy, cursor, lastActiveAt: new Date(NOW - 2 * HOUR) }), now).state).toBe("running");
    const over = assessStalled(base({ hours: busy, cursor, lastActiveAt: new Date(NOW - 2 * HOUR - MIN) }), now);
    expect(over).toMatchObject({ state: "stalled", thresholdMs: 2 * HOUR, reason: "no automations for 2 h 1 min; usually never quiet for a full hour" });
    // The floor is a rule input (STALLED_MIN_GAP_MINUTES): raised, the same silence passes.
    expect(assessStalled(base({ hours: busy, cursor, lastActiveAt: new Date(NOW - 2 * HOUR - MIN) }), now, { ...DEFAULT_STALLED_RULES, floorMs: 3 * HOUR }).state).toBe("running");
  });

  it("is not judged without 7 days of collected history, and is once it has them", () => {
    const quiet = { lastActiveAt: new Date(NOW - 10 * HOUR) };
    // 6 days 23 hours collected: not enough.
    const short = history(7, 3).slice(1);
    expect(assessStalled(base({ ...quiet, hours: short }), now)).toEqual({ state: "not_judged", why: "insufficient_history" });
    expect(assessStalled(base({ ...quiet, hours: history(7, 3) }), now).state).toBe("stalled");
    // Hours collected for only part of the hour count for what they cover.
    const half = history(14, 3).map((h) => ({ ...h, coveredMs: HOUR / 2 }));
    expect(assessStalled(base({ ...quiet, hours: half.slice(-14 * 24 + 1) }), now)).toEqual({ state: "not_judged", why: "insufficient_history" });
  });

  it("only a healthy, enabled system is judged", () => {
    const quiet = { lastActiveAt: new Date(NOW - 10 * HOUR) };
    expect(assessStalled(base({ ...quiet, status: "degraded" }), now)).toEqual({ state: "not_judged", why: "not_healthy" });
    expect(assessStalled(base({ ...quiet, status: "down" }), now)).toEqual({ state: "not_judged", why: "not_healthy" });
    expect(assessStalled(base({ ...quiet, status: "unknown" }), now)).toEqual({ state: "not_judged", why: "not_healthy" });
    expect(assessStalled(base({ ...quiet, enabled: false }), now)).toEqual({ state: "not_judged", why: "disabled" });
  });

  it("failing collection is not a stall: a cursor older than 2 pull intervals (at least 30 min) is not judged", () => {
    const quiet = { lastActiveAt: new Date(NOW - 10 * HOUR) };
    expect(assessStalled(base({ ...quiet, cursor: new Date(NOW - 30 * MIN) }), now).state).toBe("stalled");
    expect(assessStalled(base({ ...quiet, cursor: new Date(NOW - 30 * MIN - 1) }), now)).toEqual({ state: "not_judged", why: "collection_behind" });
    // An hourly pull may lag up to 2 h.
    const longer = { lastActiveAt: new Date(NOW - 12 * HOUR) };
    expect(assessStalled(base({ ...longer, cursor: new Date(NOW - 2 * HOUR), intervalMs: HOUR }), now).state).toBe("stalled");
    expect(assessStalled(base({ ...longer, cursor: new Date(NOW - 2 * HOUR - 1), intervalMs: HOUR }), now).state).toBe("not_judged");
    expect(assessStalled(base({ ...quiet, cursor: null }), now)).toEqual({ state: "not_judged", why: "no_metrics" });
  });

  it("measures quiet time only up to the last collected instant, not to now", () => {
    // Last automation 9 h 20 min ago, collected up to 25 min ago: 8 h 55 min seen, under 9 h.
    const lastActiveAt = new Date(NOW - 9 * HOUR - 20 * MIN);
    expect(assessStalled(base({ lastActiveAt, cursor: new Date(NOW - 25 * MIN) }), now).state).toBe("running");
    expect(assessStalled(base({ lastActiveAt, cursor: new Date(NOW - 5 * MIN) }), now).state).toBe("stalled");
  });

  it("a system that never counted an automation is not judged", () => {
    expect(assessStalled(base({ lastActiveAt: null, hours: history(14, 24) }), now)).toEqual({ state: "not_judged", why: "never_active" });
  });

  it("the stall in progress does not teach itself: runs still open at the end are not learned", () => {
    // 14 days with a 3 h night, then the last 20 hours silent.
    const hours = history(14, 3).map((h) => (h.start.getTime() >= NOW - 20 * HOUR ? { ...h, totalAutomations: 0 } : h));
    expect(learnUsualGapMs(hours)).toBe(4 * HOUR);
    expect(assessStalled(base({ hours, lastActiveAt: new Date(NOW - 20 * HOUR) }), now)).toMatchObject({ state: "stalled", usualGapMs: 4 * HOUR });
  });

  it("learns only from the last 28 days", () => {
    // A 30-hour silence 29 days ago is forgotten; the usual 3 h nights remain.
    const old = history(35, 3).map((h) => (h.start.getTime() >= NOW - 29 * DAY - 30 * HOUR && h.start.getTime() < NOW - 29 * DAY ? { ...h, totalAutomations: 0 } : h));
    expect(learnUsualGapMs(old)).toBe(31 * HOUR);
    expect(assessStalled(base({ hours: old, lastActiveAt: new Date(NOW - 10 * HOUR) }), now)).toMatchObject({ state: "stalled", usualGapMs: 4 * HOUR });
  });
});

describe("learnQuietHistory", () => {
  it("sums collected time (an hour at most per hour) and finds the longest ended quiet run, within the window", () => {
    const h = (k: number, total: number, coveredMs = HOUR): QuietHourBucket => ({ start: new Date(k * HOUR), coveredMs, totalAutomations: total });
    const hours = [h(0, 5), h(1, 0), h(2, 0), h(3, 1, 20 * MIN), h(4, 0), h(5, 0), h(6, 0)];
    expect(learnQuietHistory(hours)).toEqual({ coveredMs: 6 * HOUR + 20 * MIN, longestQuietRunHours: 2 });
    // From hour 2: the run 2..2 is ended by hour 3 (1 h), the run 4..6 never ended.
    expect(learnQuietHistory(hours, { from: new Date(2 * HOUR), to: new Date(7 * HOUR) })).toEqual({ coveredMs: 4 * HOUR + 20 * MIN, longestQuietRunHours: 1 });
    expect(learnQuietHistory([])).toEqual({ coveredMs: 0, longestQuietRunHours: 0 });
  });
});

describe("learnUsualGapMs", () => {
  const h = (k: number, total: number, coveredMs = HOUR): QuietHourBucket => ({ start: new Date(k * HOUR), coveredMs, totalAutomations: total });

  it("is the longest quiet run ended by activity, plus one hour", () => {
    expect(learnUsualGapMs([h(0, 5), h(1, 0), h(2, 0), h(3, 1), h(4, 0), h(5, 2)])).toBe(3 * HOUR);
  });

  it("a gap in collection or a barely covered hour breaks a run without teaching", () => {
    // Hours 1-2 quiet, hour 3 missing, hours 4-5 quiet, then activity: the run is 2, not 4.
    expect(learnUsualGapMs([h(0, 5), h(1, 0), h(2, 0), h(4, 0), h(5, 0), h(6, 1)])).toBe(3 * HOUR);
    // Hour 3 collected for 29 minutes only.
    expect(learnUsualGapMs([h(0, 5), h(1, 0), h(2, 0), h(3, 0, 29 * MIN), h(4, 0), h(5, 0), h(6, 1)])).toBe(3 * HOUR);
    // Collected for half the hour counts as a quiet hour.
    expect(learnUsualGapMs([h(0, 5), h(1, 0), h(2, 0), h(3, 0, 30 * MIN), h(4, 0), h(5, 0), h(6, 1)])).toBe(6 * HOUR);
  });

  it("is order-independent", () => {
    expect(learnUsualGapMs([h(5, 2), h(2, 0), h(0, 5), h(1, 0), h(3, 1)])).toBe(3 * HOUR);
  });
});

describe("formatQuiet", () => {
  it("says minutes, hours and days without overstating", () => {
    expect(formatQuiet(45 * MIN + 59_999)).toBe("45 min");
    expect(formatQuiet(2 * HOUR)).toBe("2 h");
    expect(formatQuiet(5 * HOUR + 10 * MIN)).toBe("5 h 10 min");
    expect(formatQuiet(47 * HOUR + 59 * MIN)).toBe("47 h 59 min");
    expect(formatQuiet(3 * DAY + 4 * HOUR + 30 * MIN)).toBe("3 d 4 h");
    expect(formatQuiet(2 * DAY)).toBe("2 d");
  });
});
