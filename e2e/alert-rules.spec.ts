// Alert configuration in the browser: a rule made on a client page (with the verb's field
// errors beside the fields) and listed beside the global rules that apply to the client; a
// channel added in Settings → Alert channels, a webhook's secret shown once. Ends with
// screenshots to look at (SHOTS_DIR, default /tmp/shots-h1): desktop and a 390 px phone, light and dark.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { uniqueId } from "./support/accounts";

const SHOTS = process.env.SHOTS_DIR || "/tmp/shots-h1";
const THEMES = ["light", "dark"] as const;
const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function newClient(request: APIRequestContext, name: string): Promise<string> {
  const clientId = uniqueId("e2e-rules");
  const created = await request.post("/api/clients", {
    data: { client_id: clientId, client_name: name, systems: [{ name: "Order Sync", health_url: "https://orders.example.invalid/health" }, { name: "Invoicing", health_url: "https://invoices.example.invalid/health" }] },
  });
  expect(created.status()).toBe(201);
  return clientId;
}

/** An agency Slack channel (a name under .invalid: never reached, so the server under test sends nothing to the internet) and a global rule through REST, once. */
async function ensureSlackAndGlobalRule(request: APIRequestContext): Promise<void> {
  const { channels } = await (await request.get("/api/alert-channels?client=*&type=slack")).json();
  if (!channels.length) expect((await request.post("/api/alert-channels", { data: { type: "slack", name: "#ops-alerts", destination: "https://hooks.e2e.invalid/services/T01/B02/e2etoken" } })).status()).toBe(201);
  const { thresholds } = await (await request.get("/api/alert-thresholds?client=*")).json();
  if (!thresholds.length) {
    const seed = await request.post("/api/alert-thresholds", { data: { client_id: "*", metric_name: "uptime", threshold: 95.0, comparison: "less_than", alert_type: "slack" } });
    expect(seed.status()).toBe(201);
  }
}

const rules = (page: Page) => page.getByTestId("alert-rules");

test("creates a rule on a client page; a bad threshold is a field error, nothing saved; global rules are marked", async ({ page, request }) => {
  await ensureSlackAndGlobalRule(request);
  const clientId = await newClient(request, "Harbor Freight Co");
  await page.goto(`/clients/${clientId}`);
  const section = rules(page);
  await expect(section.getByRole("heading", { name: /Alert rules/ })).toBeVisible();
  const global = section.getByTestId("alert-rule").filter({ hasText: "uptime over 24 h < 95 %" });
  await expect(global.getByText("Global")).toBeVisible();
  await expect(global.getByRole("button", { name: /^Edit rule/ })).toHaveCount(0); // edited on the global page

  await section.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog", { name: "New alert rule" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Metric").selectOption("success_rate");
  await dialog.getByLabel("System").selectOption("Order Sync");
  await dialog.getByLabel("Comparison").selectOption("less_than");
  await dialog.getByLabel("Threshold").fill("150");
  await expect(dialog.getByRole("checkbox", { name: /Slack: #ops-alerts/ })).toBeChecked(); // the agency default, preselected
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.locator('[data-field-error="threshold"]')).toHaveText("Threshold must be a percentage from 0 to 100 for success_rate");
  await expect(dialog.getByLabel("Threshold")).toBeFocused();
  expect((await (await request.get(`/api/alert-thresholds?client=${clientId}&include_global=false`)).json()).total).toBe(0);

  await dialog.getByLabel("Threshold").fill("90");
  await dialog.getByLabel("Reminders").fill("30");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toBeHidden();
  const created = section.getByTestId("alert-rule").filter({ hasText: "success rate over 1 h < 90 %" });
  await expect(created).toBeVisible();
  await expect(created).toContainText("Order Sync");
  await expect(created).toContainText("Slack: #ops-alerts");
  await expect(created).toContainText("reminds every 30 min");

  // Disable it with its switch; the REST edge agrees.
  await created.getByRole("switch").click();
  await expect(created.getByText("Disabled")).toBeVisible();
  const stored = await (await request.get(`/api/alert-thresholds?client=${clientId}&include_global=false`)).json();
  expect(stored.thresholds).toMatchObject([{ metric: "success_rate", threshold: 90, system: "Order Sync", enabled: false, remind_every_minutes: 30 }]);

  // The global rules are edited on their own page.
  await section.getByRole("link", { name: "Global rules" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alert rules for every client" })).toBeVisible();
  const globalRow = rules(page).getByTestId("alert-rule").filter({ hasText: "uptime over 24 h < 95 %" });
  await globalRow.getByRole("button", { name: /^Edit rule/ }).click();
  const edit = page.getByRole("dialog", { name: "Edit alert rule" });
  await expect(edit.getByLabel("Threshold")).toHaveValue("95");
  await expect(edit.getByLabel("System")).toHaveCount(0); // a "*" rule watches every system
  await edit.getByLabel("Threshold").fill("96");
  await edit.getByRole("button", { name: "Save rule" }).click();
  await expect(edit).toBeHidden();
  await expect(rules(page).getByTestId("alert-rule").filter({ hasText: "uptime over 24 h < 96 %" })).toBeVisible();
  await edit.page().screenshot({ path: `${SHOTS}/global-rules-light-desktop.png`, animations: "disabled" });
  // Back as it was, for the other tests.
  await request.patch(`/api/alert-thresholds/${(await (await request.get("/api/alert-thresholds?client=*")).json()).thresholds[0].id}`, { data: { threshold: 95 } });
});

test("adds channels in Settings: masked destination, default marker, a webhook's secret shown once", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("link", { name: /Alert channels/ }).click();
  await expect(page).toHaveURL(/\/settings\/channels$/);

  await page.getByRole("button", { name: "Add channel" }).click();
  const dialog = page.getByRole("dialog", { name: "New alert channel" });
  await dialog.getByLabel("Type").selectOption("email");
  await dialog.getByLabel("Email addresses").fill("ops@agency.example, nope");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog.locator('[data-field-error="destination"]')).toHaveText('"nope" is not a valid email address');
  await dialog.getByLabel("Email addresses").fill("ops@agency.example, oncall@agency.example");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog).toBeHidden();
  const email = page.getByTestId("alert-channel").filter({ hasText: "Email to ops@agency.example (+1)" });
  await expect(email).toContainText("ops@agency.example, oncall@agency.example");

  const name = `Receiver ${uniqueId("wh")}`;
  await page.getByRole("button", { name: "Add channel" }).click();
  await dialog.getByLabel("Type").selectOption("webhook");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Webhook URL").fill("http://169.254.169.254/latest");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog.locator('[data-field-error="destination"]')).toContainText("cloud metadata");
  await dialog.getByLabel("Webhook URL").fill("https://receiver.e2e.invalid/clientpulse/hook-9876");
  await dialog.getByLabel("Extra headers").fill("X-Team: ops-secret-value");
  await dialog.getByRole("button", { name: "Add channel" }).click();
  await expect(dialog).toBeHidden();
  const reveal = page.getByTestId("webhook-secret");
  await expect(reveal).toBeVisible();
  const secret = await page.getByTestId("webhook-secret-value").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  await expect(page.getByTestId("copy-webhook-secret")).toBeVisible();
  const row = page.getByTestId("alert-channel").filter({ hasText: name });
  await expect(row.getByTestId("channel-destination")).toHaveText("https://receiver.e2e.invalid/…9876");
  await expect(row).toContainText("Headers: X-Team (values hidden)");
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toHaveCount(0);
  await page.reload();
  const html = await page.content();
  expect(html).not.toContain(secret);
  expect(html).not.toContain("ops-secret-value");
  expect(html).not.toContain("hook-9876");
});

test.describe("screenshots", () => {
  let clientId: string;
  test.beforeAll(async ({ request }) => {
    await ensureSlackAndGlobalRule(request);
    clientId = await newClient(request, "Screenshot Logistics");
    const { channels } = await (await request.get("/api/alert-channels?client=*&type=slack")).json();
    await request.post("/api/alert-thresholds", { data: { client_id: clientId, metric: "response_time", comparison: ">", threshold: 5000, system: "Invoicing", channels: [channels[0].id] } });
    await request.post("/api/alert-thresholds", { data: { client_id: clientId, metric: "daily_automations", comparison: "<", threshold: 10, channels: [], enabled: false } });
    await request.post("/api/alert-channels", { data: { type: "slack", name: "Mattermost #acme", destination: "https://mattermost.e2e.invalid/hooks/mattermost", client_id: clientId } });
  });

  for (const theme of THEMES) {
    for (const device of Object.keys(DEVICES) as (keyof typeof DEVICES)[]) {
      test(`alert rules and channels · ${theme} · ${device}`, async ({ page }) => {
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.setViewportSize(DEVICES[device]);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
        await page.addInitScript((t) => window.localStorage.setItem("clientpulse-theme", t), theme);
        await page.goto(`/clients/${clientId}`);
        const section = rules(page);
        await section.scrollIntoViewIfNeeded();
        await page.evaluate(() => document.fonts.ready);
        await section.screenshot({ path: `${SHOTS}/rules-section-${theme}-${device}.png`, animations: "disabled" });
        await section.getByRole("button", { name: "Add rule" }).click();
        await page.getByRole("dialog", { name: "New alert rule" }).getByRole("button", { name: "Add rule" }).click();
        await expect(page.locator('[data-field-error="threshold"]')).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/rule-dialog-${theme}-${device}.png`, animations: "disabled" });
        await page.keyboard.press("Escape");
        await page.goto("/settings/channels");
        await expect(page.getByTestId("agency-channels")).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/channels-${theme}-${device}.png`, fullPage: true, animations: "disabled" });
        // No sideways scroll on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(errors).toEqual([]);
      });
    }
  }
});
