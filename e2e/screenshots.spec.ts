// Full-page screenshots to LOOK at (not compared): light + dark, desktop + phone, of the
// dashboard, the register form with its errors showing, and a client page. Saved to
// e2e/screenshots/ (gitignored).
import { expect, test, type Page } from "@playwright/test";

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
    test(`screenshots · ${theme} · ${device}`, async ({ page }) => {
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

      expect(consoleErrors, "no console errors").toEqual([]);
    });
  }
}
