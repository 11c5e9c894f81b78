// The scheduled report's email text, from a stored document: subject, the key figures in words,
// an honest line when there is no data, the agency's name, and user text escaped in the HTML.
import { describe, expect, it } from "vitest";
import { emptyReportDocument, sampleBranding, sampleReportDocument } from "../test-fixtures";
import { renderReportEmail } from "./report-email";

describe("renderReportEmail", () => {
  it("subject, headline, health, uptime against the SLA, automations and savings, the attachment line, the agency", () => {
    const doc = sampleReportDocument();
    const email = renderReportEmail(doc, sampleBranding, "acme-2026-10-monthly.pdf");
    expect(email.subject).toBe("Acme Logistics — October 2026 monthly report");
    expect(email.text).toContain(doc.executive_summary.headline);
    expect(email.text).toContain("Overall health: Degraded");
    expect(email.text).toMatch(new RegExp(`Uptime: ${String(doc.system_health.uptime_summary).replace(".", "\\.")} % against a 99\\.5 % target \\(met\\)`));
    expect(email.text).toMatch(/Automations: 12,400 run, \d+\.\d{2} % successful/);
    expect(email.text).toMatch(/Savings: €18,250\.40 saved/);
    expect(email.text).toContain("The full report is attached as a PDF (acme-2026-10-monthly.pdf).");
    expect(email.text).toContain("— Northwind Automation · Northwind Automation · hello@northwind.test");
    expect(email.html).toContain("color:#0f766e");
    expect(email.html).toContain("Northwind Automation");
  });

  it("a period without data says so instead of showing zeros", () => {
    const email = renderReportEmail(emptyReportDocument(), sampleBranding, "x.pdf");
    expect(email.text).toMatch(/Uptime: no monitoring data in this period/);
    expect(email.text).toMatch(/Automations: no automation metrics were reported in this period/);
    expect(email.text).not.toMatch(/Savings/);
  });

  it("user text is escaped in the HTML, and the subject stays one line", () => {
    const doc = sampleReportDocument({ report_metadata: { client_name: "Evil <script>alert(1)</script>\nCorp" } });
    const email = renderReportEmail(doc, { ...sampleBranding, agency_name: 'A "B" & <C>', accent_color: "red;background:url(x)" }, "x.pdf");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("Evil &lt;script&gt;");
    expect(email.html).toContain("A &quot;B&quot; &amp; &lt;C&gt;");
    expect(email.html).not.toContain("url(x)");
    expect(email.subject).not.toMatch(/\n/);
  });
});
