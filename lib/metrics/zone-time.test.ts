import { describe, expect, it } from "vitest";
import { ceilLocalHour, floorLocalHour, localDate, nextLocalDay, startOfLocalDay, wholeDaysWithin } from "./zone-time";

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("zone-time", () => {
  it("America/New_York around the fall-back of 2026-11-01: a 25-hour day", () => {
    const z = "America/New_York";
    expect(iso(startOfLocalDay(z, t("2026-11-01T12:00:00Z")))).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(nextLocalDay(z, t("2026-11-01T04:00:00Z")))).toBe("2026-11-02T05:00:00.000Z");
    expect(iso(nextLocalDay(z, t("2026-10-31T04:00:00Z")))).toBe("2026-11-01T04:00:00.000Z");
    expect(localDate(z, t("2026-11-02T04:30:00Z"))).toBe("2026-11-01");
    expect(wholeDaysWithin(z, t("2026-10-31T10:00:00Z"), t("2026-11-03T01:00:00Z"))).toEqual({ dayStart: t("2026-11-01T04:00:00Z"), dayEnd: t("2026-11-02T05:00:00Z") });
  });
  it("Asia/Kolkata: days and hours start at :30 UTC", () => {
    const z = "Asia/Kolkata";
    expect(iso(startOfLocalDay(z, t("2026-11-10T20:00:00Z")))).toBe("2026-11-10T18:30:00.000Z");
    expect(iso(floorLocalHour(z, t("2026-11-10T20:10:00Z")))).toBe("2026-11-10T19:30:00.000Z");
    expect(iso(ceilLocalHour(z, t("2026-11-10T20:10:00Z")))).toBe("2026-11-10T20:30:00.000Z");
    expect(iso(ceilLocalHour(z, t("2026-11-10T20:30:00Z")))).toBe("2026-11-10T20:30:00.000Z");
    expect(wholeDaysWithin(z, t("2026-11-10T18:00:00Z"), t("2026-11-11T18:30:00Z"))).toEqual({ dayStart: t("2026-11-10T18:30:00Z"), dayEnd: t("2026-11-11T18:30:00Z") });
    expect(wholeDaysWithin(z, t("2026-11-10T19:00:00Z"), t("2026-11-11T18:00:00Z")).dayEnd - t("2026-11-10T19:00:00Z")).toBe(0);
  });
});
