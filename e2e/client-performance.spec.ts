// The client page's performance section (issue #10 item 6): metrics pushed through
// POST /api/ingest/metrics with an API key, then the timeframe selector changes the chart and
// the headline figures, the metric tabs switch the chart, the ROI shows the hourly rate, the
// last pulls show a rejected push with its validation message; screenshots light and dark,
// desktop and phone, to look at.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { MCP_KEY_FILE, uniqueId } from "./support/accounts";

const HOUR = 3_600_000;
const clientId = uniqueId("perf");

test.beforeAll(async ({ request, baseURL }) => {
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: "Northwind Dispatch",
      systems: [
        { name: "Lead routing", health_url: `${baseURL}/api/demo/fleet/tnt-limousine-001/lead-processing/health` },
        { name: "Billing", health_url: `${baseURL}/api/demo/fleet/tnt-limousine-001/billing/health` },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const headers = { authorization: `Bearer ${readFileSync(MCP_KEY_FILE, "utf8").trim()}` };
  const push = (system: string, start: number, total: number, successful: number) =>
    request.post("/api/ingest/metrics", {
      headers,
      data: {
        client_id: clientId,
        system,
        period: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
        total_automations: total,
        successful_automations: successful,
        failed_automations: Math.max(0, total - successful),
        total_processing_time: total * 2.5,
        cost_savings: total * 1.25,
        efficiency_gains: { time_saved_hours: total / 20 },
      },
    });
  const lastHour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  // The last 12 hours: 40 an hour; and one hour on each of the 5 days before: 400 each.
  for (let h = 1; h <= 12; h++) expect((await push("Lead routing", lastHour - h * HOUR, 40, 38)).status()).toBe(201);
  for (let d = 2; d <= 6; d++) expect((await push("Lead routing", lastHour - d * 24 * HOUR, 400, 390)).status()).toBe(201);
  expect((await push("Billing", lastHour - 3 * HOUR, 20, 20)).status()).toBe(201);
  // Numbers that do not add up: rejected, with the reason kept for the page.
  expect((await push("Billing", lastHour - 2 * HOUR, 428, 430)).status()).toBe(422);
});

async function chart(page: Page) {
  return page.getByTestId("client-performance").getByTestId("performance-chart");
}

test("the timeframe selector changes the client page's chart and figures", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/clients/${clientId}`);
  const section = page.getByTestId("client-performance");
  await expect(section.getByRole("heading", { level: 2, name: "Performance" })).toBeVisible();
  expect(await page.evaluate(() => {
    const [history, perf] = ["system-history", "client-performance"].map((id) => document.querySelector(`[data-testid="${id}"]`)!);
    return Boolean(history.compareDocumentPosition(perf) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), "the section comes after the health history").toBe(true);

  // 30 days, daily: every pushed automation counted.
  const volume = section.getByTestId("figure-volume");
  await expect(await chart(page)).toHaveAttribute("data-timeframe", "30d");
  await expect(await chart(page)).toHaveAttribute("data-buckets", "30");
  await expect(volume).toContainText("2,500"); // 12×40 + 5×400 + 20
  await expect(section.getByTestId("performance-coverage")).toContainText("2 of 2 systems reported");
  await expect(section.locator("canvas")).toHaveCount(1);

  // 24 hours, hourly: only the last 12 hours of Lead routing and Billing's hour.
  const group = section.getByRole("group", { name: "Timeframe" });
  await group.getByRole("button", { name: "24h" }).click();
  await expect(group.getByRole("button", { name: "24h" })).toHaveAttribute("aria-pressed", "true");
  await expect(await chart(page)).toHaveAttribute("data-timeframe", "24h");
  await expect(await chart(page)).toHaveAttribute("data-buckets", "24");
  await expect(volume).toContainText("500");
  await expect(volume).not.toContainText("2,500");

  // The keyboard: → from 24h chooses 7d.
  await group.getByRole("button", { name: "24h" }).press("ArrowRight");
  await expect(group.getByRole("button", { name: "7d" })).toHaveAttribute("aria-pressed", "true");
  await expect(group.getByRole("button", { name: "7d" })).toBeFocused();
  await expect(await chart(page)).toHaveAttribute("data-timeframe", "7d");
  await expect(await chart(page)).toHaveAttribute("data-buckets", "7");
  await expect(section.getByTestId("performance-csv")).toHaveAttribute("href", new RegExp(`/api/client/${clientId}/metrics\\?format=csv&start=\\d{4}-\\d\\d-\\d\\d&end=\\d{4}-\\d\\d-\\d\\d`));

  // Metric tabs.
  await section.getByRole("tab", { name: "Success rate" }).click();
  await expect(await chart(page)).toHaveAttribute("data-metric", "success_rate");
  await section.getByRole("tab", { name: "Success rate" }).press("ArrowRight");
  await expect(section.getByRole("tab", { name: "Processing time" })).toHaveAttribute("aria-selected", "true");
  await expect(await chart(page)).toHaveAttribute("data-metric", "processing_time");

  // ROI at the default rate, editable by the admin; the rejected push with its reason.
  await expect(section.getByTestId("hourly-rate")).toContainText("$25.00");
  await expect(section.getByTestId("hourly-rate").getByRole("button", { name: "Edit rate" })).toBeVisible();
  const pulls = section.getByTestId("metric-pull");
  await expect(pulls.filter({ hasText: "Rejected" }).first()).toContainText("metrics rejected: successful 430 > total 428");
  await expect(pulls.filter({ hasText: "Rejected" }).first()).toContainText("Billing");

  // The CSV download answers.
  const href = (await section.getByTestId("performance-csv").getAttribute("href"))!;
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("(all systems)");
  expect(errors).toEqual([]);
});

for (const theme of ["light", "dark"] as const) {
  for (const [device, viewport] of [["desktop", { width: 1440, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
    test(`performance screenshots · ${theme} · ${device}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
      await page.goto(`/clients/${clientId}`);
      const section = page.getByTestId("client-performance");
      await section.getByRole("group", { name: "Timeframe" }).getByRole("button", { name: "7d" }).click();
      await expect(section.getByTestId("performance-chart")).toHaveAttribute("data-timeframe", "7d");
      await expect(section.locator("canvas")).toHaveCount(1);
      await page.waitForTimeout(600); // the chart's first paint
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: `e2e/screenshots/client-performance-${theme}-${device}.png`, animations: "disabled" });
    });
  }
}
