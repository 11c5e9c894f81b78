// Accounts shared by the e2e specs. The admin is created by auth.setup.ts through the real
// first-run page; its session and an MCP API key are saved under test-results/.auth/.
import { expect, type Browser, type Page } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "admin@clientpulse.test", password: "correct horse battery staple" } as const;
export const ADMIN_STORAGE_STATE = "test-results/.auth/admin.json";
export const MCP_KEY_FILE = "test-results/.auth/mcp-key.txt";

/** A storage state with nothing in it: a browser (or request context) that is signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };

export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Fills the sign-in form and submits it (the caller asserts where it lands). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A new, signed-out browser context + page, signed in as `email`; lands on the dashboard. */
export async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  return page;
}

/** Admin: add a user on /settings/users; returns their credentials. */
export async function addUser(page: Page, role: "viewer" | "editor" | "admin") {
  const id = uniqueId(role);
  const user = { name: `Test ${role} ${id.slice(-4)}`, email: `${id}@clientpulse.test`, password: `${role} passphrase ${id}` };
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Name").fill(user.name);
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel("Initial password").fill(user.password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId("add-user-success")).toContainText(user.email);
  await expect(page.locator(`[data-testid="user-row"][data-email="${user.email}"]`)).toBeVisible();
  return user;
}
