// The client page: details, systems, deactivate/reactivate with confirmation, and the 404.
import { expect, test } from "@playwright/test";

function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

test("shows the client's details and systems, and deactivates / reactivates it", async ({ page, request }) => {
  const clientId = uniqueId("e2e-page");
  const name = "Harbour Logistics";
  const created = await request.post("/api/clients", {
    data: {
      client_id: clientId,
      client_name: name,
      industry: "Shipping",
      contact_email: "ops@harbour.example",
      tags: ["e2e", "priority"],
      sla_target: 99.9,
      systems: [
        { name: "Customs filings", health_url: "https://customs.harbour.example/health", metrics_url: "https://customs.harbour.example/metrics" },
        { name: "Dock scheduler", health_url: "https://dock.harbour.example/health", timeout_ms: 5000, degraded_threshold_ms: 1500 },
      ],
    },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/clients/${clientId}`);
  await expect(page).toHaveTitle(new RegExp(name));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Shipping")).toBeVisible();
  await expect(page.getByRole("link", { name: "ops@harbour.example" })).toHaveAttribute("href", "mailto:ops@harbour.example");
  await expect(page.getByTestId("client-facts")).toContainText("SLA 99.9%");
  await expect(page.getByText("priority", { exact: true })).toBeVisible();

  const cards = page.getByTestId("system-card");
  await expect(cards).toHaveCount(2);
  const dock = cards.filter({ hasText: "Dock scheduler" });
  // URLs and settings sit behind each row's disclosure.
  await dock.getByRole("button", { name: "Details of Dock scheduler" }).click();
  await expect(dock.getByTestId("system-details")).toBeVisible();
  await expect(dock).toContainText("5 s");
  await expect(dock).toContainText("1,500 ms");
  await expect(dock).toContainText("Not configured"); // no metrics URL
  await expect(page.getByRole("heading", { name: "Health history" })).toBeVisible();

  // Deactivate: a confirmation first; cancelling changes nothing.
  await page.getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog", { name: `Deactivate ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Deactivate" }).click();
  await dialog.getByRole("button", { name: "Deactivate client" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Inactive", { exact: true })).toBeVisible();
  await expect(page.getByText("This client is inactive.")).toBeVisible();

  // Hidden from the dashboard, still listed (marked) under Clients.
  await page.goto("/");
  await expect(page.getByTestId("client-row").filter({ hasText: clientId })).toHaveCount(0);
  await page.goto("/clients");
  const row = page.getByTestId("client-row").filter({ hasText: clientId });
  await expect(row).toContainText("Inactive");

  await page.goto(`/clients/${clientId}`);
  await page.getByRole("button", { name: "Reactivate" }).click();
  await page.getByRole("dialog", { name: `Reactivate ${name}?` }).getByRole("button", { name: "Reactivate client" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("client-row").filter({ hasText: clientId })).toBeVisible();
});

test("an unknown client shows the not-found page inside the app", async ({ page }) => {
  const response = await page.goto("/clients/no-such-client-here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Client not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();

  await page.goto("/this/page/does-not-exist");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("alerts, reports and settings explain what will appear there", async ({ page }) => {
  await page.goto("/alerts");
  // Built (issue #11): the Alerts page, with its way to the rules; its own spec is alerts-page.spec.ts.
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Alert rules" }).first()).toHaveAttribute("href", "/alerts/rules");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Alerts", exact: true })).toHaveAttribute("aria-current", "page");
  // Built (issue #12): the Reports page; its own spec is reports.spec.ts.
  await expect(nav.getByRole("link", { name: "Reports", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Clients", exact: true })).toBeVisible();
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByText("Reports are coming")).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Appearance" })).toBeVisible();
});

test("Check now probes the client's systems and shows their status and reason", async ({ page, request, baseURL }) => {
  const clientId = uniqueId("e2e-check");
  // The demo fleet is served by this very server (loopback is allow-listed for the e2e server).
  const fleet = `${baseURL}/api/demo/fleet/tnt-limousine-001/lead-processing`;
  const created = await request.post("/api/clients", {
    data: { client_id: clientId, client_name: "Checked Co", systems: [{ name: "Lead routing", health_url: `${fleet}/health` }] },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/clients/${clientId}`);
  const card = page.getByTestId("system-card");
  // The scheduler may already have made the first check; "check now" is one more either way.
  await page.getByRole("button", { name: "Check now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Checked 1 system/ })).toBeVisible();
  await expect(card).toContainText("Healthy");
  await expect(card).toContainText("reported healthy");
  await expect(card).not.toContainText("Awaiting first check");
});
