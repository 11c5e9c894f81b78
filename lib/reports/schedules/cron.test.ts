// Schedule times: the cron checks (five fields, croner, at most hourly, fires at all), next runs
// in the client's zone across DST changes, the catch-up rule, and the schedule in words.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEDULE_CRON } from "../contracts";
import { checkCron, describeCron, latestDueRun, nextRunAfter } from "./cron";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-10-20T12:00:00Z");
const err = (expr: string, zone = "UTC") => {
  const r = checkCron(expr, zone, NOW);
  return r.ok ? "ok" : r.message;
};

describe("checkCron", () => {
  it("accepts the defaults and hourly schedules, normalising spaces", () => {
    for (const expr of Object.values(DEFAULT_SCHEDULE_CRON)) expect(err(expr, "Europe/London")).toBe("ok");
    expect(err("15 * * * *")).toBe("ok");
    expect(checkCron("  0  9 * *   1 ", "UTC", NOW)).toEqual({ ok: true, cron: "0 9 * * 1" });
  });
  it("refuses more than one run an hour, naming the minute field", () => {
    expect(err("*/5 * * * *")).toMatch(/more than once an hour \(minute field "\*\/5"\)/);
    expect(err("* 9 * * *")).toMatch(/more than once an hour/);
    expect(err("0,30 9 * * 1")).toMatch(/more than once an hour/);
  });
  it("refuses the wrong number of fields, invalid values and crons that never fire", () => {
    expect(err("0 0 9 * * 1")).toMatch(/five fields.*got 6/);
    expect(err("weekly")).toMatch(/five fields.*got 1/);
    expect(err("61 9 * * *")).toMatch(/not a valid cron expression: .*minute/);
    expect(err("0 9 * * 8")).toMatch(/not a valid cron expression/);
    expect(err("0 9 31 2 *")).toMatch(/never fires/);
    expect(err("0 9 * * 1", "Mars/Olympus_Mons")).toMatch(/time zone "Mars\/Olympus_Mons" is not one this server knows/);
  });
});

describe("next runs in the client's zone", () => {
  it("weekly Monday 09:00 in London is 08:00 UTC in summer time and 09:00 UTC after the October change", () => {
    // Clocks go back on Sunday 25 October 2026.
    expect(nextRunAfter("0 9 * * 1", "Europe/London", at("2026-10-14T00:00:00Z"))).toEqual(at("2026-10-19T08:00:00Z"));
    expect(nextRunAfter("0 9 * * 1", "Europe/London", at("2026-10-19T08:00:00Z"))).toEqual(at("2026-10-26T09:00:00Z"));
    // …and back to 08:00 UTC after the March change (29 March 2027).
    expect(nextRunAfter("0 9 * * 1", "Europe/London", at("2027-03-23T00:00:00Z"))).toEqual(at("2027-03-29T08:00:00Z"));
  });
  it("a time in New York's spring-forward gap runs at the first valid time after it, once; a repeated hour at fall-back runs once", () => {
    // 8 March 2026: 02:00 → 03:00 EDT. 02:30 does not exist that day.
    expect(nextRunAfter("30 2 * * *", "America/New_York", at("2026-03-07T12:00:00Z"))).toEqual(at("2026-03-08T07:00:00Z"));
    expect(nextRunAfter("30 2 * * *", "America/New_York", at("2026-03-08T07:00:00Z"))).toEqual(at("2026-03-09T06:30:00Z"));
    // 1 November 2026: 01:30 happens twice; the report is sent once (the first).
    const first = nextRunAfter("30 1 * * *", "America/New_York", at("2026-10-31T12:00:00Z"))!;
    expect(first).toEqual(at("2026-11-01T05:30:00Z"));
    expect(nextRunAfter("30 1 * * *", "America/New_York", first)).toEqual(at("2026-11-02T06:30:00Z"));
  });
  it("monthly on the 1st and quarterly follow the zone (Auckland is ahead of UTC)", () => {
    expect(nextRunAfter("0 9 1 * *", "Pacific/Auckland", at("2026-10-15T00:00:00Z"))).toEqual(at("2026-10-31T20:00:00Z"));
    expect(nextRunAfter(DEFAULT_SCHEDULE_CRON.quarterly, "UTC", at("2026-10-15T00:00:00Z"))).toEqual(at("2027-01-01T09:00:00Z"));
  });
});

describe("latestDueRun (missed runs: only the most recent is sent)", () => {
  it("on time: the due run itself", () => {
    expect(latestDueRun("0 9 * * 1", "UTC", at("2026-10-19T09:00:00Z"), at("2026-10-19T09:00:30Z"))).toEqual({ at: at("2026-10-19T09:00:00Z"), skipped: 0 });
  });
  it("four Mondays missed (down three weeks): the latest is sent, the three before it skipped", () => {
    expect(latestDueRun("0 9 * * 1", "Europe/London", at("2026-09-28T08:00:00Z"), at("2026-10-20T12:00:00Z"))).toEqual({ at: at("2026-10-19T08:00:00Z"), skipped: 3 });
  });
});

describe("describeCron", () => {
  it.each([
    ["0 9 * * 1", "Europe/London", "Weekly on Monday at 09:00 (Europe/London)"],
    ["0 8 * * *", "UTC", "Daily at 08:00 (UTC)"],
    ["0 9 1 * *", "America/New_York", "Monthly on the 1st at 09:00 (America/New_York)"],
    ["0 9 1 1,4,7,10 *", "UTC", "Quarterly on the 1st of January, April, July and October at 09:00 (UTC)"],
    ["30 7 * * 1-5", "UTC", "Weekly on weekdays (Monday to Friday) at 07:30 (UTC)"],
    ["0 9 * * mon,thu", "UTC", "Weekly on Monday and Thursday at 09:00 (UTC)"],
    ["0 18 L * *", "UTC", "Monthly on the last day at 18:00 (UTC)"],
    ["0 9 22 12 *", "UTC", "Yearly on the 22nd of December at 09:00 (UTC)"],
    ["15 * * * *", "UTC", "Every hour at minute 15 (UTC)"],
    ["0 9,17 * * *", "UTC", "Daily at 09:00 and 17:00 (UTC)"],
    ["0 9 */2 * *", "UTC", 'On cron "0 9 */2 * *" (UTC)'],
  ])("%s in %s: %s", (expr, zone, words) => {
    expect(describeCron(expr, zone)).toBe(words);
  });
});
