// The status-first client page (issue #9 item 4): status with the attention flags and the SLA
// standing first, then the systems as rows (worst first), then the history, whose chart opens on
// the worst system; on a phone the status and the troubled system are on the first screen; focus
// lands on the page's h1 after navigating from the dashboard. Then screenshots to LOOK at.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { uniqueId } from "./support/accounts";

const THEMES = ["light", "dark"] as const;
const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/**
 * Three systems on this very server (loopback is allow-listed for the e2e server): one healthy
 * (the demo fleet), one down (a 404), one refused by the network policy (a private address:
 * misconfigured, not down). Listed healthy first, so "worst first" is the page's doing.
 */
async function troubledClient(request: APIRequestContext, baseURL: string | undefined, name: string): Promise<string> {
  const clientId = uniqueId("e2e-status");
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: name,
      industry: "Logistics",
      sla_target: 99.5,
      systems: [
        { name: "Lead routing", health_url: `${baseURL}/api/demo/fleet/tnt-limousine-001/lead-processing/health`, confirmations: 1 },
        { name: "Order intake", health_url: `${baseURL}/api/demo/fleet/no-such-client/no-such-system/health`, confirmations: 1 },
        { name: "Depot gateway", health_url: "http://10.0.0.5/health", confirmations: 1 },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const checked = await request.post(`/api/clients/${clientId}/check`);
  expect(checked.status()).toBe(200);
  return clientId;
}

/** The vertical order of elements on the page (document order, which is also the visual order here). */
async function precedes(page: Page, first: string, second: string): Promise<boolean> {
  return page.evaluate(
    ([a, b]) => {
      const x = document.querySelector(`[data-testid="${a}"]`);
      const y = document.querySelector(`[data-testid="${b}"]`);
      return Boolean(x && y && x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
    },
    [first, second] as const,
  );
}

test("status first: flags and SLA, then systems worst first, then history opened on the worst system", async ({ page, request, baseURL }) => {
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  const clientId = await troubledClient(request, baseURL, "Status First Freight");
  await page.setViewportSize(DEVICES.desktop);
  await page.goto(`/clients/${clientId}`);

  // Order: status, then systems, then history, then what is coming.
  expect(await precedes(page, "client-status", "client-systems")).toBe(true);
  expect(await precedes(page, "client-systems", "system-history")).toBe(true);
  expect(await precedes(page, "system-history", "coming-performance")).toBe(true);

  // Status: the troubled systems with their reason and since when, the SLA standing.
  const status = page.getByTestId("client-status");
  await expect(status.getByRole("heading", { level: 2 })).toHaveText("Status: 2 of 3 systems need attention");
  const flags = status.getByTestId("attention-flag");
  await expect(flags.filter({ hasText: "Order intake" })).toContainText(/Down\s*Order intake: HTTP 404 · since \d+ \w{3} \d{4}, \d\d:\d\d UTC/);
  await expect(flags.filter({ hasText: "Depot gateway" })).toContainText("Misconfigured");
  await expect(flags.filter({ hasText: "Depot gateway" })).toContainText("blocked by network policy");
  await expect(status.getByTestId("sla-standing")).toContainText("target 99.5%");

  // Systems: worst first (down, then the refused one, then healthy), each with its reason, never cut.
  const rows = page.getByTestId("system-card");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByRole("heading", { level: 3 })).toHaveText("Order intake");
  await expect(rows.nth(1).getByRole("heading", { level: 3 })).toHaveText("Depot gateway");
  await expect(rows.nth(2).getByRole("heading", { level: 3 })).toHaveText("Lead routing");
  await expect(rows.nth(0).getByTestId("system-reason")).toContainText("HTTP 404");
  await expect(rows.nth(0).getByTestId("system-figures")).toContainText(/Uptime 24 h/);
  await expect(rows.nth(0).getByRole("group", { name: /^Order intake: Uptime/ })).toBeVisible();
  await expect(rows.nth(1).getByTestId("policy-block")).toBeVisible();
  await expect(rows.nth(1)).not.toContainText("Down");

  // URLs and settings behind a keyboard-operable disclosure; Edit stays reachable.
  const first = rows.nth(0);
  const details = first.getByRole("button", { name: "Details of Order intake" });
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await expect(first.getByTestId("system-details")).toBeHidden();
  await details.focus();
  await page.keyboard.press("Enter");
  await expect(details).toHaveAttribute("aria-expanded", "true");
  await expect(first.getByTestId("system-details")).toBeVisible();
  await expect(first.getByTestId("system-details")).toContainText("/api/demo/fleet/no-such-client/no-such-system/health");
  await expect(first.getByTestId("stat-confirm")).toHaveText(/1 check/);
  await page.keyboard.press("Space");
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await expect(first.getByRole("button", { name: "Edit Order intake" })).toBeVisible();

  // History: the chart opens on the worst system; 1 h and 6 h for young systems.
  const chart = page.getByTestId("latency-chart");
  await expect(chart).toHaveAttribute("data-system", "Order intake");
  await expect(chart.getByLabel("System")).toHaveValue("Order intake");
  for (const timeframe of ["1h", "6h"]) {
    await chart.getByRole("button", { name: timeframe }).click();
    await expect(chart.getByRole("button", { name: timeframe })).toHaveAttribute("aria-pressed", "true");
    await expect(chart.getByTestId("latency-stats")).toContainText(`Uptime ${timeframe}`);
  }
  await expect(page.getByTestId("state-change-list")).toContainText("HTTP 404");

  // What the next capabilities fill: said plainly, no empty lists.
  // No metrics URL and nothing pushed: the performance section is one line saying how to start.
  await expect(page.getByTestId("coming-performance")).toContainText("No metrics yet");
  await expect(page.getByTestId("client-performance")).toHaveCount(0);
  await expect(page.getByTestId("client-alerts")).toContainText("Recent alerts and incidents");
  // Reports are built (issue #12): the section lists this client's reports and schedules.
  await expect(page.getByTestId("client-reports")).toContainText("No reports for this client yet");

  // Headings in order: one h1, then h2s and h3s without skipping a level.
  const levels = await page.locator("main").locator("h1, h2, h3, h4").evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))));
  expect(levels[0]).toBe(1);
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);

  expect(consoleErrors, "no console errors").toEqual([]);
});

test("phone: the status and the troubled system are on the first screen, and the page is short", async ({ page, request, baseURL }) => {
  const clientId = await troubledClient(request, baseURL, "Pocket Freight");
  await page.setViewportSize(DEVICES.phone);
  await page.goto(`/clients/${clientId}`);
  const within = async (locator: ReturnType<Page["locator"]>) => {
    const box = await locator.boundingBox();
    expect(box, "laid out").not.toBeNull();
    return box!.y + box!.height;
  };
  await expect(page.getByTestId("client-status")).toBeVisible();
  expect(await within(page.getByTestId("client-status").getByTestId("attention-flag").filter({ hasText: "Order intake" }))).toBeLessThanOrEqual(DEVICES.phone.height);
  expect(await within(page.getByTestId("system-card").first().getByRole("heading", { level: 3, name: "Order intake" }))).toBeLessThanOrEqual(DEVICES.phone.height);
  // Nothing overflows the phone's width; the page stays well under the 4,700 px of the old
  // layout (2,951 px before the alert rules, recent alerts and maintenance sections: 3,423 px with
  // them; 3,598 px with the reports section, trimmed on phones to its latest reports and buttons).
  const size = await page.evaluate(() => ({ overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  console.log(`[client page] phone height with 3 systems: ${size.height} px`);
  expect(size.overflow).toBeLessThanOrEqual(0);
  expect(size.height).toBeLessThan(3900);
});

test("focus lands on the client page's h1 after navigating from the dashboard", async ({ page, request, baseURL }) => {
  const name = "Focus Landing Freight";
  const clientId = await troubledClient(request, baseURL, name);
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search clients" }).fill(clientId);
  await page.getByTestId("client-row").filter({ hasText: clientId }).getByRole("link", { name: `Open ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeFocused();
});

test.describe("screenshots", () => {
  for (const theme of THEMES) {
    for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
      test(`client page · ${theme} · ${device}`, async ({ page, request, baseURL }) => {
        const clientId = await troubledClient(request, baseURL, "Atlas Freight Services");
        await page.setViewportSize(DEVICES[device]);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
        await page.goto(`/clients/${clientId}`);
        if (theme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
        await expect(page.getByTestId("latency-canvas").locator("canvas").first()).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        // The first screen as it opens, then the whole page.
        await page.screenshot({ path: `e2e/screenshots/client-status-${theme}-${device}-first.png`, animations: "disabled" });
        await page.screenshot({ path: `e2e/screenshots/client-status-${theme}-${device}.png`, fullPage: true, animations: "disabled" });
        console.log(`[client page] ${theme} ${device}: ${await page.evaluate(() => document.documentElement.scrollHeight)} px tall`);
      });
    }
  }
});
