// Full-page screenshots to LOOK at (not compared): light + dark, desktop + phone, of the
// dashboard, the register form with its errors showing, a client page, sign-in (signed out,
// with a wrong-password error), settings, users and the audit log; on desktop also a new API
// key shown once. Saved to e2e/screenshots/ (gitignored).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { SIGNED_OUT } from "./support/accounts";

const THEMES = ["light", "dark"] as const;
const DEVICES = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 375, height: 812 },
} as const;

const clientId = `shots-${Date.now().toString(36)}`;

test.beforeAll(async ({ request }) => {
  const response = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: "Atlas Home Services",
      industry: "Home services",
      contact_email: "ops@atlas-home.example",
      tags: ["screenshots", "priority"],
      sla_target: 99.9,
      systems: [
        { name: "Lead routing", health_url: "https://leads.atlas-home.example/health", metrics_url: "https://leads.atlas-home.example/metrics" },
        { name: "Invoice sync", health_url: "https://billing.atlas-home.example/health", check_interval_seconds: 300 },
        { name: "Review requests", health_url: "https://reviews.atlas-home.example/health", timeout_ms: 5000 },
      ],
    },
  });
  expect(response.status()).toBe(201);
});

/** A signed-out page in the same theme and size (the test's own page is signed in as the admin). */
async function signedOutPage(browser: Browser, theme: (typeof THEMES)[number], device: keyof typeof DEVICES): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, viewport: DEVICES[device], colorScheme: theme, reducedMotion: "reduce" });
  await context.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
  return context.newPage();
}

async function prepare(page: Page, theme: (typeof THEMES)[number], device: keyof typeof DEVICES) {
  await page.setViewportSize(DEVICES[device]);
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
}

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true, animations: "disabled" });
}

for (const theme of THEMES) {
  for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
    test(`screenshots · ${theme} · ${device}`, async ({ page, browser }) => {
      const consoleErrors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(e.message));
      await prepare(page, theme, device);

      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
      if (theme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
      await shoot(page, `dashboard-${theme}-${device}`);

      await page.goto("/clients/new");
      await page.getByLabel("Client ID").fill("Bad Id");
      await page.getByTestId("system-row").first().getByLabel("Name", { exact: true }).fill("Bookings");
      await page.getByTestId("system-row").first().getByLabel("Health URL", { exact: true }).fill("ftp://x");
      await page.getByRole("button", { name: "Register client" }).click();
      await expect(page.getByTestId("form-summary")).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, `register-errors-${theme}-${device}`);

      await page.goto(`/clients/${clientId}`);
      await expect(page.getByRole("heading", { level: 1, name: "Atlas Home Services" })).toBeVisible();
      await shoot(page, `client-${theme}-${device}`);

      await page.goto("/settings");
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
      await shoot(page, `settings-${theme}-${device}`);

      if (device === "desktop") {
        await page.getByLabel("Name", { exact: true }).fill(`Screenshot key ${theme}`);
        await page.getByRole("radio", { name: /^Read & write/ }).check({ force: true });
        await page.getByRole("button", { name: "Create key" }).click();
        await expect(page.getByTestId("new-api-key")).toBeVisible();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot(page, `settings-new-key-${theme}-${device}`);
      }

      await page.goto("/settings/users");
      await expect(page.getByTestId("users-table")).toBeVisible();
      await shoot(page, `users-${theme}-${device}`);

      await page.goto("/settings/audit?limit=20");
      await expect(page.getByTestId("audit-table")).toBeVisible();
      await shoot(page, `audit-${theme}-${device}`);

      const out = await signedOutPage(browser, theme, device);
      out.on("console", (m) => {
        if (m.type() === "error" && !/status of 401/.test(m.text())) consoleErrors.push(m.text());
      });
      out.on("pageerror", (e) => consoleErrors.push(e.message));
      await out.goto("/");
      await expect(out.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await shoot(out, `sign-in-${theme}-${device}`);
      await out.getByLabel("Email").fill("nobody@clientpulse.test");
      await out.getByLabel("Password", { exact: true }).fill("wrong password here");
      await out.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(out.getByTestId("sign-in-error")).toBeVisible();
      await shoot(out, `sign-in-error-${theme}-${device}`);
      await out.context().close();

      expect(consoleErrors, "no console errors").toEqual([]);
    });
  }
}
