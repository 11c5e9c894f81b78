// axe-core (WCAG 2 A and AA rules) on the main pages, in light and dark: the dashboard, a client
// page with systems in every state (healthy, degraded, down, misconfigured), the register form with its
// errors showing, sign-in (signed out) and settings. Zero violations; a failure lists each rule
// with the elements it found, so the fix can be found from the report alone.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { SIGNED_OUT, uniqueId } from "./support/accounts";

const THEMES = ["light", "dark"] as const;
type Theme = (typeof THEMES)[number];

const clientId = uniqueId("a11y");

test.beforeAll(async ({ request, baseURL }) => {
  const fleet = `${baseURL}/api/demo/fleet`;
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: "Accessible Dental Group",
      industry: "Healthcare",
      tags: ["a11y"],
      systems: [
        { name: "Lead processing", health_url: `${fleet}/tnt-limousine-001/lead-processing/health` },
        // Any real answer is slower than 1 ms: degraded (amber text).
        { name: "Booking", health_url: `${fleet}/tnt-limousine-001/lead-processing/health`, degraded_threshold_ms: 1, confirmations: 1 },
        // The demo fleet answers 404 for a system it does not have: down.
        { name: "Billing", health_url: `${fleet}/${clientId}/no-such-system/health` },
        // A private address this client may not reach: unknown, misconfigured, with its note.
        { name: "Depot gateway", health_url: "http://10.0.0.5/health" },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  // Every state on screen before axe looks (statuses colour their text).
  const checked = await request.post(`/api/clients/${clientId}/check`, { data: {} });
  expect(checked.status(), await checked.text()).toBe(200);
});

async function themed(page: Page, theme: Theme) {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
}

async function signedOutPage(browser: Browser, theme: Theme): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, colorScheme: theme, reducedMotion: "reduce" });
  await context.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
  return context.newPage();
}

/** Runs axe on what is on screen now and fails with a readable list of what it found. */
async function expectNoViolations(page: Page, theme: Theme, what: string) {
  if (theme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 8).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`),
  }));
  expect(found, `${what} (${theme}): ${JSON.stringify(found, null, 2)}`).toEqual([]);
  // What axe could not decide (e.g. text over a translucent layer) is listed for a human to look at.
  const undecided = results.incomplete.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
  if (undecided.length) console.log(`[axe ${what} · ${theme}] ${undecided.length} undecided: ${undecided.slice(0, 20).join(" | ")}`);
}

/** The canary: axe must see a contrast failure planted in this theme, or a clean run proves nothing. */
async function expectAxeSeesPlantedFailure(page: Page, theme: Theme) {
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.id = "axe-canary";
    p.textContent = "Low contrast canary";
    p.style.cssText = "color:#777;background:#888;position:fixed;top:0;left:0;z-index:9999";
    document.body.append(p);
  });
  const results = await new AxeBuilder({ page }).include("#axe-canary").withTags(["wcag2aa"]).analyze();
  expect(results.violations.map((v) => v.id), theme).toContain("color-contrast");
  await page.evaluate(() => document.getElementById("axe-canary")?.remove());
}

for (const theme of THEMES) {
  test(`axe finds no WCAG A/AA violation · ${theme}`, async ({ page, browser }) => {
    test.setTimeout(120_000); // six pages, each a full axe run (about 2 s each on a busy machine)
    await themed(page, theme);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("client-row").filter({ hasText: clientId })).toBeVisible();
    await expectNoViolations(page, theme, "dashboard");
    await expectAxeSeesPlantedFailure(page, theme);

    await page.goto(`/clients/${clientId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Accessible Dental Group" })).toBeVisible();
    await expect(page.getByTestId("policy-block")).toBeVisible();
    await expectNoViolations(page, theme, "client page");

    await page.goto("/clients/new");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoViolations(page, theme, "register form");
    // With its errors showing.
    await page.getByLabel("Client ID").fill("Bad Id");
    await page.getByTestId("system-row").first().getByLabel("Health URL", { exact: true }).fill("ftp://x");
    await page.getByRole("button", { name: "Register client" }).click();
    await expect(page.getByTestId("form-summary")).toBeVisible();
    await expectNoViolations(page, theme, "register form with errors");

    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expectNoViolations(page, theme, "settings");

    const signedOut = await signedOutPage(browser, theme);
    await signedOut.goto("/sign-in");
    await expect(signedOut.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expectNoViolations(signedOut, theme, "sign-in");
    await signedOut.context().close();
  });
}
