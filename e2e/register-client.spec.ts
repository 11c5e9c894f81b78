// The register-client form, end to end: dynamic system rows, server-side validation shown
// beside each field, values kept after an error, conflicts, and landing on the client page.
import { expect, test, type Page } from "@playwright/test";

function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The input labelled `label` inside system row `index` (0-based); optional fields add "Optional" to the label. */
function systemInput(page: Page, index: number, label: string) {
  return page.getByTestId("system-row").nth(index).getByLabel(new RegExp(`^${label}\\s*(Optional)?$`));
}

test("registers a client with two systems, then finds it on the dashboard", async ({ page }) => {
  const clientId = uniqueId("e2e-reg");
  const name = `Northwind Freight ${clientId.slice(-4)}`;

  await page.goto("/clients/new");
  await expect(page.getByRole("heading", { level: 1, name: "Register a client" })).toBeVisible();

  // The client ID follows the name until the user edits it.
  await page.getByLabel("Client name").fill(name);
  await expect(page.getByLabel("Client ID")).toHaveValue(`northwind-freight-${clientId.slice(-4)}`);
  await page.getByLabel("Client ID").fill(clientId);
  await page.getByLabel("Client name").fill(`${name} `);
  await expect(page.getByLabel("Client ID")).toHaveValue(clientId);

  await page.getByLabel("Industry").fill("Logistics");
  await page.getByLabel("Contact email").fill("ops@northwind.example");
  await page.getByLabel("Tags").fill("e2e, freight");

  await systemInput(page, 0, "Name").fill("Order intake");
  await systemInput(page, 0, "Health URL").fill("https://orders.northwind.example/health");

  // Add a row, remove it, add again: exactly two rows remain.
  const rows = page.getByTestId("system-row");
  await page.getByRole("button", { name: "Add another system" }).click();
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: /^Remove system 2/ }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Remove system 1/ })).toBeDisabled();
  await page.getByRole("button", { name: "Add another system" }).click();
  await expect(rows).toHaveCount(2);

  await systemInput(page, 1, "Name").fill("Invoicing");
  await systemInput(page, 1, "Health URL").fill("https://invoices.northwind.example/health");
  await systemInput(page, 1, "Metrics URL").fill("https://invoices.northwind.example/metrics");
  await rows.nth(1).getByRole("button", { name: /Advanced/ }).click();
  await systemInput(page, 1, "Check interval").fill("120");

  await page.getByRole("button", { name: "Register client" }).click();

  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(clientId, { exact: true }).first()).toBeVisible();
  const cards = page.getByTestId("system-card");
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: "Order intake" })).toContainText("https://orders.northwind.example/health");
  await expect(cards.filter({ hasText: "Invoicing" })).toContainText("2 min");
  await expect(cards.filter({ hasText: "Invoicing" })).toContainText("https://invoices.northwind.example/metrics");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  const row = page.getByTestId("client-row").filter({ hasText: clientId });
  await expect(row).toBeVisible();
  await expect(row).toContainText(name);
  await expect(row).toContainText("2 systems");

  const search = page.getByRole("searchbox", { name: "Search clients" });
  await search.fill(clientId);
  await expect(page.getByTestId("client-row")).toHaveCount(1);
  await search.fill("freight e2e"); // words match across name and tags
  await expect(row).toBeVisible();
  await search.fill(`${clientId}-nothing-like-this`);
  await expect(page.getByTestId("client-row")).toHaveCount(0);
  await expect(page.getByText(/No clients match/)).toBeVisible();

  await page.getByRole("searchbox", { name: "Search clients" }).fill(clientId);
  await row.getByRole("link", { name: `Open ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}$`));
});

test("shows each server error beside its field and keeps what was typed", async ({ page }) => {
  await page.goto("/clients/new");

  // An untouched form: one round names every missing required field, the client name first.
  await page.getByRole("button", { name: "Register client" }).click();
  await expect(page.getByTestId("form-summary").getByRole("listitem")).toHaveText([
    "Client name is required",
    "Client ID is required",
    "System 1 name is required",
    "System 1 health URL is required",
  ]);

  await page.getByLabel("Client ID").fill("Bad Id");
  await page.getByLabel("Industry").fill("Hospitality");
  await systemInput(page, 0, "Name").fill("Bookings");
  await systemInput(page, 0, "Health URL").fill("ftp://x");
  await page.getByRole("button", { name: "Add another system" }).click();
  await systemInput(page, 1, "Name").fill("Payments");
  await systemInput(page, 1, "Health URL").fill("https://payments.example.com/health");
  await page.getByRole("button", { name: "Register client" }).click();

  const summary = page.getByTestId("form-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("Couldn’t register the client");
  await expect(page).toHaveURL(/\/clients\/new$/);

  const expectErrorBeside = async (input: ReturnType<Page["getByLabel"]>, text: RegExp) => {
    await expect(input).toHaveAttribute("aria-invalid", "true");
    const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
    expect(errorId, "input is described by its error").toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toHaveText(text);
  };
  await expectErrorBeside(page.getByLabel("Client name"), /Client name is required/);
  await expectErrorBeside(page.getByLabel("Client ID"), /lowercase letters, digits and single dashes/);
  await expectErrorBeside(systemInput(page, 0, "Health URL"), /Health URL must be an http:\/\/ or https:\/\/ URL/);
  // The second row was valid: no error there.
  await expect(systemInput(page, 1, "Health URL")).not.toHaveAttribute("aria-invalid", "true");

  // Nothing typed is lost.
  await expect(page.getByLabel("Client ID")).toHaveValue("Bad Id");
  await expect(page.getByLabel("Industry")).toHaveValue("Hospitality");
  await expect(page.getByLabel("SLA target")).toHaveValue("99.5");
  await expect(systemInput(page, 0, "Name")).toHaveValue("Bookings");
  await expect(systemInput(page, 0, "Health URL")).toHaveValue("ftp://x");
  await expect(systemInput(page, 1, "Name")).toHaveValue("Payments");
  await expect(page.getByTestId("system-row")).toHaveCount(2);

  // Fixing the fields and resubmitting works from the same form.
  const clientId = uniqueId("e2e-fix");
  await page.getByLabel("Client name").fill("Fixed Hotel Group");
  await page.getByLabel("Client ID").fill(clientId);
  await systemInput(page, 0, "Health URL").fill("https://bookings.example.com/health");
  await page.getByRole("button", { name: "Register client" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${clientId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Fixed Hotel Group" })).toBeVisible();
});

test("a duplicate client ID shows the conflict beside Client ID", async ({ page, request }) => {
  const clientId = uniqueId("e2e-dup");
  const created = await request.post("/api/clients", {
    data: { client_id: clientId, client_name: "Original Co", systems: [{ name: "Main", health_url: "https://original.example.com/health" }] },
  });
  expect(created.status()).toBe(201);

  await page.goto("/clients/new");
  await page.getByLabel("Client name").fill("Copycat Co");
  await page.getByLabel("Client ID").fill(clientId);
  await systemInput(page, 0, "Name").fill("Main");
  await systemInput(page, 0, "Health URL").fill("https://copycat.example.com/health");
  await page.getByRole("button", { name: "Register client" }).click();

  const clientIdInput = page.getByLabel("Client ID");
  await expect(clientIdInput).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator('[id="field-client_id-error"]')).toContainText(`"${clientId}" is already registered`);
  await expect(page.getByTestId("form-summary")).toContainText("already exists");
  await expect(page.getByLabel("Client name")).toHaveValue("Copycat Co");
  await expect(clientIdInput).toHaveValue(clientId);

  // Editing the field clears its stale error right away.
  await clientIdInput.fill(`${clientId}-2`);
  await expect(clientIdInput).not.toHaveAttribute("aria-invalid", "true");
});
