import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEDULE_CRON } from "@/lib/reports/contracts";
import { addDays, countRecipients, cronToPreset, deliveryOf, describePreset, localDate, presetToCron, regenerateFields, type SchedulePreset } from "./report-view";

const preset = (patch: Partial<SchedulePreset>): SchedulePreset => ({ kind: "daily", time: "09:00", weekday: 1, day: 1, cron: "", ...patch });

describe("schedule presets", () => {
  it("build the five-field cron the verbs take", () => {
    expect(presetToCron(preset({ kind: "daily", time: "08:00" }))).toBe("0 8 * * *");
    expect(presetToCron(preset({ kind: "weekly", weekday: 1, time: "09:00" }))).toBe("0 9 * * 1");
    expect(presetToCron(preset({ kind: "weekly", weekday: 0, time: "18:45" }))).toBe("45 18 * * 0");
    expect(presetToCron(preset({ kind: "monthly", day: 15, time: "7:05" }))).toBe("5 7 15 * *");
    expect(presetToCron(preset({ kind: "quarterly", time: "09:00" }))).toBe("0 9 1 1,4,7,10 *");
    expect(presetToCron(preset({ kind: "custom", cron: "  0  6 * *   1-5 " }))).toBe("0 6 * * 1-5");
  });

  it("leave a bad time or day empty, for the verb to name the cron field", () => {
    expect(presetToCron(preset({ kind: "daily", time: "24:00" }))).toBe("");
    expect(presetToCron(preset({ kind: "daily", time: "" }))).toBe("");
    expect(presetToCron(preset({ kind: "monthly", day: 31 }))).toBe("");
    expect(presetToCron(preset({ kind: "weekly", weekday: 7 }))).toBe("");
  });

  it("read back every default and every preset, and anything else as custom", () => {
    for (const cron of Object.values(DEFAULT_SCHEDULE_CRON)) expect(presetToCron(cronToPreset(cron))).toBe(cron);
    expect(cronToPreset("0 9 * * 1")).toMatchObject({ kind: "weekly", weekday: 1, time: "09:00" });
    expect(cronToPreset("30 7 * * 7")).toMatchObject({ kind: "weekly", weekday: 0, time: "07:30" });
    expect(cronToPreset("0 9 15 * *")).toMatchObject({ kind: "monthly", day: 15 });
    expect(cronToPreset("0 9 31 * *")).toMatchObject({ kind: "custom", cron: "0 9 31 * *" });
    expect(cronToPreset("*/5 * * * *")).toMatchObject({ kind: "custom" });
    expect(cronToPreset("0 9 * * 1-5")).toMatchObject({ kind: "custom" });
  });

  it("describe themselves in words", () => {
    expect(describePreset(preset({ kind: "weekly", weekday: 1, time: "9:00" }))).toBe("Every Monday at 09:00");
    expect(describePreset(preset({ kind: "monthly", day: 1, time: "09:00" }))).toBe("Monthly on day 1 at 09:00");
    expect(describePreset(preset({ kind: "quarterly" }))).toBe("On 1 Jan, Apr, Jul and Oct at 09:00");
  });

  it("count recipients however they are separated", () => {
    expect(countRecipients("a@x.com, b@x.com\nc@x.com;d@x.com\n\n")).toBe(4);
    expect(countRecipients("  ")).toBe(0);
  });
});

describe("dates in the client's zone", () => {
  it("give the local date of an instant", () => {
    expect(localDate("2026-10-31T23:30:00Z", "Europe/Berlin")).toBe("2026-11-01");
    expect(localDate("2026-10-31T23:30:00Z", "America/New_York")).toBe("2026-10-31");
    expect(localDate("nonsense", "UTC")).toBe("");
  });

  it("add calendar days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("bad", 1)).toBe("bad");
  });
});

describe("regenerate", () => {
  const base = { client_id: "acme", include_recommendations: true, time_zone: "Europe/Berlin" };
  it("asks for the period containing the report's first local day", () => {
    expect(regenerateFields({ ...base, report_type: "monthly", period_start: "2026-09-30T22:00:00Z", period_end: "2026-10-31T23:00:00Z" })).toEqual({
      client_id: "acme",
      report_type: "monthly",
      include_recommendations: "on",
      period_containing: "2026-10-01",
    });
  });
  it("repeats a custom range by its local bounds (end exclusive)", () => {
    expect(regenerateFields({ ...base, include_recommendations: false, report_type: "custom", period_start: "2026-10-04T22:00:00Z", period_end: "2026-10-11T22:00:00Z" })).toEqual({
      client_id: "acme",
      report_type: "custom",
      start: "2026-10-05",
      end: "2026-10-12",
    });
  });
});

describe("delivery state", () => {
  it("is null on demand and in words when scheduled", () => {
    expect(deliveryOf({ schedule_id: null, delivery_state: null })).toBeNull();
    expect(deliveryOf({ schedule_id: "s", delivery_state: "delivered" })?.label).toBe("Emailed");
    expect(deliveryOf({ schedule_id: "s", delivery_state: "dead" })?.label).toBe("Email failed");
  });
});
