// Report periods on a fake "now", bounds worked out by hand from the zones' rules: New York
// (EDT −4 / EST −5; 2026 DST 8 Mar – 1 Nov), London (BST +1 / GMT; 29 Mar – 25 Oct) and
// Auckland (NZDT +13 / NZST +12; NZDT ends 5 Apr, starts 27 Sep). Periods containing a DST
// change have 23/25 h days, 167/169 h weeks and 743/745 h months.
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import type { ReportType } from "./contracts";
import { resolveReportPeriod, type ReportPeriodChoice } from "./periods";

const NY = "America/New_York";
const LON = "Europe/London";
const AKL = "Pacific/Auckland";
const at = (iso: string) => new Date(iso);

function fieldsOf(fn: () => unknown): { paths: string[]; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return { paths: (v.issues ?? []).map((i) => i.path), message: v.message };
  }
  throw new Error("expected a ValidationError");
}

describe("last complete periods", () => {
  it("monthly: London's October 2026 has 745 h (BST ends 25 Oct); the previous is September", () => {
    const p = resolveReportPeriod(LON, "monthly", at("2026-11-02T09:00:00Z"));
    expect(p.current).toEqual({ start: "2026-09-30T23:00:00.000Z", end: "2026-11-01T00:00:00.000Z", label: "October 2026", hours: 745 });
    expect(p.previous).toEqual({ start: "2026-08-31T23:00:00.000Z", end: "2026-09-30T23:00:00.000Z", label: "September 2026", hours: 720 });
  });

  it("monthly: New York's March 2026 has 743 h (EDT starts 8 Mar); February before it", () => {
    const p = resolveReportPeriod(NY, "monthly", at("2026-04-10T12:00:00Z"));
    expect(p.current).toEqual({ start: "2026-03-01T05:00:00.000Z", end: "2026-04-01T04:00:00.000Z", label: "March 2026", hours: 743 });
    expect(p.previous).toEqual({ start: "2026-02-01T05:00:00.000Z", end: "2026-03-01T05:00:00.000Z", label: "February 2026", hours: 672 });
  });

  it("monthly across a year: in January the last complete month is December of the year before", () => {
    const p = resolveReportPeriod(NY, "monthly", at("2027-01-01T05:00:00Z")); // exactly 1 Jan 00:00 EST
    expect(p.current.label).toBe("December 2026");
    expect(p.current.start).toBe("2026-12-01T05:00:00.000Z");
    expect(p.current.end).toBe("2027-01-01T05:00:00.000Z");
    expect(p.previous.label).toBe("November 2026");
    expect(p.previous.hours).toBe(721); // 30 days + the hour EST gave back on 1 Nov
  });

  it("weekly: Monday–Sunday; New York's week of 26 Oct 2026 has 169 h, Auckland's of 21 Sep 167 h", () => {
    const ny = resolveReportPeriod(NY, "weekly", at("2026-11-04T12:00:00Z")); // a Wednesday
    expect(ny.current).toEqual({ start: "2026-10-26T04:00:00.000Z", end: "2026-11-02T05:00:00.000Z", label: "Week of 26 Oct 2026", hours: 169 });
    expect(ny.previous).toEqual({ start: "2026-10-19T04:00:00.000Z", end: "2026-10-26T04:00:00.000Z", label: "Week of 19 Oct 2026", hours: 168 });
    const akl = resolveReportPeriod(AKL, "weekly", at("2026-09-28T03:00:00Z")); // Monday 28 Sep 16:00 NZDT
    expect(akl.current).toEqual({ start: "2026-09-20T12:00:00.000Z", end: "2026-09-27T11:00:00.000Z", label: "Week of 21 Sep 2026", hours: 167 });
  });

  it("weekly: on Sunday evening the ongoing week is not complete", () => {
    const p = resolveReportPeriod(LON, "weekly", at("2026-11-08T22:00:00Z")); // Sunday 8 Nov 22:00 GMT
    expect(p.current.label).toBe("Week of 26 Oct 2026");
    expect(p.current.end).toBe("2026-11-02T00:00:00.000Z");
  });

  it("daily: a 25 h day in London and a 23 h day in New York; at midnight exactly the day just ended", () => {
    const lon = resolveReportPeriod(LON, "daily", at("2026-10-26T00:00:00Z"));
    expect(lon.current).toEqual({ start: "2026-10-24T23:00:00.000Z", end: "2026-10-26T00:00:00.000Z", label: "25 Oct 2026", hours: 25 });
    expect(lon.previous).toEqual({ start: "2026-10-23T23:00:00.000Z", end: "2026-10-24T23:00:00.000Z", label: "24 Oct 2026", hours: 24 });
    const ny = resolveReportPeriod(NY, "daily", at("2026-03-09T12:00:00Z"));
    expect(ny.current).toEqual({ start: "2026-03-08T05:00:00.000Z", end: "2026-03-09T04:00:00.000Z", label: "8 Mar 2026", hours: 23 });
    // One millisecond before Auckland's midnight the day before is still the last complete one.
    const akl = resolveReportPeriod(AKL, "daily", at("2026-11-02T10:59:59.999Z")); // 2 Nov 23:59:59.999 NZDT
    expect(akl.current.label).toBe("1 Nov 2026");
  });

  it("quarterly: boundaries to the millisecond, Q1 after a new year, a 2185 h Q2 in Auckland", () => {
    const q3 = resolveReportPeriod(NY, "quarterly", at("2026-10-01T04:00:00Z")); // 1 Oct 00:00 EDT
    expect(q3.current).toEqual({ start: "2026-07-01T04:00:00.000Z", end: "2026-10-01T04:00:00.000Z", label: "Q3 2026", hours: 2208 });
    expect(q3.previous).toEqual({ start: "2026-04-01T04:00:00.000Z", end: "2026-07-01T04:00:00.000Z", label: "Q2 2026", hours: 2184 });
    expect(resolveReportPeriod(NY, "quarterly", at("2026-10-01T03:59:59.999Z")).current.label).toBe("Q2 2026");
    const q1 = resolveReportPeriod(NY, "quarterly", at("2026-04-02T00:00:00Z"));
    expect(q1.current).toEqual({ start: "2026-01-01T05:00:00.000Z", end: "2026-04-01T04:00:00.000Z", label: "Q1 2026", hours: 2159 });
    expect(q1.previous).toMatchObject({ start: "2025-10-01T04:00:00.000Z", end: "2026-01-01T05:00:00.000Z", label: "Q4 2025" });
    const akl = resolveReportPeriod(AKL, "quarterly", at("2026-07-15T00:00:00Z"));
    expect(akl.current).toEqual({ start: "2026-03-31T11:00:00.000Z", end: "2026-06-30T12:00:00.000Z", label: "Q2 2026", hours: 2185 });
  });
});

describe("the period containing a date", () => {
  it("gives that complete period and its previous one", () => {
    const p = resolveReportPeriod(LON, "monthly", at("2026-12-01T00:00:00Z"), { containing: "2026-10-14" });
    expect(p.current.label).toBe("October 2026");
    expect(p.current.hours).toBe(745);
    expect(p.previous.label).toBe("September 2026");
    const w = resolveReportPeriod(NY, "weekly", at("2026-12-01T00:00:00Z"), { containing: "2026-11-01" }); // a Sunday
    expect(w.current.label).toBe("Week of 26 Oct 2026");
    const q = resolveReportPeriod(AKL, "quarterly", at("2026-12-01T00:00:00Z"), { containing: "2026-09-30" });
    expect(q.current.label).toBe("Q3 2026");
    // Complete exactly at its end.
    expect(resolveReportPeriod(LON, "daily", at("2026-10-26T00:00:00Z"), { containing: "2026-10-25" }).current.hours).toBe(25);
  });

  it("refuses a period that is not complete yet, or a date that is not one", () => {
    const open = fieldsOf(() => resolveReportPeriod(LON, "monthly", at("2026-11-25T00:00:00Z"), { containing: "2026-11-20" }));
    expect(open.paths).toEqual(["period_containing"]);
    expect(open.message).toContain("not complete yet");
    expect(open.message).toContain("November 2026");
    expect(fieldsOf(() => resolveReportPeriod(LON, "daily", at("2026-10-25T23:59:59Z"), { containing: "2026-10-25" })).paths).toEqual(["period_containing"]);
    for (const bad of ["2026-02-30", "2026-13-01", "14/10/2026", "2026-10-14T00:00:00Z", "soon"]) {
      expect(fieldsOf(() => resolveReportPeriod(LON, "monthly", at("2026-12-01T00:00:00Z"), { containing: bad })).paths).toEqual(["period_containing"]);
    }
  });
});

describe("custom ranges", () => {
  const now = at("2026-11-03T14:20:00Z"); // GMT in London
  const custom = (choice: ReportPeriodChoice, zone = LON) => resolveReportPeriod(zone, "custom", now, choice);

  it("local dates are local midnights; the label shows the last day included; the previous is the equal span before", () => {
    const p = custom({ start: "2026-10-01", end: "2026-10-16" });
    expect(p.current).toEqual({ start: "2026-09-30T23:00:00.000Z", end: "2026-10-15T23:00:00.000Z", label: "1 Oct – 15 Oct 2026", hours: 360 });
    expect(p.previous).toEqual({ start: "2026-09-15T23:00:00.000Z", end: "2026-09-30T23:00:00.000Z", label: "16 Sep – 30 Sep 2026", hours: 360 });
    expect(custom({ start: "2026-10-25", end: "2026-10-26" }).current).toMatchObject({ label: "25 Oct 2026", hours: 25 });
    expect(custom({ start: "2025-12-20", end: "2026-01-06" }).current.label).toBe("20 Dec 2025 – 5 Jan 2026");
  });

  it("ISO instants with an offset move up to whole local hours and are labelled with times", () => {
    const p = custom({ start: "2026-10-01T10:30:00+01:00", end: "2026-10-02T09:00:00Z" });
    expect(p.current).toEqual({ start: "2026-10-01T10:00:00.000Z", end: "2026-10-02T09:00:00.000Z", label: "1 Oct 2026 11:00 – 2 Oct 2026 10:00", hours: 23 });
    expect(p.previous.end).toBe(p.current.start);
    // Kolkata (+05:30): local hours are half-hours of UTC.
    const k = custom({ start: "2026-10-01T00:10:00Z", end: "2026-10-01T03:00:00Z" }, "Asia/Kolkata");
    expect(k.current).toMatchObject({ start: "2026-10-01T00:30:00.000Z", end: "2026-10-01T03:30:00.000Z", hours: 3 });
  });

  it("may end in the current local hour, not after it", () => {
    expect(custom({ start: "2026-11-03", end: "2026-11-03T15:00:00Z" }).current.hours).toBe(15);
    const future = fieldsOf(() => custom({ start: "2026-11-03", end: "2026-11-03T15:00:01Z" }));
    expect(future.paths).toEqual(["end"]);
    expect(future.message).toContain("in the future");
    expect(future.message).toContain("2026-11-03 15:00 (Europe/London)");
    expect(fieldsOf(() => custom({ start: "2026-11-01", end: "2026-11-04" })).paths).toEqual(["end"]);
    expect(fieldsOf(() => custom({ start: "2027-01-01", end: "2027-02-01" })).message).toContain("future");
  });

  it("allows 366 days and refuses longer", () => {
    expect(custom({ start: "2025-01-01", end: "2026-01-02" }).current.hours).toBe(366 * 24);
    const long = fieldsOf(() => custom({ start: "2025-01-01", end: "2026-01-03" }));
    expect(long.paths).toEqual(["end"]);
    expect(long.message).toContain("366 days");
  });

  it("names the field of each bad input", () => {
    expect(fieldsOf(() => custom({})).paths).toEqual(["start", "end"]);
    expect(fieldsOf(() => custom({ start: "2026-10-01" })).paths).toEqual(["end"]);
    expect(fieldsOf(() => custom({ end: "2026-10-01" })).paths).toEqual(["start"]);
    for (const bad of ["yesterday", "2026-13-01", "2026-10-01T00:00:00", "2026-10-01 00:00Z", "1 Oct 2026"]) {
      expect(fieldsOf(() => custom({ start: bad, end: "2026-10-10" })).paths).toEqual(["start"]);
      expect(fieldsOf(() => custom({ start: "2026-10-01", end: bad })).paths).toEqual(["end"]);
    }
    const reversed = fieldsOf(() => custom({ start: "2026-10-10", end: "2026-10-01" }));
    expect(reversed.paths).toEqual(["end"]);
    expect(reversed.message).toContain("reversed");
    const empty = fieldsOf(() => custom({ start: "2026-10-10", end: "2026-10-10" }));
    expect(empty.paths).toEqual(["end"]);
    expect(empty.message).toContain("empty");
    // Inside one local hour: nothing left once both ends move up to the hour.
    expect(fieldsOf(() => custom({ start: "2026-10-01T10:10:00Z", end: "2026-10-01T10:20:00Z" })).message).toContain("empty");
    expect(fieldsOf(() => custom({ start: "2026-10-01", end: "2026-10-02", containing: "2026-10-01" })).paths).toEqual(["period_containing"]);
  });

  it("start and end belong to custom reports; unknown types are refused", () => {
    expect(fieldsOf(() => resolveReportPeriod(LON, "monthly", now, { start: "2026-10-01" })).paths).toEqual(["start"]);
    expect(fieldsOf(() => resolveReportPeriod(LON, "weekly", now, { start: "2026-10-01", end: "2026-10-08" })).paths).toEqual(["start", "end"]);
    expect(fieldsOf(() => resolveReportPeriod(LON, "yearly" as ReportType, now)).paths).toEqual(["report_type"]);
    expect(fieldsOf(() => resolveReportPeriod("Mars/Olympus", "daily", now)).paths).toEqual(["time_zone"]);
  });
});
