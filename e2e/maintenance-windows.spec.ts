// Maintenance windows on the client page: add one-off, weekly and cron windows through the form
// (field errors from the verb beside the fields, in the client's time zone), the "Active now"
// and header "In maintenance" badges, delete with a confirmation; a viewer sees no controls.
// Ends with screenshots (desktop and a 390 px phone, light and dark) to look at.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addUser, signedInPage, uniqueId } from "./support/accounts";

const ZONE = "Europe/Berlin";
const THEMES = ["light", "dark"] as const;
const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const SHOTS = process.env.SHOTS_DIR ?? "e2e/screenshots";

/** A datetime-local value: the wall clock in `zone` at `ms`. */
function wall(ms: number, zone = ZONE): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

async function newClient(request: APIRequestContext, name: string, healthUrl = "https://booking.example.invalid/health") {
  const clientId = uniqueId("e2e-maint");
  const created = await request.post("/api/clients", {
    data: { client_id: clientId, client_name: name, time_zone: ZONE, systems: [{ name: "Booking API", health_url: healthUrl }] },
  });
  expect(created.status()).toBe(201);
  return clientId;
}

const section = (page: Page) => page.locator("section#maintenance");

async function addOneOff(page: Page, title: string, startMs: number, endMs: number) {
  await section(page).getByRole("button", { name: "Add window" }).click();
  const form = page.getByTestId("maintenance-form");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Starts").fill(wall(startMs));
  await form.getByLabel("Ends").fill(wall(endMs));
  await form.getByRole("button", { name: "Save window" }).click();
  return form;
}

test("plans one-off, weekly and cron windows with field errors, shows them active, and deletes one", async ({ page, request }) => {
  const clientId = await newClient(request, "Hanse Logistics");
  await page.goto(`/clients/${clientId}`);
  await expect(section(page).getByRole("heading", { name: "No maintenance planned" })).toBeVisible();
  await expect(page.getByTestId("in-maintenance")).toHaveCount(0);

  // Ends before it starts: the verb's message beside "Ends", nothing saved, the focus on it.
  const hour = 3_600_000;
  const form = await addOneOff(page, "Database upgrade", Date.now() + 3 * hour, Date.now() + 2 * hour);
  const endError = form.locator('[data-field-error="ends_at"]');
  await expect(endError).toHaveText("End must be after starts_at");
  await expect(form.getByLabel("Ends")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Ends")).toBeFocused();
  expect((await (await request.get(`/api/clients/${clientId}/maintenance-windows`)).json()).total).toBe(0);
  await form.getByLabel("Ends").fill(wall(Date.now() + 5 * hour));
  await expect(endError).toHaveCount(0);
  await form.getByRole("button", { name: "Save window" }).click();
  await expect(form).toBeHidden();
  const upgrade = section(page).getByTestId("maintenance-window").filter({ hasText: "Database upgrade" });
  await expect(upgrade).toContainText("One-off");
  await expect(upgrade).toContainText(`(${ZONE})`);
  await expect(page.getByTestId("in-maintenance")).toHaveCount(0); // not yet on

  // One that is on now: "Active now" in the list, "In maintenance" in the header.
  await addOneOff(page, "Hotfix deploy", Date.now() - 10 * 60_000, Date.now() + hour);
  const hotfix = section(page).getByTestId("maintenance-window").filter({ hasText: "Hotfix deploy" });
  await expect(hotfix).toContainText("Active now");
  await expect(page.getByTestId("in-maintenance")).toContainText("In maintenance until");
  await expect(section(page).getByTestId("maintenance-window").first()).toContainText("Hotfix deploy"); // active first

  // Weekly: Sunday (preselected) at 02:00 for 120 min, in the client's zone.
  await section(page).getByRole("button", { name: "Add window" }).click();
  await form.getByLabel("Title").fill("Weekly patching");
  await form.getByLabel("Kind").selectOption("weekly");
  await form.getByRole("button", { name: "Save window" }).click();
  await expect(section(page).getByTestId("maintenance-window").filter({ hasText: "Weekly patching" })).toContainText(`Sundays 02:00–04:00 (${ZONE})`);

  // Custom cron: a bad expression is the cron field's error.
  await section(page).getByRole("button", { name: "Add window" }).click();
  await form.getByLabel("Title").fill("Month end");
  await form.getByLabel("Kind").selectOption("cron");
  await form.getByLabel("Cron expression").fill("*/5 2 * * *");
  await form.getByRole("button", { name: "Save window" }).click();
  await expect(form.locator('[data-field-error="recurrence"]')).toContainText("minute");
  await form.getByLabel("Cron expression").fill("0 22 28 * *");
  await form.getByRole("button", { name: "Save window" }).click();
  await expect(section(page).getByTestId("maintenance-window").filter({ hasText: "Month end" })).toContainText("Monthly on the 28th 22:00–23:00");

  // Delete with a confirmation: the active one goes, and so does the header badge.
  await hotfix.getByRole("button", { name: "Delete maintenance window Hotfix deploy" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “Hotfix deploy”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete window" }).click();
  await expect(dialog).toBeHidden();
  await expect(hotfix).toHaveCount(0);
  await expect(page.getByTestId("in-maintenance")).toHaveCount(0);
  const listed = await (await request.get(`/api/clients/${clientId}/maintenance-windows`)).json();
  expect(listed.windows.map((w: { title: string }) => w.title).sort()).toEqual(["Database upgrade", "Month end", "Weekly patching"]);
});

test("a viewer sees the windows and the badge, but no add or delete", async ({ page, request, browser }) => {
  const clientId = await newClient(request, "Viewer Freight");
  const now = Date.now();
  const made = await request.post(`/api/clients/${clientId}/maintenance-windows`, {
    data: { title: "Network work", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() },
  });
  expect(made.status()).toBe(201);
  const viewer = await addUser(page, "viewer");
  const viewerPage = await signedInPage(browser, viewer.email, viewer.password);
  await viewerPage.goto(`/clients/${clientId}`);
  await expect(section(viewerPage).getByTestId("maintenance-window")).toContainText("Network work");
  await expect(viewerPage.getByTestId("in-maintenance")).toBeVisible();
  await expect(section(viewerPage).getByRole("button", { name: "Add window" })).toHaveCount(0);
  await expect(section(viewerPage).getByRole("button", { name: /^Delete / })).toHaveCount(0);
});

test.describe("screenshots", () => {
  let clientId: string;
  test.beforeAll(async ({ request }) => {
    // The server's own health endpoint (loopback is allowed in e2e): real checks to plot inside the band.
    const base = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT || 3100}`;
    clientId = await newClient(request, "Baltic Freight Lines", new URL("/api/health-check", base).href);
    const now = Date.now();
    for (const data of [
      { title: "Warehouse WMS upgrade", starts_at: new Date(now - 20 * 60_000).toISOString(), ends_at: new Date(now + 100 * 60_000).toISOString() },
      { title: "Weekly patching", recurrence: "0 2 * * 0", duration_minutes: 120 },
      { title: "Month-end close", recurrence: "0 22 28 * *", duration_minutes: 90 },
    ]) {
      expect((await request.post(`/api/clients/${clientId}/maintenance-windows`, { data })).status()).toBe(201);
    }
    for (let i = 0; i < 3; i++) expect((await request.post(`/api/clients/${clientId}/check`)).ok()).toBe(true);
  });

  for (const theme of THEMES) {
    for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
      test(`maintenance windows · ${theme} · ${device}`, async ({ page }) => {
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        await page.setViewportSize(DEVICES[device]);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
        await page.goto(`/clients/${clientId}`);
        await expect(page.getByTestId("in-maintenance")).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `${SHOTS}/maintenance-header-${theme}-${device}.png`, animations: "disabled" });
        // The response-time chart shades the maintenance period; its checks sit inside the band.
        const chart = page.getByTestId("latency-chart");
        await chart.scrollIntoViewIfNeeded();
        await expect(chart.locator("canvas, svg").first()).toBeVisible();
        await page.waitForTimeout(500);
        await chart.screenshot({ path: `${SHOTS}/maintenance-chart-${theme}-${device}.png`, animations: "disabled" });
        await section(page).scrollIntoViewIfNeeded();
        await section(page).screenshot({ path: `${SHOTS}/maintenance-list-${theme}-${device}.png`, animations: "disabled" });

        await section(page).getByRole("button", { name: "Add window" }).click();
        const form = page.getByTestId("maintenance-form");
        await form.getByLabel("Kind").selectOption("weekly");
        await form.getByLabel("Title").fill("Nightly backups");
        await form.getByLabel("Sun").uncheck();
        await form.getByRole("button", { name: "Save window" }).click();
        await expect(form.getByText("Days must include at least one day")).toBeVisible();
        await section(page).screenshot({ path: `${SHOTS}/maintenance-form-${theme}-${device}.png`, animations: "disabled" });
        // A phone never scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        expect(errors).toEqual([]);
      });
    }
  }
});
