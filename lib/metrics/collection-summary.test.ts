import { describe, expect, it } from "vitest";
import { summarizeCollection } from "./collection-summary";

const row = (system: string, outcome: string, total: number | null, message: string | null = null) => ({
  system,
  outcome: outcome as "accepted",
  message,
  span_start: null,
  span_end: null,
  total_automations: total,
  duration_ms: 12,
});

describe("summarizeCollection", () => {
  it("counts new runs of accepted pulls and names the first failure", () => {
    expect(summarizeCollection({ client_id: "a", collected_at: "", systems: [row("A", "accepted", 1200), row("B", "nothing_due", null)] })).toEqual({
      tone: "ok",
      text: "Pulled 2 systems: 1,200 new automation runs",
    });
    expect(
      summarizeCollection({
        client_id: "a",
        collected_at: "",
        systems: [row("A", "partial", 1), row("B", "rejected", null, "metrics rejected: successful 430 > total 428"), row("C", "error", null, "metrics pull failed: HTTP 503")],
      }),
    ).toEqual({ tone: "error", text: "Pulled 3 systems: 1 new automation run; B: metrics rejected: successful 430 > total 428 (and 1 more)" });
  });
});
