// The dashboard's automation section (issue #10): portfolio cards and the 30-day volume and
// success-rate charts drawn from metrics pushed through the public REST endpoint
// (POST /api/ingest/metrics with the setup's read & write API key), per client on hover; the
// empty state; and screenshots (light + dark, desktop 1440×900 + phone 390×844) to look at.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { MCP_KEY_FILE, uniqueId } from "./support/accounts";

const DAY = 86_400_000;
const clientId = uniqueId("e2e-metrics");
const clientName = `Meridian Freight ${clientId.slice(-4)}`;
let todayTotal = 0;

test.beforeAll(async ({ request }) => {
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: clientName,
      // UTC: its days are the chart's dates.
      systems: [
        { name: "Dispatch", health_url: `https://${clientId}.example.com/health` },
        { name: "Invoicing", health_url: `https://${clientId}.example.com/invoicing/health` },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  const key = readFileSync(MCP_KEY_FILE, "utf8").trim();
  const push = async (system: string, start: number, end: number, total: number, failed: number) => {
    const res = await request.post("/api/ingest/metrics", {
      headers: { authorization: `Bearer ${key}` },
      data: {
        client_id: clientId,
        system,
        period: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
        total_automations: total,
        successful_automations: total - failed,
        failed_automations: failed,
        total_processing_time: total * 1.5,
        cost_savings: total * 0.25,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  };
  // Six whole UTC days before today, large enough to be the top series among any other clients.
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  for (let d = 6; d >= 1; d--) {
    await push("Dispatch", midnight - d * DAY, midnight - (d - 1) * DAY, 40_000 + d * 1_000, 400 + d * 150);
    await push("Invoicing", midnight - d * DAY, midnight - (d - 1) * DAY, 8_000, 80);
  }
  // Today so far (up to a minute ago): today's cards count it.
  const end = Math.floor((Date.now() - 60_000) / 60_000) * 60_000;
  if (end > midnight) {
    todayTotal = 25_000;
    await push("Dispatch", midnight, end, todayTotal, 500);
  }
});

async function openSection(page: Page) {
  await page.goto("/");
  const section = page.getByTestId("portfolio-metrics");
  await expect(section.getByRole("heading", { level: 2, name: "Automations" })).toBeVisible();
  return section;
}

test("the cards and both 30-day charts draw from pushed metrics, per client on hover", async ({ page }) => {
  const section = await openSection(page);
  // Status comes first: the status cards and the clients table precede the automation section.
  const order = await page.evaluate(() =>
    ["status-card-healthy", "client-row", "portfolio-metrics"].map((id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? -1),
  );
  expect(order[0]).toBeLessThan(order[1]!);
  expect(order[1]).toBeLessThan(order[2]!);

  // Cards: figures with what they cover.
  if (todayTotal > 0) {
    const today = Number((await section.getByTestId("card-automations-today-value").innerText()).replace(/,/g, ""));
    expect(today).toBeGreaterThanOrEqual(todayTotal);
    await expect(section.getByTestId("card-success-today-value")).toHaveText(/^\d+(\.\d+)?%$/);
  }
  await expect(section.getByTestId("card-automations-today-coverage")).toHaveText(/^\d+ of \d+ clients? ran automations today \(each client's own day\)$/);
  await expect(section.getByTestId("card-cost-savings-coverage")).toHaveText(/so far, each client's time zone · \d+ of \d+ systems? reporting$/);
  await expect(section.getByTestId("card-cost-savings")).toContainText("$");
  await expect(section.getByTestId("card-watch-coverage")).toHaveText(/^\d+ stalled now · \d+ declining \(30 days vs the 30 before\)$/);

  // Volume chart: a canvas, its coverage, and on hover the day's split per client.
  const volume = section.getByTestId("volume-chart");
  await expect(volume.getByTestId("volume-chart-coverage")).toHaveText(/^Last 30 days, each client's own days · \d+ of \d+ clients? reporting$/);
  const volumeCanvas = volume.getByTestId("volume-chart-canvas");
  await expect(volumeCanvas).toHaveAttribute("aria-label", /Automation volume per day, last 30 days: [\d,]+ automations/);
  await expect(volumeCanvas.locator("canvas")).toBeVisible();
  await hoverDay(page, volumeCanvas, 2);
  await expect(volumeCanvas).toContainText(clientName);
  await expect(volumeCanvas).toContainText("Total");

  // The total view still splits the day per client on hover; the toggle is a real button (keyboard).
  const total = volume.getByRole("button", { name: "Total" });
  await total.focus();
  await page.keyboard.press("Enter");
  await expect(total).toHaveAttribute("aria-pressed", "true");
  await hoverDay(page, volumeCanvas, 3);
  await expect(volumeCanvas).toContainText(clientName);

  // Success rate: a line per client; the hover states the counts behind each rate.
  const success = section.getByTestId("success-chart-canvas");
  await expect(success.locator("canvas")).toBeVisible();
  await hoverDay(page, success, 2);
  await expect(success).toContainText(clientName);
  await expect(success).toContainText(/\d+(\.\d+)?% \([\d,]+ of [\d,]+\)/);
});

/** Hovers the chart over the day `daysAgo` before today (30 categories, today last). */
async function hoverDay(page: Page, chart: ReturnType<Page["getByTestId"]>, daysAgo: number) {
  // The mouse only reaches what is inside the viewport: the section sits below the clients table.
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + 1);
  // The grid spans most of the width; the category centre is found by scanning near the right end.
  for (let f = 0.97; f > 0.55; f -= 0.01) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.55);
    const text = await chart.innerText();
    const day = new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY);
    const label = `${day.getUTCDate()} ${day.toLocaleString("en-US", { month: "short", timeZone: "UTC" })} ${day.getUTCFullYear()}`;
    if (text.includes(label)) return;
  }
  throw new Error(`no tooltip for ${daysAgo} days ago`);
}

test("before any system reports metrics: one calm sentence, not empty axes", async ({ page }) => {
  // Other specs (the demo workspace, this file) have pushed metrics into the one shared
  // database: the trends answer is taken from the server and stripped of its automations, so
  // the page sees a workspace where no system has reported yet.
  await page.route((url) => url.pathname === "/api/system/trends", async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    body.clients = [];
    for (const d of body.days) Object.assign(d, { automations: 0, successful_automations: 0, success_rate: null, automations_covered_share: 0 });
    await route.fulfill({ response: res, json: body });
  });
  const section = await openSection(page);
  const empty = section.getByTestId("portfolio-metrics-empty");
  await expect(empty.getByRole("heading", { name: "No automation metrics yet" })).toBeVisible();
  await expect(empty).toContainText("metrics URL");
  await expect(empty).toContainText("POST /api/ingest/metrics");
  await expect(section.getByTestId("volume-chart")).toHaveCount(0);
  await expect(section.getByTestId("portfolio-cards")).toHaveCount(0);
});

const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
for (const theme of ["light", "dark"] as const) {
  for (const device of ["desktop", "phone"] as const) {
    test(`screenshot · automations · ${theme} · ${device}`, async ({ page }) => {
      await page.setViewportSize(SIZES[device]);
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
      const section = await openSection(page);
      await expect(section.getByTestId("volume-chart-canvas").locator("canvas")).toBeVisible();
      await expect(section.getByTestId("success-chart-canvas").locator("canvas")).toBeVisible();
      await page.waitForTimeout(600); // ECharts' first draw
      // The whole page: the status overview comes first, the automation section after the table.
      await page.screenshot({ path: `e2e/screenshots/dashboard-metrics-${theme}-${device}.png`, fullPage: true, animations: "disabled" });
      if (device === "phone") {
        // No sideways scrolling on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIZES.phone.width);
      }
    });
  }
}
