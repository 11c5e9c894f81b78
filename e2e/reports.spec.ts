// Client reports in the browser (issue #12): generate one from the dialog (field errors beside
// the fields), download its PDF (content type, file name), open the printable view, regenerate
// (version 2), filters kept in the address; schedules with friendly presets (the five-field cron
// they build), switched off and deleted; Settings → Branding with a small SVG logo; a viewer sees
// and downloads but cannot generate or schedule. Ends with screenshots to look at (desktop light
// and dark, phone), saved under SHOTS_DIR, with axe (WCAG A/AA) on the desktop ones.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addUser, signedInPage, uniqueId } from "./support/accounts";

const ZONE = "Europe/Berlin";
const THEMES = ["light", "dark"] as const;
const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const SHOTS = process.env.SHOTS_DIR ?? "e2e/screenshots";
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32"><rect width="32" height="32" rx="6" fill="#0f766e"/><text x="40" y="22" font-family="sans-serif" font-size="16" fill="#0f172a">Northwind</text></svg>';

async function newClient(request: APIRequestContext, name: string) {
  const clientId = uniqueId("e2e-reports");
  const created = await request.post("/api/clients", {
    data: { client_id: clientId, client_name: name, time_zone: ZONE, systems: [{ name: "Order API", health_url: "https://orders.example.invalid/health" }] },
  });
  expect(created.status()).toBe(201);
  return clientId;
}

const rows = (page: Page) => page.getByTestId("report-row");

/** axe (WCAG 2 A/AA) on what is on screen: no violations, listed readably when there are. */
async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(found, what).toEqual([]);
}

test("generates a report from the dialog, downloads its PDF, opens the print view and regenerates it", async ({ page, request }) => {
  const name = `Hanse Reports ${Date.now().toString(36)}`;
  const clientId = await newClient(request, name);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();

  // The dialog: a reversed custom range is refused beside its fields, nothing is stored.
  await page.getByTestId("generate-report").click();
  const form = page.getByTestId("generate-report-form");
  await expect(form).toBeVisible();
  await form.getByLabel("Client", { exact: true }).selectOption(clientId);
  await form.getByLabel("Report type").selectOption("custom");
  await form.getByLabel("First day").fill("2026-10-20");
  await form.getByLabel("Last day").fill("2026-10-10");
  await form.getByRole("button", { name: "Generate report" }).click();
  await expect(form.locator("[data-field-error]").first()).toBeVisible();
  await expect(form.getByRole("alert").first()).toBeVisible();
  const none = await (await request.get(`/api/reports?client_id=${clientId}`)).json();
  expect(none.reports).toEqual([]);

  // The last complete month in the client's zone: the dialog closes, the report leads the list.
  await form.getByLabel("Report type").selectOption("monthly");
  await expect(form.getByText("The last complete month")).toBeVisible();
  await form.getByRole("button", { name: "Generate report" }).click();
  await expect(form).toBeHidden({ timeout: 20_000 });
  const banner = page.getByTestId("generated-report");
  await expect(banner).toContainText(name);
  const first = rows(page).first();
  await expect(first).toContainText(name);
  await expect(first).toContainText("Monthly");
  await expect(first).toContainText("On demand");

  // The PDF: an attachment named like acme-2026-11-monthly.pdf, application/pdf, a real PDF.
  const pdfLink = first.getByRole("link", { name: "PDF" });
  const [download] = await Promise.all([page.waitForEvent("download"), pdfLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-monthly\.pdf$/);
  const href = (await pdfLink.getAttribute("href"))!;
  const pdf = await request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/attachment;.*filename="?[a-z0-9-]+-\d{4}-\d{2}-monthly\.pdf"?/);
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // The printable view opens in a new tab with the client's name.
  const [popup] = await Promise.all([page.waitForEvent("popup"), first.getByRole("link", { name: "Print view" }).click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toContain("format=html");
  await expect(popup.locator("body")).toContainText(name);
  await popup.close();

  // Regenerate: the same period again, as version 2, at the top.
  await first.getByRole("button", { name: /^Regenerate / }).click();
  await expect(rows(page).first()).toContainText("v2", { timeout: 20_000 });
  await expect(rows(page).filter({ hasText: name })).toHaveCount(2);

  // Filters live in the address and survive a reload.
  await page.getByLabel("Client", { exact: true }).selectOption(clientId);
  await page.getByLabel("Type", { exact: true }).selectOption("custom");
  await expect(page).toHaveURL(new RegExp(`client_id=${clientId}.*report_type=custom`));
  await expect(page.getByRole("heading", { name: "No reports match these filters" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Type", { exact: true })).toHaveValue("custom");
  await page.getByLabel("Type", { exact: true }).selectOption("monthly");
  await expect(rows(page)).toHaveCount(2);
});

test("schedules a weekly report from the client page, edits it to monthly, pauses and deletes it", async ({ page, request }) => {
  const clientId = await newClient(request, "Baltic Schedules");
  await page.goto(`/clients/${clientId}`);
  const section = page.getByTestId("client-reports");
  await expect(section).toContainText("No reports for this client yet");
  await expect(section.getByTestId("schedule-row")).toHaveCount(0);

  await page.getByTestId("client-add-schedule").click();
  const form = page.getByTestId("schedule-form");
  await expect(form).toBeVisible();
  // Weekly by default: Mondays at 09:00 in the client's zone.
  await expect(form.getByTestId("schedule-preview")).toContainText(`Every Monday at 09:00 (${ZONE})`);
  await form.getByLabel("Recipients").fill("not-an-email");
  await form.getByRole("button", { name: "Add schedule" }).click();
  await expect(form.locator('[data-field-error="recipients"]')).toBeVisible();
  await expect(form.getByLabel("Recipients")).toBeFocused();
  await form.getByLabel("Recipients").fill("ops@baltic.example\nceo@baltic.example");
  await form.getByRole("button", { name: "Add schedule" }).click();
  await expect(form).toBeHidden();

  const row = section.getByTestId("schedule-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Weekly report");
  await expect(row).toContainText("ops@baltic.example, ceo@baltic.example");
  await expect(row.getByTestId("schedule-description")).toContainText("Monday");
  await expect(row).toContainText("Next:");
  let api = (await (await request.get(`/api/report-schedules?client_id=${clientId}`)).json()).schedules;
  expect(api).toHaveLength(1);
  expect(api[0].cron).toBe("0 9 * * 1");

  // Edit: monthly on day 15 at 07:30 (a preset, no cron typed).
  await row.getByRole("button", { name: /^Edit / }).click();
  await form.getByLabel("Report", { exact: true }).selectOption("monthly");
  await form.getByLabel("Repeat").selectOption("monthly");
  await form.getByLabel("On day").fill("15");
  await form.getByLabel("At", { exact: true }).fill("07:30");
  await expect(form.getByTestId("schedule-preview")).toContainText("Monthly on day 15 at 07:30");
  await form.getByRole("button", { name: "Save schedule" }).click();
  await expect(form).toBeHidden();
  await expect(row).toContainText("Monthly report");
  api = (await (await request.get(`/api/report-schedules?client_id=${clientId}`)).json()).schedules;
  expect(api[0]).toMatchObject({ cron: "30 7 15 * *", report_type: "monthly", enabled: true });

  // Pause it with the switch, then delete it after a confirmation.
  await row.getByTestId("schedule-enabled").click();
  await expect(row).toContainText("Paused");
  await expect.poll(async () => (await (await request.get(`/api/report-schedules?client_id=${clientId}`)).json()).schedules[0].enabled).toBe(false);
  await row.getByRole("button", { name: /^Delete / }).click();
  const confirm = page.getByRole("dialog", { name: /^Delete the / });
  await confirm.getByRole("button", { name: "Delete schedule" }).click();
  await expect(section.getByTestId("schedule-row")).toHaveCount(0);
  await expect(section.getByRole("heading", { name: "Scheduled reports" })).toHaveCount(0);
});

test("saves the branding with a small SVG logo; a bad colour and a non-image are refused beside their fields", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("link", { name: /^Branding/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Branding" })).toBeVisible();
  const form = page.getByTestId("branding-form");

  await form.getByLabel("Agency name").fill("Northwind Automation");
  await form.locator('input[name="accent_color"]').fill("#0f766");
  await form.getByLabel("Footer line").fill("Northwind Automation · hello@northwind.example");
  await form.getByRole("button", { name: "Save branding" }).click();
  await expect(form.locator('[data-field-error="accent_color"]')).toBeVisible();

  // A text file is not a logo: said at once, nothing sent.
  await form.getByLabel("Logo").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(form.locator('[data-field-error="logo"]')).toContainText("PNG or SVG");

  await form.locator('input[name="accent_color"]').fill("#0f766e");
  await form.getByLabel("Logo").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(LOGO_SVG) });
  await expect(form.locator('[data-field-error="logo"]')).toHaveCount(0);
  await expect(page.getByTestId("logo-preview").getByRole("img")).toBeVisible();
  await form.getByRole("button", { name: "Save branding" }).click();
  await expect(page.getByTestId("branding-saved")).toBeVisible();

  await page.reload();
  await expect(form.getByLabel("Agency name")).toHaveValue("Northwind Automation");
  await expect(form.locator('input[name="accent_color"]')).toHaveValue("#0f766e");
  await expect(page.getByTestId("logo-preview").getByRole("img")).toHaveAttribute("src", /^data:image\/svg\+xml/);
  await expect(page.getByTestId("cover-preview")).toContainText("Your client");
  const settings = await (await page.request.get("/api/settings/agency")).json();
  expect(settings).toMatchObject({ agency_name: "Northwind Automation", accent_color: "#0f766e", report_footer: "Northwind Automation · hello@northwind.example" });
  expect(settings.logo.type).toBe("image/svg+xml");
});

test("a viewer sees the reports and their downloads, but cannot generate, regenerate, schedule or rebrand", async ({ page, browser, request }) => {
  const clientId = await newClient(request, "Viewer Visible Reports");
  const generated = await request.post("/api/reports", { data: { client_id: clientId, report_type: "monthly", include_recommendations: true } });
  expect(generated.ok()).toBe(true);
  const viewer = await addUser(page, "viewer");
  const viewerPage = await signedInPage(browser, viewer.email, viewer.password);

  await viewerPage.goto(`/reports?client_id=${clientId}`);
  const row = viewerPage.getByTestId("report-row").first();
  await expect(row).toContainText("Viewer Visible Reports");
  await expect(row.getByRole("link", { name: "PDF" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Generate report" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Regenerate/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Add schedule" })).toHaveCount(0);

  await viewerPage.goto(`/clients/${clientId}`);
  await expect(viewerPage.getByTestId("client-reports").getByTestId("report-row")).toHaveCount(1);
  await expect(viewerPage.getByTestId("client-generate-report")).toHaveCount(0);
  await expect(viewerPage.getByTestId("client-add-schedule")).toHaveCount(0);

  await viewerPage.goto("/settings/branding");
  await expect(viewerPage.getByTestId("branding-form").getByLabel("Agency name")).toBeDisabled();
  await expect(viewerPage.getByRole("button", { name: "Save branding" })).toHaveCount(0);
  await viewerPage.context().close();
});

test.describe("screenshots", () => {
  let clientId: string;
  test.beforeAll(async ({ request }) => {
    clientId = await newClient(request, "Baltic Freight Lines");
    for (const report_type of ["daily", "weekly", "monthly"]) {
      expect((await request.post("/api/reports", { data: { client_id: clientId, report_type, include_recommendations: true } })).ok()).toBe(true);
    }
  });

  for (const theme of THEMES) {
    for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
      test(`reports · ${theme} · ${device}`, async ({ page }) => {
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        await page.setViewportSize(DEVICES[device]);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
        const sideways = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

        await page.goto("/reports");
        await expect(rows(page).first()).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `${SHOTS}/reports-${theme}-${device}.png`, fullPage: true, animations: "disabled" });
        expect(await sideways()).toBe(true);
        if (device === "desktop") await expectAccessible(page, `reports page (${theme})`);

        await page.getByTestId("generate-report").click();
        await expect(page.getByTestId("generate-report-form")).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/reports-generate-${theme}-${device}.png`, animations: "disabled" });
        if (device === "desktop") await expectAccessible(page, `generate dialog (${theme})`);
        await page.keyboard.press("Escape");
        await expect(page.getByTestId("generate-report-form")).toBeHidden();

        await page.goto(`/clients/${clientId}`);
        const section = page.locator("#client-reports");
        await expect(section.getByTestId("report-row").first()).toBeVisible();
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({ path: `${SHOTS}/reports-client-section-${theme}-${device}.png`, animations: "disabled" });
        expect(await sideways()).toBe(true);

        await page.goto("/settings/branding");
        await expect(page.getByTestId("branding-form")).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/reports-branding-${theme}-${device}.png`, fullPage: true, animations: "disabled" });
        expect(await sideways()).toBe(true);
        if (device === "desktop") await expectAccessible(page, `branding (${theme})`);
        expect(errors).toEqual([]);
      });
    }
  }
});
