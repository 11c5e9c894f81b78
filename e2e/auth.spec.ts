// Accounts end to end: signing in and out, first-run setup closing behind the first admin,
// what a viewer can (not) see, users and roles, API keys that work until revoked, the audit log.
// Everything here uses its own fresh sessions: signing the shared admin session out would
// sign every later spec out with it.
import { expect, test, type Page } from "@playwright/test";
import { addUser, ADMIN, SIGNED_OUT, signedInPage, submitSignIn, uniqueId } from "./support/accounts";

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("signs out and back in, and follows a same-site next path only", async ({ page, baseURL }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

    await submitSignIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/$/);
    const sidebar = page.getByRole("complementary");
    await expect(sidebar.getByTestId("account-summary")).toContainText(ADMIN.email);
    await expect(sidebar.getByTestId("account-summary")).toContainText("Admin");

    await sidebar.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?notice=signed-out$/);
    await expect(page.getByTestId("sign-in-notice")).toContainText("signed out");
    // The session is gone on the server too, not just the cookie.
    await page.goto("/clients");
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get("/api/clients")).status()).toBe(401);

    // Back in, straight to where we were headed; a foreign "next" goes home instead.
    await page.goto("/sign-in?next=%2Fclients");
    await submitSignIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/clients$/);
    await page.getByRole("complementary").getByRole("button", { name: "Sign out" }).click();
    await page.goto("/sign-in?next=%2F%2Fevil.example%2Fphish");
    await submitSignIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(`${baseURL}/`);
    // Signed in, /sign-in has nothing to offer: on to the dashboard.
    await page.goto("/sign-in");
    await expect(page).toHaveURL(/\/$/);
  });

  test("a wrong password shows the error and stays on /sign-in", async ({ page }) => {
    await page.goto("/sign-in");
    await submitSignIn(page, ADMIN.email, "not the right password at all");
    await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  });

  test("/setup leads to sign-in once an admin exists", async ({ page }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

/** Opens `path` on a page whose session was just ended: its own background refresh may already be
 *  taking it to the sign-in page (with ?notice=session-ended), which interrupts our navigation. */
async function gotoAfterSessionEnded(p: Page, path: string) {
  await p.goto(path).catch((error: unknown) => {
    if (!/interrupted by another navigation/.test(String(error))) throw error;
  });
  await expect(p).toHaveURL(/\/sign-in(\?notice=session-ended)?$/);
}

test("a viewer sees no way to change anything and no admin settings", async ({ page, browser, request }) => {
  const clientId = uniqueId("e2e-viewer");
  const created = await request.post("/api/clients", {
    data: { client_id: clientId, client_name: "Viewer Visible Co", systems: [{ name: "API", health_url: "https://viewer.example.com/health" }] },
  });
  expect(created.status()).toBe(201);

  const viewer = await addUser(page, "viewer");
  const viewerPage = await signedInPage(browser, viewer.email, viewer.password);
  const sidebar = viewerPage.getByRole("complementary");
  await expect(sidebar.getByTestId("account-summary")).toContainText("Viewer");

  await expect(viewerPage.getByTestId("client-row").first()).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: /Register (a )?client/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Load demo workspace" })).toHaveCount(0);

  await viewerPage.goto("/clients");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: /Register (a )?client/ })).toHaveCount(0);

  await viewerPage.goto(`/clients/${clientId}`);
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Viewer Visible Co" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: /Deactivate|Reactivate/ })).toHaveCount(0);

  await viewerPage.goto("/clients/new");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "You need editor access" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Register client" })).toHaveCount(0);

  await viewerPage.goto("/settings");
  await expect(viewerPage.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(viewerPage.getByRole("heading", { name: "API keys" })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: /Users/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: /Audit log/ })).toHaveCount(0);
  for (const path of ["/settings/users", "/settings/audit"]) {
    await viewerPage.goto(path);
    await expect(viewerPage.getByRole("heading", { level: 1, name: "You need admin access" })).toBeVisible();
  }

  // The verbs refuse too, whatever the UI shows.
  const refused = await viewerPage.request.post("/api/clients", {
    data: { client_id: uniqueId("e2e-nope"), client_name: "Nope", systems: [{ name: "API", health_url: "https://nope.example.com/health" }] },
  });
  expect(refused.status()).toBe(403);
  await viewerPage.context().close();
});

test("admins change roles and deactivate users; the last admin cannot demote themselves", async ({ page, browser }) => {
  test.setTimeout(60_000); // signs in two more people; a busy machine took longer than 30 s
  const person = await addUser(page, "viewer");
  const row = page.locator(`[data-testid="user-row"][data-email="${person.email}"]`);

  // Viewer → editor: the role select, then Save.
  await row.getByLabel(`Role for ${person.name}`).selectOption("editor");
  await row.getByRole("button", { name: /^Save/ }).click();
  await expect(row.getByTestId("user-row-notice")).toContainText("is now editor");

  const editorPage = await signedInPage(browser, person.email, person.password);
  await expect(editorPage.getByRole("complementary").getByTestId("account-summary")).toContainText("Editor");
  await editorPage.goto("/clients");
  await expect(editorPage.getByRole("link", { name: "Register client" })).toBeVisible();
  await editorPage.goto("/settings");
  await expect(editorPage.getByRole("heading", { name: "API keys" })).toHaveCount(0);

  // Reset their password: their session ends; the new password works.
  const newPassword = `reset passphrase ${uniqueId("pw")}`;
  await row.getByRole("button", { name: /^Reset password/ }).click();
  const dialog = page.getByRole("dialog", { name: `Reset password for ${person.name}` });
  await dialog.getByLabel("New password").fill("too short");
  await dialog.getByRole("button", { name: "Set new password" }).click();
  await expect(dialog.locator('[id="field-new_password-error"]')).toContainText("at least 12 characters");
  await dialog.getByLabel("New password").fill(newPassword);
  await dialog.getByRole("button", { name: "Set new password" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("user-row-notice")).toContainText("New password set");
  await gotoAfterSessionEnded(editorPage, "/clients");
  await submitSignIn(editorPage, person.email, newPassword);
  await expect(editorPage).toHaveURL(/\/$/);

  // Deactivate (with confirmation): signed out at once and cannot sign in.
  await row.getByRole("button", { name: /^Deactivate/ }).click();
  await page.getByRole("dialog", { name: `Deactivate ${person.name}?` }).getByRole("button", { name: "Deactivate user" }).click();
  await expect(row).toContainText("Deactivated");
  await gotoAfterSessionEnded(editorPage, "/");
  await submitSignIn(editorPage, person.email, newPassword);
  await expect(editorPage.getByTestId("sign-in-error")).toContainText("deactivated");
  await editorPage.context().close();

  await row.getByRole("button", { name: /^Reactivate/ }).click();
  await expect(row.getByTestId("user-row-notice")).toContainText("can sign in again");

  // The only admin demoting themselves: refused by the verb, explained beside the row.
  const me = page.locator(`[data-testid="user-row"][data-email="${ADMIN.email}"]`);
  await expect(me).toContainText("You");
  await me.getByLabel(/^Role for/).selectOption("viewer");
  await me.getByRole("button", { name: /^Save/ }).click();
  await expect(me.getByTestId("user-row-error")).toContainText("At least one active admin must remain");
  await page.reload();
  await expect(page.locator(`[data-testid="user-row"][data-email="${ADMIN.email}"]`).getByLabel(/^Role for/)).toHaveValue("admin");
});

test("a user changes their own password and signs in again with it", async ({ page, browser }) => {
  const person = await addUser(page, "viewer");
  const own = await signedInPage(browser, person.email, person.password);
  await own.goto("/settings");
  const form = own.getByRole("form", { name: "Change password" });
  const newPassword = `my own passphrase ${uniqueId("pw")}`;

  await form.getByLabel("Current password").fill("this is not it at all");
  await form.getByLabel("New password", { exact: true }).fill(newPassword);
  await form.getByLabel("Confirm new password").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(own.locator('[id="field-current_password-error"]')).toContainText("is not your current password");

  await form.getByLabel("Current password").fill(person.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(own).toHaveURL(/\/sign-in\?notice=password-changed$/);
  await expect(own.getByTestId("sign-in-notice")).toContainText("Password changed");
  await submitSignIn(own, person.email, newPassword);
  await expect(own).toHaveURL(/\/$/);
  await own.context().close();
});

test("an API key is shown once, works against the REST API, and stops working when revoked", async ({ page, playwright, baseURL }) => {
  const name = `e2e read key ${uniqueId("k").slice(-6)}`;
  await page.goto("/settings");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Expires after").fill("30");
  await page.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByTestId("new-api-key");
  await expect(reveal).toContainText("You won’t see it again");
  const key = await page.getByTestId("new-api-key-value").inputValue();
  expect(key).toMatch(/^cpk_/);
  await expect(reveal).toContainText(`Authorization: Bearer ${key}`);
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("Read only");
  await expect(row).toContainText("never");
  await expect(row).toContainText("Active");

  // A context with no cookies at all: the key alone must do.
  const api = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
  const auth = { Authorization: `Bearer ${key}` };
  expect((await api.get("/api/clients")).status()).toBe(401);
  const ok = await api.get("/api/clients", { headers: auth });
  expect(ok.status(), await ok.text()).toBe(200);
  expect(await ok.json()).toHaveProperty("clients");
  // Read only: a write is refused.
  expect((await api.post("/api/clients", { headers: auth, data: { client_id: uniqueId("nope"), client_name: "No", systems: [] } })).status()).toBe(403);

  // Dismissed, the key is gone for good; a reload never shows it again.
  await reveal.getByRole("button", { name: /Done/ }).click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText(/\d+ s ago|just now|min ago/); // last used

  await page.getByTestId("api-key-row").filter({ hasText: name }).getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog", { name: `Revoke “${name}”?` }).getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText("Revoked");
  const revoked = await api.get("/api/clients", { headers: auth });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.message).toContain("revoked");
  await api.dispose();
});

test("the audit log lists what happened, filters by action and outcome, and pages back", async ({ page }) => {
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  // The first admin's setup is the oldest entry: on the first page of the user.* entries (the
  // whole log's first page is other specs' work by now).
  await page.goto("/settings/audit?action=user.");
  await expect(page.getByTestId("audit-table")).toContainText("user.setup_admin");
  await page.goto("/settings/audit");

  await page.getByLabel("Action").selectOption("api_key.");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=api_key\./);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("api_key.");

  await page.goto("/settings/audit?outcome=failed&action=auth.");
  await expect(page.getByLabel("Outcome")).toHaveValue("failed");
  await expect(rows.first()).toContainText("auth.sign_in");
  await expect(rows.first()).toContainText("Failed");

  // Paging back with before_id (two entries a page here, to need no more than a few).
  await page.goto("/settings/audit?limit=2");
  await expect(rows).toHaveCount(2);
  const newest = (await rows.first().textContent()) ?? "";
  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/limit=2&before_id=\d+/);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).not.toHaveText(newest);
  await page.getByRole("link", { name: "Newest" }).click();
  await expect(rows.first()).toHaveText(newest);
});
