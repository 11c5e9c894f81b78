import { describe, expect, it } from "vitest";
import type { MaintenanceWindowOutput } from "@/lib/alerts/contracts";
import { currentOrNext, describeWindow, mergeIntervals, occurrenceAt, occurrencesBetween, recurrenceProblem, type WindowRule } from "./recurrence";
import { createWindowInputSchema, type MaintenanceWindowOutputShape } from "./schemas";

const d = (iso: string) => new Date(iso);
const iso = (x: { start: Date; end: Date } | null) => (x ? [x.start.toISOString(), x.end.toISOString()] : null);

// Sundays 02:00–04:00 in Berlin, from the start of 2026.
const berlinSundays: WindowRule = { startsAt: d("2026-01-01T00:00:00Z"), endsAt: null, recurrence: "0 2 * * 0", durationMinutes: 120, timeZone: "Europe/Berlin" };

describe("recurring windows in the client's zone, across DST", () => {
  it("follows the wall clock: 02:00 Berlin is 01:00Z in winter and 00:00Z in summer", () => {
    // 22 Mar 2026: CET (UTC+1); 5 Apr 2026: CEST (UTC+2).
    expect(iso(occurrenceAt(berlinSundays, d("2026-03-22T01:30:00Z")))).toEqual(["2026-03-22T01:00:00.000Z", "2026-03-22T03:00:00.000Z"]);
    expect(iso(occurrenceAt(berlinSundays, d("2026-04-05T00:30:00Z")))).toEqual(["2026-04-05T00:00:00.000Z", "2026-04-05T02:00:00.000Z"]);
    // 01:30Z on 5 Apr is 03:30 CEST: inside; 02:00Z is 04:00 CEST: the end is exclusive.
    expect(occurrenceAt(berlinSundays, d("2026-04-05T01:59:59Z"))).not.toBeNull();
    expect(occurrenceAt(berlinSundays, d("2026-04-05T02:00:00Z"))).toBeNull();
    // A Saturday at 02:00 Berlin is not in it.
    expect(occurrenceAt(berlinSundays, d("2026-04-04T00:30:00Z"))).toBeNull();
  });

  it("on spring-forward day a 02:30 start (which does not exist) begins at 03:00 CEST, never skipped", () => {
    const rule: WindowRule = { ...berlinSundays, recurrence: "30 2 * * 0", durationMinutes: 60 };
    // 29 Mar 2026: clocks jump 02:00 → 03:00 CET→CEST; 03:00 CEST = 01:00Z.
    expect(iso(occurrenceAt(rule, d("2026-03-29T01:15:00Z")))).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"]);
    const runs = occurrencesBetween(rule, d("2026-03-21T00:00:00Z"), d("2026-04-06T00:00:00Z")).map((i) => i.start.toISOString());
    expect(runs).toEqual(["2026-03-22T01:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-04-05T00:30:00.000Z"]);
  });

  it("America/New_York: a daily 01:30 window runs once on fall-back day (the hour that happens twice)", () => {
    const rule: WindowRule = { startsAt: d("2026-10-01T00:00:00Z"), endsAt: null, recurrence: "30 1 * * *", durationMinutes: 30, timeZone: "America/New_York" };
    // 1 Nov 2026: 02:00 EDT → 01:00 EST. 01:30 EDT = 05:30Z; 01:30 EST = 06:30Z.
    const runs = occurrencesBetween(rule, d("2026-10-31T12:00:00Z"), d("2026-11-02T12:00:00Z")).map((i) => i.start.toISOString());
    expect(runs).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
  });

  it("respects the series' start and end", () => {
    const rule: WindowRule = { ...berlinSundays, startsAt: d("2026-03-23T00:00:00Z"), endsAt: d("2026-04-06T00:00:00Z") };
    expect(occurrenceAt(rule, d("2026-03-22T01:30:00Z"))).toBeNull(); // before the series
    expect(iso(occurrenceAt(rule, d("2026-03-29T01:30:00Z")))).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-29T03:00:00.000Z"]); // DST day: 02:00 does not exist, starts 03:00 CEST
    expect(occurrenceAt(rule, d("2026-04-12T00:30:00Z"))).toBeNull(); // after it
    expect(iso(currentOrNext(rule, d("2026-03-30T00:00:00Z")))).toEqual(["2026-04-05T00:00:00.000Z", "2026-04-05T02:00:00.000Z"]);
    expect(currentOrNext(rule, d("2026-04-05T03:00:00Z"))).toBeNull();
  });

  it("an occurrence that spans midnight counts on both days, and a query range clips nothing but selects", () => {
    const rule: WindowRule = { startsAt: d("2026-01-01T00:00:00Z"), endsAt: null, recurrence: "0 23 * * *", durationMinutes: 120, timeZone: "UTC" };
    expect(iso(occurrenceAt(rule, d("2026-06-02T00:30:00Z")))).toEqual(["2026-06-01T23:00:00.000Z", "2026-06-02T01:00:00.000Z"]);
    expect(occurrencesBetween(rule, d("2026-06-02T00:00:00Z"), d("2026-06-03T00:00:00Z")).map(iso)).toEqual([
      ["2026-06-01T23:00:00.000Z", "2026-06-02T01:00:00.000Z"],
      ["2026-06-02T23:00:00.000Z", "2026-06-03T01:00:00.000Z"],
    ]);
  });

  it("one-off windows: [starts_at, ends_at)", () => {
    const rule: WindowRule = { startsAt: d("2026-12-03T14:00:00Z"), endsAt: d("2026-12-03T16:00:00Z"), recurrence: null, durationMinutes: null, timeZone: "UTC" };
    expect(occurrenceAt(rule, d("2026-12-03T14:00:00Z"))).not.toBeNull();
    expect(occurrenceAt(rule, d("2026-12-03T16:00:00Z"))).toBeNull();
    expect(currentOrNext(rule, d("2026-12-03T17:00:00Z"))).toBeNull();
    expect(occurrencesBetween(rule, d("2026-12-03T15:00:00Z"), d("2026-12-04T00:00:00Z"))).toHaveLength(1);
  });

  it("merges overlapping and touching intervals", () => {
    const m = mergeIntervals([
      { start: d("2026-01-01T02:00:00Z"), end: d("2026-01-01T03:00:00Z") },
      { start: d("2026-01-01T00:00:00Z"), end: d("2026-01-01T01:00:00Z") },
      { start: d("2026-01-01T01:00:00Z"), end: d("2026-01-01T01:30:00Z") },
      { start: d("2026-01-01T02:30:00Z"), end: d("2026-01-01T04:00:00Z") },
    ]);
    expect(m.map(iso)).toEqual([
      ["2026-01-01T00:00:00.000Z", "2026-01-01T01:30:00.000Z"],
      ["2026-01-01T02:00:00.000Z", "2026-01-01T04:00:00.000Z"],
    ]);
  });
});

describe("plain words", () => {
  it("says when, in the client's zone", () => {
    expect(describeWindow(berlinSundays)).toBe("Sundays 02:00–04:00 (Europe/Berlin)");
    expect(describeWindow({ ...berlinSundays, recurrence: "30 23 * * *", durationMinutes: 60, timeZone: "UTC" })).toBe("Daily 23:30–00:30 (UTC)");
    expect(describeWindow({ ...berlinSundays, recurrence: "0 22 * * 1-5" })).toBe("Weekdays 22:00–00:00 (Europe/Berlin)");
    expect(describeWindow({ ...berlinSundays, recurrence: "0 3 * * 1,4" })).toBe("Mondays and Thursdays 03:00–05:00 (Europe/Berlin)");
    expect(describeWindow({ ...berlinSundays, recurrence: "0 3 1 * *" })).toBe("Monthly on the 1st 03:00–05:00 (Europe/Berlin)");
    expect(describeWindow({ ...berlinSundays, recurrence: "15 * * * *", durationMinutes: 10 })).toBe("Daily, every hour at :15 for 10 min (Europe/Berlin)");
    expect(describeWindow({ ...berlinSundays, recurrence: "0 2 1-7 * 0" })).toBe("cron 0 2 1-7 * 0, 120 min (Europe/Berlin)");
    expect(describeWindow({ ...berlinSundays, endsAt: d("2026-06-30T22:00:00Z") })).toBe("Sundays 02:00–04:00 (Europe/Berlin), until 1 Jul 2026 00:00");
    // One-off, shown in the zone (15:00Z is 16:00 in Berlin in December).
    const oneOff = { startsAt: d("2026-12-03T13:00:00Z"), endsAt: d("2026-12-03T15:00:00Z"), recurrence: null, durationMinutes: null };
    expect(describeWindow({ ...oneOff, timeZone: "Europe/Berlin" })).toBe("3 Dec 2026 14:00–16:00 (Europe/Berlin)");
    expect(describeWindow({ ...oneOff, endsAt: d("2026-12-04T01:00:00Z"), timeZone: "UTC" })).toBe("3 Dec 2026 13:00 – 4 Dec 2026 01:00 (UTC)");
  });
});

describe("validation", () => {
  it("accepts 5-field cron expressions that start at most once an hour and match some date", () => {
    expect(recurrenceProblem("0 2 * * 0")).toBeUndefined();
    expect(recurrenceProblem("30 22 * * 1-5")).toBeUndefined();
    expect(recurrenceProblem("0 2 * *")).toMatch(/5 fields/);
    expect(recurrenceProblem("0 0 2 * * 0")).toMatch(/5 fields/);
    expect(recurrenceProblem("*/5 2 * * 0")).toMatch(/minute .* one number/);
    expect(recurrenceProblem("75 2 * * 0")).toMatch(/minute/);
    expect(recurrenceProblem("0 25 * * 0")).toMatch(/not a valid cron expression/);
    expect(recurrenceProblem("0 2 * * funday")).toMatch(/not a valid cron expression/);
    expect(recurrenceProblem("0 0 31 2 *")).toBe("never matches a date");
  });

  it("the title refuses control characters; unknown fields are named", () => {
    const r = createWindowInputSchema.safeParse({ client_id: "acme-001", title: "Upgrade\nnow", starts_at: "2026-12-03T14:00:00Z", ends_at: "2026-12-03T16:00:00Z", colour: "red" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join(".") || i.code);
    expect(paths).toContain("title");
    expect(r.error!.issues.find((i) => i.code === "unrecognized_keys")?.message).toBe('"colour" is not a known field');
    expect(createWindowInputSchema.safeParse({ client_id: "acme-001", title: "x", recurrence: "0 2 * * 0", duration_minutes: 0 }).success).toBe(false);
    expect(createWindowInputSchema.safeParse({ client_id: "acme-001", title: "x", recurrence: "0 2 * * 0", duration_minutes: 1441 }).success).toBe(false);
    const ok = createWindowInputSchema.parse({ client_id: "acme-001", title: " Nightly ", recurrence: " 0  2 * * 0 ", duration_minutes: 120 });
    expect(ok).toMatchObject({ title: "Nightly", recurrence: "0 2 * * 0" });
  });

  it("the output shape is the shared contract's (lib/alerts/contracts.ts)", () => {
    // Both directions must compile: the zod output here and the contract stay one shape.
    const a: MaintenanceWindowOutput = {} as MaintenanceWindowOutputShape;
    const b: MaintenanceWindowOutputShape = {} as MaintenanceWindowOutput;
    expect([a, b]).toHaveLength(2);
  });
});
