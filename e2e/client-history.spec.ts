// The client page's history: 90-day uptime bars in the system rows (hover and keyboard tooltips),
// the response-time chart with its timeframe and system pickers, and the state-change list; then screenshots to
// LOOK at (light + dark, desktop + phone) in e2e/screenshots/ (gitignored).
import { expect, test, type Page } from "@playwright/test";
import { uniqueId } from "./support/accounts";

const THEMES = ["light", "dark"] as const;
const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 375, height: 812 } } as const;

async function checkNow(page: Page, systems: number) {
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("status").filter({ hasText: new RegExp(`Checked ${systems} systems`) })).toBeVisible();
}

test("history: uptime bars, latency chart with timeframes and systems, state changes; screenshots", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));

  const clientId = uniqueId("e2e-history");
  // The demo fleet is served by this very server (loopback is allow-listed for the e2e server).
  const fleet = `${baseURL}/api/demo/fleet/tnt-limousine-001`;
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: "History Limousines",
      systems: [
        { name: "Lead routing", health_url: `${fleet}/lead-processing/health` },
        { name: "Bookings", health_url: `${fleet}/booking-management/health` },
      ],
    },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/clients/${clientId}`);
  // The scheduler may already have made the first checks; these are more either way.
  for (let i = 0; i < 3; i++) await checkNow(page, 2);

  const history = page.getByTestId("system-history");
  await expect(history.getByRole("heading", { level: 2, name: "Health history" })).toBeVisible();

  // Uptime bars: one strip per system row, 90 days, today healthy after the checks.
  // A young system: the 90-day figure says since when it speaks (a sliver of the window), not "over 90 days".
  const systems = page.getByTestId("client-systems");
  const strip = systems.getByRole("group", { name: /^Lead routing: Uptime 100% since \d+ \w+ \d{4}, \d\d:\d\d UTC \(.+ of 90 days watched\)$/ });
  await expect(strip).toBeVisible();
  const bars = strip.getByRole("img");
  await expect(bars).toHaveCount(90);
  await expect(bars.last()).toHaveAttribute("data-status", "healthy");
  await expect(bars.last()).toHaveAccessibleName(/Healthy · 100% uptime\. No downtime, \d+ checks\./);
  await expect(systems.getByRole("group", { name: /^Bookings: Uptime/ })).toBeVisible();

  // Hover shows the day's tooltip; so does keyboard focus, and the arrow keys move between days.
  const tooltip = systems.getByTestId("uptime-tooltip");
  await bars.last().hover();
  await expect(tooltip).toContainText("Healthy · 100% uptime");
  await expect(tooltip).toContainText(/\d+ checks/);
  await page.mouse.move(0, 0);
  await expect(tooltip).toBeHidden();
  await bars.last().focus();
  await expect(tooltip).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(bars.nth(88)).toBeFocused();
  await expect(tooltip).toContainText("No data");
  // One tab stop per strip: the roving tabindex moved with the focus.
  await expect(strip.locator('[tabindex="0"]')).toHaveCount(1);
  await expect(bars.nth(88)).toHaveAttribute("tabindex", "0");
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();

  // Response-time chart: 24 h by default, then each rollup timeframe, then the other system.
  const chart = page.getByTestId("latency-chart");
  const canvas = chart.getByTestId("latency-canvas").locator("canvas").first();
  await expect(chart.getByRole("button", { name: "24h" })).toHaveAttribute("aria-pressed", "true");
  await expect(canvas).toBeVisible();
  await expect(chart.getByTestId("latency-stats")).toContainText(/Average\s*\d+ ms/);
  const described: Record<string, string> = {
    "1h": "Every check of the last hour, coloured by its result (UTC)",
    "6h": "Every check of the last 6 hours, coloured by its result (UTC)",
    "7d": "Hourly average and p95 of the last 7 days (UTC)",
    "30d": "Hourly average and p95 of the last 30 days (UTC)",
    "90d": "Daily average and p95 of the last 90 days (UTC)",
  };
  for (const timeframe of ["1h", "6h", "7d", "30d", "90d"]) {
    await chart.getByRole("button", { name: timeframe }).click();
    await expect(chart.getByRole("button", { name: timeframe })).toHaveAttribute("aria-pressed", "true");
    await expect(chart.getByRole("button", { name: "24h" })).toHaveAttribute("aria-pressed", "false");
    await expect(chart.getByText(described[timeframe]!)).toBeVisible();
    await expect(canvas).toBeVisible();
    await expect(chart.getByTestId("latency-stats")).toContainText(`Uptime ${timeframe}`);
  }
  await chart.getByRole("button", { name: "24h" }).click();
  await chart.getByLabel("System").selectOption("Bookings");
  await expect(chart.getByTestId("latency-canvas")).toHaveAccessibleName(/^Response time of Bookings over the last 24 hours/);
  await expect(canvas).toBeVisible();

  // State changes: at least each system's first confirmed state, with its reason.
  const changes = page.getByTestId("state-change-list");
  await expect(changes.getByRole("listitem").filter({ hasText: "Lead routing" }).first()).toBeVisible();
  await expect(changes.getByRole("listitem").filter({ hasText: "Bookings" }).first()).toContainText("Healthy");
  await expect(changes).toContainText("reported healthy");
  await expect(changes).toContainText("Ongoing");

  // Screenshots of the page in both themes and sizes.
  await chart.getByLabel("System").selectOption("Lead routing");
  for (const theme of THEMES) {
    for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
      await page.setViewportSize(DEVICES[device]);
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      await page.evaluate((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
      await page.reload();
      if (theme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
      await expect(page.getByTestId("latency-canvas").locator("canvas").first()).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `e2e/screenshots/client-history-${theme}-${device}.png`, fullPage: true, animations: "disabled" });
      // A close-up with today's tooltip open, as a keyboard user sees it (focus, unlike a hover,
      // survives the scrolling the element screenshot does).
      const section = page.getByTestId("client-systems");
      await section.getByRole("group", { name: /^Lead routing/ }).getByRole("img").last().focus();
      await expect(section.getByTestId("uptime-tooltip")).toBeVisible();
      await section.screenshot({ path: `e2e/screenshots/client-history-section-${theme}-${device}.png`, animations: "disabled" });
    }
  }

  expect(consoleErrors, "no console errors").toEqual([]);
});
