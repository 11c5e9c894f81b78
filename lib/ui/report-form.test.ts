import { describe, expect, it } from "vitest";
import { generateReportInputSchema } from "@/lib/reports/schemas";
import { generateReportInputFromForm } from "./report-form";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("generateReportInputFromForm", () => {
  it("a ticked checkbox is true, an absent one false; blank dates are left out", () => {
    expect(generateReportInputFromForm(form({ client_id: "acme", report_type: "monthly", include_recommendations: "on", start: "", end: " ", period_containing: "" }))).toEqual({
      client_id: "acme",
      report_type: "monthly",
      include_recommendations: true,
    });
    expect(generateReportInputFromForm(form({ client_id: "acme", report_type: "monthly" })).include_recommendations).toBe(false);
  });

  it("a custom range passes start and end as typed, and the verb's schema accepts it", () => {
    const input = generateReportInputFromForm(form({ client_id: "acme", report_type: "custom", start: "2026-10-01", end: "2026-10-16" }));
    expect(input).toEqual({ client_id: "acme", report_type: "custom", include_recommendations: false, start: "2026-10-01", end: "2026-10-16" });
    expect(generateReportInputSchema.safeParse(input).success).toBe(true);
  });

  it("what the verb refuses it names by the form's field", () => {
    const result = generateReportInputSchema.safeParse(generateReportInputFromForm(form({ client_id: "acme", report_type: "yearly", start: "2026-10-01" })));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["report_type"]);
  });
});
