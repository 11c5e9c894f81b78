import { describe, expect, it } from "vitest";
import { maintenanceInputFromForm, wallTimeToIso, weeklyCron } from "./maintenance-form";

describe("the add-maintenance form", () => {
  it("builds a weekly cron from days and a start time", () => {
    expect(weeklyCron([0], "02:00")).toBe("0 2 * * 0");
    expect(weeklyCron([5, 1, 3, 1], "22:30")).toBe("30 22 * * 1,3,5");
    expect(weeklyCron([0, 1, 2, 3, 4, 5, 6], "3:05")).toBe("5 3 * * *");
    expect(weeklyCron([], "02:00")).toBeNull();
    expect(weeklyCron([1], "24:00")).toBeNull();
    expect(weeklyCron([1], "")).toBeNull();
  });

  it("reads one-off dates as wall time in the client's zone, across DST", () => {
    expect(wallTimeToIso("2026-12-06T02:00", "Europe/Berlin")).toBe("2026-12-06T01:00:00.000Z"); // CET
    expect(wallTimeToIso("2026-07-05T02:00", "Europe/Berlin")).toBe("2026-07-05T00:00:00.000Z"); // CEST
    expect(wallTimeToIso("2026-03-08T12:00", "America/New_York")).toBe("2026-03-08T16:00:00.000Z"); // EDT from that morning
    expect(wallTimeToIso("2026-12-06T02:00", "UTC")).toBe("2026-12-06T02:00:00.000Z");
    expect(wallTimeToIso("next sunday", "UTC")).toBe("next sunday"); // left for the verb to name
  });

  it("gives the verb's field names, so its errors land on the form", () => {
    const base = { title: "Upgrade", starts_local: "2026-12-06T02:00", ends_local: "2026-12-06T04:00", days: [0], time: "02:00", duration_minutes: "120", cron: "" };
    expect(maintenanceInputFromForm({ ...base, kind: "once" }, "Europe/Berlin")).toEqual({ title: "Upgrade", starts_at: "2026-12-06T01:00:00.000Z", ends_at: "2026-12-06T03:00:00.000Z" });
    expect(maintenanceInputFromForm({ ...base, kind: "weekly" }, "UTC")).toEqual({ title: "Upgrade", recurrence: "0 2 * * 0", duration_minutes: 120 });
    expect(maintenanceInputFromForm({ ...base, kind: "cron", cron: "0 3 1 * *", duration_minutes: "abc" }, "UTC")).toEqual({ title: "Upgrade", recurrence: "0 3 1 * *", duration_minutes: "abc" });
  });
});
