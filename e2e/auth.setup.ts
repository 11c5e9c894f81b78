// The first run, for real, in the browser: the e2e server starts on an EMPTY database, so "/"
// leads to /setup, where the first admin is created; they land on the dashboard signed in.
// Saves that session for every other spec, and creates (through Settings) the read & write
// API key the MCP conformance spec needs. On a retry the admin already exists: sign in instead.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STORAGE_STATE, MCP_KEY_FILE, submitSignIn } from "./support/accounts";

setup("first run: create the admin, save the session and an MCP API key", async ({ page }) => {
  mkdirSync(path.dirname(ADMIN_STORAGE_STATE), { recursive: true });
  await page.goto("/");
  await expect(page).toHaveURL(/\/(setup|sign-in)$/);

  if (page.url().endsWith("/setup")) {
    await expect(page.getByRole("heading", { level: 1, name: "Set up ClientPulse" })).toBeVisible();
    // One round names every problem: empty name, bad email, short password and a confirmation
    // that does not match, all beside their fields at once.
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Confirm password").fill("shorter");
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.locator('[id="field-password-error"]')).toContainText("Password must be at least 12 characters");
    await expect(page.locator('[id="field-name-error"]')).toBeVisible();
    await expect(page.locator('[id="field-email-error"]')).toBeVisible();
    await expect(page.locator('[id="field-confirm_password-error"]')).toContainText("does not match");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(`${ADMIN.password}!`);
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.locator('[id="field-confirm_password-error"]')).toContainText("does not match");
    // The one chance to see the setup page (screenshots.spec.ts runs long after it has closed).
    await page.screenshot({ path: "e2e/screenshots/setup-errors-light-desktop.png", fullPage: true, animations: "disabled" });

    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create admin account" }).click();
  } else {
    await submitSignIn(page, ADMIN.email, ADMIN.password);
  }

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const account = page.getByRole("complementary").getByTestId("account-summary");
  await expect(account).toContainText(ADMIN.name);
  await expect(account).toContainText("Admin");
  await page.context().storageState({ path: ADMIN_STORAGE_STATE });

  // The MCP endpoint takes API keys only: make one the way an admin would.
  await page.goto("/settings");
  await page.getByLabel("Name", { exact: true }).fill(`MCP conformance ${Date.now().toString(36)}`);
  await page.getByRole("radio", { name: /^Read & write/ }).check({ force: true });
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("new-api-key-value").inputValue();
  expect(key).toMatch(/^cpk_[A-Za-z0-9_-]{43}$/);
  writeFileSync(MCP_KEY_FILE, key);
});
