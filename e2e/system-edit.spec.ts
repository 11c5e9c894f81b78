// Editing a system from its card (a dialog with the verb's field errors beside the fields), the
// confirmation count on the card, a check refused by the network policy, and the admin's
// "Private network access" switch. Ends with screenshots to look at (e2e/screenshots/).
import { expect, test, type Page } from "@playwright/test";
import { addUser, signedInPage, uniqueId } from "./support/accounts";

const THEMES = ["light", "dark"] as const;
const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 375, height: 812 } } as const;

async function newClient(request: import("@playwright/test").APIRequestContext, name: string) {
  const clientId = uniqueId("e2e-sys");
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: name,
      systems: [
        { name: "Booking API", health_url: "https://booking.example.invalid/health", metrics_url: "https://booking.example.invalid/metrics" },
        // A private address: refused by the network policy until an admin allows it for this client.
        { name: "Depot gateway", health_url: "http://192.168.77.1:9/health", timeout_ms: 2000 },
      ],
    },
  });
  expect(created.status()).toBe(201);
  return clientId;
}

const card = (page: Page, name: string) => page.getByTestId("system-card").filter({ has: page.getByRole("heading", { level: 3, name }) });

test("edits a system's interval and confirmations through the dialog; a field error shows beside the field until fixed", async ({ page, request }) => {
  const clientId = await newClient(request, "Northwind Couriers");
  await page.goto(`/clients/${clientId}`);
  const booking = card(page, "Booking API");
  await expect(booking.getByTestId("stat-confirm")).toHaveText(/2 checks/);
  await expect(booking.getByTestId("stat-interval")).toHaveText(/60 s/);

  const edit = booking.getByRole("button", { name: "Edit Booking API" });
  await edit.click();
  const dialog = page.getByRole("dialog", { name: "Edit Booking API" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await expect(dialog.getByLabel("Check interval")).toHaveValue("60");
  await expect(dialog.getByLabel("Confirmations")).toHaveValue("2");

  // The verb's rule, shown beside the field; what was typed stays.
  await dialog.getByLabel("Check interval").fill("5");
  await dialog.getByLabel("Confirmations").fill("3");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  const intervalError = dialog.locator('[data-field-error="check_interval_seconds"]');
  await expect(intervalError).toHaveText("Check interval must be at least 10 seconds");
  await expect(dialog.getByLabel("Check interval")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Check interval")).toBeFocused();
  await expect(dialog.getByLabel("Check interval")).toHaveValue("5");
  await expect(dialog.getByLabel("Confirmations")).toHaveValue("3");
  await expect(dialog.getByRole("alert")).toContainText("Please correct the highlighted field.");
  await expect(booking.getByTestId("stat-interval")).toHaveText(/60 s/); // nothing saved

  // A timeout longer than the new interval is the timeout's problem.
  await dialog.getByLabel("Check interval").fill("30");
  await expect(intervalError).toHaveCount(0); // editing the field hides its stale error
  await dialog.getByLabel("Timeout").fill("45000");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.locator('[data-field-error="timeout_ms"]')).toHaveText("Timeout must not be longer than the check interval");

  await dialog.getByLabel("Timeout").fill("8000");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused(); // focus returns to the button that opened the dialog
  await expect(booking.getByTestId("stat-interval")).toHaveText(/30 s/);
  await expect(booking.getByTestId("stat-timeout")).toHaveText(/8 s/);
  await expect(booking.getByTestId("stat-confirm")).toHaveText(/3 checks/);

  // Reopened, it starts from the saved settings; Escape closes it without saving.
  await edit.click();
  await expect(dialog.getByLabel("Check interval")).toHaveValue("30");
  await dialog.getByLabel("Confirmations").fill("9");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(booking.getByTestId("stat-confirm")).toHaveText(/3 checks/);

  const stored = await (await request.get(`/api/clients/${clientId}`)).json();
  expect(stored.systems.find((s: { name: string }) => s.name === "Booking API")).toMatchObject({
    check_interval_seconds: 30,
    timeout_ms: 8000,
    confirmations: 3,
    metrics_url: "https://booking.example.invalid/metrics",
  });
});

test("renames and pauses a system and clears its metrics URL; over REST the name travels URL-encoded", async ({ page, request }) => {
  const clientId = await newClient(request, "Harbour Freight");
  await page.goto(`/clients/${clientId}`);
  await card(page, "Booking API").getByRole("button", { name: "Edit Booking API" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Booking API" });

  // A name another system has is refused on the name field.
  await dialog.getByLabel("Name").fill("depot GATEWAY");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.locator('[data-field-error="name"]')).toHaveText('Another system of this client is already called "Depot gateway"');

  await dialog.getByLabel("Name").fill("Bookings v2");
  await dialog.getByLabel("Metrics URL").fill("");
  const monitor = dialog.getByRole("switch", { name: "Monitor this system" });
  await expect(monitor).toHaveAttribute("aria-checked", "true");
  await monitor.click();
  await expect(monitor).toHaveAttribute("aria-checked", "false");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();

  const renamed = card(page, "Bookings v2");
  await expect(renamed).toContainText("Disabled");
  await expect(renamed).toContainText("Checks paused for this system");
  await renamed.getByRole("button", { name: "Details of Bookings v2" }).click();
  await expect(renamed.getByText("Not configured")).toBeVisible();
  await expect(card(page, "Booking API")).toHaveCount(0);

  // The REST edge through the real server: the system's name travels URL-encoded in the path.
  const systemUrl = (name: string) => `/api/clients/${clientId}/systems/${encodeURIComponent(name)}`;
  const odd = await request.patch(systemUrl("depot gateway"), { data: { name: "Depot / gateway 100%" } });
  expect(odd.status()).toBe(200);
  const patched = await request.patch(systemUrl("Depot / gateway 100%"), { data: { confirmations: 4 } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ name: "Depot / gateway 100%", confirmations: 4 });
  const invalid = await request.patch(systemUrl("Depot / gateway 100%"), { data: { confirmations: 11 } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).error.issues).toEqual([{ path: "confirmations", message: "must be at most 10" }]);
  await page.reload();
  await expect(card(page, "Depot / gateway 100%").getByTestId("stat-confirm")).toHaveText(/4 checks/);
});

test("a check refused by the network policy says so on the card and points the admin at the private-network switch", async ({ page, request }) => {
  const clientId = await newClient(request, "Depot Systems");
  await page.goto(`/clients/${clientId}`);
  const access = page.getByRole("switch", { name: "Private network access" });
  await expect(access).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("private-network")).toContainText("Allow checks of private addresses (10.x, 192.168.x, localhost) for this client");

  await page.getByRole("button", { name: "Check now" }).click();
  const depot = card(page, "Depot gateway");
  await expect(depot).toContainText("blocked by network policy");
  // Refused by our policy: shown as misconfigured (unknown), never as an outage.
  await expect(depot).toContainText("Misconfigured");
  await expect(depot).not.toContainText("Down");
  const note = depot.getByTestId("policy-block");
  await expect(note).toContainText("ClientPulse did not send this check: the address is private.");
  await note.getByRole("link", { name: "Allow private network access" }).click();
  await expect(page).toHaveURL(/#private-network$/);

  await access.click();
  await expect(access).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("private-network")).toContainText("Allowed");
  await page.reload();
  await expect(page.getByRole("switch", { name: "Private network access" })).toHaveAttribute("aria-checked", "true");
  expect((await (await request.get(`/api/clients/${clientId}`)).json()).allow_private_targets).toBe(true);

  // And off again.
  await page.getByRole("switch", { name: "Private network access" }).click();
  await expect(page.getByRole("switch", { name: "Private network access" })).toHaveAttribute("aria-checked", "false");
  await expect.poll(async () => (await (await request.get(`/api/clients/${clientId}`)).json()).allow_private_targets).toBe(false);
});

test("editors may edit systems but not the private-network setting; viewers see neither", async ({ page, browser, request }) => {
  test.setTimeout(60_000); // two more users, each signing in through the real form: slow on a busy machine
  const clientId = await newClient(request, "Role Check Couriers");
  const editor = await addUser(page, "editor");
  const viewer = await addUser(page, "viewer");

  const editorPage = await signedInPage(browser, editor.email, editor.password);
  await editorPage.goto(`/clients/${clientId}`);
  await editorPage.getByRole("button", { name: "Check now" }).click();
  await expect(card(editorPage, "Depot gateway").getByTestId("policy-block")).toContainText("An admin can allow private network access for this client.");
  await expect(editorPage.getByRole("switch", { name: "Private network access" })).toHaveCount(0);
  await card(editorPage, "Booking API").getByRole("button", { name: "Edit Booking API" }).click();
  const dialog = editorPage.getByRole("dialog", { name: "Edit Booking API" });
  await dialog.getByLabel("Confirmations").fill("4");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(card(editorPage, "Booking API").getByTestId("stat-confirm")).toHaveText(/4 checks/);

  const viewerPage = await signedInPage(browser, viewer.email, viewer.password);
  await viewerPage.goto(`/clients/${clientId}`);
  await expect(card(viewerPage, "Booking API").getByTestId("stat-confirm")).toHaveText(/4 checks/);
  await expect(viewerPage.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await expect(viewerPage.getByRole("switch")).toHaveCount(0);
});

test.describe("screenshots", () => {
  let clientId: string;
  test.beforeAll(async ({ request }) => {
    clientId = await newClient(request, "Atlas Depot Services");
  });

  for (const theme of THEMES) {
    for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
      test(`system edit · ${theme} · ${device}`, async ({ page }) => {
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        await page.setViewportSize(DEVICES[device]);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
        await page.goto(`/clients/${clientId}`);
        await page.getByRole("button", { name: "Check now" }).click();
        await expect(card(page, "Depot gateway").getByTestId("policy-block")).toBeVisible();
        await expect(page.getByRole("button", { name: "Check now" })).toBeEnabled({ timeout: 20_000 });
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `e2e/screenshots/system-cards-${theme}-${device}.png`, fullPage: true, animations: "disabled" });

        await card(page, "Booking API").getByRole("button", { name: "Edit Booking API" }).click();
        const dialog = page.getByRole("dialog", { name: "Edit Booking API" });
        await dialog.getByLabel("Check interval").fill("5");
        await dialog.getByLabel("Health URL").fill("ftp://booking.example.invalid/health");
        await dialog.getByRole("button", { name: "Save changes" }).click();
        await expect(dialog.locator('[data-field-error="check_interval_seconds"]')).toBeVisible();
        await page.screenshot({ path: `e2e/screenshots/system-edit-dialog-${theme}-${device}.png`, animations: "disabled" });
        await dialog.getByRole("switch", { name: "Monitor this system" }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `e2e/screenshots/system-edit-dialog-end-${theme}-${device}.png`, animations: "disabled" });
        await page.keyboard.press("Escape");
        expect(errors).toEqual([]);
      });
    }
  }
});
