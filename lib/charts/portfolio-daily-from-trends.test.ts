import { describe, expect, it } from "vitest";
import { clientsReporting, portfolioDailyFromTrends } from "./portfolio-daily-from-trends";
import { volumeChartOption } from "./portfolio-metrics-chart-options";

const trends = {
  days: [{ date: "2026-12-01" }, { date: "2026-12-02" }, { date: "2026-12-03" }],
  clients: [
    { client_id: "a", client_name: "Alpha", automations: [10, 0, 4], successful_automations: [9, 0, 4], failed_automations: [1, 0, 0], success_rate: [90, null, 100], reported: [true, true, true] },
    { client_id: "b", client_name: "Beta", automations: [0, 0, 7], successful_automations: [0, 0, 6], failed_automations: [0, 0, 1], success_rate: [null, null, 85.71], reported: [false, false, true] },
  ],
};

describe("portfolioDailyFromTrends", () => {
  it("keeps every date as the axis, reported days with exact counts, and unreported days as gaps", () => {
    expect(portfolioDailyFromTrends(trends)).toEqual({
      dates: ["2026-12-01", "2026-12-02", "2026-12-03"],
      clients: [
        {
          client_id: "a",
          client_name: "Alpha",
          days: [
            { date: "2026-12-01", total_automations: 10, successful_automations: 9, failed_automations: 1 },
            // Reported with no automations: a zero, not a gap.
            { date: "2026-12-02", total_automations: 0, successful_automations: 0, failed_automations: 0 },
            { date: "2026-12-03", total_automations: 4, successful_automations: 4, failed_automations: 0 },
          ],
        },
        { client_id: "b", client_name: "Beta", days: [{ date: "2026-12-03", total_automations: 7, successful_automations: 6, failed_automations: 1 }] },
      ],
    });
  });

  it("feeds the volume chart: Beta's unreported days are null, not 0", () => {
    const { option, empty } = volumeChartOption(portfolioDailyFromTrends(trends), "light");
    expect(empty).toBe(false);
    expect(option.series.find((s) => s.name === "Beta")!.data).toEqual([null, null, 7]);
    expect(option.series.find((s) => s.name === "Alpha")!.data).toEqual([10, 0, 4]);
  });

  it("counts the clients that reported", () => {
    expect(clientsReporting(trends)).toBe(2);
    expect(clientsReporting({ ...trends, clients: [{ ...trends.clients[1]!, reported: [false, false, false] }] })).toBe(0);
  });
});
